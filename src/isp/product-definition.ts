/**
 * The in-skill product definition (`platforms/alexaSkill/isps/<type>/<referenceName>.json`) as one
 * TypeBox schema: the TypeScript type, the validator (validate-product.ts) and the JSON Schema that
 * editors use for autocompletion all derive from it.
 * https://developer.amazon.com/en-US/docs/alexa/smapi/isp-schemas.html
 *
 * Only what Amazon itself rejects is required here. What certification needs on top (summary,
 * icons, prompts, …) is optional in the schema and reported as warnings by validate-product.ts,
 * because Amazon lets a developer save an INCOMPLETE product and finish it later.
 *
 * @example
 * import { productJsonSchema, toAmazonDefinition } from './product-definition';
 * fs.writeFileSync('in-skill-product.schema.json', JSON.stringify(productJsonSchema(), null, 2));
 * const body = { vendorId, inSkillProductDefinition: toAmazonDefinition(definition) };
 */
import { Type, type Static, type TLiteral, type TOptional, type TSchema, type TUnion } from '@sinclair/typebox';

export const PRODUCT_TYPES = ['ENTITLEMENT', 'SUBSCRIPTION', 'CONSUMABLE'] as const;
export type ProductDefinitionType = (typeof PRODUCT_TYPES)[number];

/** Locales that support in-skill purchasing (facts §4). */
export const ISP_LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'it-IT', 'es-ES', 'es-US', 'ja-JP'] as const;
export type IspLocale = (typeof ISP_LOCALES)[number];

export const MARKETPLACES = ['amazon.com', 'amazon.co.uk', 'amazon.de', 'amazon.fr', 'amazon.it', 'amazon.es', 'amazon.co.jp'] as const;
export type Marketplace = (typeof MARKETPLACES)[number];

