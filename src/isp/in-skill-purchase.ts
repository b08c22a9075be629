/**
 * `this.alexaSkill().inSkillPurchase()`: every call of the seed, plus what users of Jovo, Voxa and
 * the ASK SDK rely on. Lookups take an optional Node-style callback `(error, result)`, exactly as
 * the seed writes them, and return a promise when none is given.
 *
 * An unknown reference name is not an error: `getProductByReferenceName` gives `undefined` (a slot
 * value that entity resolution did not match has no id either). `buyByReferenceName` and friends,
 * which cannot go on without a product, fail with SKILLSHOP_PRODUCT_NOT_FOUND.
 *
 * Consumables: `getInventory(referenceName)` says what the user has (`purchased` from Amazon's
 * count × `unitsPerPurchase`, `used` from storage) and `consume(referenceName, count)` uses units
 * in one atomic, conditional write, once per request even when Alexa delivers it twice
 * (inventory.ts has the rules, including the refund policy).
 */
import type { ConnectionsResponse } from '../alexa/request';
import { skillshopError } from '../errors';
import type { HandlerContext } from '../app/context';
import { buyDirective, cancelDirective, upsellDirective } from './directives';
import {
  isEntitled,
  type InSkillProduct,
  type InSkillProductTransaction,
  type ProductFilter,
  type TransactionFilter,
} from './product';
import { PURCHASE_CONNECTION_NAMES } from './purchase-result';
import { checkCount, InsufficientInventoryError, inventoryOf, purchasedUnits, usedUnits, type Inventory } from './inventory';
import { RedeliveredRequest } from '../app/request-state';

export type NodeCallback<T> = (this: HandlerContext, error: Error | null, result: T) => unknown;

export class InSkillPurchase {
  constructor(private readonly context: HandlerContext) {}

  private get client() {
    return this.context.requestState.monetization();
  }

  // ---- lookups ------------------------------------------------------------------------------

  /** All products, or those matching `filter`; follows `nextToken` to the end, once per request. */
  getProductList(filter?: ProductFilter): Promise<InSkillProduct[]>;
  getProductList(callback: NodeCallback<InSkillProduct[] | undefined>): void;
  getProductList(filter: ProductFilter | undefined, callback: NodeCallback<InSkillProduct[] | undefined>): void;
  getProductList(
    filterOrCallback?: ProductFilter | NodeCallback<InSkillProduct[] | undefined>,
    callback?: NodeCallback<InSkillProduct[] | undefined>,
  ): Promise<InSkillProduct[]> | void {
    if (typeof filterOrCallback === 'function') return this.lookup(() => this.client.getProducts(), filterOrCallback);
    return this.lookup(() => this.client.getProducts(filterOrCallback), callback);
  }

  /** The product with this reference name (e.g. `cave_quest`), or `undefined` when there is none. */
  getProductByReferenceName(referenceName: string | undefined): Promise<InSkillProduct | undefined>;
  getProductByReferenceName(referenceName: string | undefined, callback: NodeCallback<InSkillProduct | undefined>): void;
  getProductByReferenceName(
    referenceName: string | undefined,
    callback?: NodeCallback<InSkillProduct | undefined>,
  ): Promise<InSkillProduct | undefined> | void {
    return this.lookup<InSkillProduct | undefined>(
      () => (referenceName ? this.client.getProductByReferenceName(referenceName) : Promise.resolve(undefined)),
      callback,
    );
  }

  /** The product with this id (`amzn1.adg.product.…`), or `undefined` when there is none. */
  getProduct(productId: string): Promise<InSkillProduct | undefined>;
  getProduct(productId: string, callback: NodeCallback<InSkillProduct | undefined>): void;
  getProduct(productId: string, callback?: NodeCallback<InSkillProduct | undefined>): Promise<InSkillProduct | undefined> | void {
    return this.lookup<InSkillProduct | undefined>(() => this.client.getProduct(productId), callback);
  }

  /** Whether the user owns the product (exactly `ENTITLED`; unknown values mean not entitled). */
  isEntitled(referenceName: string): Promise<boolean>;
  isEntitled(referenceName: string, callback: NodeCallback<boolean | undefined>): void;
  isEntitled(referenceName: string, callback?: NodeCallback<boolean | undefined>): Promise<boolean> | void {
    return this.lookup(async () => {
      const product = await this.client.getProductByReferenceName(referenceName);
      return product !== undefined && isEntitled(product);
    }, callback);
  }

  /** Whether the account allows voice purchasing. */
  isVoicePurchasingEnabled(): Promise<boolean>;
  isVoicePurchasingEnabled(callback: NodeCallback<boolean | undefined>): void;
  isVoicePurchasingEnabled(callback?: NodeCallback<boolean | undefined>): Promise<boolean> | void {
    return this.lookup(() => this.client.isVoicePurchasingEnabled(), callback);
  }

