/**
 * The emulated Monetization service's core: what each test user owns, and the purchases, cancels
 * and refunds that change it. The simulator's purchase dialog calls it directly; the HTTP API
 * (monetization-api.ts) reads from it. Transport-free and synchronous (SQLite through
 * better-sqlite3 is synchronous); every time comes from the injected clock.
 */
import { systemClock, type Clock } from '../../clock';
import { skillshopError } from '../../errors';
import { matchesFilter, type InSkillProduct, type InSkillProductTransaction, type ProductFilter } from '../../isp/product';
import { buildCatalog, type EmulatedProduct, type EmulatedProductInput } from './emulated-catalog';
import { EntitlementDb, type Holding, type LoggedAction, type LoggedTransaction } from './entitlement-db';
import { summarize, type EntitlementSummary } from './entitlement-summary';
import { isPending, parentalTransaction } from './parental-approval';
import { offerOf, type ProductOffer } from './product-offer';
import { stateOf, toInSkillProduct } from './product-state';
import { DAY_MS } from './subscription-periods';

/** What Alexa's purchase flow answers a Buy with (facts §2), as far as the emulator decides it. */
export type BuyResult =
  /** Bought (a subscription: its trial or first period started). Consumables: every purchase. */
  | 'ACCEPTED'
  /** An entitlement or subscription the user already has. */
  | 'ALREADY_PURCHASED'
  /** Child-directed mode: a parent must approve first (see approvePurchase). */
  | 'PENDING_PURCHASE'
  /** The definition says NOT_PURCHASABLE (or setPurchasable took it off sale): Alexa cannot sell it. */
  | 'ERROR';

/** Cancel cancels a subscription, and refunds an entitlement or one consumable purchase. */
export type CancelResult = 'ACCEPTED' | 'NOT_ENTITLED';

export interface PurchaseEngineOptions {
  /** The project's catalog, e.g. `loadCatalog(projectDir).products`. */
  products: readonly EmulatedProductInput[];
  /** SQLite file that keeps the state across runs; default `:memory:`. */
  dbPath?: string;
  clock?: Clock;
  /** referenceName → product id, e.g. the ids recorded at deploy; others are derived from the name. */
  productIds?: Readonly<Record<string, string>>;
  /** The user's "voice purchasing" setting in the Alexa app; default on. */
  voicePurchasing?: boolean;
  /** A child-directed (kid) skill: purchases wait for a parent's approval. Default off. */
  childDirected?: boolean;
}

/** One line of the purchase log: every buy, cancel and refund, with its time and result. */
export interface PurchaseLogEntry {
  userId: string;
  productId: string;
  referenceName: string;
  action: LoggedAction;
  result: string;
  /** ISO-8601 */
  at: string;
  /** Child-directed purchases: the parent's decision as it stands now. */
  parentalStatus?: string;
}

/**
 * @example
 * const engine = new PurchaseEngine({ products: loadCatalog(dir).products, clock });
 * const id = engine.productIdOf('cave_quest')!;
 * engine.buy('amzn1.ask.account.TEST', id); // 'ACCEPTED'
 * engine.productFor('amzn1.ask.account.TEST', id, 'en-US')?.entitled; // 'ENTITLED'
 */
export class PurchaseEngine {
  /** The catalog with product ids, in the order given. */
  readonly catalog: readonly EmulatedProduct[];
  private readonly byId: ReadonlyMap<string, EmulatedProduct>;
  private readonly db: EntitlementDb;
  private readonly clock: Clock;
  private voicePurchasing: boolean;
  private childDirected: boolean;
  /** productId → whether it is for sale, where setPurchasable overrode the definition. */
  private readonly saleOverrides = new Map<string, boolean>();

  constructor(options: PurchaseEngineOptions) {
    this.catalog = buildCatalog(options.products, options.productIds);
    this.byId = new Map(this.catalog.map((product) => [product.productId, product]));
    this.clock = options.clock ?? systemClock;
    this.voicePurchasing = options.voicePurchasing ?? true;
    this.childDirected = options.childDirected ?? false;
    this.db = new EntitlementDb(options.dbPath);
    this.db.open();
  }

