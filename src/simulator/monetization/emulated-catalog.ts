/**
 * The emulator's catalog: the project's product definitions (alexa-isp-facts.md §4), each with its
 * product id, read once at start-up into the few fields the emulator needs.
 *
 * The input is typed structurally (only the fields read here, all optional but the identity), so
 * any catalog loader's products fit, `src/isp/catalog.ts`'s `CatalogProduct` included.
 */
import { skillshopError } from '../../errors';
import type { ProductType } from '../../isp/product';
import { productIdFor } from './product-id';

/** The parts of one locale of `publishingInformation.locales` the emulator reads. */
export interface ProductLocaleInput {
  name?: string;
  summary?: string;
  description?: string;
  customProductPrompts?: { purchasePromptDescription?: string; boughtCardDescription?: string };
}

/** The parts of an in-skill product definition file the emulator reads. */
export interface ProductDefinitionInput {
  type?: string;
  referenceName?: string;
  purchasableState?: string;
  subscriptionInformation?: { subscriptionPaymentFrequency?: string; subscriptionTrialPeriodDays?: number };
  publishingInformation?: {
    locales?: Record<string, ProductLocaleInput | undefined>;
    pricing?: Record<string, { defaultPriceListing?: { price?: number; currency?: string } } | undefined>;
  };
}

/** One catalog product: `loadCatalog(projectDir).products[i]` fits as it is. */
export interface EmulatedProductInput {
  referenceName: string;
  type: string;
  /** Where the definition came from, for error messages. */
  file?: string;
  definition: ProductDefinitionInput;
}

export type SubscriptionFrequency = 'MONTHLY' | 'YEARLY';

export interface LocalizedTexts {
  name: string;
  summary: string;
  description: string;
  purchasePromptDescription: string;
  boughtCardDescription: string;
}

export interface EmulatedProduct {
  productId: string;
  referenceName: string;
  type: ProductType;
  /** False when the definition's purchasableState is NOT_PURCHASABLE: nobody can buy it. */
  forSale: boolean;
  /** Keyed by locale, in the definition's order. */
  locales: Readonly<Record<string, LocalizedTexts>>;
  /** Keyed by marketplace, e.g. `amazon.com`. */
  pricing: Readonly<Record<string, { price: number; currency: string }>>;
  /** Subscriptions only. */
  frequency?: SubscriptionFrequency;
  /** 0 for products that are not subscriptions. */
  trialDays: number;
}

const TYPES: readonly ProductType[] = ['ENTITLEMENT', 'SUBSCRIPTION', 'CONSUMABLE'];

/**
 * Checks the input and gives each product its id: from `productIds[referenceName]` when given
 * (e.g. the ids recorded by `skillshop isp deploy`), else derived from the referenceName.
 * Throws SKILLSHOP_CONFIG_INVALID for what would make answers ambiguous (two products with one
 * name or id, an unknown type); an incomplete definition still runs, with plain defaults.
 */
export function buildCatalog(
  inputs: readonly EmulatedProductInput[],
  productIds: Readonly<Record<string, string>> = {},
): EmulatedProduct[] {
  if (!Array.isArray(inputs)) invalid('products must be an array of catalog products (loadCatalog(projectDir).products)');
  const byName = new Map<string, string>();
  const byId = new Map<string, string>();
  return inputs.map((input, index) => {
    const where = input?.file ?? `products[${index}]`;
    if (typeof input?.referenceName !== 'string' || input.referenceName === '') invalid(`${where} has no referenceName`);
    const { referenceName } = input;
    const type = input.type as ProductType;
    if (!TYPES.includes(type)) invalid(`${where} (${referenceName}) has type ${JSON.stringify(input.type)}; use ${TYPES.join(', ')}`);
    if (byName.has(referenceName)) invalid(`${where} and ${byName.get(referenceName)} both define the referenceName ${referenceName}`);
    byName.set(referenceName, where);
    const productId = productIds[referenceName] ?? productIdFor(referenceName);
    if (byId.has(productId)) invalid(`${referenceName} and ${byId.get(productId)} would both have the product id ${productId}`);
    byId.set(productId, referenceName);

    const definition = input.definition ?? {};
    const subscription = definition.subscriptionInformation;
    const trialDays = type === 'SUBSCRIPTION' ? Math.max(0, Math.floor(Number(subscription?.subscriptionTrialPeriodDays ?? 0)) || 0) : 0;
    const product: EmulatedProduct = {
      productId,
      referenceName,
      type,
      forSale: definition.purchasableState !== 'NOT_PURCHASABLE',
      locales: localesOf(definition, referenceName),
      pricing: pricingOf(definition),
      trialDays,
    };
    // An unset or unknown frequency bills monthly, the common case; the catalog's validator reports it.
    if (type === 'SUBSCRIPTION') product.frequency = subscription?.subscriptionPaymentFrequency === 'YEARLY' ? 'YEARLY' : 'MONTHLY';
    return product;
  });
}

function localesOf(definition: ProductDefinitionInput, referenceName: string): Record<string, LocalizedTexts> {
  const locales: Record<string, LocalizedTexts> = {};
  for (const [locale, texts] of Object.entries(definition.publishingInformation?.locales ?? {})) {
    if (texts === undefined || texts === null) continue;
    const summary = texts.summary ?? '';
    locales[locale] = {
      name: texts.name || referenceName,
      summary,
      description: texts.description ?? summary,
      purchasePromptDescription: texts.customProductPrompts?.purchasePromptDescription ?? texts.description ?? summary,
      boughtCardDescription: texts.customProductPrompts?.boughtCardDescription ?? '',
    };
  }
  return locales;
}

function pricingOf(definition: ProductDefinitionInput): Record<string, { price: number; currency: string }> {
  const pricing: Record<string, { price: number; currency: string }> = {};
  for (const [marketplace, entry] of Object.entries(definition.publishingInformation?.pricing ?? {})) {
    const listing = entry?.defaultPriceListing;
    if (typeof listing?.price === 'number' && typeof listing.currency === 'string') {
      pricing[marketplace] = { price: listing.price, currency: listing.currency };
    }
  }
  return pricing;
}

function invalid(message: string): never {
  throw skillshopError('CONFIG_INVALID', `Monetization emulator: ${message}.`, { details: { setting: 'products' } });
}