  /** Purchase transactions (child-directed skills: purchases waiting for a parent's approval). */
  getTransactions(filter?: TransactionFilter): Promise<InSkillProductTransaction[]>;
  getTransactions(filter: TransactionFilter | undefined, callback: NodeCallback<InSkillProductTransaction[] | undefined>): void;
  getTransactions(
    filter?: TransactionFilter,
    callback?: NodeCallback<InSkillProductTransaction[] | undefined>,
  ): Promise<InSkillProductTransaction[]> | void {
    return this.lookup(async () => (await this.client.getTransactions(filter)).results, callback);
  }

  // ---- consumables ----------------------------------------------------------------------------

  /**
   * What the user has of a consumable: `{ purchased, used, available }` (plus `referenceName` and
   * `productId`). Fails with SKILLSHOP_PRODUCT_NOT_FOUND for an unknown product and
   * SKILLSHOP_NOT_A_CONSUMABLE for an entitlement or subscription. When Amazon's count fell below
   * `used` (a refund, a test reset), the App's `isp.refundPolicy` is applied first.
   *
   * @example
   * const { available } = await this.isp.getInventory('hint_pack');
   */
  getInventory(referenceName: string): Promise<Inventory>;
  getInventory(referenceName: string, callback: NodeCallback<Inventory | undefined>): void;
  getInventory(referenceName: string, callback?: NodeCallback<Inventory | undefined>): Promise<Inventory> | void {
    return this.lookup(async () => (await this.readInventory(referenceName)).inventory, callback);
  }

  /**
   * Uses `count` units (default 1) and resolves the inventory after it. One atomic, conditional
   * write: never below zero, never lost to a racing request. Not enough left: rejects with an
   * InsufficientInventoryError (SKILLSHOP_INSUFFICIENT_INVENTORY) carrying the inventory, and
   * nothing is used. Keyed by the request's id, so a request Alexa delivers twice uses its units
   * once, and the second delivery gets the first one's answer.
   *
   * @example
   * this.alexaSkill().inSkillPurchase().consume('hint_pack', (error, inventory) => {
   *   if (error) return this.tell('You are out of hints.');
   *   this.tell(`Here is your hint. You have ${inventory.available} left.`);
   * });
   */
  consume(referenceName: string, count?: number): Promise<Inventory>;
  consume(referenceName: string, callback: NodeCallback<Inventory | undefined>): void;
  consume(referenceName: string, count: number | undefined, callback: NodeCallback<Inventory | undefined>): void;
  consume(
    referenceName: string,
    countOrCallback?: number | NodeCallback<Inventory | undefined>,
    callback?: NodeCallback<Inventory | undefined>,
  ): Promise<Inventory> | void {
    if (typeof countOrCallback === 'function') return this.lookup(() => this.useUnits(referenceName, 1), countOrCallback);
    return this.lookup(() => this.useUnits(referenceName, countOrCallback ?? 1), callback);
  }

  // ---- purchase directives (each one is the whole answer and ends the session) ------------------

  /** Asks Alexa to sell the product; the result arrives in ON_PURCHASE. */
  buy(productId: string, token?: string): void {
    this.context.sendPurchaseDirective(buyDirective(productId, token));
  }

  /** Alexa reads `upsellMessage` (a yes/no question, no price) and offers the product on "yes". */
  upsell(productId: string, upsellMessage: string, token?: string): void {
    this.context.sendPurchaseDirective(upsellDirective(productId, upsellMessage, token));
  }

  /** Cancels a subscription, or starts a refund of an entitlement or consumable. */
  cancel(productId: string, token?: string): void {
    this.context.sendPurchaseDirective(cancelDirective(productId, token));
  }

  buyByReferenceName(referenceName: string, token?: string): Promise<void> {
    return this.byReferenceName(referenceName, (id) => this.buy(id, token));
  }

  upsellByReferenceName(referenceName: string, upsellMessage: string, token?: string): Promise<void> {
    return this.byReferenceName(referenceName, (id) => this.upsell(id, upsellMessage, token));
  }

  cancelByReferenceName(referenceName: string, token?: string): Promise<void> {
    return this.byReferenceName(referenceName, (id) => this.cancel(id, token));
  }

  // ---- the purchase result, in ON_PURCHASE --------------------------------------------------

  /** ACCEPTED | DECLINED | ALREADY_PURCHASED | NOT_ENTITLED | PENDING_PURCHASE | ERROR | …; 'ERROR' when the status is not "200" and no result came. */
  getPurchaseResult(): string {
    const response = this.response('getPurchaseResult');
    const result = response.payload?.purchaseResult;
    // A failed flow (status not "200") may come without a payload: report it as an error.
    return typeof result === 'string' ? result : 'ERROR';
  }

  /** The result's payload: `{ purchaseResult, productId, message? }`. */
  getPayload(): Record<string, unknown> {
    return { ...(this.response('getPayload').payload ?? {}) };
  }

  /** The seed's spelling of getPayload(). */
  getPayloads(): Record<string, unknown> {
    return this.getPayload();
  }

  getProductId(): string | undefined {
    const id = this.response('getProductId').payload?.productId;
    return typeof id === 'string' ? id : undefined;
  }

  /** The token the skill sent with the directive, echoed by Alexa. */
  getToken(): string | undefined {
    return this.response('getToken').token;
  }

