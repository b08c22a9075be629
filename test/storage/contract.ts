/**
 * The one contract every Store passes. A new store (PostgreSQL, DynamoDB, …) runs this suite
 * before anything else: handlers rely on these guarantees, not on a particular database.
 */

import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { fixedClock, type Clock } from '../../src/clock.js';
import { isSkillshopError } from '../../src/errors.js';
import type { PurchaseEvent, Store } from '../../src/storage/store.js';

const T0 = '2024-05-01T10:00:00.000Z';
const T1 = '2024-05-01T10:05:00.000Z';
const USER = 'amzn1.ask.account.CONTRACT';

/** A rejection check that also says why a version conflict happened. */
function versionConflict(userId: string, expectedVersion: number) {
  return (error: unknown) => {
    assert.ok(isSkillshopError(error, 'STORAGE_VERSION_CONFLICT'), `expected a version conflict, got ${String(error)}`);
    assert.deepEqual(error.details, { userId, expectedVersion });
    assert.match(error.message, new RegExp(userId));
    return true;
  };
}

function purchaseEvent(overrides: Partial<PurchaseEvent> = {}): PurchaseEvent {
  return {
    requestId: 'amzn1.echo-api.request.1',
    userId: USER,
    name: 'Buy',
    productId: 'amzn1.adg.product.cave-quest',
    purchaseResult: 'ACCEPTED',
    statusCode: '200',
    token: 'correlationToken',
    receivedAt: T0,
    ...overrides,
  };
}

/**
 * @param make builds a fresh, empty store that takes its timestamps from `clock`.
 */
