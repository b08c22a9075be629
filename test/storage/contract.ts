/**
 * The one contract every Store passes. A new store (PostgreSQL, DynamoDB, …) runs this suite
 * before anything else: handlers rely on these guarantees, not on a particular database.
 */

import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { fixedClock, type Clock } from '../../src/clock.js';
import { isSkillshopError } from '../../src/errors.js';
import type { ConsumeRequest, PurchaseEvent, Store } from '../../src/storage/store.js';

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

const HINTS = 'hint_pack';

function consumeRequest(overrides: Partial<ConsumeRequest> = {}): ConsumeRequest {
  return { userId: USER, referenceName: HINTS, count: 1, limit: 5, requestId: 'amzn1.echo-api.request.use-1', ...overrides };
}

/** A response envelope as the app keeps it, with the JSON that databases like to mangle. */
const RESPONSE = {
  version: '1.0',
  sessionAttributes: { hints: 3, nested: { list: [1, -2.5, 1e21, null, true, '', {}, []] } },
  response: {
    outputSpeech: { type: 'SSML', ssml: '<speak>Höhle 洞窟 🐉 "quoted" \\ \n \u0000 nul</speak>' },
    shouldEndSession: false,
  },
};

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


    describe('consumable usage', () => {
      it('starts at used 0, version 0, for any user and product', async () => {
        const store = await newStore();
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 0, version: 0 });
      });

      it('consumes when there is enough, and counts per user and per product', async () => {
        const store = await newStore();
        assert.deepEqual(await store.consume(consumeRequest({ count: 2 })), { ok: true, used: 2, replayed: false });
        assert.deepEqual(await store.consume(consumeRequest({ requestId: 'r2' })), { ok: true, used: 3, replayed: false });
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 3, version: 2 });
        assert.deepEqual(await store.getUsage(USER, 'other_pack'), { used: 0, version: 0 });
        assert.deepEqual(await store.getUsage('amzn1.ask.account.OTHER', HINTS), { used: 0, version: 0 });
        assert.deepEqual(await store.consume(consumeRequest({ userId: 'amzn1.ask.account.OTHER', requestId: 'r3' })), { ok: true, used: 1, replayed: false });
      });

      it('uses up to the limit exactly, then refuses without writing anything', async () => {
        const store = await newStore();
        assert.deepEqual(await store.consume(consumeRequest({ count: 3, limit: 5 })), { ok: true, used: 3, replayed: false });
        assert.deepEqual(await store.consume(consumeRequest({ requestId: 'r2', count: 3, limit: 5 })), { ok: false, used: 3, replayed: false });
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 3, version: 1 });
        assert.deepEqual(await store.consume(consumeRequest({ requestId: 'r3', count: 2, limit: 5 })), { ok: true, used: 5, replayed: false });
        assert.deepEqual(await store.consume(consumeRequest({ requestId: 'r4', count: 1, limit: 5 })), { ok: false, used: 5, replayed: false });
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 5, version: 2 });
      });

      it('refuses a first use beyond the limit (nothing bought yet) and leaves no usage', async () => {
        const store = await newStore();
        assert.deepEqual(await store.consume(consumeRequest({ limit: 0 })), { ok: false, used: 0, replayed: false });
        assert.deepEqual(await store.consume(consumeRequest({ requestId: 'r2', count: 6, limit: 5 })), { ok: false, used: 0, replayed: false });
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 0, version: 0 });
      });

      it('answers a repeated requestId with the first outcome, even when the limit has changed since', async () => {
        const store = await newStore();
        const first = consumeRequest({ requestId: 'r-ok', count: 1, limit: 1 });
        assert.deepEqual(await store.consume(first), { ok: true, used: 1, replayed: false });
        assert.deepEqual(await store.consume({ ...first, limit: 10 }), { ok: true, used: 1, replayed: true });
        assert.deepEqual(await store.consume({ ...first, limit: 0, count: 3 }), { ok: true, used: 1, replayed: true });
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 1, version: 1 });

        const refused = consumeRequest({ requestId: 'r-refused', count: 1, limit: 1 });
        assert.deepEqual(await store.consume(refused), { ok: false, used: 1, replayed: false });
        // The user bought more in between: the retried delivery still gets its first answer.
        assert.deepEqual(await store.consume({ ...refused, limit: 10 }), { ok: false, used: 1, replayed: true });
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 1, version: 1 });
        // A new request does see the new limit.
        assert.deepEqual(await store.consume({ ...refused, requestId: 'r-new', limit: 10 }), { ok: true, used: 2, replayed: false });
      });

      it('keys a consumption by requestId and product: one request may use two products', async () => {
        const store = await newStore();
        assert.deepEqual(await store.consume(consumeRequest({ requestId: 'r1' })), { ok: true, used: 1, replayed: false });
        assert.deepEqual(await store.consume(consumeRequest({ requestId: 'r1', referenceName: 'torches' })), { ok: true, used: 1, replayed: false });
        assert.deepEqual(await store.getUsage(USER, 'torches'), { used: 1, version: 1 });
      });

      it('rejects a bad count, limit or key with a TypeError, writing nothing', async () => {
        const store = await newStore();
        const bad: Partial<ConsumeRequest>[] = [
          { count: 0 }, { count: -1 }, { count: 1.5 }, { count: Number.NaN }, { count: '1' as unknown as number },
          { limit: -1 }, { limit: 2.5 }, { requestId: '' }, { userId: '' }, { referenceName: '' },
        ];
        for (const overrides of bad) {
          await assert.rejects(store.consume(consumeRequest(overrides)), TypeError, JSON.stringify(overrides));
        }
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 0, version: 0 });
        // The refused calls left no trace: the same requestId still consumes.
        assert.deepEqual(await store.consume(consumeRequest()), { ok: true, used: 1, replayed: false });
      });

      it('never goes over the limit when 50 requests race for 30 units', async () => {
        const store = await newStore();
        const outcomes = await Promise.all(
          Array.from({ length: 50 }, (_, i) => store.consume(consumeRequest({ requestId: `race-${i}`, limit: 30 }))),
        );
        const ok = outcomes.filter((outcome) => outcome.ok);
        assert.equal(ok.length, 30);
        // Each winner saw its own unit: no two were handed the same one.
        assert.deepEqual(ok.map((outcome) => outcome.used).sort((a, b) => a - b), Array.from({ length: 30 }, (_, i) => i + 1));
        assert.ok(outcomes.every((outcome) => !outcome.replayed));
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 30, version: 30 });
      });

      it('consumes once when the same request is delivered ten times at once', async () => {
        const store = await newStore();
        const outcomes = await Promise.all(Array.from({ length: 10 }, () => store.consume(consumeRequest({ requestId: 'dup' }))));
        assert.equal(outcomes.filter((outcome) => !outcome.replayed).length, 1);
        for (const outcome of outcomes) assert.deepEqual({ ...outcome, replayed: false }, { ok: true, used: 1, replayed: false });
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 1, version: 1 });
      });

      it('sets usage only from the value the caller read', async () => {
        const store = await newStore();
        assert.equal(await store.setUsage(USER, HINTS, 4, 1), false, 'nothing stored is used 0, not 1');
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 0, version: 0 });
        assert.equal(await store.setUsage(USER, HINTS, 4, 0), true, 'expectedUsed 0 matches a product never used');
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 4, version: 1 });
        assert.equal(await store.setUsage(USER, HINTS, 0, 3), false);
        assert.equal(await store.setUsage(USER, HINTS, 0, 0), false);
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 4, version: 1 });
        assert.equal(await store.setUsage(USER, HINTS, 0, 4), true);
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 0, version: 2 });
        // Consumption goes on from the value set.
        assert.deepEqual(await store.consume(consumeRequest({ limit: 1 })), { ok: true, used: 1, replayed: false });
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 1, version: 3 });
      });

      it('lets exactly one of two racing setUsage calls from the same read win', async () => {
        const store = await newStore();
        await store.consume(consumeRequest({ count: 2 }));
        const results = await Promise.all([store.setUsage(USER, HINTS, 0, 2), store.setUsage(USER, HINTS, 1, 2)]);
        assert.deepEqual(results.filter(Boolean).length, 1);
        assert.equal((await store.getUsage(USER, HINTS)).used, results[0] ? 0 : 1);
      });

      it('keeps usage when the user record is deleted (Amazon still counts the purchases)', async () => {
        const store = await newStore();
        await store.saveUser(USER, {}, 0);
        await store.consume(consumeRequest());
        await store.deleteUser(USER);
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 1, version: 1 });
      });
    });

    describe('kept responses', () => {
      it('has none for a requestId never saved', async () => {
        const store = await newStore();
        assert.equal(await store.getResponse('amzn1.echo-api.request.none'), undefined);
      });

      it('round-trips a response envelope as JSON, handing out copies', async () => {
        const store = await newStore();
        await store.saveResponse('r1', USER, RESPONSE);
        const read = (await store.getResponse('r1')) as typeof RESPONSE;
        assert.deepEqual(read, RESPONSE);
        read.sessionAttributes.hints = 99;
        assert.deepEqual(await store.getResponse('r1'), RESPONSE);
        for (const value of ['text', 0, null, [1, 'a'], true]) {
          await store.saveResponse(`scalar-${JSON.stringify(value)}`, USER, value);
          assert.deepEqual(await store.getResponse(`scalar-${JSON.stringify(value)}`), value);
        }
      });

      it('keeps the JSON text the caller serialised already, and refuses one that is not text', async () => {
        const store = await newStore();
        const json = JSON.stringify(RESPONSE);
        await store.saveResponse('r1', USER, RESPONSE, json);
        assert.deepEqual(await store.getResponse('r1'), RESPONSE);
        // The text is what is kept: it is the caller's serialisation of the response it passed.
        await store.saveResponse('r2', USER, RESPONSE, '{"version":"1.0","kept":"as given"}');
        assert.deepEqual(await store.getResponse('r2'), { version: '1.0', kept: 'as given' });
        for (const bad of ['', 42, {}]) {
          await assert.rejects(store.saveResponse('r3', USER, RESPONSE, bad as string), TypeError);
        }
        assert.equal(await store.getResponse('r3'), undefined);
      });

      it('keeps the first response of a requestId: a later save changes nothing', async () => {
        const store = await newStore();
        await store.saveResponse('r1', USER, { first: true });
        await store.saveResponse('r1', USER, { first: false });
        await store.saveResponse('r1', 'amzn1.ask.account.OTHER', { first: false });
        assert.deepEqual(await store.getResponse('r1'), { first: true });
      });

      it('keeps exactly one of two racing saves', async () => {
        const store = await newStore();
        await Promise.all([store.saveResponse('r1', USER, { by: 'a' }), store.saveResponse('r1', USER, { by: 'b' })]);
        const kept = await store.getResponse('r1');
        assert.ok([{ by: 'a' }, { by: 'b' }].some((candidate) => JSON.stringify(candidate) === JSON.stringify(kept)), JSON.stringify(kept));
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

      it('keeps usage, consumptions and responses across close and open', async () => {
        const store = await newStore();
        await store.consume(consumeRequest());
        await store.saveResponse('r1', USER, { kept: true });
        await store.close();
        await store.open();
        assert.deepEqual(await store.getUsage(USER, HINTS), { used: 1, version: 1 });
        assert.deepEqual(await store.consume(consumeRequest({ limit: 0 })), { ok: true, used: 1, replayed: true });
        assert.deepEqual(await store.getResponse('r1'), { kept: true });
      });
    });
  });
}
