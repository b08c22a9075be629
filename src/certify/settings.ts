/**
 * The optional `certify` section of skillshop.json: what the rules need that the skill itself
 * cannot tell. Without it, the rules that need it report `skipped` (never a guessed pass).
 *
 * ```json
 * "certify": {
 *   "publicationDate": "2026-03-01",
 *   "freeUtterances": ["explore the first cave"],
 *   "premiumUtterances": { "cave_quest": ["explore the deep caves"] },
 *   "consumables": { "hint_pack": { "unit": "hint", "units": "hints", "useUtterance": "use a hint" } },
 *   "locales": { "de-DE": { "freeUtterances": ["erkunde die erste höhle"], … } },
 *   "utterances": { "de-DE": { "whatCanIBuy": ["was kann ich kaufen"], "buy": ["kaufe {product}"] } }
 * }
 * ```
 * The top-level free/premium/consumable entries are English and apply to the en-* locales; other
 * locales (or an English one that needs its own) take theirs from `locales.<locale>`.
 */
import { readProjectSettings } from '../app/project';
import { skillshopError } from '../errors';

export const UTTERANCE_KEYS = ['whatCanIBuy', 'oneShot', 'whatDidIBuy', 'tellMeAbout', 'buy', 'refund', 'cancelSubscription', 'cancel', 'stop', 'help'] as const;
export type UtteranceKey = (typeof UTTERANCE_KEYS)[number];
export type Utterances = Record<UtteranceKey, string[]>;
/** Keys a non-English locale may leave out (the rules that need them skip there). */
const OPTIONAL_KEYS: readonly UtteranceKey[] = ['help'];

export interface ConsumableSettings {
  /** What one unit is called: "hint". */
  unit: string;
  /** Plural; default `unit` + "s". */
  units?: string;
  /** What the user says to use one; default "use a {unit}" (English only). */
  useUtterance?: string;
  /** What the user says to ask for the balance; default "how many {units} do I have" (English only). */
  countUtterance?: string;
  /** Units one purchase gives; default the app's `isp.consumables.<ref>.unitsPerPurchase`, else 1. */
  unitsPerPurchase?: number;
}

/** What the rules need to know about a skill's content, in one language. */
export interface ContentSettings {
  /** Utterances a user without purchases is served (free content). */
  freeUtterances?: string[];
  /** referenceName → utterances that ask for that product's premium content. */
  premiumUtterances?: Record<string, string[]>;
  consumables?: Record<string, ConsumableSettings>;
}

export interface CertifySettings extends ContentSettings {
  /** When the skill will be published (YYYY-MM-DD): release dates must not be later. */
  publicationDate?: string;
  /** Tester utterances per locale; `{product}` is replaced by a product name, `{invocation}` by the invocation name. */
  utterances?: Record<string, Partial<Utterances>>;
  /** Content settings of other locales (or an English one that differs). */
  locales?: Record<string, ContentSettings>;
  /** upsell.frequency: how many upsells one session may hold; default 1. */
  maxUpsellsPerSession?: number;
}

/** What testers say, in English (isp-certification.md, "What testers say"). */
export const ENGLISH_UTTERANCES: Utterances = {
  whatCanIBuy: ['what can I buy', 'tell me what I can buy', 'what can I shop for'],
  oneShot: ['ask {invocation} what can I buy'],
  whatDidIBuy: ['what did I buy', 'what have I bought'],
  tellMeAbout: ['tell me more about {product}'],
  buy: ['buy {product}'],
  refund: ['refund {product}'],
  cancelSubscription: ['cancel my subscription'],
  cancel: ['cancel'],
  stop: ['stop'],
  help: ['help'],
};

/** The utterances for a locale: the settings' own, else English ones for en-*; undefined when there are none. */
export function utterancesFor(settings: CertifySettings, locale: string): Utterances | undefined {
  const own = settings.utterances?.[locale];
  const base = locale.startsWith('en-') ? ENGLISH_UTTERANCES : undefined;
  if (!own) return base;
  if (!base && UTTERANCE_KEYS.some((key) => own[key] === undefined && !OPTIONAL_KEYS.includes(key))) return undefined;
  const filled = Object.fromEntries(OPTIONAL_KEYS.map((key) => [key, [] as string[]]));
  return { ...(base ?? filled), ...own } as Utterances;
}

/** The content settings for a locale: `locales.<locale>`, else the top-level (English) ones for en-*. */
export function contentFor(settings: CertifySettings, locale: string): ContentSettings {
  const own = settings.locales?.[locale];
  const english: ContentSettings = locale.startsWith('en-') ? settings : {};
  return {
    ...((own?.freeUtterances ?? english.freeUtterances) ? { freeUtterances: own?.freeUtterances ?? english.freeUtterances! } : {}),
    ...((own?.premiumUtterances ?? english.premiumUtterances) ? { premiumUtterances: own?.premiumUtterances ?? english.premiumUtterances! } : {}),
    // unitsPerPurchase is a fact of the product, not of a language: every locale inherits it from the top level.
    ...((own?.consumables ?? english.consumables) ? { consumables: mergeConsumables(english.consumables, own?.consumables, settings.consumables) } : {}),
  };
}

