/** The static rules: the product catalog and the skill manifest, read from the project's files. */
import { defaultProductName, type CatalogProduct } from '../../isp/catalog';
import { isIspLocale, LOCALE_MARKETPLACE, MARKETPLACE_COUNTRY, type Marketplace } from '../../isp/product-definition';
import { jsonPath } from '../../problems';
import { checkIcon, ICON_SIZES } from '../icons';
import { findPrice } from '../price';
import type { CertifyContext, Finding, Rule } from '../types';
import { at, productTexts, type ProductText } from './evidence';

const NO_MANIFEST = 'No manifest to check: add a "manifest" section to skillshop.json (build writes skill.json from it), or keep platforms/alexaSkill/skill-package/skill.json in the project.';

const inSelection = (context: CertifyContext) => (text: ProductText) => text.locale === undefined || context.locales.includes(text.locale);

function perProduct(context: CertifyContext, check: (product: CatalogProduct) => Omit<Finding, 'product'>): Finding[] {
  if (context.products.length === 0) return [{ status: 'pass', evidence: ['the catalog has no products (platforms/alexaSkill/isps/)'] }];
  return context.products.map((product) => ({ product: product.referenceName, ...check(product) }));
}

const PRICE_KEYS = ['summary', 'description', 'purchasePromptDescription', 'boughtCardDescription'];

const noPriceInText: Rule = {
  id: 'catalog.no-price-in-text',
  title: 'No price in the product texts',
  source: 'ISP certification guide, "Product description"',
  kind: 'static',
  run: (context) => perProduct(context, (product) => {
    const texts = productTexts(product, PRICE_KEYS).filter(inSelection(context));
    const hits = texts.flatMap((text) => {
      const price = findPrice(text.value);
      return price === undefined ? [] : [at(product.file, text.path, text.value, `mentions a price ("${price}")`)];
    });
    if (hits.length > 0) return { status: 'fail', evidence: hits, fix: 'Remove prices and price words from the product texts: Alexa says the price itself in its purchase dialog.' };
    return { status: 'pass', evidence: [`${product.file}: ${texts.length} text(s) (${PRICE_KEYS.join(', ')}) without a price`] };
  }),
};

const PLACEHOLDERS: readonly [RegExp, string][] = [
  [/\bTODO\b|\bFIXME\b|\bTBD\b/u, 'template marker'],
  [/\bthis is the (?:summary|description|name|product|purchase|bought|card|example|testing)/iu, 'template text'],
  [/lorem ipsum/iu, 'template text'],
  [/\blocalhost\b|127\.0\.0\.1/iu, 'a local address'],
  [/\bexample\.(?:com|org|net)\b/iu, 'an example.com address'],
  [/\p{Extended_Pictographic}/u, 'an emoji'],
];

const PLACEHOLDER_KEYS = ['name', 'summary', 'description', 'smallIconUri', 'largeIconUri', 'examplePhrases', 'keywords', 'purchasePromptDescription', 'boughtCardDescription', 'privacyPolicyUrl', 'testingInstructions'];

const noPlaceholders: Rule = {
  id: 'catalog.no-placeholders',
  title: 'No template text, emoji or non-https icons in the products',
  source: 'ISP certification guide, "Product description"; Amazon\'s own samples ship such placeholders',
  kind: 'static',
  run: async (context) => {
    if (context.products.length === 0) return perProduct(context, () => ({ status: 'pass', evidence: [] }));
    const findings: Finding[] = [];
    for (const product of context.products) {
      const texts = productTexts(product, PLACEHOLDER_KEYS).filter(inSelection(context));
      const hits: string[] = [];
      const checked: string[] = [];
      for (const text of texts) {
        for (const [pattern, what] of PLACEHOLDERS) {
          const match = pattern.exec(text.value);
          if (match) hits.push(at(product.file, text.path, text.value, `${what} ("${match[0]}")`));
        }
        if (text.key.endsWith('IconUri') && !text.value.startsWith('https://')) hits.push(at(product.file, text.path, text.value, 'an icon must be an https URL'));
        else if (text.key.endsWith('IconUri') && context.fetchIcon) {
          const problem = await checkIcon(text.value, text.key as keyof typeof ICON_SIZES, context.fetchIcon);
          if (problem) hits.push(at(product.file, text.path, text.value, `the icon ${problem}`));
          else checked.push(at(product.file, text.path, text.value, `a ${ICON_SIZES[text.key as keyof typeof ICON_SIZES]}-pixel square image`));
        }
      }
      const subject = { product: product.referenceName };
      if (hits.length > 0) {
        findings.push({ ...subject, status: 'fail', evidence: hits, fix: 'Replace the template text and placeholder addresses with the real texts and the https URLs of the real icons (PNG or JPEG, 108×108 and 512×512) and privacy policy; remove emoji.' });
      } else {
        findings.push({ ...subject, status: 'pass', evidence: [`${product.file}: ${texts.length} text(s) and URL(s) without placeholders${context.fetchIcon ? '' : ' (icons not fetched: --check-icons fetches them)'}`, ...checked] });
      }
    }
    return findings;
  },
};

