/**
 * `skillshop/testing`: drive a skill through Alexa's whole purchase flow from your own test suite,
 * offline — the same simulator as `skillshop simulate`.
 *
 * @example
 * import { simulator } from 'skillshop/testing';
 * const s = await simulator({ project: __dirname + '/..' });
 * await s.say('open cave quest');
 * await s.say('buy cave quest');
 * await s.say('yes');
 * assert.equal(s.lastTurn.purchase.purchaseResult, 'ACCEPTED');
 * assert.ok(s.entitlements().find((e) => e.referenceName === 'cave_quest').entitled);
 * await s.close();
 */
export { simulator, Simulator, SIMULATED_USER_ID, FAULTS, DIALOG_LINES, checkResponse } from './simulator';
export type { SimulatorOptions, SimulatorEvent, StoredUserData, ForcedPurchaseOutcome, ParentDecision, PendingParentApproval, Turn, SpokenLine, PurchaseOutcome, FaultName, DialogLines, ResponseProblem, EntitlementSummary, NluResult } from './simulator';
export { certify } from './certify';
export type { CertifyOptions, CertifyReport, Check, CheckStatus } from './certify';
