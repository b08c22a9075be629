/**
 * When a subscription bills and when it ends, computed from its start, its trial and the clock at
 * read time (never from a background job), so moving an injected clock is all a test needs.
 *
 * A subscription is a free trial of `subscriptionTrialPeriodDays` days (none when 0), then paid
 * periods of one calendar month or year that renew until cancelled. Cancelling keeps the product
 * until the end of the period (or trial) it was cancelled in: "You can continue to use it until the
 * end of this subscription period" (alexa-isp-facts.md §6).
 */
import type { SubscriptionFrequency } from './emulated-catalog';

export const DAY_MS = 86_400_000;

export interface SubscriptionRecord {
  /** ms since the epoch */
  startedAt: number;
  /** End of the free trial; equal to `startedAt` when there was none. */
  trialEndsAt: number;
  frequency: SubscriptionFrequency;
  cancelledAt?: number;
}

export type SubscriptionPhase = 'TRIAL' | 'PAID' | 'CANCELLED' | 'EXPIRED';

export interface SubscriptionStatus {
  entitled: boolean;
  /** TRIAL and PAID renew; CANCELLED is still entitled until `periodEndsAt`; EXPIRED is not. */
  phase: SubscriptionPhase;
  /** The end of the current period (or trial); for CANCELLED and EXPIRED, when access ends(ed). */
  periodEndsAt: number;
}

/** `months` calendar months after `at` (UTC), the day clamped to the month's last (31 Jan + 1 → 28/29 Feb). */
export function addCalendarMonths(at: number, months: number): number {
  const date = new Date(at);
  const monthIndex = date.getUTCMonth() + months;
  const year = date.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(
    year,
    month,
    Math.min(date.getUTCDate(), lastDay),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  );
}

/**
 * The end of the period that contains `at`: the trial's end during the trial, else the end of the
 * paid period. Periods are counted from the first paid day each time (never chained), so a
 * subscription started on the 31st bills on the last day of shorter months without drifting.
 */
export function periodEndAt(subscription: SubscriptionRecord, at: number): number {
  const { trialEndsAt } = subscription;
  if (at < trialEndsAt) return trialEndsAt;
  const step = subscription.frequency === 'YEARLY' ? 12 : 1;
  const from = new Date(trialEndsAt);
  const to = new Date(at);
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth();
  // An underestimate by at most one period; the loop walks forward from there.
  let periods = Math.max(0, Math.floor(months / step) - 1);
  while (addCalendarMonths(trialEndsAt, (periods + 1) * step) <= at) periods += 1;
  return addCalendarMonths(trialEndsAt, (periods + 1) * step);
}

export function subscriptionStatus(subscription: SubscriptionRecord, now: number): SubscriptionStatus {
  if (subscription.cancelledAt !== undefined) {
    const endsAt = periodEndAt(subscription, subscription.cancelledAt);
    return { entitled: now < endsAt, phase: now < endsAt ? 'CANCELLED' : 'EXPIRED', periodEndsAt: endsAt };
  }
  return { entitled: true, phase: now < subscription.trialEndsAt ? 'TRIAL' : 'PAID', periodEndsAt: periodEndAt(subscription, now) };
}