function spokenNames(product: CatalogProduct): string[] {
  const names = Object.values(product.definition.publishingInformation.locales).map((entry) => entry?.name).filter((name): name is string => typeof name === 'string');
  return [...names, product.referenceName, product.referenceName.replace(/_/g, ' ')];
}

const testingInstructions: Rule = {
  id: 'catalog.testing-instructions',
  title: 'Every product has real testing instructions',
  source: 'ISP certification guide, "Provide test instructions"; sample customization docs',
  kind: 'static',
  run: (context) => perProduct(context, (product) => {
    const path = jsonPath('testingInstructions');
    const text = product.definition.testingInstructions;
    const fix = `Write in "testingInstructions" how a tester reaches and buys ${defaultProductName(product)}: what to say, and any state needed first.`;
    if (text === undefined || text.trim() === '') return { status: 'fail', evidence: [`${product.file} ${path}: missing`], fix };
    const placeholder = PLACEHOLDERS.slice(0, 3).map(([pattern]) => pattern.exec(text)).find((match) => match !== null);
    if (placeholder) return { status: 'fail', evidence: [at(product.file, path, text, `template text ("${placeholder[0]}")`)], fix };
    if (text.trim().length < 20) return { status: 'fail', evidence: [at(product.file, path, text, 'too short to explain how to reach and buy the product')], fix };
    const lower = text.toLowerCase();
    const named = spokenNames(product).find((name) => lower.includes(name.toLowerCase()));
    if (!named) return { status: 'fail', evidence: [at(product.file, path, text, `does not name the product (${spokenNames(product).slice(0, -1).map((n) => `"${n}"`).join(', ')})`)], fix };
    return { status: 'pass', evidence: [at(product.file, path, text, `names the product ("${named}")`)] };
  }),
};

const releaseDate: Rule = {
  id: 'catalog.release-date',
  title: 'Every marketplace has a release date not after publication',
  source: 'ISP certification guide, "Check the release dates"',
  guidance: true,
  kind: 'static',
  run: (context) => perProduct(context, (product) => {
    const pricing = product.definition.publishingInformation.pricing ?? {};
    const marketplaces = (Object.keys(pricing) as Marketplace[]).sort();
    const base = ['publishingInformation', 'pricing'];
    if (marketplaces.length === 0) return { status: 'fail', evidence: [`${product.file} ${jsonPath(...base)}: no marketplace`], fix: 'Add a marketplace with a price and a releaseDate.' };
    const missing = marketplaces.filter((market) => pricing[market]?.releaseDate === undefined);
    if (missing.length > 0) {
      return { status: 'fail', evidence: missing.map((market) => `${product.file} ${jsonPath(...base, market, 'releaseDate')}: missing`), fix: 'Set a releaseDate (YYYY-MM-DD) on or before the day the skill is published in every marketplace.' };
    }
    const dates = marketplaces.map((market) => at(product.file, jsonPath(...base, market, 'releaseDate'), pricing[market]!.releaseDate));
    const publication = context.settings.publicationDate;
    if (publication === undefined) return { status: 'skipped', evidence: dates, fix: 'Cannot tell when the skill is published: set "certify": { "publicationDate": "YYYY-MM-DD" } in skillshop.json to compare the release dates with it.' };
    const late = marketplaces.filter((market) => pricing[market]!.releaseDate!.slice(0, 10) > publication.slice(0, 10));
    if (late.length > 0) {
      return {
        status: 'fail',
        evidence: late.map((market) => at(product.file, jsonPath(...base, market, 'releaseDate'), pricing[market]!.releaseDate, `after the publication date ${publication} (skillshop.json $.certify.publicationDate)`)),
        fix: `Move the release date to ${publication} or earlier, or the product cannot be bought when the skill goes live.`,
      };
    }
    return { status: 'pass', evidence: [...dates, `none after the publication date ${publication}`] };
  }),
};