export const CURRENCIES = ['USD', 'GBP', 'EUR', 'JPY'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const TAX_CATEGORIES = ['SOFTWARE', 'STREAMING_AUDIO', 'STREAMING_RADIO', 'INFORMATION_SERVICES', 'VIDEO', 'PERIODICALS', 'NEWSPAPERS'] as const;
export const PAYMENT_FREQUENCIES = ['MONTHLY', 'YEARLY'] as const;
export type PaymentFrequency = (typeof PAYMENT_FREQUENCIES)[number];

/** Where a locale's customers shop. es-US customers buy on amazon.com, like en-US ones. */
export const LOCALE_MARKETPLACE: Record<IspLocale, Marketplace> = {
  'en-US': 'amazon.com',
  'en-GB': 'amazon.co.uk',
  'de-DE': 'amazon.de',
  'fr-FR': 'amazon.fr',
  'it-IT': 'amazon.it',
  'es-ES': 'amazon.es',
  'es-US': 'amazon.com',
  'ja-JP': 'amazon.co.jp',
};

export const MARKETPLACE_CURRENCY: Record<Marketplace, Currency> = {
  'amazon.com': 'USD',
  'amazon.co.uk': 'GBP',
  'amazon.de': 'EUR',
  'amazon.fr': 'EUR',
  'amazon.it': 'EUR',
  'amazon.es': 'EUR',
  'amazon.co.jp': 'JPY',
};

/** The country (ISO 3166-1 alpha-2) each marketplace sells to. */
export const MARKETPLACE_COUNTRY: Record<Marketplace, string> = {
  'amazon.com': 'US',
  'amazon.co.uk': 'GB',
  'amazon.de': 'DE',
  'amazon.fr': 'FR',
  'amazon.it': 'IT',
  'amazon.es': 'ES',
  'amazon.co.jp': 'JP',
};

/**
 * The country codes Amazon accepts in `distributionCountries`: the `v1.isp.DistributionCountries`
 * enum of the SMAPI model (ISO 3166-1 alpha-2 minus the countries Amazon does not sell to, plus
 * the retired AN). Anything else makes the SMAPI call fail.
 */
export const DISTRIBUTION_COUNTRIES: readonly string[] = (
  'AF AX AL DZ AS AD AO AI AQ AG AR AM AW AU AT AZ BS BH BD BB BY BE BZ BJ BM BT BO BA BW BV BR IO BN BG BF BI ' +
  'KH CM CA CV KY CF TD CL CN CX CC CO KM CG CD CK CR HR CY CZ DK DJ DM DO EC EG SV GQ ER EE ET FK FO FJ FI FR ' +
  'GF PF TF GA GM GE DE GH GI GR GL GD GP GU GT GG GN GW GY HT HM VA HN HK HU IS IN ID IQ IE IM IL IT CI JM JP ' +
  'JE JO KZ KE KI KR KW KG LA LV LB LS LR LY LI LT LU MO MK MG MW MY MV ML MT MH MQ MR MU YT MX FM MD MC MN ME ' +
  'MS MA MZ MM NA NR NP NL AN NC NZ NI NE NG NU NF MP NO OM PK PW PS PA PG PY PE PH PN PL PT PR QA RE RO RU RW ' +
  'BL SH KN LC MF PM VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA GS ES LK SR SJ SZ SE CH TW TJ TZ TH TL TG TK ' +
  'TO TT TN TR TM TC TV UG UA AE GB US UM UY UZ VU VE VN VG VI WF EH YE ZM ZW'
).split(' ');

/** `YYYY-MM-DD`, or an ISO 8601 date-time; Amazon's own samples write `2019-06-26T00:00Z` (no seconds). */
export const RELEASE_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$';
export const REFERENCE_NAME_PATTERN = '^[A-Za-z0-9_]{3,50}$';

/** One of a closed list of strings; JSON Schema `anyOf` of `const`s, which editors offer as completions. */
function OneOf<const T extends readonly string[]>(values: T, options: { description: string; title?: string }) {
  return Type.Union(values.map((value) => Type.Literal(value)), options) as unknown as TUnion<TLiteral<T[number]>[]>;
}

/** An object whose keys are a closed list (locales, marketplaces), each optional: unknown keys are errors. */
function KeyedBy<const K extends readonly string[], T extends TSchema>(keys: K, value: T, description: string) {
  const properties = Object.fromEntries(keys.map((key) => [key, Type.Optional(value)])) as unknown as { [P in K[number]]: TOptional<T> };
  return Type.Object(properties, { additionalProperties: false, minProperties: 1, description });
}

const Text = (description: string) => Type.Optional(Type.String({ description }));

const CustomProductPromptsSchema = Type.Object({
  purchasePromptDescription: Text('What Alexa reads before asking the customer to buy (SSML allowed; {PREMIUM_CONTENT_TITLE} is replaced by the name). Do not mention the price: Alexa says it.'),
  boughtCardDescription: Text('Shown on the card in the Alexa app after a purchase.'),
}, { additionalProperties: false, description: 'Custom prompts for the purchase flow.' });

export const LocalePublishingSchema = Type.Object({
  name: Type.String({ minLength: 1, description: 'The name customers hear and see, in this locale\'s language.' }),
  smallIconUri: Type.Optional(Type.String({ pattern: '^https://', title: 'https URL', description: 'https URL of a 108×108 PNG or JPG icon.' })),
  largeIconUri: Type.Optional(Type.String({ pattern: '^https://', title: 'https URL', description: 'https URL of a 512×512 PNG or JPG icon.' })),
  summary: Text('One sentence shown in the list of products in the Alexa app.'),
  description: Text('What the product gives the customer and how to use it; shown on the product detail card.'),
  examplePhrases: Type.Optional(Type.Array(Type.String(), { description: 'What customers can say to buy or use the product, e.g. "Alexa, buy cave quest".' })),
  keywords: Type.Optional(Type.Array(Type.String(), { description: 'Search terms that help customers find the product.' })),
  customProductPrompts: Type.Optional(CustomProductPromptsSchema),
}, { additionalProperties: false, description: 'What customers see and hear in one locale.' });

export const PriceListingSchema = Type.Object({
  price: Type.Number({ exclusiveMinimum: 0, description: 'List price without VAT or similar taxes.' }),
  currency: OneOf(CURRENCIES, { description: 'The marketplace\'s currency: USD (amazon.com), GBP (amazon.co.uk), EUR (amazon.de/.fr/.it/.es), JPY (amazon.co.jp).' }),
}, { additionalProperties: false });

export const MarketplacePricingSchema = Type.Object({
  releaseDate: Type.Optional(Type.String({ pattern: RELEASE_DATE_PATTERN, title: 'date', description: 'When customers can buy the product: YYYY-MM-DD or an ISO 8601 date-time.' })),
  defaultPriceListing: PriceListingSchema,
}, { additionalProperties: false });

export const PublishingInformationSchema = Type.Object({
  locales: KeyedBy(ISP_LOCALES, LocalePublishingSchema, `Product text per locale: ${ISP_LOCALES.join(', ')}.`),
  distributionCountries: Type.Optional(Type.Array(OneOf(DISTRIBUTION_COUNTRIES, { title: 'country code', description: 'ISO 3166-1 alpha-2 country code.' }), { description: 'Countries where the product is sold (ISO 3166-1 alpha-2, e.g. US, GB, DE).' })),
  pricing: Type.Optional(KeyedBy(MARKETPLACES, MarketplacePricingSchema, `Price and release date per marketplace: ${MARKETPLACES.join(', ')}.`)),
  taxInformation: Type.Optional(Type.Object({
    category: Type.Optional(OneOf(TAX_CATEGORIES, { description: 'The tax category that best describes the product; checked in certification.' })),
  }, { additionalProperties: false })),
}, { additionalProperties: false, description: 'How the product is presented and sold.' });

export const SubscriptionInformationSchema = Type.Object({
  subscriptionPaymentFrequency: Type.Optional(OneOf(PAYMENT_FREQUENCIES, { description: 'How often the customer is charged.' })),
  subscriptionTrialPeriodDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365, description: 'Days of free trial, 0 to 365 (0: no trial).' })),
}, { additionalProperties: false, description: 'Billing of a subscription (subscriptions only).' });

