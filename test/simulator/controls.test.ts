/**
 * The simulator's controls of what the user cannot say, against examples/cave-quest: a parent's
 * decision on a child's purchase, products taken off sale, the skill disabled and re-enabled, and
 * purchase results chosen by hand — through the API users get from 'skillshop/testing'.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { simulator, type Simulator, type SimulatorEvent } from '../../src/testing';
import { fixedClock } from '../../src/clock';
import { isSkillshopError } from '../../src/errors';
import { MonetizationClient } from '../../src/isp/monetization-client';
import { UNKNOWN_PURCHASE_RESULT } from '../../src/simulator/faults';
import { REPO } from '../helpers/cli';

const PROJECT = join(REPO, 'examples', 'cave-quest');
const NOW = '2026-03-01T10:00:00.000Z';

interface Hop { request: { type: string; name?: string; status?: { code: string; message?: string }; payload?: Record<string, unknown> } }

function lastRequest(s: Simulator): Hop {
  return s.lastTurn!.requests.at(-1) as unknown as Hop;
}

function owns(s: Simulator, referenceName: string): boolean {
  return s.entitlements().find((e) => e.referenceName === referenceName)?.entitled ?? false;
}

/** The Monetization service as the skill sees it for the simulated user. */
function monetization(s: Simulator): MonetizationClient {
  return new MonetizationClient({ apiEndpoint: s.emulator.url, apiAccessToken: s.emulator.tokenFor(s.userId), locale: s.locale });
}

async function transactions(s: Simulator): Promise<Array<[string, string]>> {
  const ids = new Map(s.emulator.catalog.map((p) => [p.productId, p.referenceName]));
  return (await monetization(s).getTransactions()).results.map((t) => [ids.get(t.productId ?? '') ?? String(t.productId), String(t.status)]);
}