/** A locale's consumable entry takes its unitsPerPurchase from the top-level entry when it has none. */
function mergeConsumables(
  english: Record<string, ConsumableSettings> | undefined,
  own: Record<string, ConsumableSettings> | undefined,
  topLevel: Record<string, ConsumableSettings> | undefined,
): Record<string, ConsumableSettings> {
  if (!own) return english ?? {};
  const merged: Record<string, ConsumableSettings> = {};
  for (const [reference, entry] of Object.entries(own)) {
    const units = entry.unitsPerPurchase ?? topLevel?.[reference]?.unitsPerPurchase;
    merged[reference] = { ...entry, ...(units !== undefined ? { unitsPerPurchase: units } : {}) };
  }
  return merged;
}

type Fail = (message: string) => never;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string' && item.trim() !== '');

function checkContent(section: Record<string, unknown>, where: string, fail: Fail): void {
  const { freeUtterances, premiumUtterances, consumables } = section;
  if (freeUtterances !== undefined && !isStringList(freeUtterances)) fail(`${where}.freeUtterances must be a list of utterances.`);
  if (premiumUtterances !== undefined) {
    if (!isObject(premiumUtterances)) fail(`${where}.premiumUtterances must map product reference names to lists of utterances.`);
    for (const [reference, list] of Object.entries(premiumUtterances as Record<string, unknown>)) {
      if (!isStringList(list)) fail(`${where}.premiumUtterances.${reference} must be a list of utterances.`);
    }
  }
  if (consumables !== undefined) {
    if (!isObject(consumables)) fail(`${where}.consumables must map consumable reference names to { unit, … }.`);
    for (const [reference, entry] of Object.entries(consumables as Record<string, unknown>)) {
      const at = `${where}.consumables.${reference}`;
      if (!isObject(entry)) fail(`${at} must be an object like { "unit": "hint" }.`);
      const { unit, units, useUtterance, countUtterance, unitsPerPurchase, ...rest } = entry as Record<string, unknown>;
      if (Object.keys(rest).length > 0) fail(`${at}: unknown key(s) ${Object.keys(rest).join(', ')}; known: unit, units, useUtterance, countUtterance, unitsPerPurchase.`);
      if (typeof unit !== 'string' || unit.trim() === '') fail(`${at}.unit must name one unit, like "hint".`);
      for (const [key, value] of Object.entries({ units, useUtterance, countUtterance })) {
        if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) fail(`${at}.${key} must be a non-empty string.`);
      }
      if (unitsPerPurchase !== undefined && !(Number.isInteger(unitsPerPurchase) && (unitsPerPurchase as number) > 0)) fail(`${at}.unitsPerPurchase must be a whole number above 0.`);
    }
  }
}

const CONTENT_KEYS = ['freeUtterances', 'premiumUtterances', 'consumables'];
const KNOWN_KEYS = ['publicationDate', 'utterances', 'locales', 'maxUpsellsPerSession', ...CONTENT_KEYS];

export function readCertifySettings(dir: string): CertifySettings {
  const section = readProjectSettings(dir).certify;
  if (section === undefined) return {};
  const fail: Fail = (message) => {
    throw skillshopError('CONFIG_INVALID', `skillshop.json: certify${message}`);
  };
  if (!isObject(section)) fail(' must be an object.');
  const { publicationDate, utterances, locales, maxUpsellsPerSession, ...rest } = section as Record<string, unknown>;
  const unknown = Object.keys(rest).filter((key) => !CONTENT_KEYS.includes(key));
  if (unknown.length > 0) fail(`: unknown key(s) ${unknown.join(', ')}; known: ${KNOWN_KEYS.join(', ')}.`);
  if (publicationDate !== undefined && (typeof publicationDate !== 'string' || Number.isNaN(Date.parse(publicationDate)) || !/^\d{4}-\d{2}-\d{2}/.test(publicationDate))) {
    fail(`.publicationDate must be a date like "2026-03-01", got ${JSON.stringify(publicationDate)}.`);
  }
  if (maxUpsellsPerSession !== undefined && !(Number.isInteger(maxUpsellsPerSession) && (maxUpsellsPerSession as number) >= 0)) {
    fail(`.maxUpsellsPerSession must be a whole number (0 or more), got ${JSON.stringify(maxUpsellsPerSession)}.`);
  }
  checkContent(section as Record<string, unknown>, '', fail);
  if (locales !== undefined) {
    if (!isObject(locales)) fail('.locales must be an object of locales.');
    for (const [locale, entry] of Object.entries(locales as Record<string, unknown>)) {
      if (!isObject(entry)) fail(`.locales.${locale} must be an object.`);
      const extra = Object.keys(entry as Record<string, unknown>).filter((key) => !CONTENT_KEYS.includes(key));
      if (extra.length > 0) fail(`.locales.${locale}: unknown key(s) ${extra.join(', ')}; known: ${CONTENT_KEYS.join(', ')} (tester utterances go under certify.utterances.${locale}).`);
      checkContent(entry as Record<string, unknown>, `.locales.${locale}`, fail);
    }
  }
  if (utterances !== undefined) {
    if (!isObject(utterances)) fail('.utterances must be an object of locales.');
    for (const [locale, table] of Object.entries(utterances as Record<string, unknown>)) {
      if (!isObject(table)) fail(`.utterances.${locale} must be an object.`);
      for (const [key, list] of Object.entries(table as Record<string, unknown>)) {
        if (!(UTTERANCE_KEYS as readonly string[]).includes(key)) fail(`.utterances.${locale}: unknown key "${key}"; known: ${UTTERANCE_KEYS.join(', ')}.`);
        if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) fail(`.utterances.${locale}.${key} must be a list of strings.`);
      }
    }
  }
  return section as CertifySettings;
}
