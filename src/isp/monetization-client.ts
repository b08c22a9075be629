/**
 * The runtime client of Amazon's Monetization service: which products the skill sells, which ones
 * the user owns, whether voice purchasing is on, and (child-directed skills) parents' approvals.
 * https://developer.amazon.com/en-US/docs/alexa/in-skill-purchase/in-skill-product-service.html
 *
 * One client lives for one request: it is built from that request's `context.System.apiEndpoint`,
 * `apiAccessToken` and `request.locale`, and memoizes the product list for the request's lifetime
 * (entitlements change only between sessions, after a purchase hop).
 */
import { skillshopError, type SkillshopError } from '../errors';
import type { RequestEnvelope } from '../alexa/request';
import { httpGet, HttpGetTimeoutError, originOf, type HttpOrigin } from './http-get';
import {
  matchesFilter,
  type InSkillProduct,
  type InSkillProductTransaction,
  type InSkillProductTransactionsResponse,
  type ProductFilter,
  type TransactionFilter,
} from './product';

export interface MonetizationClientOptions {
  /** `context.System.apiEndpoint`, e.g. `https://api.amazonalexa.com` (differs per region: never hard-code it). */
  apiEndpoint: string | undefined;
  /** `context.System.apiAccessToken`; valid for this request only. */
  apiAccessToken: string | undefined;
  /** `request.locale`; product names and summaries come back in this language. */
  locale: string | undefined;
  /** Per HTTP call. Alexa waits ~8 s for the whole answer, so keep this well below. Default 2500. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 2500;
const BASE_PATH = '/v1/users/~current/skills/~current/';
/** The list call's maximum `maxResults`. */
const PAGE_SIZE = 100;
/** The product list's first page: a constant, so a lookup builds no path (most lists have one page). */
const FIRST_PAGE_PATH = `${BASE_PATH}inSkillProducts?maxResults=${PAGE_SIZE}`;
/** 5,000 products: far above any real catalogue, so more pages means a paging bug on either side. */
const MAX_PAGES = 50;
/** The most common ISP support question: https://developer.amazon.com/en-US/docs/alexa/in-skill-purchase/isp-faqs.html */
const UNLINKED_HINT =
  'is the product linked to this skill? Unlinked or INCOMPLETE products make the Monetization service answer 401';

type Query = Record<string, string | undefined>;

/** What a client needs of an `apiEndpoint`: parsed once per endpoint and shared by its clients. */
interface Endpoint {
  /** Origin and base path, e.g. `https://api.amazonalexa.com`: for messages and `fetch` URLs. */
  base: string;
  /** `base` split up for node:http. */
  origin: HttpOrigin;
  /** The endpoint's own path prefix, usually ''. */
  basePath: string;
}

interface Config {
  endpoint: Endpoint;
  headers: Record<string, string>;
}

/**
 * @example
 * const isp = MonetizationClient.fromEnvelope(envelope);
 * const quest = await isp.getProductByReferenceName('cave_quest');
 * if (quest && !isEntitled(quest) && isPurchasable(quest)) return buyDirective(quest.productId);
 */
export class MonetizationClient {
  /** Builds a client from the request Alexa sent; problems surface when a call is made. */
  static fromEnvelope(
    envelope: Pick<RequestEnvelope, 'context' | 'request'>,
    options: Pick<MonetizationClientOptions, 'timeoutMs' | 'fetch'> = {},
  ): MonetizationClient {
    const system = envelope.context.System;
    return new MonetizationClient({
      apiEndpoint: system.apiEndpoint,
      apiAccessToken: system.apiAccessToken,
      locale: envelope.request.locale,
      ...options,
    });
  }

  private readonly config: Config | SkillshopError;
  private readonly accessToken: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch | undefined;
  private products: Promise<InSkillProduct[]> | undefined;

