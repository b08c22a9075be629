/**
 * The in-skill product as the Monetization service returns it at run time, and the helpers that
 * read its open enums safely.
 * https://developer.amazon.com/en-US/docs/alexa/in-skill-purchase/in-skill-product-service.html
 *
 * Amazon's enums are open sets: it may add values at any time, and its SDK model says new values
 * must be read as the NOT_* case. So every enum field is typed as the known literals plus
 * `(string & {})` (editors still suggest the literals), and the helpers below compare with the one
 * positive value only.
 */

/** A value from an open set: one of the known literals, or anything Amazon adds later. */
export type Open<Known extends string> = Known | (string & {});

export type ProductType = 'ENTITLEMENT' | 'SUBSCRIPTION' | 'CONSUMABLE';
export type PurchasableState = 'PURCHASABLE' | 'NOT_PURCHASABLE';
export type EntitledState = 'ENTITLED' | 'NOT_ENTITLED';
export type EntitlementReason = 'PURCHASED' | 'NOT_PURCHASED' | 'AUTO_ENTITLED' | 'BUNDLE_ENTITLED';
/** TEST: a developer's or beta tester's purchase, never charged. LIVE: a real customer's. */
export type PurchaseMode = 'TEST' | 'LIVE';

export interface InSkillProduct {
  /** `amzn1.adg.product.<uuid>` */
  productId: string;
  /** The developer's name for the product, the same in every locale. */
  referenceName: string;
  /** The display name in the request's language (from `Accept-Language`). */
  name: string;
  type: Open<ProductType>;
  summary: string;
  purchasable: Open<PurchasableState>;
  entitled: Open<EntitledState>;
  entitlementReason: Open<EntitlementReason>;
  /**
   * 0 or 1 for entitlements and subscriptions; for consumables the number of purchases still
   * standing (refunds and test resets lower it). How many the user has used is the skill's to store.
   */
  activeEntitlementCount: number;
  purchaseMode: Open<PurchaseMode>;
}

/**
 * Narrows a product list the way the list call's query parameters do. A filter for a NOT_* value
 * also matches unknown values, because unknown values mean NOT_*.
 */
export interface ProductFilter {
  purchasable?: PurchasableState;
  entitled?: EntitledState;
  productType?: ProductType;
}

/** Parental-approval states of a purchase in a child-directed skill. */
export type TransactionStatus =
  | 'PENDING_APPROVAL_BY_PARENT'
  | 'APPROVED_BY_PARENT'
  | 'DENIED_BY_PARENT'
  | 'EXPIRED_NO_ACTION_BY_PARENT'
  | 'ERROR';

/**
 * One purchase of a child-directed skill, from `GET inSkillProductsTransactions`. Every field is
 * optional in Amazon's own model (ask-sdk-model `services.monetization.Transactions`).
 */
export interface InSkillProductTransaction {
  status?: Open<TransactionStatus>;
  productId?: string;
  /** ISO-8601 */
  createdTime?: string;
  /** ISO-8601 */
  lastModifiedTime?: string;
}

/** The query of `GET inSkillProductsTransactions`; times are sent as ISO-8601. */
export interface TransactionFilter {
  productId?: string;
  status?: Open<TransactionStatus>;
  fromLastModifiedTime?: string | Date;
  toLastModifiedTime?: string | Date;
  nextToken?: string;
  /** 1..100 */
  maxResults?: number;
}

/**
 * The transactions answer as Amazon sends it (ask-sdk-model
 * `services.monetization.InSkillProductTransactionsResponse`): paging lives in
 * `metadata.resultSet.nextToken`, unlike the product list.
 */
export interface InSkillProductTransactionsResponse {
  results: InSkillProductTransaction[];
  metadata: { resultSet?: { nextToken?: string | null }; [key: string]: unknown };
}

/**
 * True only for exactly `ENTITLED`: a missing or unknown value means the user does not own it.
 *
 * @example
 * if (isEntitled(product)) return tell('Welcome back to the expansion!');
 */
export function isEntitled(product: Pick<InSkillProduct, 'entitled'> | undefined): boolean {
  return product?.entitled === 'ENTITLED';
}

/**
 * True only for exactly `PURCHASABLE`: offer the product only then (it is NOT_PURCHASABLE, for
 * example, once an entitlement is owned or while a parent's approval is pending).
 */
export function isPurchasable(product: Pick<InSkillProduct, 'purchasable'> | undefined): boolean {
  return product?.purchasable === 'PURCHASABLE';
}

/** Applies a {@link ProductFilter} locally. */
export function matchesFilter(product: InSkillProduct, filter: ProductFilter = {}): boolean {
  if (filter.purchasable !== undefined && isPurchasable(product) !== (filter.purchasable === 'PURCHASABLE')) {
    return false;
  }
  if (filter.entitled !== undefined && isEntitled(product) !== (filter.entitled === 'ENTITLED')) return false;
  if (filter.productType !== undefined && product.type !== filter.productType) return false;
  return true;
}
