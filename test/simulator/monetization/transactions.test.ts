import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MonetizationClient } from '../../../src/isp/monetization-client';
import { isEntitled, isPurchasable, type InSkillProductTransaction, type TransactionFilter } from '../../../src/isp/product';
import { ALICE, BOB, START, authorized, clientFor, daysAfterStart, get, startEmulator, type TestEmulator } from './support';

const HOUR = 3_600_000;

/** Every page, following metadata.resultSet.nextToken as a skill would. */
async function allTransactions(client: MonetizationClient, filter: TransactionFilter = {}): Promise<InSkillProductTransaction[]> {
  const results: InSkillProductTransaction[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.getTransactions({ ...filter, ...(nextToken ? { nextToken } : {}) });
    results.push(...page.results);
    nextToken = page.metadata.resultSet?.nextToken ?? undefined;
  } while (nextToken !== undefined);
  return results;
}

describe('monetization emulator: transactions and child-directed (kid) skills', () => {
  let emulator: TestEmulator;
  let quest: string;
  let hints: string;
  before(async () => {
    emulator = await startEmulator({ pageSize: 1 });
    quest = emulator.productIdOf('cave_quest')!;
    hints = emulator.productIdOf('hint_pack')!;
  });
  after(() => emulator.close());
  afterEach(() => {
    emulator.reset();
    emulator.setChildDirected(false);
    emulator.clock.set(START);
  });

  it('lists no transactions for a skill that is not child-directed, however much is bought', async () => {
    emulator.buy(ALICE, quest);
    emulator.cancel(ALICE, quest);
    const answer = await clientFor(emulator, ALICE).getTransactions();
    assert.deepEqual(answer, { results: [], metadata: { resultSet: { nextToken: null } } });
    assert.equal(emulator.history(ALICE).length, 2, 'the purchase log still has them');
  });

  it('makes a purchase PENDING_PURCHASE until the parent approves it', async () => {
    emulator.setChildDirected(true);
    assert.equal(emulator.buy(ALICE, quest), 'PENDING_PURCHASE');
    assert.equal(emulator.buy(ALICE, quest), 'PENDING_PURCHASE', 'asking again starts no second request');
    let product = await clientFor(emulator, ALICE).getProduct(quest);
    assert.ok(!isEntitled(product));
    assert.ok(!isPurchasable(product), 'NOT_PURCHASABLE while the parent decides');
    assert.deepEqual((await clientFor(emulator, ALICE).getTransactions()).results, [
      { status: 'PENDING_APPROVAL_BY_PARENT', productId: quest, createdTime: START, lastModifiedTime: START },
    ]);

    emulator.clock.set(Date.parse(START) + 2 * HOUR);
    assert.equal(emulator.approvePurchase(ALICE, quest), true);
    product = await clientFor(emulator, ALICE).getProduct(quest);
    assert.ok(isEntitled(product));
    assert.deepEqual((await clientFor(emulator, ALICE).getTransactions()).results, [
      { status: 'APPROVED_BY_PARENT', productId: quest, createdTime: START, lastModifiedTime: '2024-05-01T12:00:00.000Z' },
    ]);
    assert.equal(emulator.approvePurchase(ALICE, quest), false, 'nothing left to decide');
    assert.equal(emulator.buy(ALICE, quest), 'ALREADY_PURCHASED');
  });

  it('records a parent’s refusal, and expires a request left undecided for 24 hours', async () => {
    emulator.setChildDirected(true);
    emulator.buy(ALICE, hints);
    assert.equal(emulator.denyPurchase(ALICE, hints), true);
    assert.equal(emulator.productFor(ALICE, hints, 'en-US')?.activeEntitlementCount, 0);
    assert.equal(emulator.productFor(ALICE, hints, 'en-US')?.purchasable, 'PURCHASABLE');

    emulator.clock.set(daysAfterStart(1));
    emulator.buy(ALICE, quest);
    emulator.clock.set(daysAfterStart(2) - 1);
    assert.equal(emulator.entitlements(ALICE).find((e) => e.referenceName === 'cave_quest')?.pendingApprovalSince, '2024-05-02T10:00:00.000Z');
    emulator.clock.set(daysAfterStart(2));
    assert.equal(emulator.approvePurchase(ALICE, quest), false, 'too late');
    const results = await allTransactions(clientFor(emulator, ALICE));
    assert.deepEqual(
      results.map((t) => [t.status, t.productId, t.lastModifiedTime]),
      [
        ['DENIED_BY_PARENT', hints, START],
        ['EXPIRED_NO_ACTION_BY_PARENT', quest, '2024-05-03T10:00:00.000Z'],
      ],
    );
    assert.equal(emulator.productFor(ALICE, quest, 'en-US')?.purchasable, 'PURCHASABLE');
    assert.deepEqual(
      emulator.history(ALICE).map((entry) => [entry.referenceName, entry.result, entry.parentalStatus]),
      [
        ['hint_pack', 'PENDING_PURCHASE', 'DENIED_BY_PARENT'],
        ['cave_quest', 'PENDING_PURCHASE', 'EXPIRED_NO_ACTION_BY_PARENT'],
      ],
    );
  });

  it('a parent may let a request lapse at once (expirePurchase): EXPIRED_NO_ACTION_BY_PARENT, locked, buyable again', async () => {
    emulator.setChildDirected(true);
    assert.equal(emulator.expirePurchase(ALICE, quest), false, 'nothing awaited a decision');
    emulator.buy(ALICE, quest);
    emulator.clock.set(Date.parse(START) + HOUR);
    assert.equal(emulator.expirePurchase(ALICE, quest), true);
    assert.equal(emulator.expirePurchase(ALICE, quest), false, 'already decided');
    assert.equal(emulator.approvePurchase(ALICE, quest), false, 'too late to approve');
    const product = await clientFor(emulator, ALICE).getProduct(quest);
    assert.ok(!isEntitled(product));
    assert.ok(isPurchasable(product), 'no longer waiting: PURCHASABLE again');
    assert.deepEqual((await clientFor(emulator, ALICE).getTransactions()).results, [
      { status: 'EXPIRED_NO_ACTION_BY_PARENT', productId: quest, createdTime: START, lastModifiedTime: '2024-05-01T11:00:00.000Z' },
    ]);
    assert.equal(emulator.entitlements(ALICE).find((e) => e.referenceName === 'cave_quest')?.pendingApprovalSince, undefined);
    assert.equal(emulator.buy(ALICE, quest), 'PENDING_PURCHASE', 'a new request');
    assert.equal(emulator.parentalTransactions(ALICE).length, 2);
  });

  it('asked again while a parent decides: PENDING_PURCHASE once more, with no second request and no second log line', async () => {
    emulator.setChildDirected(true);
    assert.equal(emulator.buy(ALICE, hints), 'PENDING_PURCHASE');
    emulator.clock.set(Date.parse(START) + HOUR);
    assert.equal(emulator.buy(ALICE, hints), 'PENDING_PURCHASE');
    assert.deepEqual(emulator.history(ALICE).map((entry) => [entry.referenceName, entry.result, entry.at]), [['hint_pack', 'PENDING_PURCHASE', START]]);
    assert.deepEqual((await clientFor(emulator, ALICE).getTransactions()).results.map((t) => [t.status, t.createdTime]), [['PENDING_APPROVAL_BY_PARENT', START]]);
    assert.equal(emulator.approvePurchase(ALICE, hints), true);
    assert.equal(emulator.productFor(ALICE, hints, 'en-US')?.activeEntitlementCount, 1, 'one pack, not two');
  });

  it('off sale: a child-directed buy is ERROR, not a request to the parent', () => {
    emulator.setChildDirected(true);
    emulator.setPurchasable(quest, false);
    try {
      assert.equal(emulator.buy(ALICE, quest), 'ERROR');
      assert.deepEqual(emulator.parentalTransactions(ALICE), []);
    } finally {
      emulator.setPurchasable(quest, true);
    }
  });

  it('filters by productId, status and lastModifiedTime, pages with metadata.resultSet.nextToken, per user', async () => {
    emulator.setChildDirected(true);
    emulator.buy(ALICE, quest); // 1 May
    emulator.clock.set(daysAfterStart(3));
    emulator.buy(ALICE, hints); // 4 May, pending
    emulator.buy(BOB, hints);
    const client = clientFor(emulator, ALICE);

    const first = await client.getTransactions();
    assert.equal(first.results.length, 1, 'pageSize 1');
    const nextToken = (first.metadata.resultSet as { nextToken: string }).nextToken;
    assert.equal(typeof nextToken, 'string');
    const second = await client.getTransactions({ nextToken });
    assert.equal(second.results[0]?.productId, hints);
    assert.equal(second.metadata.resultSet?.nextToken, null);

    assert.deepEqual((await client.getTransactions({ productId: hints })).results.map((t) => t.productId), [hints]);
    assert.deepEqual((await client.getTransactions({ status: 'EXPIRED_NO_ACTION_BY_PARENT' })).results.map((t) => t.productId), [quest]);
    assert.deepEqual(
      (await client.getTransactions({ fromLastModifiedTime: new Date(daysAfterStart(2)) })).results.map((t) => t.productId),
      [hints],
    );
    assert.deepEqual(
      (await client.getTransactions({ toLastModifiedTime: '2024-05-02T10:00:00Z' })).results.map((t) => t.status),
      ['EXPIRED_NO_ACTION_BY_PARENT'],
    );
    assert.equal((await clientFor(emulator, BOB).getTransactions()).results.length, 1);
  });

  it('answers 400 for a bad status, time or maxResults', async () => {
    const headers = authorized(emulator, ALICE);
    for (const query of ['status=APPROVED', 'fromLastModifiedTime=yesterday', 'toLastModifiedTime=', 'maxResults=0', 'nextToken=zzz']) {
      const answer = await get(emulator, `inSkillProductsTransactions?${query}`, headers);
      assert.equal(answer.status, 400, query);
      assert.equal(typeof (answer.body as { message: unknown }).message, 'string');
    }
  });
});
