/** Injectable time, so that tests of timestamps, certificates and expiry are exact. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stands still at `at` (ms or a Date string) until moved. */
export function fixedClock(at: number | string | Date): Clock & { set(to: number | string | Date): void } {
  let value = new Date(at).getTime();
  return {
    now: () => value,
    set(to) {
      value = new Date(to).getTime();
    },
  };
}
