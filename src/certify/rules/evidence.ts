/** Small helpers shared by the rules: evidence lines and the texts of a product. */
import type { CatalogProduct } from '../../isp/catalog';
import { isIspLocale } from '../../isp/product-definition';
import { jsonPath } from '../../problems';

/** `file $.path: "value"` plus what is wrong with it. */
export function at(file: string, path: string, value: unknown, what?: string): string {
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 160 ? `${value.slice(0, 157)}…` : value) : JSON.stringify(value);
  return `${file} ${path}: ${shown}${what ? ` — ${what}` : ''}`;
}

export interface ProductText {
  locale?: string;
  path: string;
  value: string;
  key: string;
}

/** The customer-facing texts of a product, in every locale (with their JSON paths). */
export function productTexts(product: CatalogProduct, keys: readonly string[]): ProductText[] {
  const texts: ProductText[] = [];
  const locales = product.definition.publishingInformation.locales;
  for (const locale of Object.keys(locales).filter(isIspLocale)) {
    const entry = locales[locale]!;
    const add = (key: string, value: unknown, ...path: (string | number)[]) => {
      if (keys.includes(key) && typeof value === 'string') texts.push({ locale, key, value, path: jsonPath('publishingInformation', 'locales', locale, ...path) });
    };
    add('name', entry.name, 'name');
    add('summary', entry.summary, 'summary');
    add('description', entry.description, 'description');
    add('smallIconUri', entry.smallIconUri, 'smallIconUri');
    add('largeIconUri', entry.largeIconUri, 'largeIconUri');
    entry.examplePhrases?.forEach((phrase, i) => add('examplePhrases', phrase, 'examplePhrases', i));
    entry.keywords?.forEach((keyword, i) => add('keywords', keyword, 'keywords', i));
    add('purchasePromptDescription', entry.customProductPrompts?.purchasePromptDescription, 'customProductPrompts', 'purchasePromptDescription');
    add('boughtCardDescription', entry.customProductPrompts?.boughtCardDescription, 'customProductPrompts', 'boughtCardDescription');
  }
  const privacy = product.definition.privacyAndCompliance?.locales ?? {};
  for (const locale of Object.keys(privacy).filter(isIspLocale)) {
    const url = privacy[locale]?.privacyPolicyUrl;
    if (keys.includes('privacyPolicyUrl') && typeof url === 'string') texts.push({ locale, key: 'privacyPolicyUrl', value: url, path: jsonPath('privacyAndCompliance', 'locales', locale, 'privacyPolicyUrl') });
  }
  const instructions = product.definition.testingInstructions;
  if (keys.includes('testingInstructions') && typeof instructions === 'string') texts.push({ key: 'testingInstructions', value: instructions, path: jsonPath('testingInstructions') });
  return texts;
}