  /** `{ code, message }`; code is a string, "200" when the flow ran. */
  getStatus(): { code: string; message?: string } {
    return { ...this.response('getStatus').status };
  }

  /** Buy | Upsell | Cancel: which directive this result answers. */
  getName(): string {
    return this.response('getName').name;
  }

  /** true when this result's requestId was already handled once (Alexa redelivered it). */
  isRedelivery(): boolean {
    this.response('isRedelivery');
    return !this.context.requestState.firstDelivery;
  }

  // ---- internals ----------------------------------------------------------------------------

  private response(method: string): ConnectionsResponse {
    const response = this.context.requestState.connectionsResponse;
    if (!response || !(PURCHASE_CONNECTION_NAMES as readonly string[]).includes(response.name)) {
      throw skillshopError(
        'NOT_A_PURCHASE_RESULT',
        `inSkillPurchase().${method}() reads the purchase result, which only ON_PURCHASE receives; this is a ${this.context.getRequestType()}.`,
      );
    }
    return response;
  }

  private async byReferenceName(referenceName: string, send: (productId: string) => void): Promise<void> {
    send((await this.productNamed(referenceName)).productId);
  }

  private async productNamed(referenceName: string): Promise<InSkillProduct> {
    const product = await this.client.getProductByReferenceName(referenceName);
    if (!product) {
      const known = (await this.client.getProducts()).map((p) => p.referenceName);
      throw skillshopError(
        'PRODUCT_NOT_FOUND',
        `No in-skill product with the reference name "${referenceName}" is linked to this skill (known: ${known.join(', ') || 'none'}).`,
        { details: { referenceName } },
      );
    }
    return product;
  }

  private async readInventory(referenceName: string): Promise<{ product: InSkillProduct; inventory: Inventory }> {
    const state = this.context.requestState;
    const product = await this.productNamed(referenceName);
    const purchased = purchasedUnits(product, state.settings.isp.unitsPerPurchase.get(referenceName) ?? 1);
    const used = await usedUnits({
      store: state.store,
      userId: state.userId,
      referenceName,
      purchased,
      refundPolicy: state.settings.isp.refundPolicy,
      logger: state.logger,
    });
    return { product, inventory: inventoryOf(product, purchased, used) };
  }

  private async useUnits(referenceName: string, count: number): Promise<Inventory> {
    checkCount(count);
    const state = this.context.requestState;
    const { product, inventory } = await this.readInventory(referenceName);
    const key = state.consumptionKey(referenceName);
    const outcome = await state.store.consume({ userId: state.userId, referenceName, count, limit: inventory.purchased, requestId: key });
    state.keepResponse = true;
    if (outcome.replayed && !state.delivery.owns(key)) {
      // An earlier delivery of this request used these units: stop here; the App answers with the
      // response that delivery kept (or waits for it), so nothing after this runs twice.
      state.redeliveryDetected = true;
      const stop = new RedeliveredRequest(state.envelope.request.requestId);
      try {
        this.context.beginCallback()(() => {
          throw stop;
        });
      } catch {
        throw stop; // no handler is running, so there is no completion to fail: reject instead
      }
      // The handler failed with `stop` above. Never settling (rather than rejecting) keeps the code
      // after `await consume()` from running, and cannot become an unhandled rejection in a handler
      // that did not await.
      return new Promise<never>(() => undefined);
    }
    state.delivery.claim(key);
    const after = inventoryOf(product, inventory.purchased, outcome.used);
    if (!outcome.ok) throw new InsufficientInventoryError(after, count);
    return after;
  }

  private lookup<T>(work: () => Promise<T>, callback?: NodeCallback<T | undefined>): Promise<T> | void {
    if (!callback) return work();
    if (typeof callback !== 'function') throw new TypeError('The callback must be a function (error, result) => {…}.');
    const done = this.context.beginCallback();
    work().then(
      (result) => done(() => callback.call(this.context, null, result)),
      (error: Error) =>
        done(() => {
          // A redelivered request ends here: its callback must not run (it would act a second time).
          if (error instanceof RedeliveredRequest) throw error;
          return callbackAfterError(() => callback.call(this.context, error, undefined), error);
        }),
    );
  }
}

/**
 * Seed-style callbacks often ignore `error` and then fail on the missing result ("Cannot read
 * properties of undefined"). The error they were given is the real cause, so it goes first.
 */
function callbackAfterError(run: () => unknown, given: Error): unknown {
  const annotate = (thrown: unknown) =>
    skillshopError(
      'HANDLER_FAILED',
      `A callback was given an error it did not handle (${given.message}) and then failed: ${(thrown as Error)?.message ?? String(thrown)}. ` +
        'Check `error` first in (error, result) callbacks.',
      { cause: given, details: { thrown: (thrown as Error)?.message ?? String(thrown) } },
    );
  let value: unknown;
  try {
    value = run();
  } catch (thrown) {
    throw annotate(thrown);
  }
  if (value instanceof Promise) return value.catch((thrown: unknown) => Promise.reject(annotate(thrown)));
  return value;
}