  productIdOf(referenceName: string): string | undefined {
    return this.catalog.find((product) => product.referenceName === referenceName)?.productId;
  }

  buy(userId: string, productId: string): BuyResult {
    const product = this.live(this.product(productId));
    checkUser(userId);
    return this.db.transaction(() => {
      const now = this.clock.now();
      const holding = this.db.getHolding(userId, productId);
      const pending = this.pendingPurchase(userId, productId, now);
      const state = stateOf(product, holding, pending !== undefined, now);
      let result: BuyResult;
      let awaitsParent = false;
      if (!product.forSale) result = 'ERROR';
      else if (product.type !== 'CONSUMABLE' && state.entitled) result = 'ALREADY_PURCHASED';
      // Asked again while a parent decides: the same answer, and no second request or log line.
      else if (pending !== undefined) return 'PENDING_PURCHASE';
      else if (this.childDirected) {
        result = 'PENDING_PURCHASE';
        awaitsParent = true;
      } else {
        this.grant(product, userId, holding, now);
        result = 'ACCEPTED';
      }
      this.db.addTransaction({
        userId,
        productId,
        action: 'BUY',
        result,
        at: now,
        ...(awaitsParent ? { approvalStatus: 'PENDING_APPROVAL_BY_PARENT' as const, approvalModifiedAt: now } : {}),
      });
      return result;
    });
  }

  cancel(userId: string, productId: string): CancelResult {
    const product = this.product(productId);
    checkUser(userId);
    return this.db.transaction(() => {
      const now = this.clock.now();
      const holding = this.db.getHolding(userId, productId);
      const state = stateOf(product, holding, false, now);
      const action: LoggedAction = product.type === 'SUBSCRIPTION' ? 'CANCEL' : 'REFUND';
      if (!state.entitled || holding === undefined) {
        this.db.addTransaction({ userId, productId, action, result: 'NOT_ENTITLED', at: now });
        return 'NOT_ENTITLED';
      }
      if (product.type === 'SUBSCRIPTION') {
        // Cancelling twice keeps the first cancel: access ends with the period it fell in.
        if (holding.subscription !== undefined && holding.subscription.cancelledAt === undefined) {
          this.db.putHolding({ ...holding, subscription: { ...holding.subscription, cancelledAt: now } }, now);
        }
      } else {
        this.db.putHolding({ ...holding, count: Math.max(0, holding.count - 1) }, now);
      }
      this.db.addTransaction({ userId, productId, action, result: 'ACCEPTED', at: now });
      return 'ACCEPTED';
    });
  }

  /** The product as the Monetization service shows it to this user; `undefined` for an unknown id. */
  productFor(userId: string, productId: string, locale: string): InSkillProduct | undefined {
    const product = this.byId.get(productId);
    if (product === undefined) return undefined;
    const now = this.clock.now();
    const pending = this.pendingPurchase(userId, productId, now) !== undefined;
    return toInSkillProduct(product, stateOf(this.live(product), this.db.getHolding(userId, productId), pending, now), locale);
  }

  /** Every product as this user sees it, in catalog order, optionally filtered like the list call. */
  listFor(userId: string, locale: string, filter?: ProductFilter): InSkillProduct[] {
    const now = this.clock.now();
    const holdings = new Map(this.db.listHoldings(userId).map((holding) => [holding.productId, holding]));
    const pending = this.pendingProducts(userId, now);
    return this.catalog
      .map((product) =>
        toInSkillProduct(product, stateOf(this.live(product), holdings.get(product.productId), pending.has(product.productId), now), locale),
      )
      .filter((product) => matchesFilter(product, filter));
  }

  /**
   * What Alexa's dialog needs to offer the product in `locale`. With `userId`, a subscription's
   * trial is 0 days for a user who already had it (a free trial is given once, until a reset).
   */
  offerFor(productId: string, locale: string, userId?: string): ProductOffer | undefined {
    const product = this.byId.get(productId);
    if (product === undefined) return undefined;
    const trialUsed = userId !== undefined && (this.db.getHolding(userId, productId)?.trialUsed ?? false);
    return offerOf(this.live(product), locale, !trialUsed);
  }