const allowsPurchases: Rule = {
  id: 'manifest.allows-purchases',
  title: 'The manifest allows purchases when products exist',
  source: 'Amazon ISP sample submission steps',
  kind: 'static',
  run: (context) => {
    const manifest = context.manifest;
    if (!manifest) return [{ status: 'skipped', evidence: [], fix: NO_MANIFEST }];
    const { value, file, path, isDefault } = manifest.allowsPurchases;
    const shown = `${file} ${path}: ${isDefault ? `not set (${value} by default)` : String(value)}`;
    if (context.products.length === 0) return [{ status: 'pass', evidence: [shown, 'the catalog has no products']}];
    if (!value) return [{ status: 'fail', evidence: [shown, `the catalog has ${context.products.length} product(s)`], fix: `Set ${path} to true (or remove it: build sets it when products exist).` }];
    return [{ status: 'pass', evidence: [shown] }];
  },
};

/** Words that say a description offers in-skill purchases, per language. */
const ISP_WORDS: Record<string, RegExp> = {
  en: /\bin-?skill purchas\w*|\bpurchas\w*|\bpremium\b|\bsubscri\w*|\bfor sale\b|\bpaid\b|\bbuy\b/iu,
  de: /in-skill-käuf\w*|\bkäuf\w*|\bkauf\w*|\bpremium\w*|\babo\w*|kostenpflichtig\w*/iu,
  fr: /achats? intégrés?|\bachat\w*|\bpremium\b|\babonnement\w*|\bpayant\w*/iu,
  es: /compras? dentro|\bcompra\w*|\bpremium\b|\bsuscripci\w*|\bde pago\b/iu,
  it: /acquist\w*|\bpremium\b|\babbonament\w*|\ba pagamento\b/iu,
  ja: /スキル内課金|課金|プレミアム|購入|サブスクリプション|有料/u,
};

