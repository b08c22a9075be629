/**
 * Amazon's Skill Management API (SMAPI): one typed method per operation skillshop uses. Retries
 * 429 and 5xx with bounded exponential backoff (honouring Retry-After), refreshes the token once
 * after a 401, and turns error answers into SkillshopErrors with Amazon's message and violations;
 * no message ever holds a token. Fetch, sleep and the base URL are injectable.
 *
 * Requests that create something (a product, a skill import) are not idempotent: they are retried
 * after 429 and 503, which mean "not done", but not after other 5xx or a lost connection, where
 * the work may have been done. A deploy run again finds such a product or skill and carries on.
 *
 * @example
 * const smapi = new SmapiClient({ credentials: Credentials.resolve() });
 * const products = await smapi.listVendorProducts(smapi.vendorId, { stage: 'development' });
 */
import { skillshopError } from '../errors';
import type { TokenSource } from './credentials';
import { delayScale as envDelayScale, resolveEndpoints } from './endpoints';
import type { FetchLike } from './lwa';
import { smapiError } from './smapi-errors';

export type Stage = 'development' | 'live' | 'certification';

export interface ProductSummary {
  productId: string;
  referenceName: string;
  type?: string;
  nameByLocale?: Record<string, string>;
  /** INCOMPLETE | COMPLETE | CERTIFICATION | PUBLISHED | SUPPRESSED */
  status?: string;
  stage?: string;
  editableState?: string;
  purchasableState?: string;
  promotableState?: string;
  lastUpdated?: string;
}

export interface StandardizedError {
  code?: string;
  message: string;
  validationDetails?: unknown;
}

export interface ImportResource {
  name?: string;
  status: string;
  action?: string;
  errors?: StandardizedError[];
  warnings?: StandardizedError[];
}

/** `GET /v1/skills/imports/{importId}`; early answers may lack `skill`. */
export interface ImportStatus {
  /** IN_PROGRESS | SUCCEEDED | FAILED | ROLLBACK_SUCCEEDED | ROLLBACK_FAILED | SKIPPED */
  status: string;
  errors?: StandardizedError[];
  warnings?: StandardizedError[];
  skill?: { skillId?: string; eTag?: string; resources?: ImportResource[] };
}

export interface Vendor {
  id: string;
  name?: string;
  roles?: string[];
}

export interface RetryOptions {
  /** Tries in all, the first included (default 5). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface RetryNotice {
  operation: string;
  status?: number;
  attempt: number;
  delayMs: number;
}

export interface SmapiClientOptions {
  credentials: TokenSource;
  /** Default: ASK_SMAPI_SERVER_BASE_URL, else https://api.amazonalexa.com. */
  baseUrl?: string;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
  retry?: RetryOptions;
  /** Multiplies every wait (default: SKILLSHOP_DEPLOY_DELAY_SCALE, else 1). */
  delayScale?: number;
  onRetry?: (notice: RetryNotice) => void;
  env?: NodeJS.ProcessEnv;
}

interface Call {
  operation: string;
  /** For messages: "update product cave_quest". */
  what: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  idempotent: boolean;
  /** Statuses that are answers, not errors (2xx always are). */
  accept?: number[];
}

interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