  /** Per product of the catalog: what this user has now, trial and period ends included. */
  entitlements(userId: string): EntitlementSummary[] {
    const now = this.clock.now();
    const holdings = new Map(this.db.listHoldings(userId).map((holding) => [holding.productId, holding]));
    const pending = this.pendingProducts(userId, now);
    return this.catalog.map((product) => {
      const holding = holdings.get(product.productId);
      const since = pending.get(product.productId);
      return summarize(product, holding, stateOf(this.live(product), holding, since !== undefined, now), since);
    });
  }

  /** The user's purchase log, oldest first. */
  history(userId: string): PurchaseLogEntry[] {
    const now = this.clock.now();
    return this.db.listTransactions(userId).map((entry) => {
      const line: PurchaseLogEntry = {
        userId: entry.userId,
        productId: entry.productId,
        referenceName: this.byId.get(entry.productId)?.referenceName ?? entry.productId,
        action: entry.action,
        result: entry.result,
        at: iso(entry.at),
      };
      const parental = parentalTransaction(entry, now);
      if (parental !== undefined) line.parentalStatus = parental.status;
      return line;
    });
  }

  /**
   * What `GET inSkillProductsTransactions` lists for the user: purchases that needed a parent's
   * approval, oldest first. Empty unless the skill is (or was) child-directed.
   */
  parentalTransactions(userId: string): Required<InSkillProductTransaction>[] {
    const now = this.clock.now();
    return this.db.listTransactions(userId).flatMap((entry) => parentalTransaction(entry, now) ?? []);
  }

  /** The parent says yes: the purchase happens now. False when nothing was awaiting a decision. */
  approvePurchase(userId: string, productId: string): boolean {
    const product = this.product(productId);
    return this.db.transaction(() => {
      const now = this.clock.now();
      const pending = this.pendingPurchase(userId, productId, now);
      if (pending === undefined) return false;
      this.db.setApproval(pending.id, 'APPROVED_BY_PARENT', now);
      const holding = this.db.getHolding(userId, productId);
      // Bought meanwhile with child-directed mode off: nothing more to grant.
      if (product.type === 'CONSUMABLE' || !stateOf(product, holding, false, now).entitled) this.grant(product, userId, holding, now);
      return true;
    });
  }

  /** The parent says no. False when nothing was awaiting a decision. */
  denyPurchase(userId: string, productId: string): boolean {
    this.product(productId);
    return this.db.transaction(() => {
      const now = this.clock.now();
      const pending = this.pendingPurchase(userId, productId, now);
      if (pending === undefined) return false;
      this.db.setApproval(pending.id, 'DENIED_BY_PARENT', now);
      return true;
    });
  }

  /**
   * The parent lets the request lapse: it reads EXPIRED_NO_ACTION_BY_PARENT from now on, as it
   * would after the 24-hour window. False when nothing was awaiting a decision.
   */
  expirePurchase(userId: string, productId: string): boolean {
    this.product(productId);
    return this.db.transaction(() => {
      const now = this.clock.now();
      const pending = this.pendingPurchase(userId, productId, now);
      if (pending === undefined) return false;
      this.db.setApproval(pending.id, 'EXPIRED_NO_ACTION_BY_PARENT', now);
      return true;
    });
  }

  /**
   * Takes the product off sale for everyone (the product list says NOT_PURCHASABLE, a Buy is
   * ERROR), or puts it on sale (true), whatever the definition's purchasableState says. What users
   * already own stays theirs. In memory only, like the voice-purchasing switch.
   */
  setPurchasable(productId: string, purchasable: boolean): void {
    const product = this.product(productId);
    if (purchasable === product.forSale) this.saleOverrides.delete(productId);
    else this.saleOverrides.set(productId, purchasable);
  }

