/**
 * The one catalogue of errors a skillshop user can meet. Every error has a stable code, a message
 * that says what to do, the HTTP status where one applies, and keeps its `cause`.
 * docs/errors.md documents every code; a test checks that nothing is missing there.
 */

export interface ErrorDefinition {
  /** Stable, documented code, e.g. `SKILLSHOP_REQUEST_INVALID`. */
  readonly code: string;
  /** HTTP status the web service answers with, where one applies. */
  readonly statusCode?: number;
}

export interface SkillshopErrorOptions {
  cause?: unknown;
  /** Extra machine-readable facts (JSON path, HTTP status of an upstream call, …). */
  details?: Record<string, unknown>;
}

export class SkillshopError extends Error {
  readonly code: string;
  readonly statusCode: number | undefined;
  readonly details: Record<string, unknown>;

  constructor(definition: ErrorDefinition, message: string, options: SkillshopErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SkillshopError';
    this.code = definition.code;
    this.statusCode = definition.statusCode;
    this.details = options.details ?? {};
  }

  toJSON(): { code: string; message: string; details?: Record<string, unknown> } {
    return Object.keys(this.details).length > 0
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

function define(code: string, statusCode?: number): ErrorDefinition {
  return statusCode === undefined ? { code } : { code, statusCode };
}

/** Every error code, by concept. Add new codes here and to docs/errors.md. */
export const ErrorCodes = {
  // Configuration and start-up
  CONFIG_INVALID: define('SKILLSHOP_CONFIG_INVALID'),
  HANDLER_INVALID: define('SKILLSHOP_HANDLER_INVALID'),
  PROJECT_NOT_FOUND: define('SKILLSHOP_PROJECT_NOT_FOUND'),
  PROJECT_LOAD_FAILED: define('SKILLSHOP_PROJECT_LOAD_FAILED'),
  CLI_USAGE: define('SKILLSHOP_CLI_USAGE'),

  // Requests at the edge
  REQUEST_TOO_LARGE: define('SKILLSHOP_REQUEST_TOO_LARGE', 413),
  REQUEST_NOT_JSON: define('SKILLSHOP_REQUEST_NOT_JSON', 400),
  REQUEST_INVALID: define('SKILLSHOP_REQUEST_INVALID', 400),
  REQUEST_INCOMPLETE: define('SKILLSHOP_REQUEST_INCOMPLETE', 400),
  METHOD_NOT_ALLOWED: define('SKILLSHOP_METHOD_NOT_ALLOWED', 405),
  NOT_FOUND: define('SKILLSHOP_NOT_FOUND', 404),

  // Request verification (https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html)
  SIGNATURE_HEADERS_MISSING: define('SKILLSHOP_SIGNATURE_HEADERS_MISSING', 400),
  CERT_URL_INVALID: define('SKILLSHOP_CERT_URL_INVALID', 400),
  CERT_FETCH_FAILED: define('SKILLSHOP_CERT_FETCH_FAILED', 400),
  CERT_INVALID: define('SKILLSHOP_CERT_INVALID', 400),
  SIGNATURE_INVALID: define('SKILLSHOP_SIGNATURE_INVALID', 400),
  TIMESTAMP_INVALID: define('SKILLSHOP_TIMESTAMP_INVALID', 400),
  APPLICATION_ID_MISMATCH: define('SKILLSHOP_APPLICATION_ID_MISMATCH', 400),

  // Handlers
  HANDLER_TIMEOUT: define('SKILLSHOP_HANDLER_TIMEOUT'),
  HANDLER_FAILED: define('SKILLSHOP_HANDLER_FAILED'),
  HANDLER_NOT_FOUND: define('SKILLSHOP_HANDLER_NOT_FOUND'),
  OUTPUT_CONFLICT: define('SKILLSHOP_OUTPUT_CONFLICT'),

  // In-skill purchasing at run time
  MONETIZATION_UNAVAILABLE: define('SKILLSHOP_MONETIZATION_UNAVAILABLE'),
  MONETIZATION_HTTP: define('SKILLSHOP_MONETIZATION_HTTP'),
  MONETIZATION_TIMEOUT: define('SKILLSHOP_MONETIZATION_TIMEOUT'),
  MONETIZATION_BAD_RESPONSE: define('SKILLSHOP_MONETIZATION_BAD_RESPONSE'),
  PRODUCT_NOT_FOUND: define('SKILLSHOP_PRODUCT_NOT_FOUND'),
  NOT_A_PURCHASE_RESULT: define('SKILLSHOP_NOT_A_PURCHASE_RESULT'),
  NOT_A_CONSUMABLE: define('SKILLSHOP_NOT_A_CONSUMABLE'),
  INSUFFICIENT_INVENTORY: define('SKILLSHOP_INSUFFICIENT_INVENTORY'),

  // Product catalog (platforms/alexaSkill/isps, skillshop isp)
  ISP_PRODUCT_INVALID: define('SKILLSHOP_ISP_PRODUCT_INVALID'),
  ISP_PRODUCT_EXISTS: define('SKILLSHOP_ISP_PRODUCT_EXISTS'),
  ISP_PRODUCT_UNKNOWN: define('SKILLSHOP_ISP_PRODUCT_UNKNOWN'),

  // Language model and skill package (skillshop build, skillshop import)
  BUILD_FAILED: define('SKILLSHOP_BUILD_FAILED'),
  IMPORT_SOURCE_INVALID: define('SKILLSHOP_IMPORT_SOURCE_INVALID'),
  IMPORT_CONFLICT: define('SKILLSHOP_IMPORT_CONFLICT'),

  // Deploying to Amazon (skillshop deploy, login, isp deploy|status|pull|reset)
  DEPLOY_CREDENTIALS_MISSING: define('SKILLSHOP_DEPLOY_CREDENTIALS_MISSING'),
  DEPLOY_AUTH_FAILED: define('SKILLSHOP_DEPLOY_AUTH_FAILED'),
  DEPLOY_REJECTED: define('SKILLSHOP_DEPLOY_REJECTED'),
  DEPLOY_CONFLICT: define('SKILLSHOP_DEPLOY_CONFLICT'),
  DEPLOY_IMPORT_FAILED: define('SKILLSHOP_DEPLOY_IMPORT_FAILED'),
  DEPLOY_HTTP: define('SKILLSHOP_DEPLOY_HTTP'),
  DEPLOY_STATE_INVALID: define('SKILLSHOP_DEPLOY_STATE_INVALID'),
  DEPLOY_PACKAGE_INVALID: define('SKILLSHOP_DEPLOY_PACKAGE_INVALID'),
  LOGIN_FAILED: define('SKILLSHOP_LOGIN_FAILED'),

  // Storage
  STORAGE_UNAVAILABLE: define('SKILLSHOP_STORAGE_UNAVAILABLE'),
  STORAGE_VERSION_CONFLICT: define('SKILLSHOP_STORAGE_VERSION_CONFLICT'),
  STORAGE_CORRUPT: define('SKILLSHOP_STORAGE_CORRUPT'),
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCodeName = keyof typeof ErrorCodes;

/** Creates a catalogued error. */
export function skillshopError(
  name: ErrorCodeName,
  message: string,
  options?: SkillshopErrorOptions,
): SkillshopError {
  return new SkillshopError(ErrorCodes[name], message, options);
}

export function isSkillshopError(error: unknown, name?: ErrorCodeName): error is SkillshopError {
  if (!(error instanceof SkillshopError)) return false;
  return name === undefined || error.code === ErrorCodes[name].code;
}