const MAX_RETRY_AFTER_MS = 60_000;
const MAX_PAGES = 200;

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class SmapiClient {
  readonly baseUrl: string;
  readonly delayScale: number;
  private readonly fetch: FetchLike;
  readonly sleep: (ms: number) => Promise<void>;
  private readonly retry: Required<RetryOptions>;

  constructor(private readonly options: SmapiClientOptions) {
    const env = options.env ?? process.env;
    this.baseUrl = (options.baseUrl ?? resolveEndpoints(env).smapi).replace(/\/+$/, '');
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.sleep = options.sleep ?? defaultSleep;
    this.delayScale = options.delayScale ?? envDelayScale(env);
    this.retry = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 20_000, ...options.retry };
  }

  get vendorId(): string {
    return this.options.credentials.vendorId;
  }

  // Vendors (skillshop login) ------------------------------------------------------------------

  async listVendors(): Promise<Vendor[]> {
    const answer = await this.call<{ vendors?: Vendor[] }>({ operation: 'list-vendors', what: 'list your vendors', method: 'GET', path: '/v1/vendors', idempotent: true });
    return answer.body?.vendors ?? [];
  }

  // Skill package --------------------------------------------------------------------------------

  async createUpload(): Promise<{ uploadUrl: string; expiresAt?: string }> {
    // Each call only hands out a new upload URL, so a retry is harmless.
    const answer = await this.call<{ uploadUrl?: string; expiresAt?: string }>({ operation: 'create-upload', what: 'get an upload URL for the skill package', method: 'POST', path: '/v1/skills/uploads', idempotent: true });
    if (!answer.body?.uploadUrl) throw badAnswer('create-upload', 'no uploadUrl');
    return { uploadUrl: answer.body.uploadUrl, ...(answer.body.expiresAt ? { expiresAt: answer.body.expiresAt } : {}) };
  }

  /** PUT the zip to the pre-signed URL: no Authorization header on this one. */
  async uploadPackage(uploadUrl: string, zip: Buffer): Promise<void> {
    await this.withRetries('upload-package', true, async () => {
      let response: Response;
      try {
        response = await this.fetch(uploadUrl, { method: 'PUT', body: new Uint8Array(zip) });
      } catch (cause) {
        return { kind: 'network' as const, cause };
      }
      await response.arrayBuffer().catch(() => undefined);
      return { kind: 'answer' as const, status: response.status, headers: response.headers, body: undefined };
    }, { what: 'upload the skill package', operation: 'upload-package' });
  }

  /** Starts an import; a new skill when `skillId` is absent. Returns the import id. */
  async importPackage(params: { skillId?: string; vendorId?: string; location: string; eTag?: string }): Promise<string> {
    const answer = await this.call<unknown>({
      operation: params.skillId ? 'update-skill-with-package' : 'create-skill-with-package',
      what: params.skillId ? `import the skill package into ${params.skillId}` : 'create the skill from its package',
      method: 'POST',
      path: params.skillId ? `/v1/skills/${encodeURIComponent(params.skillId)}/imports` : '/v1/skills/imports',
      body: params.skillId ? { location: params.location } : { vendorId: params.vendorId ?? this.vendorId, location: params.location },
      ...(params.eTag ? { headers: { 'If-Match': params.eTag } } : {}),
      idempotent: false,
    });
    const location = answer.headers.get('location');
    const importId = location?.split('?')[0]!.split('/').filter(Boolean).pop();
    if (!importId) throw badAnswer('import-package', 'no Location header');
    return importId;
  }

  async getImportStatus(importId: string): Promise<ImportStatus> {
    const answer = await this.call<ImportStatus>({ operation: 'get-import-status', what: `read the status of import ${importId}`, method: 'GET', path: `/v1/skills/imports/${encodeURIComponent(importId)}`, idempotent: true });
    if (!answer.body || typeof answer.body.status !== 'string') throw badAnswer('get-import-status', 'no status');
    return answer.body;
  }

  /** True when the skill is enabled for testing (204), false when not (404). */
  async isEnabled(skillId: string): Promise<boolean> {
    const answer = await this.call<unknown>({ operation: 'get-skill-enablement', what: `check whether ${skillId} is enabled for testing`, method: 'GET', path: `/v1/skills/${encodeURIComponent(skillId)}/stages/development/enablement`, idempotent: true, accept: [404] });
    return answer.status !== 404;
  }

  async enable(skillId: string): Promise<void> {
    await this.call({ operation: 'set-skill-enablement', what: `enable ${skillId} for testing`, method: 'PUT', path: `/v1/skills/${encodeURIComponent(skillId)}/stages/development/enablement`, idempotent: true });
  }

  // In-skill products ---------------------------------------------------------------------------

  async createProduct(definition: object, vendorId: string = this.vendorId, name = 'product'): Promise<string> {
    const answer = await this.call<{ productId?: string }>({ operation: 'create-isp-for-vendor', what: `create ${name}`, method: 'POST', path: '/v1/inSkillProducts', body: { vendorId, inSkillProductDefinition: definition }, idempotent: false });
    if (!answer.body?.productId) throw badAnswer('create-isp-for-vendor', 'no productId');
    return answer.body.productId;
  }

  async getProduct(productId: string, stage: Stage = 'development'): Promise<{ definition: Record<string, unknown>; eTag: string | undefined }> {
    const answer = await this.call<{ inSkillProductDefinition?: Record<string, unknown> }>({ operation: 'get-isp-definition', what: `read product ${productId}`, method: 'GET', path: `/v1/inSkillProducts/${encodeURIComponent(productId)}/stages/${stage}`, idempotent: true });
    if (!answer.body?.inSkillProductDefinition) throw badAnswer('get-isp-definition', 'no inSkillProductDefinition');
    return { definition: answer.body.inSkillProductDefinition, eTag: answer.headers.get('etag') ?? undefined };
  }

  async getProductSummary(productId: string, stage: Stage = 'development'): Promise<ProductSummary> {
    const answer = await this.call<{ inSkillProductSummary?: ProductSummary }>({ operation: 'get-isp-summary', what: `read the summary of product ${productId}`, method: 'GET', path: `/v1/inSkillProducts/${encodeURIComponent(productId)}/stages/${stage}/summary`, idempotent: true });
    if (!answer.body?.inSkillProductSummary) throw badAnswer('get-isp-summary', 'no inSkillProductSummary');
    return answer.body.inSkillProductSummary;
  }

  /** PUT the development stage; `eTag` makes Amazon refuse (412) a product changed since. */
  async updateProduct(productId: string, definition: object, eTag?: string, name = `product ${productId}`): Promise<void> {
    await this.call({ operation: 'update-isp-for-product', what: `update ${name}`, method: 'PUT', path: `/v1/inSkillProducts/${encodeURIComponent(productId)}/stages/development`, body: { inSkillProductDefinition: definition }, ...(eTag ? { headers: { 'If-Match': eTag } } : {}), idempotent: true });
  }

  /** Every product of the vendor (all pages: the paging fields are nested in the list). */
  listVendorProducts(vendorId: string = this.vendorId, filter: { stage?: Stage; referenceName?: string } = {}): Promise<ProductSummary[]> {
    return this.pages('list-isp-for-vendor', 'list your in-skill products', '/v1/inSkillProducts', { vendorId, stage: filter.stage, referenceName: filter.referenceName });
  }

  /** The products linked to a skill's stage; `undefined` when the skill has no such stage (404). */
  async listSkillProducts(skillId: string, stage: Stage = 'development'): Promise<ProductSummary[] | undefined> {
    try {
      return await this.pages('list-isp-for-skill', `list the products of ${skillId} (${stage})`, `/v1/skills/${encodeURIComponent(skillId)}/stages/${stage}/inSkillProducts`, {});
    } catch (error) {
      if ((error as { details?: { status?: number } }).details?.status === 404) return undefined;
      throw error;
    }
  }

  async associate(productId: string, skillId: string, name = `product ${productId}`): Promise<void> {
    await this.call({ operation: 'associate-isp-with-skill', what: `link ${name} to ${skillId}`, method: 'PUT', path: `/v1/inSkillProducts/${encodeURIComponent(productId)}/skills/${encodeURIComponent(skillId)}`, idempotent: true });
  }

  async disassociate(productId: string, skillId: string, name = `product ${productId}`): Promise<void> {
    await this.call({ operation: 'disassociate-isp-with-skill', what: `unlink ${name} from ${skillId}`, method: 'DELETE', path: `/v1/inSkillProducts/${encodeURIComponent(productId)}/skills/${encodeURIComponent(skillId)}`, idempotent: true });
  }

  /** Resets the caller's own test purchases of the product. */
  async resetEntitlement(productId: string, name = `product ${productId}`): Promise<void> {
    await this.call({ operation: 'reset-entitlement-for-product', what: `reset your test purchases of ${name}`, method: 'DELETE', path: `/v1/inSkillProducts/${encodeURIComponent(productId)}/stages/development/entitlement`, idempotent: true });
  }

  // Transport ------------------------------------------------------------------------------------

  private async pages(operation: string, what: string, path: string, query: Record<string, string | undefined>): Promise<ProductSummary[]> {
    const all: ProductSummary[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      type ListAnswer = { inSkillProductSummaryList?: { inSkillProducts?: ProductSummary[]; isTruncated?: boolean; nextToken?: string } };
      const answer = await this.call<ListAnswer>({ operation, what, method: 'GET', path, query: { ...query, nextToken, maxResults: '50' }, idempotent: true });
      const list = answer.body?.inSkillProductSummaryList;
      all.push(...(list?.inSkillProducts ?? []));
      nextToken = list?.nextToken;
      if (!list?.isTruncated || !nextToken) return all;
    }
    throw badAnswer(operation, `more than ${MAX_PAGES} pages`);
  }

  private async call<T>(call: Call): Promise<Answer<T>> {
    const url = new URL(`${this.baseUrl}${call.path}`);
    for (const [key, value] of Object.entries(call.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    let renewed = false;
    return this.withRetries<T>(call.operation, call.idempotent, async () => {
      const token = await this.options.credentials.accessToken();
      let response: Response;
      try {
        response = await this.fetch(url.href, {
          method: call.method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            'user-agent': `skillshop (Node ${process.version})`,
            ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...call.headers,
          },
          ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        });
      } catch (cause) {
        return { kind: 'network' as const, cause };
      }
      const text = await response.text();
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (response.status === 401 && !renewed) {
        renewed = true;
        if (await this.options.credentials.renew()) return { kind: 'again' as const };
      }
      if (call.accept?.includes(response.status)) return { kind: 'ok' as const, status: response.status, headers: response.headers, body: body as T };
      return { kind: 'answer' as const, status: response.status, headers: response.headers, body: body as T };
    }, call);
  }

  private async withRetries<T>(
    operation: string,
    idempotent: boolean,
    attempt: () => Promise<
      | { kind: 'network'; cause: unknown }
      | { kind: 'again' }
      | { kind: 'ok' | 'answer'; status: number; headers: Headers; body: T }
    >,
    context: { what: string; operation: string },
  ): Promise<Answer<T>> {
    for (let tries = 1; ; tries++) {
      const result = await attempt();
      if (result.kind === 'again') {
        tries--; // a refreshed token is not a retry
        continue;
      }
      let retryable: boolean;
      if (result.kind === 'network') {
        retryable = idempotent;
        if (!retryable || tries >= this.retry.maxAttempts) {
          const cause = result.cause as Error & { cause?: { code?: string } };
          const why = cause.cause?.code ?? cause.message;
          throw skillshopError('DEPLOY_HTTP', `Could not ${context.what}: no answer from ${this.baseUrl} (${why}).${idempotent ? '' : ' It may or may not have been done: run the command again, it finds what was done and carries on.'}`, { cause, details: { operation } });
        }
      } else {
        if (result.kind === 'ok' || (result.status >= 200 && result.status < 300)) return result;
        retryable = result.status === 429 || result.status === 503 || (idempotent && (result.status === 500 || result.status === 502 || result.status === 504));
        if (!retryable || tries >= this.retry.maxAttempts) {
          throw smapiError({ ...context, loginHint: this.options.credentials.loginHint() }, result.status, result.body);
        }
      }
      const headers = result.kind === 'answer' ? result.headers : undefined;
      const delayMs = this.backoff(tries, headers?.get('retry-after') ?? undefined);
      this.options.onRetry?.({ operation, ...(result.kind === 'answer' ? { status: result.status } : {}), attempt: tries, delayMs });
      await this.sleep(delayMs);
    }
  }

  private backoff(tries: number, retryAfter: string | undefined): number {
    let delay = Math.min(this.retry.baseDelayMs * 2 ** (tries - 1), this.retry.maxDelayMs);
    if (retryAfter !== undefined) {
      const seconds = Number(retryAfter);
      const until = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
      if (Number.isFinite(until)) delay = Math.min(Math.max(until, 0), MAX_RETRY_AFTER_MS);
    }
    return Math.round(delay * this.delayScale);
  }
}

function badAnswer(operation: string, what: string) {
  return skillshopError('DEPLOY_HTTP', `Amazon's answer to ${operation} was not what SMAPI documents (${what}). Try again; report it if it persists.`, { details: { operation } });
}