  /** Whether the product is for sale now: its definition, unless setPurchasable said otherwise. */
  isForSale(productId: string): boolean {
    return this.live(this.product(productId)).forSale;
  }

  /** Whether the emulator keeps anything (a holding, a logged purchase) for this user. */
  hasUser(userId: string): boolean {
    return this.db.hasUser(userId);
  }

  /**
   * The Amazon account behind a skill user gets a new skill user id (the user disabled and
   * re-enabled the skill): purchases, trials and the log follow it. `to` must have nothing yet.
   */
  moveUser(from: string, to: string): void {
    checkUser(from);
    checkUser(to);
    if (from === to) return;
    this.db.transaction(() => {
      if (this.db.hasUser(to)) {
        throw skillshopError('CONFIG_INVALID', `The monetization emulator already keeps purchases of ${to}; it cannot take over those of ${from}.`, {
          details: { setting: 'userId' },
        });
      }
      this.db.moveUser(from, to);
    });
  }

  setChildDirected(enabled: boolean): void {
    this.childDirected = enabled;
  }

  isChildDirected(): boolean {
    return this.childDirected;
  }

  /** The user's "voice purchasing" setting (one for all emulated users; not stored). */
  setVoicePurchasing(enabled: boolean): void {
    this.voicePurchasing = enabled;
  }

  isVoicePurchasingEnabled(): boolean {
    return this.voicePurchasing;
  }

  /**
   * Like the developer console's "reset test purchases": forgets purchases, trials and the log, of
   * one user or of everyone.
   */
  reset(userId?: string): void {
    this.db.reset(userId);
  }

  close(): void {
    this.db.close();
  }

  private grant(product: EmulatedProduct, userId: string, holding: Holding | undefined, now: number): void {
    const current: Holding = holding ?? { userId, productId: product.productId, count: 0, trialUsed: false };
    if (product.type === 'CONSUMABLE') {
      this.db.putHolding({ ...current, count: current.count + 1 }, now);
    } else if (product.type === 'SUBSCRIPTION') {
      const trialDays = current.trialUsed ? 0 : product.trialDays;
      this.db.putHolding(
        {
          ...current,
          subscription: { startedAt: now, trialEndsAt: now + trialDays * DAY_MS, frequency: product.frequency ?? 'MONTHLY' },
          trialUsed: current.trialUsed || trialDays > 0,
        },
        now,
      );
    } else {
      this.db.putHolding({ ...current, count: 1 }, now);
    }
  }

  private pendingPurchase(userId: string, productId: string, now: number): LoggedTransaction | undefined {
    return this.db.listTransactions(userId).find((entry) => entry.productId === productId && isPending(entry, now));
  }

  /** productId → since when a purchase of it awaits a parent. */
  private pendingProducts(userId: string, now: number): Map<string, number> {
    const pending = new Map<string, number>();
    for (const entry of this.db.listTransactions(userId)) {
      if (isPending(entry, now) && !pending.has(entry.productId)) pending.set(entry.productId, entry.at);
    }
    return pending;
  }

  /** The product with what setPurchasable decided. */
  private live(product: EmulatedProduct): EmulatedProduct {
    const forSale = this.saleOverrides.get(product.productId);
    return forSale === undefined || forSale === product.forSale ? product : { ...product, forSale };
  }

  private product(productId: string): EmulatedProduct {
    const product = this.byId.get(productId);
    if (product === undefined) {
      throw skillshopError(
        'PRODUCT_NOT_FOUND',
        `The monetization emulator has no product with id ${JSON.stringify(productId)}. ` +
          `Known: ${this.catalog.map((p) => `${p.referenceName} (${p.productId})`).join(', ') || 'none'}. ` +
          'Use an id the skill got from the Monetization service, or productIdOf(referenceName).',
        { details: { productId } },
      );
    }
    return product;
  }
}

function checkUser(userId: string): void {
  if (typeof userId !== 'string' || userId === '') throw new TypeError('userId must be a non-empty string (e.g. amzn1.ask.account.…)');
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