describe('simulator controls on cave-quest', () => {
  let s: Simulator;
  let events: SimulatorEvent[];
  const clock = fixedClock(NOW);
  beforeEach(async () => {
    clock.set(NOW);
    s = await simulator({ project: PROJECT, clock });
    events = [];
    s.watch((event) => events.push(event));
  });
  afterEach(() => s.close());

  describe('a parent decides on a child\'s purchase (pending-purchase)', () => {
    beforeEach(async () => {
      s.fault('pending-purchase');
      await s.say('buy cave quest');
      const turn = await s.say('yes');
      assert.equal(turn.purchase?.purchaseResult, 'PENDING_PURCHASE');
      assert.equal(lastRequest(s).request.payload?.purchaseResult, 'PENDING_PURCHASE');
    });

    it('lists the request as pending, locked and waiting for the parent', async () => {
      assert.deepEqual(s.pendingApprovals(), [{ referenceName: 'cave_quest', productId: s.emulator.productIdOf('cave_quest'), since: NOW }]);
      assert.equal(owns(s, 'cave_quest'), false);
      assert.deepEqual(await transactions(s), [['cave_quest', 'PENDING_APPROVAL_BY_PARENT']]);
      assert.equal((await monetization(s).getProductByReferenceName('cave_quest'))?.purchasable, 'NOT_PURCHASABLE');
    });

    it('asked to buy it again, Alexa says it still waits: PENDING_PURCHASE, no offer, no second request', async () => {
      const again = await s.say('buy cave quest');
      assert.deepEqual(again.lines.map((l) => [l.speaker, l.text]), [
        ['alexa', 'Cave Quest is still waiting for the account holder\'s approval.'],
        ['skill', 'PENDING_PURCHASE'],
      ]);
      assert.equal(again.awaitingPurchaseAnswer, false);
      assert.equal(again.purchase?.purchaseResult, 'PENDING_PURCHASE');
      assert.equal(s.emulator.history(s.userId).length, 1, 'one log line');
      assert.equal(s.pendingApprovals().length, 1);
    });

    it('approve: the product is the child\'s, APPROVED_BY_PARENT', async () => {
      assert.equal(s.parent('approve', 'cave_quest'), true);
      assert.equal(owns(s, 'cave_quest'), true);
      assert.deepEqual(s.pendingApprovals(), []);
      assert.deepEqual(await transactions(s), [['cave_quest', 'APPROVED_BY_PARENT']]);
      assert.equal((await s.say('buy cave quest')).speech, 'You own it already');
      assert.deepEqual(events.filter((e) => e.type === 'parent'), [{ type: 'parent', referenceName: 'cave_quest', decision: 'approve', changed: true }]);
      assert.equal(s.parent('approve', 'cave_quest'), false, 'nothing waits any more');
    });

    for (const [decision, status] of [['deny', 'DENIED_BY_PARENT'], ['expire', 'EXPIRED_NO_ACTION_BY_PARENT']] as const) {
      it(`${decision}: still locked, ${status}, and it can be asked for again`, async () => {
        clock.set('2026-03-01T11:00:00Z');
        assert.equal(s.parent(decision, 'cave_quest'), true);
        assert.equal(owns(s, 'cave_quest'), false);
        assert.deepEqual(s.pendingApprovals(), []);
        assert.deepEqual(await transactions(s), [['cave_quest', status]]);
        const page = await monetization(s).getTransactions({ status });
        assert.equal(page.results[0]?.lastModifiedTime, '2026-03-01T11:00:00.000Z');
        assert.equal((await monetization(s).getProductByReferenceName('cave_quest'))?.purchasable, 'PURCHASABLE');
        const offer = await s.say('buy cave quest');
        assert.equal(offer.awaitingPurchaseAnswer, true, 'Alexa offers it again');
        assert.equal(events.filter((e) => e.type === 'parent').length, 1);
      });
    }

    it('the decision is per product, and an unknown product is a usage error', () => {
      assert.equal(s.parent('deny', 'hint_pack'), false);
      assert.deepEqual(events.at(-1), { type: 'parent', referenceName: 'hint_pack', decision: 'deny', changed: false });
      assert.throws(() => s.parent('approve', 'dragon'), (error) => isSkillshopError(error, 'CLI_USAGE') && /No product "dragon"/.test(error.message));
    });
  });

  describe('products off sale (setPurchasable)', () => {
    it('off sale: the product list says NOT_PURCHASABLE, "what can I buy" leaves it out, a Buy gives ERROR', async () => {
      assert.equal(s.isPurchasable('cave_quest'), true);
      s.setPurchasable('cave_quest', false);
      assert.equal(s.isPurchasable('cave_quest'), false);
      assert.deepEqual(events, [{ type: 'purchasable', referenceName: 'cave_quest', purchasable: false }]);
      const listed = await monetization(s).getProducts();
      assert.deepEqual(listed.map((p) => [p.referenceName, p.purchasable]), [
        ['cave_club', 'PURCHASABLE'],
        ['cave_quest', 'NOT_PURCHASABLE'],
        ['hint_pack', 'PURCHASABLE'],
      ]);
      assert.equal((await s.say('what can i buy')).speech, 'You can buy Cave Club or Hint Pack. Which would you like?');

      const buy = await s.say('buy cave quest');
      assert.equal(buy.awaitingPurchaseAnswer, false, 'no offer');
      assert.equal(buy.purchase?.purchaseResult, 'ERROR');
      assert.equal(lastRequest(s).request.payload?.message, 'Cave Quest is not purchasable (purchasableState NOT_PURCHASABLE).');
      assert.equal(buy.speech, 'ERROR');
      assert.equal(owns(s, 'cave_quest'), false);

      s.setPurchasable('cave_quest', true);
      assert.equal((await s.say('buy cave quest')).awaitingPurchaseAnswer, true);
      assert.equal((await s.say('yes')).purchase?.purchaseResult, 'ACCEPTED');
    });

    it('what the user owns stays theirs', async () => {
      s.grant('cave_quest');
      s.setPurchasable('cave_quest', false);
      assert.equal(owns(s, 'cave_quest'), true);
      assert.equal((await s.say('buy cave quest')).speech, 'You own it already');
      assert.throws(() => s.setPurchasable('dragon', false), (error) => isSkillshopError(error, 'CLI_USAGE'));
      assert.throws(() => s.isPurchasable('dragon'), (error) => isSkillshopError(error, 'CLI_USAGE'));
    });
  });

  describe('disable and re-enable the skill (reenable)', () => {
    it('a new user id; the purchases follow it; what the skill stored under the old id is out of reach', async () => {
      const first = s.userId;
      s.grant('hint_pack');
      await s.say('open cave quest');
      assert.equal((await s.say('give me a hint')).speech, 'Here is your hint: the dragon fears the light. You have 4 hints left.');
      assert.deepEqual((await s.storedData())?.user?.data, { hintsUsed: 1 });

      const next = s.reenable();
      assert.equal(next, `${first}-REENABLED-1`);
      assert.equal(s.userId, next);
      assert.equal(s.sessionOpen, false, 'the session ended');
      assert.deepEqual(events.at(-1), { type: 'reenable', previousUserId: first, userId: next });
      assert.equal((await s.storedData())?.user, undefined, 'the skill knows nothing of the new id');
      assert.equal(s.entitlements().find((e) => e.referenceName === 'hint_pack')?.activeEntitlementCount, 1, 'the pack came along');
      assert.equal(s.emulator.hasUser(first), false);

      const hint = await s.say('give me a hint');
      assert.equal(hint.speech, 'Here is your hint: the dragon fears the light. You have 4 hints left.', 'the skill counts used hints afresh');
      assert.equal((hint.requests[0] as unknown as { session: { user: { userId: string } } }).session.user.userId, next);

      assert.equal(s.reenable(), `${first}-REENABLED-2`, 'numbered from the original id, not nested');
      s.setUser(first);
      s.grant('cave_quest');
      s.setUser(`${first}-REENABLED-2`);
      assert.equal(s.reenable(), `${first}-REENABLED-1`, 'a free id: the first one holds nothing any more');
    });
  });

  describe('a purchase result chosen by hand (answerPurchase)', () => {
    it('ALREADY_PURCHASED while not owned: the skill hears it and the user owns the product', async () => {
      await s.say('buy cave quest');
      const turn = await s.answerPurchase({ purchaseResult: 'ALREADY_PURCHASED' });
      assert.equal(turn.user, '(ALREADY_PURCHASED)');
      assert.deepEqual(turn.forcedPurchase, { purchaseResult: 'ALREADY_PURCHASED' });
      assert.equal(turn.speech, 'ALREADY_PURCHASED');
      assert.equal(lastRequest(s).request.type, 'Connections.Response');
      assert.equal(lastRequest(s).request.status?.code, '200');
      assert.equal(owns(s, 'cave_quest'), true);
      assert.equal(s.awaitingPurchaseAnswer, false);
    });

    it('ACCEPTED buys; on a Cancel it cancels the subscription', async () => {
      await s.say('buy more hints');
      assert.equal((await s.answerPurchase({ purchaseResult: 'ACCEPTED' })).purchase?.purchaseResult, 'ACCEPTED');
      assert.equal(s.entitlements().find((e) => e.referenceName === 'hint_pack')?.activeEntitlementCount, 1);

      await s.say('join the cave club');
      await s.say('yes');
      const confirm = await s.say('cancel my subscription to cave club');
      assert.equal(confirm.awaitingPurchaseAnswer, true);
      const turn = await s.answerPurchase({ purchaseResult: 'ACCEPTED', message: 'by hand' });
      assert.equal(turn.purchase?.name, 'Cancel');
      assert.deepEqual(lastRequest(s).request.payload, { purchaseResult: 'ACCEPTED', productId: s.emulator.productIdOf('cave_club'), message: 'by hand' });
      assert.equal(s.entitlements().find((e) => e.referenceName === 'cave_club')?.subscription?.phase, 'CANCELLED');
    });

    it('DECLINED, ERROR and an unknown result change nothing', async () => {
      for (const purchaseResult of ['DECLINED', 'ERROR', 'SOMETHING_NEW']) {
        await s.say('buy cave quest');
        const turn = await s.answerPurchase({ purchaseResult });
        assert.equal(turn.speech, purchaseResult);
        assert.equal(owns(s, 'cave_quest'), false, purchaseResult);
      }
      assert.deepEqual(s.emulator.history(s.userId), [], 'Amazon logged no purchase');
    });

    it('status 500: a failed flow without payload', async () => {
      await s.say('buy cave quest');
      const turn = await s.answerPurchase({ statusCode: '500' });
      assert.equal(turn.user, '(status 500)');
      assert.deepEqual(lastRequest(s).request.status, { code: '500', message: 'Simulated failure' });
      assert.equal(lastRequest(s).request.payload, undefined);
      assert.equal(turn.purchase?.statusCode, '500');
      assert.equal(turn.speech, 'ERROR');
      assert.equal(owns(s, 'cave_quest'), false);
    });

    it('no-result: no Connections.Response is sent', async () => {
      await s.say('buy cave quest');
      const turn = await s.answerPurchase('no-result');
      assert.equal(turn.user, '(no result)');
      assert.deepEqual(turn.requests, []);
      assert.equal(turn.purchase?.purchaseResult, undefined);
      assert.equal(turn.purchase?.statusCode, undefined);
      assert.equal(turn.sessionOpen, false);
      assert.equal(s.awaitingPurchaseAnswer, false);
    });

    it('with no purchase dialog waiting, it is a coded usage error', async () => {
      await assert.rejects(s.answerPurchase({ purchaseResult: 'ACCEPTED' }), (error) => isSkillshopError(error, 'CLI_USAGE') && /No purchase dialog is waiting/.test(error.message));
      await s.say('buy cave quest');
      await s.say('no');
      await assert.rejects(s.answerPurchase('no-result'), (error) => isSkillshopError(error, 'CLI_USAGE'));
      assert.equal(s.turns.length, 2, 'no turn recorded');
    });
  });

  describe('the purchase-unknown-result fault', () => {
    it('a Buy answers a result Amazon may add one day; nothing changes hands', async () => {
      s.fault('purchase-unknown-result');
      await s.say('buy cave quest');
      const turn = await s.say('yes');
      assert.equal(turn.purchase?.purchaseResult, UNKNOWN_PURCHASE_RESULT);
      assert.equal(lastRequest(s).request.status?.code, '200');
      assert.equal(turn.speech, UNKNOWN_PURCHASE_RESULT);
      assert.equal(owns(s, 'cave_quest'), false);
      assert.deepEqual(s.emulator.history(s.userId), []);
    });

    it('a refund (Cancel) answers it too, and the user keeps the product', async () => {
      s.grant('cave_quest');
      s.fault('purchase-unknown-result');
      const turn = await s.say('refund cave quest');
      assert.equal(turn.purchase?.name, 'Cancel');
      assert.equal(turn.purchase?.purchaseResult, UNKNOWN_PURCHASE_RESULT);
      assert.deepEqual(turn.lines.map((l) => l.speaker), ['skill'], 'no refund line from Alexa');
      assert.equal(owns(s, 'cave_quest'), true);
    });

    it('a subscription\'s cancel, confirmed, answers it and the subscription runs on', async () => {
      s.grant('cave_club');
      s.fault('purchase-unknown-result');
      await s.say('cancel my subscription to cave club');
      const turn = await s.say('yes');
      assert.equal(turn.purchase?.purchaseResult, UNKNOWN_PURCHASE_RESULT);
      assert.equal(s.entitlements().find((e) => e.referenceName === 'cave_club')?.subscription?.phase, 'TRIAL');
    });
  });
});
