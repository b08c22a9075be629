/**
 * The HTTP face of the emulated Monetization service, without the transport: a request's method,
 * URL and headers in, a status and JSON body out (the node:http server in
 * monetization-emulator.ts only translates). Paths, parameters and answers as in
 * alexa-isp-facts.md §3 and
 * https://developer.amazon.com/en-US/docs/alexa/in-skill-purchase/in-skill-product-service.html
 */
import type { ProductFilter, ProductType, PurchasableState, EntitledState, TransactionStatus } from '../../isp/product';
import type { AccessTokens } from './access-tokens';
import { primaryLanguage } from './marketplaces';
import { pageOf, parseMaxResults } from './paging';
import type { PurchaseEngine } from './purchase-engine';

export const BASE_PATH = '/v1/users/~current/skills/~current/';

export interface ApiRequest {
  method: string;
  /** Path and query, as node:http gives `request.url`. */
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const FILTERS = {
  purchasable: ['PURCHASABLE', 'NOT_PURCHASABLE'] satisfies PurchasableState[],
  entitled: ['ENTITLED', 'NOT_ENTITLED'] satisfies EntitledState[],
  productType: ['ENTITLEMENT', 'SUBSCRIPTION', 'CONSUMABLE'] satisfies ProductType[],
} as const;

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const TRANSACTION_STATUSES: readonly TransactionStatus[] = [
  'PENDING_APPROVAL_BY_PARENT',
  'APPROVED_BY_PARENT',
  'DENIED_BY_PARENT',
  'EXPIRED_NO_ACTION_BY_PARENT',
  'ERROR',
];

/**
 * @example
 * const answer = createMonetizationApi(engine, tokens, { pageSize: 100 });
 * answer({ method: 'GET', url: `${BASE_PATH}inSkillProducts`, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en-US' } });
 */
export function createMonetizationApi(
  engine: PurchaseEngine,
  tokens: AccessTokens,
  options: { pageSize: number },
): (request: ApiRequest) => ApiAnswer {
  return (request) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    if (!url.pathname.startsWith(BASE_PATH)) return error(404, `No such resource: ${url.pathname}.`);
    if (request.method !== 'GET') {
      return { status: 405, body: { message: `Method ${request.method} is not allowed; the Monetization service is read-only.` }, headers: { Allow: 'GET' } };
    }
    const authorization = header(request, 'authorization');
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (bearer === null) return error(401, 'Request is not authorized: send Authorization: Bearer <context.System.apiAccessToken>.');
    const userId = tokens.userOf(bearer[1] as string);
    if (userId === undefined) return error(401, 'The access token is not valid.');
    const acceptLanguage = header(request, 'accept-language');
    const locale = acceptLanguage === undefined ? '' : primaryLanguage(acceptLanguage);
    // undici's fetch sends `Accept-Language: *` when none is set: that names no locale either.
    if (!LANGUAGE_TAG.test(locale)) {
      return error(400, 'The Accept-Language header is required and must name the request locale, e.g. en-US.');
    }

    const resource = url.pathname.slice(BASE_PATH.length);
    const query = url.searchParams;
    if (resource === 'inSkillProducts') return listProducts(userId, locale, query);
    if (resource.startsWith('inSkillProducts/')) return oneProduct(userId, locale, resource.slice('inSkillProducts/'.length));
    if (resource === 'inSkillProductsTransactions') return listTransactions(userId, query);
    if (resource === 'settings/voicePurchasing.enabled') return { status: 200, body: engine.isVoicePurchasingEnabled() };
    return error(404, `No such resource: ${url.pathname}.`);
  };

  function listProducts(userId: string, locale: string, query: URLSearchParams): ApiAnswer {
    const filter: ProductFilter = {};
    for (const [name, allowed] of Object.entries(FILTERS)) {
      const value = query.get(name);
      if (value === null) continue;
      if (!(allowed as readonly string[]).includes(value)) return error(400, `Invalid ${name} ${JSON.stringify(value)}: use ${allowed.join(' or ')}.`);
      (filter as Record<string, string>)[name] = value;
    }
    const size = parseMaxResults(query.get('maxResults'));
    if (typeof size !== 'number') return error(400, size.error);
    const page = pageOf(engine.listFor(userId, locale, filter), 'products', query.get('nextToken'), Math.min(size, options.pageSize));
    if ('error' in page) return error(400, page.error);
    return { status: 200, body: { inSkillProducts: page.items, isTruncated: page.nextToken !== null, nextToken: page.nextToken } };
  }

  function oneProduct(userId: string, locale: string, segment: string): ApiAnswer {
    let productId: string;
    try {
      productId = decodeURIComponent(segment);
    } catch {
      return error(400, 'The product id in the path is not validly URL-encoded.');
    }
    const product = productId === '' ? undefined : engine.productFor(userId, productId, locale);
    return product === undefined ? error(404, `No product with id ${productId} is linked to this skill.`) : { status: 200, body: product };
  }

  function listTransactions(userId: string, query: URLSearchParams): ApiAnswer {
    const productId = query.get('productId');
    const status = query.get('status');
    if (status !== null && !(TRANSACTION_STATUSES as readonly string[]).includes(status)) {
      return error(400, `Invalid status ${JSON.stringify(status)}: use one of ${TRANSACTION_STATUSES.join(', ')}.`);
    }
    const bounds: Record<'fromLastModifiedTime' | 'toLastModifiedTime', number | undefined> = {
      fromLastModifiedTime: undefined,
      toLastModifiedTime: undefined,
    };
    for (const name of Object.keys(bounds) as (keyof typeof bounds)[]) {
      const value = query.get(name);
      if (value === null) continue;
      const time = Date.parse(value);
      if (Number.isNaN(time)) return error(400, `Invalid ${name} ${JSON.stringify(value)}: use an ISO-8601 time, e.g. 2024-05-01T10:00:00Z.`);
      bounds[name] = time;
    }
    const size = parseMaxResults(query.get('maxResults'));
    if (typeof size !== 'number') return error(400, size.error);
    const { fromLastModifiedTime: from, toLastModifiedTime: to } = bounds;
    const matching = engine.parentalTransactions(userId).filter((transaction) => {
      const modified = Date.parse(transaction.lastModifiedTime);
      return (
        (productId === null || transaction.productId === productId) &&
        (status === null || transaction.status === status) &&
        (from === undefined || modified >= from) &&
        (to === undefined || modified <= to)
      );
    });
    const page = pageOf(matching, 'transactions', query.get('nextToken'), Math.min(size, options.pageSize));
    if ('error' in page) return error(400, page.error);
    return { status: 200, body: { results: page.items, metadata: { resultSet: { nextToken: page.nextToken } } } };
  }
}

function header(request: ApiRequest, name: string): string | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text;
}

function error(status: number, message: string): ApiAnswer {
  return { status, body: { message } };
}
