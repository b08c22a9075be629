/**
 * Situations a developer cannot easily produce with a real device, on demand: every way a
 * purchase can go wrong (alexa-isp-facts.md §6) and every way the Monetization service can fail.
 */

/**
 * The purchaseResult the `purchase-unknown-result` fault sends: a value Amazon may add one day.
 * facts §2: the set is open, and a skill must read an unknown value as "not entitled".
 */
export const UNKNOWN_PURCHASE_RESULT = 'SIMULATED_UNKNOWN_RESULT';

export const FAULTS = {
  'purchase-error': 'a purchase or a cancel/refund fails: the skill gets purchaseResult ERROR and nothing changes hands',
  'purchase-unknown-result': `every purchase result is one Amazon may add in future (status 200, purchaseResult ${UNKNOWN_PURCHASE_RESULT}); nothing changes hands`,
  'purchase-status-500': 'the purchase flow breaks: the skill gets status.code "500" and no result',
  'no-purchase-result': 'the dialog runs but no Connections.Response ever comes back',
  'voice-purchasing-off': 'voice purchasing is turned off in the account',
  'device-cannot-buy': 'the device cannot make purchases',
  'pending-purchase': 'a child-directed skill: a Buy answers PENDING_PURCHASE and waits for a parent (:pending, :approve, :deny, :expire)',
  'monetization-401': 'the Monetization service answers 401 (product not linked)',
  'monetization-429': 'the Monetization service answers 429 (throttled)',
  'monetization-500': 'the Monetization service answers 500',
  'monetization-slow': 'the Monetization service answers after 3 seconds',
} as const;

export type FaultName = keyof typeof FAULTS;

export function isFaultName(name: string): name is FaultName {
  return Object.prototype.hasOwnProperty.call(FAULTS, name);
}

export function describeFaults(): string {
  return Object.entries(FAULTS).map(([name, what]) => `  ${name.padEnd(24)} ${what}`).join('\n');
}