export function storeContract(name: string, make: (clock: Clock) => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    const opened: Store[] = [];
    let clock = fixedClock(T0);

    async function newStore(): Promise<Store> {
      clock = fixedClock(T0);
      const store = await make(clock);
      opened.push(store);
      return store;
    }

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    describe('users', () => {
      it('has no record for a user never saved', async () => {
        const store = await newStore();
        assert.equal(await store.getUser(USER), undefined);
      });

      it('creates version 1 on the first save, with createdAt equal to updatedAt', async () => {
        const store = await newStore();
        const saved = await store.saveUser(USER, { used: 1 }, 0);
        const expected = { userId: USER, data: { used: 1 }, version: 1, createdAt: T0, updatedAt: T0 };
        assert.deepEqual(saved, expected);
        assert.deepEqual(await store.getUser(USER), expected);
      });

      it('replaces the data on a save with the current version, keeping createdAt', async () => {
        const store = await newStore();
        await store.saveUser(USER, { used: 1, hints: 3 }, 0);
        clock.set(T1);
        const saved = await store.saveUser(USER, { used: 2 }, 1);
        const expected = { userId: USER, data: { used: 2 }, version: 2, createdAt: T0, updatedAt: T1 };
        assert.deepEqual(saved, expected);
        assert.deepEqual(await store.getUser(USER), expected);
      });

      it('rejects a save with a stale version and keeps what was stored', async () => {
        const store = await newStore();
        await store.saveUser(USER, { used: 1 }, 0);
        await store.saveUser(USER, { used: 2 }, 1);
        await assert.rejects(store.saveUser(USER, { used: 99 }, 1), versionConflict(USER, 1));
        const stored = await store.getUser(USER);
        assert.deepEqual(stored?.data, { used: 2 });
        assert.equal(stored?.version, 2);
      });

      it('rejects version 0 for a user who already has a record', async () => {
        const store = await newStore();
        await store.saveUser(USER, { used: 1 }, 0);
        await assert.rejects(store.saveUser(USER, { used: 5 }, 0), versionConflict(USER, 0));
        assert.deepEqual((await store.getUser(USER))?.data, { used: 1 });
      });

      it('rejects a non-zero version for a user who has no record', async () => {
        const store = await newStore();
        await assert.rejects(store.saveUser(USER, { used: 1 }, 1), versionConflict(USER, 1));
        assert.equal(await store.getUser(USER), undefined);
      });

      for (const [label, expectedVersion] of [['the first save', 0], ['an update', 1]] as const) {
        it(`lets exactly one of two racing saves from the same read win (${label})`, async () => {
          const store = await newStore();
          if (expectedVersion === 1) await store.saveUser(USER, { used: 0 }, 0);
          const results = await Promise.allSettled([
            store.saveUser(USER, { by: 'a' }, expectedVersion),
            store.saveUser(USER, { by: 'b' }, expectedVersion),
          ]);
          const won = results.filter((r) => r.status === 'fulfilled');
          const lost = results.filter((r) => r.status === 'rejected');
          assert.equal(won.length, 1);
          assert.equal(lost.length, 1);
          versionConflict(USER, expectedVersion)(lost[0]?.reason);
          const winner = won[0]?.value;
          assert.equal(winner?.version, expectedVersion + 1);
          assert.deepEqual((await store.getUser(USER))?.data, winner?.data);
        });
      }

      it('hands out copies: mutating saved input or returned data changes nothing stored', async () => {
        const store = await newStore();
        const input = { inventory: { hints: 3 }, tags: ['a'] };
        const saved = await store.saveUser(USER, input, 0);
        input.inventory.hints = 100;
        input.tags.push('from input');
        (saved.data['inventory'] as { hints: number }).hints = 200;
        const read = await store.getUser(USER);
        assert.ok(read);
        (read.data['tags'] as string[]).push('from read');
        read.data['added'] = true;
        assert.deepEqual((await store.getUser(USER))?.data, { inventory: { hints: 3 }, tags: ['a'] });
      });

      it('round-trips unicode and nested JSON exactly', async () => {
        const store = await newStore();
        const data = {
          name: 'Höhle 洞窟 🐉 "quoted" \\ back\\slash \n newline \u0000 nul',
          'key with spaces & ümlauts': { deeper: { deepest: [1, -2.5, 1e21, 0, null, true, false, '', {}, []] } },
          empty: {},
          list: [{ a: [{ b: 'c' }] }],
        };
        await store.saveUser('amzn1.ask.account.ÜNICODE-🐉', data, 0);
        assert.deepEqual((await store.getUser('amzn1.ask.account.ÜNICODE-🐉'))?.data, data);
      });

      it('rejects data that is not a JSON object, storing nothing', async () => {
        const store = await newStore();
        const circular: Record<string, unknown> = {};
        circular['self'] = circular;
        await assert.rejects(store.saveUser(USER, circular, 0), TypeError);
        await assert.rejects(store.saveUser(USER, [1, 2] as unknown as Record<string, unknown>, 0), TypeError);
        assert.equal(await store.getUser(USER), undefined);
      });

      it('deletes a user, after which the user starts again at version 1', async () => {
        const store = await newStore();
        await store.saveUser(USER, { used: 1 }, 0);
        await store.saveUser('amzn1.ask.account.OTHER', { used: 7 }, 0);
        await store.deleteUser(USER);
        await store.deleteUser(USER); // deleting what is gone is not an error
        assert.equal(await store.getUser(USER), undefined);
        assert.equal((await store.getUser('amzn1.ask.account.OTHER'))?.version, 1);
        assert.equal((await store.saveUser(USER, { used: 0 }, 0)).version, 1);
      });
    });

    describe('purchase events', () => {
      it('records an event once: true the first time, false for the same requestId, first one kept', async () => {
        const store = await newStore();
        const first = purchaseEvent();
        assert.equal(await store.recordPurchaseEvent(first), true);
        const retry = purchaseEvent({ purchaseResult: 'DECLINED', statusCode: '500', receivedAt: T1 });
        assert.equal(await store.recordPurchaseEvent(retry), false);
        assert.deepEqual(await store.listPurchaseEvents(USER), [first]);
      });

      it('lists one user’s events oldest first, ties in arrival order', async () => {
        const store = await newStore();
        const late = purchaseEvent({ requestId: 'r-late', receivedAt: '2024-05-03T00:00:00.000Z' });
        const early = purchaseEvent({ requestId: 'r-early', receivedAt: '2024-05-01T00:00:00.000Z' });
        // requestIds in the opposite order to arrival, so sorting by requestId would show.
        const tieA = purchaseEvent({ requestId: 'r-tie-b', receivedAt: '2024-05-02T00:00:00.000Z' });
        const tieB = purchaseEvent({ requestId: 'r-tie-a', receivedAt: '2024-05-02T00:00:00.000Z' });
        const otherUser = purchaseEvent({ requestId: 'r-other', userId: 'amzn1.ask.account.OTHER' });
        for (const event of [late, early, tieA, otherUser, tieB]) await store.recordPurchaseEvent(event);
        assert.deepEqual(await store.listPurchaseEvents(USER), [early, tieA, tieB, late]);
        assert.deepEqual(await store.listPurchaseEvents('amzn1.ask.account.OTHER'), [otherUser]);
        assert.deepEqual(await store.listPurchaseEvents('amzn1.ask.account.NOBODY'), []);
      });

      it('keeps absent optional fields absent, and stamps a missing receivedAt from the clock', async () => {
        const store = await newStore();
        const cancel = purchaseEvent({
          name: 'Cancel',
          productId: undefined,
          purchaseResult: undefined,
          token: undefined,
          receivedAt: '',
        });
        assert.equal(await store.recordPurchaseEvent(cancel), true);
        const [listed] = await store.listPurchaseEvents(USER);
        assert.equal(listed?.receivedAt, T0);
        assert.equal(listed?.productId, undefined);
        assert.equal(listed?.purchaseResult, undefined);
        assert.equal(listed?.token, undefined);
        assert.equal(listed?.name, 'Cancel');
      });

      it('rejects an event without a requestId instead of recording it', async () => {
        const store = await newStore();
        await assert.rejects(store.recordPurchaseEvent(purchaseEvent({ requestId: '' })), TypeError);
        assert.deepEqual(await store.listPurchaseEvents(USER), []);
      });

      it('keeps purchase events when the user is deleted, so a retry is still recognised', async () => {
        const store = await newStore();
        await store.saveUser(USER, {}, 0);
        await store.recordPurchaseEvent(purchaseEvent());
        await store.deleteUser(USER);
        assert.equal(await store.recordPurchaseEvent(purchaseEvent()), false);
      });
    });

    describe('lifecycle', () => {
      it('opens and closes idempotently, and reopens with the data still there', async () => {
        const store = await newStore();
        await store.open();
        await store.saveUser(USER, { used: 1 }, 0);
        await store.close();
        await store.close();
        await store.open();
        assert.equal((await store.getUser(USER))?.version, 1);
      });
    });
  });
}
