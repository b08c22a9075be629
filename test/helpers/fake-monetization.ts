/**
 * A real HTTP server on 127.0.0.1 that answers like Amazon's Monetization service (the runtime
 * product and entitlement API, facts sheet §3), so the client is tested over the wire, offline.
 * https://developer.amazon.com/en-US/docs/alexa/in-skill-purchase/in-skill-product-service.html
 *
 * @example
 * const fake = await startFakeMonetization({ products: [product({ referenceName: 'cave_quest' })], pageSize: 1 });
 * const client = new MonetizationClient({ apiEndpoint: fake.url, apiAccessToken: 'token', locale: 'en-US' });
 * ...
 * await fake.close();
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InSkillProduct, InSkillProductTransaction } from '../../src/isp/product';

const BASE_PATH = '/v1/users/~current/skills/~current/';
const ENUMS = {
  purchasable: ['PURCHASABLE', 'NOT_PURCHASABLE'],
  entitled: ['ENTITLED', 'NOT_ENTITLED'],
  productType: ['ENTITLEMENT', 'SUBSCRIPTION', 'CONSUMABLE'],
} as const;

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/users/~current/skills/~current/inSkillProducts`. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
}

export interface FakeMonetizationOptions {
  products?: InSkillProduct[];
  /** Products per list page at most (the client's maxResults may lower it). Default 100. */
  pageSize?: number;
  /** When set, only `Bearer <accessToken>` is accepted; otherwise any bearer token is. */
  accessToken?: string;
  voicePurchasing?: boolean;
  transactions?: InSkillProductTransaction[];
}

export interface FakeMonetization {
  /** The base URL to use as `context.System.apiEndpoint`, e.g. `http://127.0.0.1:51234`. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  setProducts(products: InSkillProduct[]): void;
  setVoicePurchasing(enabled: boolean): void;
  setTransactions(transactions: InSkillProductTransaction[]): void;
  /**
   * Answers the next request (after the auth checks) with `status` and `body`; calls queue up in
   * order. A string body is sent verbatim (to provoke a non-JSON answer), anything else as JSON;
   * without a body, `{ message }` as Amazon sends errors. Also the way to script odd pages.
   */
  failNext(status: number, body?: unknown): void;
  /** Answers every request with `status` until `fail(undefined)`. */
  fail(status: number | undefined, body?: unknown): void;
  /** Holds every answer back `ms` milliseconds (0 to stop), to provoke timeouts. */
  delay(ms: number): void;
  close(): Promise<void>;
}

interface Scripted {
  status: number;
  body: unknown;
}

