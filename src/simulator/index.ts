/** The offline Alexa: simulator sessions, and the pieces the REPL, the CLI and the web debugger use. */
export { simulator, Simulator, SIMULATED_USER_ID, type SimulatorOptions, type ForcedPurchaseOutcome, type ParentDecision, type PendingParentApproval, type SimulatorEvent, type StoredUserData } from './simulator';
export type { Turn, SpokenLine, PurchaseOutcome } from './turn';
export { FAULTS, type FaultName } from './faults';
export { DIALOG_LINES, type DialogLines } from './dialog-lines';
export { checkResponse, type ResponseProblem } from './check-response';
export { compileModel, type CompiledNlu, type NluResult } from './nlu';
export type { EntitlementSummary } from './monetization';
