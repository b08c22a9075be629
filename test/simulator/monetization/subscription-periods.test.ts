import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addCalendarMonths, periodEndAt, subscriptionStatus } from '../../../src/simulator/monetization/subscription-periods';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('monetization emulator: subscription periods', () => {
  it('adds calendar months in UTC, clamping to the month’s last day', () => {
    assert.equal(iso(addCalendarMonths(at('2024-01-31T08:00:00Z'), 1)), '2024-02-29T08:00:00.000Z');
    assert.equal(iso(addCalendarMonths(at('2023-01-31T08:00:00Z'), 1)), '2023-02-28T08:00:00.000Z');
    assert.equal(iso(addCalendarMonths(at('2024-11-15T00:00:00Z'), 3)), '2025-02-15T00:00:00.000Z');
    assert.equal(iso(addCalendarMonths(at('2024-02-29T00:00:00Z'), 12)), '2025-02-28T00:00:00.000Z');
  });

  it('finds the period containing a time, far into the future too', () => {
    const sub = { startedAt: at('2024-01-01T00:00:00Z'), trialEndsAt: at('2024-01-08T00:00:00Z'), frequency: 'MONTHLY' as const };
    assert.equal(iso(periodEndAt(sub, at('2024-01-03T00:00:00Z'))), '2024-01-08T00:00:00.000Z');
    assert.equal(iso(periodEndAt(sub, at('2024-01-08T00:00:00Z'))), '2024-02-08T00:00:00.000Z');
    assert.equal(iso(periodEndAt(sub, at('2024-02-07T23:59:59Z'))), '2024-02-08T00:00:00.000Z');
    assert.equal(iso(periodEndAt(sub, at('2034-06-30T00:00:00Z'))), '2034-07-08T00:00:00.000Z');
    assert.equal(iso(periodEndAt({ ...sub, frequency: 'YEARLY' }, at('2030-01-07T00:00:00Z'))), '2030-01-08T00:00:00.000Z');
  });

  it('keeps a cancelled subscription until the end of the period it was cancelled in', () => {
    const sub = { startedAt: at('2024-01-01T00:00:00Z'), trialEndsAt: at('2024-01-01T00:00:00Z'), frequency: 'MONTHLY' as const, cancelledAt: at('2024-03-10T00:00:00Z') };
    assert.deepEqual(subscriptionStatus(sub, at('2024-03-31T00:00:00Z')), { entitled: true, phase: 'CANCELLED', periodEndsAt: at('2024-04-01T00:00:00Z') });
    assert.deepEqual(subscriptionStatus(sub, at('2024-04-01T00:00:00Z')), { entitled: false, phase: 'EXPIRED', periodEndsAt: at('2024-04-01T00:00:00Z') });
  });
});