const CALL_TO_ACTION: readonly RegExp[] = [
  /(?:^|[.!?]\s+)(?:buy|purchase|subscribe|upgrade|order|get|unlock)\b/iu,
  /\b(?:buy|purchase|subscribe|upgrade|order|get|unlock)\b[^.!?]{0,40}\b(?:now|today)\b/iu,
  /\bsay\s+["'“‘]?(?:alexa,?\s+)?(?:\w+\s+){0,4}?(?:buy|purchase|subscribe)\b/iu,
  /\bdon'?t miss\b|\bhurry\b|\blimited time\b/iu,
];

function manifestLocales(context: CertifyContext) {
  const withProducts = new Set(context.products.flatMap((product) => Object.keys(product.definition.publishingInformation.locales)));
  return (context.manifest?.locales ?? []).filter((entry) => isIspLocale(entry.locale) && context.locales.includes(entry.locale) && withProducts.has(entry.locale));
}

const descriptionMentionsIsp: Rule = {
  id: 'manifest.description-mentions-isp',
  title: 'The skill description says it offers in-skill purchases, without price or call to action',
  source: 'ISP certification guide, "Skill description"',
  kind: 'static',
  run: (context) => {
    if (!context.manifest) return [{ status: 'skipped', evidence: [], fix: NO_MANIFEST }];
    if (context.products.length === 0) return [{ status: 'pass', evidence: ['the catalog has no products: nothing to disclose'] }];
    const locales = manifestLocales(context);
    if (locales.length === 0) return [{ status: 'skipped', evidence: [], fix: 'The manifest has no locale (in the --locale selection) where products are published.' }];
    return locales.map((entry): Finding => {
      const { locale, description } = entry;
      if (!description) return { status: 'fail', locale, evidence: [`${context.manifest!.file}: no description for ${locale}`], fix: 'Write a skill description that says the skill offers in-skill purchases.' };
      const problems: string[] = [];
      const words = ISP_WORDS[locale.slice(0, 2)] ?? ISP_WORDS.en!;
      if (!words.test(description.value)) problems.push('does not say the skill offers in-skill purchases');
      const price = findPrice(description.value);
      if (price !== undefined) problems.push(`mentions a price ("${price}")`);
      const cta = CALL_TO_ACTION.map((pattern) => pattern.exec(description.value)).find((match) => match !== null);
      if (cta) problems.push(`contains a call to action ("${cta[0].trim()}")`);
      if (problems.length > 0) {
        return {
          status: 'fail', locale,
          evidence: [at(description.file, description.path, description.value, problems.join('; '))],
          fix: 'Say plainly that the skill offers in-skill purchases (e.g. "Includes premium content available for purchase."), with no price and no "buy now".',
        };
      }
      return { status: 'pass', locale, evidence: [at(description.file, description.path, description.value, 'discloses in-skill purchases')] };
    });
  },
};

const CTA_WORDS = /\b(?:buy|buying|purchase|purchasing|subscribe|subscribing|kauf\w*|abonnier\w*|achet\w*|achèt\w*|abonn\w*|compr\w*|suscrib\w*|acquist\w*|abbona\w*)\b|購入|買/iu;

const examplePhrasesNoCta: Rule = {
  id: 'manifest.example-phrases-no-cta',
  title: 'Example phrases contain no buy / purchase / subscribe',
  source: 'certification feedback (alexa/skill-sample-nodejs-fact-in-skill-purchases #14)',
  kind: 'static',
  run: (context) => {
    if (!context.manifest) return [{ status: 'skipped', evidence: [], fix: NO_MANIFEST }];
    const locales = context.manifest.locales.filter((entry) => context.locales.includes(entry.locale));
    if (locales.length === 0) return [{ status: 'skipped', evidence: [], fix: 'The manifest has no locale in the --locale selection.' }];
    return locales.map((entry): Finding => {
      const hits = entry.examplePhrases.flatMap((phrase) => {
        const match = CTA_WORDS.exec(phrase.value);
        return match ? [at(phrase.file, phrase.path, phrase.value, `asks to buy ("${match[0]}")`)] : [];
      });
      if (hits.length > 0) return { status: 'fail', locale: entry.locale, evidence: hits, fix: 'Use example phrases that open or use the skill (e.g. "Alexa, open <invocation>"); offer products inside the skill.' };
      return { status: 'pass', locale: entry.locale, evidence: [`${context.manifest!.file}: ${entry.examplePhrases.length} example phrase(s) for ${entry.locale}, none asks to buy`] };
    });
  },
};

const kidsAllowedProducts: Rule = {
  id: 'kids.allowed-products',
  title: 'A child-directed skill sells no consumables, nothing over 9.99 USD, US only',
  source: 'Alexa kid skills page (in-skill purchasing in kid skills)',
  kind: 'static',
  run: (context) => {
    const manifest = context.manifest;
    if (!manifest) return [{ status: 'skipped', evidence: [], fix: NO_MANIFEST }];
    const { value, file, path, isDefault } = manifest.isChildDirected;
    const shown = `${file} ${path}: ${isDefault ? `not set (${value} by default)` : String(value)}`;
    if (!value) return [{ status: 'pass', evidence: [shown, 'not child-directed: the kid rules do not apply'] }];
    return perProduct(context, (product) => {
      const hits: string[] = [];
      if (product.type === 'CONSUMABLE') hits.push(at(product.file, jsonPath('type'), product.type, 'kid skills cannot sell consumables'));
      const pricing = product.definition.publishingInformation.pricing ?? {};
      for (const market of Object.keys(pricing).sort() as Marketplace[]) {
        const listing = pricing[market]!.defaultPriceListing;
        const where = jsonPath('publishingInformation', 'pricing', market);
        if (market !== LOCALE_MARKETPLACE['en-US']) hits.push(`${product.file} ${where}: sold on ${market} — kid skills sell in the US only`);
        else if (listing.currency === 'USD' && listing.price > 9.99) hits.push(at(product.file, jsonPath('publishingInformation', 'pricing', market, 'defaultPriceListing', 'price'), listing.price, 'over 9.99 USD'));
      }
      (product.definition.publishingInformation.distributionCountries ?? []).forEach((country, i) => {
        if (country !== MARKETPLACE_COUNTRY['amazon.com']) hits.push(at(product.file, jsonPath('publishingInformation', 'distributionCountries', i), country, 'kid skills sell in the US only'));
      });
      for (const locale of Object.keys(product.definition.publishingInformation.locales)) {
        if (locale !== 'en-US') hits.push(`${product.file} ${jsonPath('publishingInformation', 'locales', locale)}: published in ${locale} — kid skills sell in the US (en-US) only`);
      }
      if (hits.length > 0) return { status: 'fail', evidence: [shown, ...hits], fix: 'In a child-directed skill, sell only entitlements and subscriptions, at 9.99 USD or less, on amazon.com (US) only.' };
      return { status: 'pass', evidence: [shown, `${product.file}: a ${product.type.toLowerCase()} sold in the US only, at 9.99 USD or less`] };
    });
  },
};

export const STATIC_RULES: readonly Rule[] = [
  noPriceInText, noPlaceholders, testingInstructions, releaseDate,
  allowsPurchases, descriptionMentionsIsp, examplePhrasesNoCta, kidsAllowedProducts,
];
