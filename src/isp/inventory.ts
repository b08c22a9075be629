/**
 * Consumable inventory (alexa-isp-facts.md §9). Amazon counts the purchases still standing
 * (`activeEntitlementCount`); the skill counts only the units used. So what the user has is always
 * derived, never stored:
 *
 *   purchased = activeEntitlementCount × unitsPerPurchase      (Amazon, per request)
 *   used      = the store's count                              (one atomic, conditional write per use)
 *   available = purchased − used
 *
 * That makes a purchase result handled twice (or lost) harmless: nothing is ever added on
 * ACCEPTED. Using units is the one thing that must happen exactly once; the store does it in one
 * conditional write keyed by the request's id (Store.consume).
 *
 * Refunds and test resets lower Amazon's count, possibly below `used`. The samples disagree on what
 * to do then, so it is a setting, `new App({ isp: { refundPolicy } })`:
 * - `clamp` (default): `used` is lowered to `purchased`; nothing is left until the next purchase.
 *   Refunding a pack takes back its units, used or not, and never leaves the user "in debt".
 * - `reset`: `used` goes back to 0; the user gets whatever purchase is still standing again, whole.
 *   Generous; what Amazon's own consumable sample does after a test reset.
 * Either is applied, with a conditional write, the first time getInventory/consume sees it.
 */
import { ErrorCodes, SkillshopError, skillshopError } from '../errors';
import type { Logger } from '../logger';
import type { Store } from '../storage/store';
import type { InSkillProduct } from './product';

export const REFUND_POLICIES = ['clamp', 'reset'] as const;
export type RefundPolicy = (typeof REFUND_POLICIES)[number];

/** How often a refund adjustment is retried when racing requests keep changing `used`. */
const MAX_POLICY_ATTEMPTS = 5;

/** What the user has of one consumable. */
export interface Inventory {
  readonly referenceName: string;
  /** `amzn1.adg.product.…`, handy for `upsell` when nothing is left. */
  readonly productId: string;
  /** activeEntitlementCount × unitsPerPurchase: every unit bought and not refunded. */
  readonly purchased: number;
  /** Units used, from the skill's storage. */
  readonly used: number;
  /** purchased − used, never below 0. */
  readonly available: number;
}

/**
 * `consume()` asked for more than is left. Nothing was written. Expected in normal use: catch it
 * and offer the product.
 *
 * @example
 * try {
 *   const { available } = await this.isp.consume('hint_pack');
 *   this.tell(`Here is your hint. ${available} left.`);
 * } catch (error) {
 *   if (!(error instanceof InsufficientInventoryError)) throw error;
 *   this.isp.upsell(error.inventory.productId, 'You are out of hints. Want to hear about the Hint Pack?');
 * }
 */
export class InsufficientInventoryError extends SkillshopError {
  constructor(
    readonly inventory: Inventory,
    /** The units asked for. */
    readonly requested: number,
  ) {
    super(
      ErrorCodes.INSUFFICIENT_INVENTORY,
      `Cannot use ${requested} of ${inventory.referenceName}: ${inventory.available} left ` +
        `(${inventory.purchased} bought, ${inventory.used} used). Nothing was used; offer the product instead.`,
      { details: { ...inventory, requested } },
    );
    this.name = 'InsufficientInventoryError';
  }
}

/** `purchased` for a product: checks that it is a consumable and that Amazon's count is usable. */
export function purchasedUnits(product: InSkillProduct, unitsPerPurchase: number): number {
  if (product.type !== 'CONSUMABLE') {
    throw skillshopError(
      'NOT_A_CONSUMABLE',
      `${product.referenceName} is ${article(product.type)} ${product.type}, not a CONSUMABLE: only consumables have units to count ` +
        'with getInventory/consume. Use isEntitled() for entitlements and subscriptions.',
      { details: { referenceName: product.referenceName, type: product.type } },
    );
  }
  const count: unknown = product.activeEntitlementCount;
  // Refunding units on a count we cannot read would destroy the user's data: refuse instead.
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
    throw skillshopError(
      'MONETIZATION_BAD_RESPONSE',
      `The Monetization service gave ${product.referenceName} an activeEntitlementCount of ${JSON.stringify(count)}; ` +
        'expected a whole number of at least 0.',
      { details: { referenceName: product.referenceName } },
    );
  }
  return count * unitsPerPurchase;
}

export interface UsageReading {
  store: Store;
  userId: string;
  referenceName: string;
  purchased: number;
  refundPolicy: RefundPolicy;
  logger: Logger;
}

/**
 * The units used, after applying the refund policy when Amazon's count fell below them. The
 * adjustment is conditional (Store.setUsage): a racing request's use is never overwritten; on a
 * lost race the usage is read and judged again.
 */
export async function usedUnits({ store, userId, referenceName, purchased, refundPolicy, logger }: UsageReading): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const { used } = await store.getUsage(userId, referenceName);
    if (used <= purchased) return used;
    const adjusted = refundPolicy === 'reset' ? 0 : purchased;
    if (await store.setUsage(userId, referenceName, adjusted, used)) {
      logger.info('A consumable was refunded or reset: its use was adjusted', { userId, referenceName, purchased, used, adjusted, refundPolicy });
      return adjusted;
    }
    if (attempt >= MAX_POLICY_ATTEMPTS) {
      throw skillshopError(
        'STORAGE_VERSION_CONFLICT',
        `The use of ${referenceName} by ${userId} kept changing while a refund was being applied (${attempt} attempts). Try again.`,
        { details: { userId, referenceName } },
      );
    }
  }
}

export function inventoryOf(product: InSkillProduct, purchased: number, used: number): Inventory {
  return {
    referenceName: product.referenceName,
    productId: product.productId,
    purchased,
    used,
    available: Math.max(0, purchased - used),
  };
}

/** A whole number of units, at least 1. */
export function checkCount(count: unknown): asserts count is number {
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) {
    throw new TypeError(`consume(referenceName, count): count must be a whole number of at least 1, got ${JSON.stringify(count)}.`);
  }
}

function article(word: string): string {
  return /^[AEIOU]/i.test(word) ? 'an' : 'a';
}
