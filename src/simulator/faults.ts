/**
 * Situations a developer cannot easily produce with a real device, on demand: every way a
 * purchase can go wrong (alexa-isp-facts.md §6) and every way the Monetization service can fail.
 */

export const FAULTS = {
  'purchase-error': 'the purchase fails: the skill gets purchaseResult ERROR',
  'purchase-status-500': 'the purchase flow breaks: the skill gets status.code "500" and no result',
  'no-purchase-result': 'the dialog runs but no Connections.Response ever comes back',
  'voice-purchasing-off': 'voice purchasing is turned off in the account',
  'device-cannot-buy': 'the device cannot make purchases',
  'pending-purchase': 'a child-directed skill: purchases wait for a parent (PENDING_PURCHASE)',
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
  return Object.entries(FAULTS).map(([name, what]) => `  ${name.padEnd(22)} ${what}`).join('\n');
}
