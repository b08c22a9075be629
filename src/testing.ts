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
 *
 * @example
 * // A kid skill: the purchase waits for a parent, who approves it.
 * s.fault('pending-purchase');
 * await s.say('buy cave quest');
 * await s.say('yes');                        // purchaseResult PENDING_PURCHASE
 * assert.equal(s.pendingApprovals()[0].referenceName, 'cave_quest');
 * s.parent('approve', 'cave_quest');         // or 'deny', 'expire'
 */
export { simulator, Simulator, SIMULATED_USER_ID, FAULTS, DIALOG_LINES, checkResponse } from './simulator';
export type { SimulatorOptions, SimulatorEvent, StoredUserData, ForcedPurchaseOutcome, ParentDecision, PendingParentApproval, Turn, SpokenLine, PurchaseOutcome, FaultName, DialogLines, ResponseProblem, EntitlementSummary, NluResult } from './simulator';
export { certify } from './certify';
export type { CertifyOptions, CertifyReport, Check, CheckStatus } from './certify';
