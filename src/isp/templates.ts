/**
 * New product definitions, one template per product type, like the old `ask add isp` wrote.
 *
 * A template is complete: it validates with no errors, and every field is present. Where only the
 * developer can say what goes there (the summary, the prompts, the icons, the privacy policy), it
 * holds a `TODO` text or an example.com URL, which validate-product.ts reports as warnings until
 * they are replaced, so a placeholder cannot slip through to certification unnoticed.
 *
 * @example
 * const definition = productTemplate({ type: 'ENTITLEMENT', referenceName: 'cave_quest', name: 'Cave Quest', price: 1.99 });
 * writeProduct(process.cwd(), definition);
 */
import {
  LOCALE_MARKETPLACE,
  MARKETPLACE_COUNTRY,
  MARKETPLACE_CURRENCY,
  type Currency,
  type InSkillProductDefinition,
  type IspLocale,
  type LocalePublishing,
  type Marketplace,
  type MarketplacePricing,
  type PaymentFrequency,
  type ProductDefinitionType,
} from './product-definition';

export interface ProductTemplateOptions {
  type: ProductDefinitionType;
  referenceName: string;
  /** The display name, used in every locale until it is translated. */
  name: string;
  /** The price in `currency`; other marketplaces get the same amount in theirs (see priceIn). */
  price: number;
  /** Default: the currency of the first locale's marketplace. */
  currency?: Currency;
  /** Default: ['en-US']. */
  locales?: IspLocale[];
  /** Subscriptions only; default MONTHLY. */
  frequency?: PaymentFrequency;
  /** Subscriptions only; default 0 (no free trial). */
  trialDays?: number;
  /** Default SOFTWARE. */
  taxCategory?: NonNullable<NonNullable<InSkillProductDefinition['publishingInformation']['taxInformation']>['category']>;
  /** YYYY-MM-DD; default today (UTC). */
  releaseDate?: string;
}

/**
 * The price in another currency, the way Amazon's own samples set one product's prices: the same
 * amount in USD, GBP and EUR (0.99), a hundred times it in yen (99). Not an exchange rate: a
 * starting point the developer reviews.
 */
export function priceIn(target: Currency, price: number, source: Currency): number {
  if (target === source) return price;
  if (target === 'JPY') return Math.round(price * 100);
  if (source === 'JPY') return Math.round(price) / 100;
  return price;
}

/** The marketplaces that serve these locales, without repeats (en-US and es-US share amazon.com). */
export function marketplacesOf(locales: readonly IspLocale[]): Marketplace[] {
  return [...new Set(locales.map((locale) => LOCALE_MARKETPLACE[locale]))];
}

/** A complete new product of the given type. */
export function productTemplate(options: ProductTemplateOptions): InSkillProductDefinition {
  const locales = options.locales && options.locales.length > 0 ? [...new Set(options.locales)] : ['en-US' as const];
  const marketplaces = marketplacesOf(locales);
  const currency = options.currency ?? MARKETPLACE_CURRENCY[marketplaces[0]!];
  const releaseDate = options.releaseDate ?? new Date().toISOString().slice(0, 10);
  const texts = TEXTS[options.type](options.name, options.frequency ?? 'MONTHLY');

  const pricing: Partial<Record<Marketplace, MarketplacePricing>> = {};
  for (const marketplace of marketplaces) {
    const target = MARKETPLACE_CURRENCY[marketplace];
    pricing[marketplace] = { releaseDate, defaultPriceListing: { price: priceIn(target, options.price, currency), currency: target } };
  }
  const publishing: Partial<Record<IspLocale, LocalePublishing>> = {};
  const privacy: Partial<Record<IspLocale, { privacyPolicyUrl: string }>> = {};
  for (const locale of locales) {
    publishing[locale] = {
      name: options.name,
      smallIconUri: `https://example.com/${options.referenceName}/icon-108.png`,
      largeIconUri: `https://example.com/${options.referenceName}/icon-512.png`,
      summary: `TODO: one sentence on what ${options.name} gives the customer.`,
      description: texts.description,
      examplePhrases: [`Alexa, ask TODO-invocation-name to buy ${options.name.toLowerCase()}`],
      keywords: keywordsOf(options.name),
      customProductPrompts: {
        purchasePromptDescription: texts.purchasePrompt,
        boughtCardDescription: `TODO: what the Alexa app card says after the purchase, e.g. "You now have ${options.name}."`,
      },
    };
    privacy[locale] = { privacyPolicyUrl: 'https://example.com/privacy' };
  }

  return {
    version: '1.0',
    type: options.type,
    referenceName: options.referenceName,
    purchasableState: 'PURCHASABLE',
    promotableState: 'IN_SKILL_ONLY',
    ...(options.type === 'SUBSCRIPTION'
      ? { subscriptionInformation: { subscriptionPaymentFrequency: options.frequency ?? 'MONTHLY', subscriptionTrialPeriodDays: options.trialDays ?? 0 } }
      : {}),
    publishingInformation: {
      locales: publishing,
      distributionCountries: [...new Set(marketplaces.map((marketplace) => MARKETPLACE_COUNTRY[marketplace]))].sort(),
      pricing,
      taxInformation: { category: options.taxCategory ?? 'SOFTWARE' },
    },
    privacyAndCompliance: { locales: privacy },
    testingInstructions: texts.testing,
  };
}

interface TemplateTexts {
  description: string;
  purchasePrompt: string;
  testing: string;
}

/** What differs between the three types: how the product is described and how it is tested. */
const TEXTS: Record<ProductDefinitionType, (name: string, frequency: PaymentFrequency) => TemplateTexts> = {
  ENTITLEMENT: (name) => ({
    description: `TODO: what ${name} unlocks for good, and how to use it once bought.`,
    purchasePrompt: `TODO: what Alexa says before offering ${name}, without the price (Alexa adds it).`,
    testing: `Launch the skill and say "buy ${name.toLowerCase()}". Say "refund ${name.toLowerCase()}" to return it.`,
  }),
  SUBSCRIPTION: (name, frequency) => ({
    description: `TODO: what subscribers to ${name} get every ${frequency === 'YEARLY' ? 'year' : 'month'}, and how to use it.`,
    purchasePrompt: `TODO: what Alexa says before offering ${name}, without the price or trial (Alexa adds them).`,
    testing: `Launch the skill and say "subscribe to ${name.toLowerCase()}". Say "cancel ${name.toLowerCase()}" to end the subscription.`,
  }),
  CONSUMABLE: (name) => ({
    description: `TODO: what one purchase of ${name} gives (for example five hints), and how to use it.`,
    purchasePrompt: `TODO: what Alexa says before offering ${name}, without the price (Alexa adds it).`,
    testing: `Launch the skill and say "buy ${name.toLowerCase()}", then use one. Say "refund ${name.toLowerCase()}" to return a purchase.`,
  }),
};

function keywordsOf(name: string): string[] {
  const words = name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 2);
  return words.length > 0 ? [...new Set(words)] : [name.toLowerCase()];
}
