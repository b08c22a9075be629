/**
 * Which Amazon marketplace prices a purchase made in a locale, and which of a product's locales
 * speaks for a request's language (alexa-isp-facts.md §4).
 */
import { LOCALE_MARKETPLACE } from '../../isp/product-definition';

/** ISP locales → the marketplace whose `pricing` entry Alexa quotes (one table, the catalog's). */
export const MARKETPLACE_BY_LOCALE: Readonly<Record<string, string>> = LOCALE_MARKETPLACE;

const FALLBACK_LOCALE = 'en-US';

/** The marketplace of an ISP locale (case-insensitive), or `undefined` where ISP is not sold. */
export function marketplaceFor(locale: string): string | undefined {
  const key = Object.keys(MARKETPLACE_BY_LOCALE).find((known) => known.toLowerCase() === locale.toLowerCase());
  return key === undefined ? undefined : MARKETPLACE_BY_LOCALE[key];
}

/**
 * The first language tag of an `Accept-Language` header (`fr-FR,fr;q=0.9` → `fr-FR`); Alexa sends
 * a single locale, but a hand-written request may send a browser-style list.
 */
export function primaryLanguage(acceptLanguage: string): string {
  return (acceptLanguage.split(',')[0] ?? '').split(';')[0]?.trim() ?? '';
}

/**
 * The product locale to answer `requested` with: the same locale (any case), else one of the same
 * language (`fr-CA` → `fr-FR`), else en-US, else the product's first locale; `undefined` only when
 * the product has no locales at all.
 */
export function pickLocale(available: readonly string[], requested: string): string | undefined {
  const wanted = requested.toLowerCase();
  const language = wanted.split('-')[0];
  return (
    available.find((locale) => locale.toLowerCase() === wanted) ??
    available.find((locale) => locale.toLowerCase().split('-')[0] === language) ??
    available.find((locale) => locale === FALLBACK_LOCALE) ??
    available[0]
  );
}