export const PrivacyAndComplianceSchema = Type.Object({
  locales: Type.Optional(KeyedBy(ISP_LOCALES, Type.Object({
    privacyPolicyUrl: Type.Optional(Type.String({ description: 'URL of the privacy policy that applies to the product.' })),
  }, { additionalProperties: false }), 'Privacy policy per locale.')),
}, { additionalProperties: false });

export const InSkillProductDefinitionSchema = Type.Object({
  $schema: Type.Optional(Type.String({ description: 'For editors only; skillshop removes it before anything is sent to Amazon.' })),
  version: Type.Literal('1.0', { description: 'Version of the definition format: "1.0".' }),
  type: OneOf(PRODUCT_TYPES, { description: 'ENTITLEMENT (bought once, kept), SUBSCRIPTION (recurring), CONSUMABLE (bought again after use).' }),
  referenceName: Type.String({ pattern: REFERENCE_NAME_PATTERN, title: 'reference name', description: 'Your name for the product in code: 3–50 letters, digits and underscores; the file is named after it.' }),
  purchasableState: Type.Optional(OneOf(['PURCHASABLE', 'NOT_PURCHASABLE'] as const, { description: 'NOT_PURCHASABLE stops new purchases; owners keep access.' })),
  promotableState: Type.Optional(OneOf(['IN_SKILL_ONLY', 'ALL_AMAZON_CHANNELS'] as const, { description: 'Sold only in the skill, or also on Amazon\'s other channels.' })),
  subscriptionInformation: Type.Optional(SubscriptionInformationSchema),
  publishingInformation: PublishingInformationSchema,
  privacyAndCompliance: Type.Optional(PrivacyAndComplianceSchema),
  testingInstructions: Text('How Amazon\'s certification team can test the product.'),
}, {
  additionalProperties: false,
  title: 'Alexa in-skill product',
  description: 'An in-skill product definition, as Amazon\'s Skill Management API takes it (https://developer.amazon.com/en-US/docs/alexa/smapi/isp-schemas.html).',
});

export type InSkillProductDefinition = Static<typeof InSkillProductDefinitionSchema>;
export type LocalePublishing = Static<typeof LocalePublishingSchema>;
export type MarketplacePricing = Static<typeof MarketplacePricingSchema>;

/** The definition as sent to Amazon: the editor-only `$schema` key removed. */
export function toAmazonDefinition(definition: InSkillProductDefinition): Omit<InSkillProductDefinition, '$schema'> {
  const { $schema: _schema, ...amazon } = definition;
  return amazon;
}

/**
 * The JSON Schema (draft-07) of a product file, for editors. TypeBox schemas are JSON Schema
 * already; serialising drops TypeBox's symbol-keyed bookkeeping.
 */
export function productJsonSchema(): Record<string, unknown> {
  const { title, description, ...rest } = JSON.parse(JSON.stringify(InSkillProductDefinitionSchema)) as Record<string, unknown>;
  return { $schema: 'http://json-schema.org/draft-07/schema#', title, description, ...rest };
}

export function isIspLocale(value: string): value is IspLocale {
  return (ISP_LOCALES as readonly string[]).includes(value);
}

export function isMarketplace(value: string): value is Marketplace {
  return (MARKETPLACES as readonly string[]).includes(value);
}
