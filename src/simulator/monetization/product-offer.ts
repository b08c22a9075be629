/**
 * What Alexa's purchase dialog says about a product in a locale (alexa-isp-facts.md §6): its
 * name and prompts in that language, and the price of the locale's marketplace.
 */
import type { ProductType } from '../../isp/product';
import type { EmulatedProduct, SubscriptionFrequency } from './emulated-catalog';
import { marketplaceFor } from './marketplaces';
import { localize } from './product-state';

export interface ProductOffer {
  productId: string;
  referenceName: string;
  type: ProductType;
  /** The product locale the texts come from (see pickLocale); `undefined` when it has none. */
  locale: string | undefined;
  name: string;
  summary: string;
  description: string;
  /** What Alexa reads before the price: "{purchasePromptDescription} It's {price} plus tax. …" */
  purchasePromptDescription: string;
  boughtCardDescription: string;
  /** The marketplace of the requested locale (en-US → amazon.com, en-GB → amazon.co.uk, …). */
  marketplace: string | undefined;
  /** `undefined` when the product has no price in that marketplace (it is not sold there). */
  price: number | undefined;
  currency: string | undefined;
  /** Subscriptions only. */
  frequency: SubscriptionFrequency | undefined;
  /** Free days before the first charge; 0 when the product has none or this user already had it. */
  trialDays: number;
  /** False when the definition's purchasableState is NOT_PURCHASABLE. */
  forSale: boolean;
}

/** Alexa speaks the product's name in place of this placeholder (facts §6). */
const TITLE_PLACEHOLDER = /\{PREMIUM_CONTENT_TITLE\}/g;

export function offerOf(product: EmulatedProduct, locale: string, trialAvailable = true): ProductOffer {
  const texts = localize(product, locale);
  const marketplace = marketplaceFor(locale);
  const listing = marketplace === undefined ? undefined : product.pricing[marketplace];
  const withName = (text: string) => text.replace(TITLE_PLACEHOLDER, texts.name);
  return {
    productId: product.productId,
    referenceName: product.referenceName,
    type: product.type,
    locale: texts.locale,
    name: texts.name,
    summary: withName(texts.summary),
    description: withName(texts.description),
    purchasePromptDescription: withName(texts.purchasePromptDescription),
    boughtCardDescription: withName(texts.boughtCardDescription),
    marketplace,
    price: listing?.price,
    currency: listing?.currency,
    frequency: product.frequency,
    trialDays: trialAvailable ? product.trialDays : 0,
    forSale: product.forSale,
  };
}
