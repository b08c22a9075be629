/** Deploying to Amazon: SMAPI, Login with Amazon, credentials, the deploy plan and its executor. */
export { Credentials, ENVIRONMENT_PROFILE, REFRESH_MARGIN_MS, type CredentialsOptions, type TokenSource } from './credentials';
export { SmapiClient, type ImportStatus, type ProductSummary, type SmapiClientOptions, type Stage, type Vendor } from './smapi-client';
export { LwaClient, LWA_SCOPES } from './lwa';
export { resolveEndpoints, type Endpoints } from './endpoints';
export { deploy, type DeployOptions, type DeployResult } from './deploy';
export { planDeploy, isLiveProduct, type PlanAction, type PlanInput, type LocalProduct } from './plan';
export { productStatus, pullProducts, resetTestPurchases, type ProductStatus, type PulledProduct } from './products';
export { login, type LoginOptions, type LoginResult } from './login';
export { openSession, type Session, type SessionOptions } from './session';
export { DeployState, recordedProductIds, STATE_FILE, ASK_STATES_FILE } from './state';
export { writeZip, readZip } from './zip';
export type { DeployEvent, DeployEventHandler } from './events';
