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

  it('lets the responses of purchase results and other requests go in the order kept, and keeps the events', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const start = clock.now();
    const store = new MemoryStore({ clock, responseRetentionMs: 10_000 });
    // 3,000 purchase results each keeping its answer right after (the usual order), every fourth request
    // instead one that consumed (no event), and every tenth answer kept out of order (another request between).
    const kinds: Array<'purchase' | 'other'> = [];
    let pending: string | undefined;
    for (let i = 0; i < 4000; i++) {
      clock.set(start + i);
      const requestId = `r-${i}`;
      if (i % 4 === 3) {
        kinds.push('other');
        await store.saveResponse(requestId, USER, { i });
        continue;
      }
      kinds.push('purchase');
      const event = { requestId, userId: USER, name: 'Buy', productId: 'p', purchaseResult: 'ACCEPTED', statusCode: '200', token: 't', receivedAt: new Date(start + i).toISOString() };
      assert.equal(await store.recordPurchaseEvent(event), true);
      if (i % 10 === 0) {
        if (pending) await store.saveResponse(pending, USER, { i: Number(pending.slice(2)) });
        pending = requestId;
      } else await store.saveResponse(requestId, USER, { i });
    }
    // Kept late: its time is now, not its request's.
    if (pending) await store.saveResponse(pending, USER, { i: Number(pending.slice(2)) });
    clock.set(start + 2_500 + 10_000); // responses kept before start + 2,500 are past the window
    await store.saveResponse('now', USER, { now: true }); // a save lets the expired ones go
    for (const [i, kind] of kinds.entries()) {
      const expected = i < 2_500 && !(i % 10 === 0 && kind === 'purchase' && i >= 2_490) ? undefined : { i };
      assert.deepEqual(await store.getResponse(`r-${i}`), expected, `r-${i} (${kind})`);
    }
    assert.equal(await store.recordPurchaseEvent({ requestId: 'r-0', userId: USER, name: 'Buy', receivedAt: '2026-01-02T00:00:00.000Z' } as never), false);
    const events = await store.listPurchaseEvents(USER);
    assert.equal(events.length, 3000);
    assert.deepEqual(events[0], { requestId: 'r-0', userId: USER, name: 'Buy', productId: 'p', purchaseResult: 'ACCEPTED', statusCode: '200', token: 't', receivedAt: new Date(start).toISOString() });
  });

  it('keeps the first response of a request that consumed and is recorded as a purchase after', async () => {
    const store = new MemoryStore();
    await store.saveResponse('r-both', USER, { first: true });
    assert.equal(await store.recordPurchaseEvent({ requestId: 'r-both', userId: USER, name: 'Buy', receivedAt: '2026-01-01T00:00:00.000Z' } as never), true);
    await store.saveResponse('r-both', USER, { first: false });
    assert.deepEqual(await store.getResponse('r-both'), { first: true });
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

  it('keeps each event’s own fields when consecutive events differ in any one of them', async () => {
    const store = new MemoryStore();
    const base = { userId: USER, name: 'Buy', productId: 'p-1', purchaseResult: 'ACCEPTED', statusCode: '200', token: 't', receivedAt: '2026-01-01T00:00:00.000Z' };
    const changes = [{}, { name: 'Upsell' }, { productId: 'p-2' }, { purchaseResult: 'DECLINED' }, { statusCode: '500' }, { token: 'u' }, { token: undefined }, { productId: undefined }, {}];
    const events = changes.map((change, i) => ({ ...base, ...change, requestId: `r-${i}` }));
    for (const event of events) assert.equal(await store.recordPurchaseEvent(event), true);
    // The caller's objects are theirs: changing one after recording changes nothing kept.
    events[0]!.purchaseResult = 'CHANGED';
    assert.deepEqual(await store.listPurchaseEvents(USER), events.map((event, i) => (i === 0 ? { ...event, purchaseResult: 'ACCEPTED' } : event)));
  });

  it('refuses a window that is not a positive number of milliseconds', () => {
    for (const responseRetentionMs of [0, -1, Number.NaN]) {
      assert.throws(() => new MemoryStore({ responseRetentionMs }), RangeError);
    }
  });
});
