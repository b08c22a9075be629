/**
 * The emulated Monetization service, running: a real HTTP server on 127.0.0.1 (a random port)
 * that answers the runtime product and entitlement API the way Amazon does, over the state of a
 * PurchaseEngine. Put its `url` into `context.System.apiEndpoint` and a `tokenFor(userId)` into
 * `context.System.apiAccessToken`, and a skill's own Monetization client talks to it unchanged.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { skillshopError } from '../../errors';
import type { InSkillProduct, InSkillProductTransaction, ProductFilter } from '../../isp/product';
import { AccessTokens } from './access-tokens';
import type { EmulatedProduct } from './emulated-catalog';
import type { EntitlementSummary } from './entitlement-summary';
import { FaultPlan, type Fault } from './faults';
import { createMonetizationApi, type ApiAnswer } from './monetization-api';
import { MAX_RESULTS } from './paging';
import type { ProductOffer } from './product-offer';
import { PurchaseEngine, type BuyResult, type CancelResult, type PurchaseEngineOptions, type PurchaseLogEntry } from './purchase-engine';

export interface MonetizationEmulatorOptions extends PurchaseEngineOptions {
  /** Products per list page at most (a request's maxResults may lower it): 1..100, default 100. */
  pageSize?: number;
  /** Signs the access tokens; random per emulator unless given (then tokens are stable across runs). */
  tokenSecret?: string | Uint8Array;
  /** Default 0: a free port. */
  port?: number;
}

export interface MonetizationEmulator {
  /** The value for `context.System.apiEndpoint`, e.g. `http://127.0.0.1:51234`. */
  readonly url: string;
  /** The purchase engine behind the server (the methods below delegate to it). */
  readonly engine: PurchaseEngine;
  readonly catalog: readonly EmulatedProduct[];
  /** A `context.System.apiAccessToken` that identifies this user to the emulator. */
  tokenFor(userId: string): string;
  productIdOf(referenceName: string): string | undefined;
  buy(userId: string, productId: string): BuyResult;
  cancel(userId: string, productId: string): CancelResult;
  productFor(userId: string, productId: string, locale: string): InSkillProduct | undefined;
  listFor(userId: string, locale: string, filter?: ProductFilter): InSkillProduct[];
  offerFor(productId: string, locale: string, userId?: string): ProductOffer | undefined;
  entitlements(userId: string): EntitlementSummary[];
  history(userId: string): PurchaseLogEntry[];
  parentalTransactions(userId: string): Required<InSkillProductTransaction>[];
  approvePurchase(userId: string, productId: string): boolean;
  denyPurchase(userId: string, productId: string): boolean;
  /** The parent lets the request lapse (EXPIRED_NO_ACTION_BY_PARENT now). False when nothing awaited a decision. */
  expirePurchase(userId: string, productId: string): boolean;
  /** Off sale (NOT_PURCHASABLE) for everyone, or back on sale; in memory only. */
  setPurchasable(productId: string, purchasable: boolean): void;
  isForSale(productId: string): boolean;
  /** Whether anything is kept for this user. */
  hasUser(userId: string): boolean;
  /** Purchases, trials and the log of `from` become `to`'s (a skill disabled and re-enabled: a new user id). */
  moveUser(from: string, to: string): void;
  setChildDirected(enabled: boolean): void;
  setVoicePurchasing(enabled: boolean): void;
  reset(userId?: string): void;
  /** Answer HTTP requests with an error status (see Fault); `undefined` stops. */
  setFault(fault: Fault | undefined): void;
  /** Hold every HTTP answer back this many (real) milliseconds; 0 stops. */
  setLatency(ms: number): void;
  /** Stops the server (open connections included) and closes the database. */
  close(): Promise<void>;
}

/**
 * @example
 * const emulator = await startMonetizationEmulator({ products: loadCatalog(dir).products, dbPath: '.skillshop/monetization.db' });
 * envelope.context.System.apiEndpoint = emulator.url;
 * envelope.context.System.apiAccessToken = emulator.tokenFor(userId);
 * ...
 * await emulator.close();
 */
export async function startMonetizationEmulator(options: MonetizationEmulatorOptions): Promise<MonetizationEmulator> {
  const pageSize = options.pageSize ?? MAX_RESULTS;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_RESULTS) {
    throw skillshopError('CONFIG_INVALID', `Monetization emulator: pageSize must be an integer from 1 to ${MAX_RESULTS}, got ${pageSize}.`, {
      details: { setting: 'pageSize' },
    });
  }
  const engine = new PurchaseEngine(options);
  const tokens = new AccessTokens(options.tokenSecret);
  const api = createMonetizationApi(engine, tokens, { pageSize });
  const faults = new FaultPlan();
  const timers = new Set<NodeJS.Timeout>();
  let latencyMs = 0;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let answer: ApiAnswer;
    try {
      answer = faults.take() ?? api({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers });
    } catch (error) {
      // A bug or a database failure must not take the server down: answer like Amazon's 500.
      answer = { status: 500, body: { message: `The monetization emulator failed: ${error instanceof Error ? error.message : String(error)}` } };
    }
    // The request body is never read (GET only); drain it so keep-alive connections stay usable.
    request.resume();
    if (latencyMs <= 0) return send(response, answer);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!response.destroyed) send(response, answer);
    }, latencyMs);
    timers.add(timer);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    engine.close();
    throw skillshopError('CONFIG_INVALID', `The monetization emulator could not listen on 127.0.0.1:${options.port ?? 0}: ${String(error)}`, {
      cause: error,
      details: { setting: 'port' },
    });
  }
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}`,
    engine,
    catalog: engine.catalog,
    tokenFor: (userId) => tokens.tokenFor(userId),
    productIdOf: (referenceName) => engine.productIdOf(referenceName),
    buy: (userId, productId) => engine.buy(userId, productId),
    cancel: (userId, productId) => engine.cancel(userId, productId),
    productFor: (userId, productId, locale) => engine.productFor(userId, productId, locale),
    listFor: (userId, locale, filter) => engine.listFor(userId, locale, filter),
    offerFor: (productId, locale, userId) => engine.offerFor(productId, locale, userId),
    entitlements: (userId) => engine.entitlements(userId),
    history: (userId) => engine.history(userId),
    parentalTransactions: (userId) => engine.parentalTransactions(userId),
    approvePurchase: (userId, productId) => engine.approvePurchase(userId, productId),
    denyPurchase: (userId, productId) => engine.denyPurchase(userId, productId),
    expirePurchase: (userId, productId) => engine.expirePurchase(userId, productId),
    setPurchasable: (productId, purchasable) => engine.setPurchasable(productId, purchasable),
    isForSale: (productId) => engine.isForSale(productId),
    hasUser: (userId) => engine.hasUser(userId),
    moveUser: (from, to) => engine.moveUser(from, to),
    setChildDirected: (enabled) => engine.setChildDirected(enabled),
    setVoicePurchasing: (enabled) => engine.setVoicePurchasing(enabled),
    reset: (userId) => engine.reset(userId),
    setFault: (fault) => faults.set(fault),
    setLatency: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Latency must be a number of milliseconds >= 0, got ${ms}`);
      latencyMs = ms;
    },
    close: () => {
      closed ??= (async () => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections();
        await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
        engine.close();
      })();
      return closed;
    },
  };
}

function send(response: ServerResponse, answer: ApiAnswer): void {
  response.writeHead(answer.status, { 'Content-Type': 'application/json; charset=utf-8', ...answer.headers });
  response.end(JSON.stringify(answer.body));
}
