/**
 * The offline Monetization service: the emulator (HTTP server + purchase engine) and the pieces
 * the simulator's purchase dialog and REPL use.
 */
export { startMonetizationEmulator, type MonetizationEmulator, type MonetizationEmulatorOptions } from './monetization-emulator';
export {
  PurchaseEngine,
  type BuyResult,
  type CancelResult,
  type PurchaseEngineOptions,
  type PurchaseLogEntry,
} from './purchase-engine';
export type { EmulatedProduct, EmulatedProductInput, ProductDefinitionInput, SubscriptionFrequency } from './emulated-catalog';
export { formatEntitlements, type EntitlementSummary } from './entitlement-summary';
export type { ProductOffer } from './product-offer';
export type { Fault } from './faults';
export { MARKETPLACE_BY_LOCALE, marketplaceFor } from './marketplaces';
export { productIdFor } from './product-id';
export { PARENT_APPROVAL_WINDOW_MS } from './parental-approval';
export { BASE_PATH as MONETIZATION_BASE_PATH, createMonetizationApi, type ApiAnswer, type ApiRequest } from './monetization-api';