  /**
   * Never throws for what the request carried (a missing endpoint or token): every call rejects
   * with SKILLSHOP_MONETIZATION_UNAVAILABLE instead, so handlers meet the problem where they await.
   */
  constructor(options: MonetizationClientOptions) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new RangeError(`MonetizationClient timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
    }
    this.timeoutMs = timeoutMs;
    this.accessToken = options.apiAccessToken ?? '';
    // Without an injected fetch (tests, proxies), node:http does the GET: see http-get.ts.
    this.fetchImpl = options.fetch;
    this.config = configure(options);
  }

  /**
   * Every product of the skill, fetched once per client (all pages), then filtered locally.
   * Concurrent callers share the one fetch; a failed fetch is retried by the next call.
   */
  async getProducts(filter?: ProductFilter): Promise<InSkillProduct[]> {
    const all = await this.allProducts();
    return all.filter((product) => matchesFilter(product, filter));
  }

  /** One product; `undefined` when the skill has no product with that id (404). */
  async getProduct(productId: string): Promise<InSkillProduct | undefined> {
    if (typeof productId !== 'string' || productId === '') return undefined;
    if (this.products) return (await this.products).find((product) => product.productId === productId);
    const resource = `inSkillProducts/${encodeURIComponent(productId)}`;
    const body = await this.getJson(BASE_PATH + resource, { notFoundIsUndefined: true });
    if (body === undefined) return undefined;
    if (!isProduct(body)) throw this.badShape(resource, 'a product with string productId and referenceName');
    return body;
  }

  /** The product the developer named `referenceName` in its definition; `undefined` when none. */
  async getProductByReferenceName(referenceName: string): Promise<InSkillProduct | undefined> {
    const all = await this.allProducts();
    return all.find((product) => product.referenceName === referenceName);
  }

  /**
   * Whether the user allows purchases by voice (Alexa app settings). When off, a Buy directive
   * still works but Alexa refuses in its own words; a skill may prefer not to offer at all.
   */
  async isVoicePurchasingEnabled(): Promise<boolean> {
    const resource = 'settings/voicePurchasing.enabled';
    const body = await this.getJson(BASE_PATH + resource);
    if (typeof body !== 'boolean') throw this.badShape(resource, 'a bare JSON true or false');
    return body;
  }

  /**
   * Purchases awaiting, given or refused a parent's approval (child-directed skills), one page as
   * Amazon returns it: follow `metadata.resultSet.nextToken` with `filter.nextToken` for more.
   */
  async getTransactions(filter: TransactionFilter = {}): Promise<InSkillProductTransactionsResponse> {
    const resource = 'inSkillProductsTransactions';
    const body = await this.getJson(
      pathOf(resource, {
        productId: filter.productId,
        status: filter.status,
        fromLastModifiedTime: isoTime(filter.fromLastModifiedTime),
        toLastModifiedTime: isoTime(filter.toLastModifiedTime),
        nextToken: filter.nextToken,
        maxResults: filter.maxResults === undefined ? undefined : String(filter.maxResults),
      }),
    );
    if (!isRecord(body) || !Array.isArray(body.results) || !body.results.every(isRecord)) {
      throw this.badShape(resource, '{ results: [...], metadata }');
    }
    const metadata = isRecord(body.metadata) ? body.metadata : {};
    return { results: body.results as InSkillProductTransaction[], metadata };
  }

  private allProducts(): Promise<InSkillProduct[]> {
    if (!this.products) {
      const pending = this.fetchAllProducts();
      this.products = pending;
      pending.catch(() => {
        if (this.products === pending) this.products = undefined;
      });
    }
    return this.products;
  }

  private async fetchAllProducts(): Promise<InSkillProduct[]> {
    const resource = 'inSkillProducts';
    let products: InSkillProduct[] | undefined;
    let seenTokens: Set<string> | undefined;
    let nextToken: string | undefined;
    for (let page = 1; ; page += 1) {
      if (page > MAX_PAGES) {
        throw this.badPaging(`still truncated after ${MAX_PAGES} pages of ${PAGE_SIZE}`, page - 1);
      }
      const path = nextToken === undefined ? FIRST_PAGE_PATH : pathOf(resource, { nextToken, maxResults: String(PAGE_SIZE) });
      const body = await this.getJson(path);
      if (!isRecord(body) || !Array.isArray(body.inSkillProducts) || !body.inSkillProducts.every(isProduct)) {
        throw this.badShape(resource, '{ inSkillProducts: [products with string productId and referenceName], isTruncated, nextToken }');
      }
      // The first page's array is the list (JSON.parse made it for this client alone); later pages join it.
      if (products === undefined) products = body.inSkillProducts as InSkillProduct[];
      else for (const product of body.inSkillProducts as InSkillProduct[]) products.push(product);
      // One real capture spelled the flag `truncated`; with neither flag present, a token means more.
      const flag = typeof body.isTruncated === 'boolean' ? body.isTruncated : body.truncated;
      const token = typeof body.nextToken === 'string' && body.nextToken !== '' ? body.nextToken : undefined;
      const more = typeof flag === 'boolean' ? flag : token !== undefined;
      if (!more) return products;
      if (token === undefined) throw this.badPaging('isTruncated is true but no nextToken came with it', page);
      seenTokens ??= new Set();
      if (seenTokens.has(token)) throw this.badPaging('the same nextToken came back twice', page);
      seenTokens.add(token);
      nextToken = token;
    }
  }

  /**
   * GETs a JSON resource, `path` being BASE_PATH, the resource and its query (pathOf); resolves
   * `undefined` for a 404 when asked to.
   */
  private async getJson(path: string, options?: { notFoundIsUndefined?: boolean }): Promise<unknown> {
    const config = this.config;
    if (!('endpoint' in config)) throw config;
    const { endpoint, headers } = config;
    let status: number;
    let text: string;
    if (this.fetchImpl) {
      const signal = AbortSignal.timeout(this.timeoutMs);
      try {
        const response = await this.fetchImpl(endpoint.base + path, { method: 'GET', headers, signal });
        status = response.status;
        text = await response.text();
      } catch (error) {
        throw signal.aborted ? this.timeoutError(path, error) : this.unreachable(endpoint.base, path, error);
      }
    } else {
      try {
        ({ status, text } = await httpGet(endpoint.origin, endpoint.basePath + path, headers, this.timeoutMs));
      } catch (error) {
        throw error instanceof HttpGetTimeoutError ? this.timeoutError(path, error) : this.unreachable(endpoint.base, path, error);
      }
    }
    if (status === 404 && options?.notFoundIsUndefined) return undefined;
    if (status < 200 || status > 299) throw this.httpError(status, path, text);
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw skillshopError(
        'MONETIZATION_BAD_RESPONSE',
        `The Monetization service answered GET ${path} with a body that is not JSON: ${quote(this.redact(text))}`,
        { cause: error, details: { status, path } },
      );
    }
  }

  private httpError(status: number, path: string, text: string): SkillshopError {
    const amazonMessage = messageOf(text);
    let message = `The Monetization service answered ${status} to GET ${path}`;
    if (amazonMessage !== undefined) message += `: ${this.redact(amazonMessage)}`;
    if (status === 401) message += ` — ${UNLINKED_HINT}`;
    else if (status === 429) message += ' — throttled (429 Too Many Requests): back off before calling again';
    else if (status >= 500) message += ` — the Monetization service failed on its side (${status}): retry later`;
    const details: Record<string, unknown> = { status, path };
    if (amazonMessage !== undefined) details.amazonMessage = this.redact(amazonMessage);
    return skillshopError('MONETIZATION_HTTP', message, { details });
  }

  private timeoutError(path: string, cause: unknown): SkillshopError {
    return skillshopError(
      'MONETIZATION_TIMEOUT',
      `The Monetization service did not answer GET ${path} within ${this.timeoutMs} ms (the timeoutMs option)`,
      { cause, details: { path, timeoutMs: this.timeoutMs } },
    );
  }

  private unreachable(base: string, path: string, cause: unknown): SkillshopError {
    return skillshopError(
      'MONETIZATION_UNAVAILABLE',
      `Could not reach the Monetization service at ${base} for GET ${path}: ${this.redact(describe(cause))}`,
      { cause, details: { path } },
    );
  }

  private badShape(resource: string, expected: string): SkillshopError {
    const path = BASE_PATH + resource;
    return skillshopError('MONETIZATION_BAD_RESPONSE', `The Monetization service answered GET ${path} with JSON that is not ${expected}`, {
      details: { path },
    });
  }

  private badPaging(problem: string, pages: number): SkillshopError {
    const path = `${BASE_PATH}inSkillProducts`;
    return skillshopError('MONETIZATION_BAD_RESPONSE', `The product list at GET ${path} does not end: ${problem}`, {
      details: { path, pages },
    });
  }

  /** The access token must never reach a message, a log line or an error report. */
  private redact(text: string): string {
    return this.accessToken === '' ? text : text.split(this.accessToken).join('[apiAccessToken]');
  }
}

/** BASE_PATH, the resource and `?key=value&…` of the defined values, encoded as URLSearchParams would. */
function pathOf(resource: string, query: Query): string {
  let out = '';
  for (const key in query) {
    const value = query[key];
    if (value === undefined) continue;
    out += `${out === '' ? '?' : '&'}${formEncode(key)}=${formEncode(value)}`;
  }
  return BASE_PATH + resource + out;
}

/** application/x-www-form-urlencoded, URLSearchParams's encoding; plain tokens pass as they are. */
function formEncode(text: string): string {
  return /^[A-Za-z0-9*\-._]*$/.test(text) ? text : new URLSearchParams([['', text]]).toString().slice(1);
}

/**
 * Endpoints seen recently, parsed: Alexa sends a handful (one per region), and every request
 * builds a client for one of them.
 */
const endpoints = new Map<string, Endpoint>();
const MAX_ENDPOINTS = 16;

function configure(options: MonetizationClientOptions): Config | SkillshopError {
  const noContext = (field: string) =>
    skillshopError(
      'MONETIZATION_UNAVAILABLE',
      `The request carried no ${field}, so the Monetization service cannot be called. ` +
        'Alexa sends it with every request; a hand-written or simulated request must include it.',
      { details: { field } },
    );
  if (!options.apiEndpoint) return noContext('context.System.apiEndpoint');
  if (!options.apiAccessToken) return noContext('context.System.apiAccessToken');
  if (!options.locale) return noContext('request.locale');
  let endpoint = endpoints.get(options.apiEndpoint);
  if (endpoint === undefined) {
    const configured = configureEndpoint(options.apiEndpoint);
    if (!('base' in configured)) return configured; // a fresh error each time: never a shared instance
    endpoint = configured;
    if (endpoints.size >= MAX_ENDPOINTS) endpoints.delete(endpoints.keys().next().value as string);
    endpoints.set(options.apiEndpoint, endpoint);
  }
  return {
    endpoint,
    headers: {
      Authorization: `Bearer ${options.apiAccessToken}`,
      'Accept-Language': options.locale,
      Accept: 'application/json',
    },
  };
}

/** What a client needs of `apiEndpoint`, or why it cannot be used (the same answer every time). */
function configureEndpoint(apiEndpoint: string): Endpoint | SkillshopError {
  let url: URL;
  try {
    url = new URL(apiEndpoint);
  } catch (cause) {
    return skillshopError('MONETIZATION_UNAVAILABLE', `context.System.apiEndpoint ${quote(apiEndpoint)} is not a URL`, {
      cause,
      details: { field: 'context.System.apiEndpoint' },
    });
  }
  // The bearer token would travel in clear text: only a local fake may be plain http.
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname)))) {
    return skillshopError(
      'MONETIZATION_UNAVAILABLE',
      `Refusing to send the access token to ${url.origin}: the Monetization endpoint must be https ` +
        '(plain http only to a loopback host such as 127.0.0.1, for a local fake)',
      { details: { field: 'context.System.apiEndpoint', apiEndpoint: url.origin } },
    );
  }
  const basePath = url.pathname.replace(/\/+$/, '');
  return { base: url.origin + basePath, origin: originOf(url), basePath };
}

/** `URL` has already normalized `127.1` and `0x7f.0.0.1` to dotted decimal. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Only the fields lookups depend on are required; other fields pass through as Amazon sent them. */
function isProduct(value: unknown): value is InSkillProduct {
  return isRecord(value) && typeof value.productId === 'string' && typeof value.referenceName === 'string';
}

function messageOf(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return isRecord(body) && typeof body.message === 'string' && body.message !== '' ? body.message : undefined;
  } catch {
    return undefined;
  }
}

function isoTime(time: string | Date | undefined): string | undefined {
  return time instanceof Date ? time.toISOString() : time;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  const code = isRecord(cause) && typeof cause.code === 'string' ? cause.code : undefined;
  return code === undefined ? error.message : `${error.message} (${code})`;
}
