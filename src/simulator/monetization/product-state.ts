/**
 * What a user owns of one product at a moment, and the runtime InSkillProduct the Monetization
 * service reports for it (alexa-isp-facts.md §3). Pure: the holding, the catalog entry and `now`
 * in, the answer out, so expiry is always computed at read time.
 *
 * Per type:
 * - ENTITLEMENT: owned (count 1, ENTITLED, NOT_PURCHASABLE) or not (count 0, PURCHASABLE).
 * - SUBSCRIPTION: ENTITLED during the trial, the paid periods, and after a cancel until the period
 *   ends; NOT_PURCHASABLE while entitled (a cancelled one too: it is owned until it lapses).
 * - CONSUMABLE: always PURCHASABLE; `activeEntitlementCount` is the purchases still standing
 *   (up per purchase, down per refund, 0 after a reset — facts §9). `entitled` is ENTITLED while that
 *   count is above 0. Amazon's docs say only "products marked ENTITLED" are owned and "check the
 *   activeEntitlementCount" for consumables; the field is therefore derived from the count, so
 *   a fully refunded or reset consumable reads NOT_ENTITLED, never ENTITLED with count 0.
 * A purchase waiting for a parent's approval makes any product NOT_PURCHASABLE until decided.
 */
import type { InSkillProduct } from '../../isp/product';
import type { EmulatedProduct, LocalizedTexts } from './emulated-catalog';
import type { Holding } from './entitlement-db';
import { pickLocale } from './marketplaces';
import { subscriptionStatus, type SubscriptionStatus } from './subscription-periods';

export interface ProductState {
  entitled: boolean;
  activeEntitlementCount: number;
  purchasable: boolean;
  /** Subscriptions that were ever bought. */
  subscription?: SubscriptionStatus;
}

export function stateOf(product: EmulatedProduct, holding: Holding | undefined, pendingApproval: boolean, now: number): ProductState {
  const forSale = product.forSale && !pendingApproval;
  switch (product.type) {
    case 'CONSUMABLE': {
      const count = Math.max(0, holding?.count ?? 0);
      return { entitled: count > 0, activeEntitlementCount: count, purchasable: forSale };
    }
    case 'SUBSCRIPTION': {
      if (holding?.subscription === undefined) return { entitled: false, activeEntitlementCount: 0, purchasable: forSale };
      const status = subscriptionStatus(holding.subscription, now);
      return {
        entitled: status.entitled,
        activeEntitlementCount: status.entitled ? 1 : 0,
        purchasable: forSale && !status.entitled,
        subscription: status,
      };
    }
    default: {
      const owned = (holding?.count ?? 0) > 0;
      return { entitled: owned, activeEntitlementCount: owned ? 1 : 0, purchasable: forSale && !owned };
    }
  }
}

/** The texts of the product locale that answers `locale` (see pickLocale); the referenceName when it has none. */
export function localize(product: EmulatedProduct, locale: string): LocalizedTexts & { locale: string | undefined } {
  const chosen = pickLocale(Object.keys(product.locales), locale);
  const texts = chosen === undefined ? undefined : product.locales[chosen];
  if (texts === undefined) {
    const name = product.referenceName;
    return { locale: undefined, name, summary: '', description: '', purchasePromptDescription: '', boughtCardDescription: '' };
  }
  return { locale: chosen, ...texts };
}

export function toInSkillProduct(product: EmulatedProduct, state: ProductState, locale: string): InSkillProduct {
  const texts = localize(product, locale);
  return {
    productId: product.productId,
    referenceName: product.referenceName,
    name: texts.name,
    type: product.type,
    summary: texts.summary,
    purchasable: state.purchasable ? 'PURCHASABLE' : 'NOT_PURCHASABLE',
    entitled: state.entitled ? 'ENTITLED' : 'NOT_ENTITLED',
    entitlementReason: state.entitled ? 'PURCHASED' : 'NOT_PURCHASED',
    activeEntitlementCount: state.activeEntitlementCount,
    // Every purchase a developer or beta tester makes is a test purchase, never charged.
    purchaseMode: 'TEST',
  };
}
