import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isoTimestamp } from '../src/clock';

describe('isoTimestamp', () => {
  it('writes exactly what Date#toISOString writes, in the same second and across seconds', () => {
    const start = Date.parse('2026-12-02T09:59:58.000Z');
    // Every millisecond of three seconds, in order (the cached second reused) and then out of order.
    const times: number[] = [];
    for (let ms = start; ms < start + 3000; ms++) times.push(ms);
    for (const ms of [...times, ...times.reverse(), start + 999, start - 1, start + 1000, start + 7]) {
      assert.equal(isoTimestamp(ms), new Date(ms).toISOString(), String(ms));
    }
  });

  it('handles the edges as Date does: the epoch, before it, fractions, years beyond four digits', () => {
    for (const ms of [0, 1, 999, 1000, -1, -999, -1000, -1001, 1.5, 1_000.999, -0.5, 8.64e15, -8.64e15, -62_198_755_200_000, 253_402_300_799_999, 253_402_300_800_000]) {
      assert.equal(isoTimestamp(ms), new Date(ms).toISOString(), String(ms));
      assert.equal(isoTimestamp(ms), new Date(ms).toISOString(), `${ms}, cached`);
    }
  });

  it('refuses a time that is not one, like Date', () => {
    for (const ms of [NaN, Infinity, 8.64e15 + 1]) assert.throws(() => isoTimestamp(ms), RangeError);
  });
});
