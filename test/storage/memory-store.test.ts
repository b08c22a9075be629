import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../src/clock.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { storeContract } from './contract.js';

storeContract('MemoryStore', async (clock) => new MemoryStore({ clock }));

describe('MemoryStore: kept responses live for the retry window', () => {
  const USER = 'amzn1.ask.account.RETENTION';

  it('answers a redelivery within responseRetentionMs, and lets the response go after it', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const store = new MemoryStore({ clock, responseRetentionMs: 60_000 });
    await store.saveResponse('r1', USER, { first: true });
    clock.set('2026-01-01T00:01:00Z'); // exactly the window: still kept
    assert.deepEqual(await store.getResponse('r1'), { first: true });
    clock.set('2026-01-01T00:01:00.001Z');
    assert.equal(await store.getResponse('r1'), undefined);
  });

  it('forgets old responses as new ones are kept, so a long-running process does not grow by every purchase', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const store = new MemoryStore({ clock, responseRetentionMs: 1_000 });
    for (let i = 0; i < 100; i++) await store.saveResponse(`old-${i}`, USER, { i });
    clock.set('2026-01-01T00:00:05Z');
    await store.saveResponse('new', USER, { i: 'new' });
    assert.equal((store as unknown as { responses: Map<string, unknown> }).responses.size, 1);
    assert.deepEqual(await store.getResponse('new'), { i: 'new' });
    assert.equal(await store.getResponse('old-0'), undefined);
  });

  it('answers each request with its own response when many are kept in one millisecond, same text or not', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const store = new MemoryStore({ clock, responseRetentionMs: 1_000 });
    const texts = ['{"said":"a"}', '{"said":"a"}', '{"said":"b"}', '{"said":"a"}'];
    for (const [i, json] of texts.entries()) await store.saveResponse(`same-ms-${i}`, USER, JSON.parse(json), json);
    clock.set('2026-01-01T00:00:00.500Z');
    await store.saveResponse('later', USER, { said: 'a' }, '{"said":"a"}');
    await store.saveResponse('same-ms-0', USER, { said: 'changed' }); // the first kept stays
    for (const [i, json] of texts.entries()) assert.deepEqual(await store.getResponse(`same-ms-${i}`), JSON.parse(json), `same-ms-${i}`);
    clock.set('2026-01-01T00:00:01.001Z'); // past the first millisecond's window, not the later one's
    for (const i of texts.keys()) assert.equal(await store.getResponse(`same-ms-${i}`), undefined);
    assert.deepEqual(await store.getResponse('later'), { said: 'a' });
  });

  it('keeps the purchase ledger whatever the window: a late redelivery is still recognised', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const store = new MemoryStore({ clock, responseRetentionMs: 1_000 });
    const event = { requestId: 'r-late', userId: USER, name: 'Buy', productId: 'p', purchaseResult: 'ACCEPTED', statusCode: '200', token: undefined, receivedAt: '2026-01-01T00:00:00.000Z' };
    assert.equal(await store.recordPurchaseEvent(event), true);
    clock.set('2026-01-02T00:00:00Z');
    await store.saveResponse('other', USER, {});
    assert.equal(await store.recordPurchaseEvent(event), false);
    assert.equal((await store.listPurchaseEvents(USER)).length, 1);
  });

  it('keeps every text exactly while sharing repeated ones: past the shared-text limit, long texts, repeats', async () => {
    const store = new MemoryStore();
    const long = 'x'.repeat(5000);
    const events = Array.from({ length: 1500 }, (_, i) => ({
      requestId: `r-${i}`,
      userId: USER,
      name: i % 2 ? 'Buy' : 'Upsell',
      productId: `amzn1.adg.product.${i % 1200}`,
      purchaseResult: 'ACCEPTED',
      statusCode: '200',
      token: i % 100 === 0 ? long : `token-${i % 7}`,
      receivedAt: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0').slice(-3)}Z`,
    }));
    for (const event of events) assert.equal(await store.recordPurchaseEvent(event), true);
    const byId = new Map((await store.listPurchaseEvents(USER)).map((event) => [event.requestId, event]));
    for (const event of events) assert.deepEqual(byId.get(event.requestId), event);
    for (let i = 0; i < 1500; i++) await store.saveResponse(`r-${i}`, USER, { say: i % 3 === 0 ? 'same' : `answer ${i}`, long: i % 500 === 0 ? long : '' });
    for (let i = 0; i < 1500; i++) {
      assert.deepEqual(await store.getResponse(`r-${i}`), { say: i % 3 === 0 ? 'same' : `answer ${i}`, long: i % 500 === 0 ? long : '' });
    }
  });

  it('refuses a window that is not a positive number of milliseconds', () => {
    for (const responseRetentionMs of [0, -1, Number.NaN]) {
      assert.throws(() => new MemoryStore({ responseRetentionMs }), RangeError);
    }
  });
});
