/**
 * skillshop's public API. Everything a skill, a test or a tool needs is exported here; nothing else
 * is public.
 */
export { App, type AppStorage } from './app/app';
export type { AppConfig, AppSettings } from './app/config';
export type { Handler, HandlerMap } from './app/handlers';
export { HANDLER_NAMES } from './app/handlers';
export { HandlerContext, AlexaSkill } from './app/context';
export type { SkillUser, Speech } from './app/context';
export type { Input, Inputs } from './app/inputs';

export type { RequestEnvelope, AlexaRequest, IntentRequest, LaunchRequest, SessionEndedRequest, ConnectionsResponse, Slot } from './alexa/request';
export { RequestEnvelopeSchema } from './alexa/request';
export type { ResponseEnvelope, ResponseBody, OutputSpeech, Card, Directive } from './alexa/response';
export { parseRequestEnvelope, validateRequestEnvelope } from './alexa/validate-request';
export { toSsml, escapeSsml, ssmlToText } from './alexa/ssml';

export { InSkillPurchase, type NodeCallback } from './isp/in-skill-purchase';
export { InsufficientInventoryError, REFUND_POLICIES, type Inventory, type RefundPolicy } from './isp/inventory';
export { MonetizationClient, type MonetizationClientOptions } from './isp/monetization-client';
export { buyDirective, upsellDirective, cancelDirective, type PurchaseDirective } from './isp/directives';
export { PurchaseResult, PURCHASE_CONNECTION_NAMES, isPurchaseResult } from './isp/purchase-result';
export { isEntitled, isPurchasable } from './isp/product';
export type { InSkillProduct, ProductFilter, InSkillProductTransaction, TransactionFilter } from './isp/product';

export { createStore, MemoryStore, SqliteStore, DEFAULT_SQLITE_PATH } from './storage';
export { PostgresStore } from './storage/postgres-store';
export { DynamoDbStore } from './storage/dynamodb-store';
export type { Store, StorageConfig, UserRecord, UserData, PurchaseEvent } from './storage';

export { RequestVerifier, checkCertificateUrl, checkApplicationId } from './hosting/verify';
export type { RequestVerifierOptions, CertificateLoader } from './hosting/verify';
export { SkillEndpoint } from './hosting/skill-endpoint';
export type { ListenOptions, SkillServer, WebhookOptions } from './hosting/web-service';
export type { LambdaContext, LambdaCallback } from './hosting/lambda';

export { SkillshopError, ErrorCodes, isSkillshopError } from './errors';
export type { Clock } from './clock';
export { systemClock, fixedClock } from './clock';
export type { Logger } from './logger';
export { createConsoleLogger, silentLogger } from './logger';
export { loadProject, type LoadedProject } from './app/project';

// Language model and skill package
export { buildSkillPackage, writeSkillPackage, MODELS_DIR, SKILL_PACKAGE_DIR, INTERACTION_MODELS_DIR } from './model/build-skill-package';
export { compileLanguageModel } from './model/compile-model';
export { planAskImport, writeAskImport } from './model/import-ask-project';

// Product catalog
export { loadCatalog, productName, productLocales, writeProduct, removeProduct, ISP_DIR } from './isp/catalog';
export type { CatalogProduct, Catalog } from './isp/catalog';
export { validateProduct } from './isp/validate-product';
export { productTemplate } from './isp/templates';
export { InSkillProductDefinitionSchema, toAmazonDefinition, productJsonSchema } from './isp/product-definition';
export type { InSkillProductDefinition } from './isp/product-definition';
export type { Problem, Severity } from './problems';
export { formatProblem, hasErrors } from './problems';