export async function startFakeMonetization(options: FakeMonetizationOptions = {}): Promise<FakeMonetization> {
  let products = [...(options.products ?? [])];
  let voicePurchasing = options.voicePurchasing ?? true;
  let transactions = [...(options.transactions ?? [])];
  let delayMs = 0;
  let failAll: Scripted | undefined;
  const scripted: Scripted[] = [];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const pageSize = options.pageSize ?? 100;

  function route(request: IncomingMessage, url: URL): Scripted {
    const auth = request.headers.authorization ?? '';
    const expected = options.accessToken === undefined ? /^Bearer \S+$/.test(auth) : auth === `Bearer ${options.accessToken}`;
    if (!expected) return { status: 401, body: { message: 'Request is not authorized.' } };
    if (!request.headers['accept-language']) return { status: 400, body: { message: 'Accept-Language header is required.' } };
    const next = scripted.shift() ?? failAll;
    if (next) return next;
    if (request.method !== 'GET') return { status: 405, body: { message: 'Method not allowed.' } };
    if (!url.pathname.startsWith(BASE_PATH)) return notFound('Resource not found.');
    const resource = url.pathname.slice(BASE_PATH.length);
    if (resource === 'inSkillProducts') return list(url.searchParams);
    if (resource.startsWith('inSkillProducts/')) {
      const id = decodeURIComponent(resource.slice('inSkillProducts/'.length));
      const found = products.find((product) => product.productId === id);
      return found ? { status: 200, body: found } : notFound('Product not found.');
    }
    if (resource === 'settings/voicePurchasing.enabled') return { status: 200, body: voicePurchasing };
    if (resource === 'inSkillProductsTransactions') {
      const productId = url.searchParams.get('productId');
      const status = url.searchParams.get('status');
      const results = transactions.filter(
        (t) => (productId === null || t.productId === productId) && (status === null || t.status === status),
      );
      return { status: 200, body: { results, metadata: { resultSet: {} } } };
    }
    return notFound('Resource not found.');
  }

  function list(query: URLSearchParams): Scripted {
    let matching = products;
    for (const [param, allowed] of Object.entries(ENUMS)) {
      const value = query.get(param);
      if (value === null) continue;
      if (!(allowed as readonly string[]).includes(value)) return badRequest(`Invalid ${param}: ${value}`);
      const field = param === 'productType' ? 'type' : (param as 'purchasable' | 'entitled');
      matching = matching.filter((product) => product[field] === value);
    }
    const maxResults = query.has('maxResults') ? Number(query.get('maxResults')) : 100;
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) return badRequest('maxResults must be 1..100');
    const token = query.get('nextToken');
    const start = token === null ? 0 : offsetOf(token);
    if (start === undefined || start > matching.length) return badRequest('Invalid nextToken.');
    const end = start + Math.min(pageSize, maxResults);
    const isTruncated = end < matching.length;
    return {
      status: 200,
      body: { inSkillProducts: matching.slice(start, end), isTruncated, nextToken: isTruncated ? tokenFor(end) : null },
    };
  }

  function send(response: ServerResponse, { status, body }: Scripted): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body ?? { message: `Scripted ${status}.` });
    response.writeHead(status, { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json' });
    response.end(text);
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
    });
    const answer = route(request, url);
    if (delayMs <= 0) return send(response, answer);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!response.destroyed) send(response, answer);
    }, delayMs);
    timers.add(timer);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setProducts: (next) => {
      products = [...next];
    },
    setVoicePurchasing: (enabled) => {
      voicePurchasing = enabled;
    },
    setTransactions: (next) => {
      transactions = [...next];
    },
    failNext: (status, body) => {
      scripted.push({ status, body });
    },
    fail: (status, body) => {
      failAll = status === undefined ? undefined : { status, body };
    },
    delay: (ms) => {
      delayMs = ms;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Opaque to the client, like Amazon's. */
function tokenFor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function offsetOf(token: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  return match ? Number(match[1]) : undefined;
}

function notFound(message: string): Scripted {
  return { status: 404, body: { message } };
}

function badRequest(message: string): Scripted {
  return { status: 400, body: { message } };
}

/**
 * A realistic product: the id is a stable `amzn1.adg.product.<uuid>` derived from the
 * referenceName, so tests can name products without hard-coding ids.
 *
 * @example
 * product({ referenceName: 'cave_quest', entitled: 'ENTITLED' })
 */
export function product(partial: Partial<InSkillProduct> & { referenceName?: string } = {}): InSkillProduct {
  const referenceName = partial.referenceName ?? 'cave_quest';
  const name = partial.name ?? titleCase(referenceName);
  const entitled = partial.entitled ?? 'NOT_ENTITLED';
  const owned = entitled === 'ENTITLED';
  return {
    productId: productIdFor(referenceName),
    referenceName,
    name,
    type: 'ENTITLEMENT',
    summary: `${name} opens new paths for the adventure.`,
    purchasable: owned ? 'NOT_PURCHASABLE' : 'PURCHASABLE',
    entitled,
    entitlementReason: owned ? 'PURCHASED' : 'NOT_PURCHASED',
    activeEntitlementCount: owned ? 1 : 0,
    purchaseMode: 'TEST',
    ...partial,
  };
}

/** `amzn1.adg.product.<uuid>` from a hash of the seed: the same seed always gives the same id. */
export function productIdFor(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return `amzn1.adg.product.${uuid}`;
}

function titleCase(referenceName: string): string {
  return referenceName
    .split(/[_\s]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
