/**
 * The optional `certify` section of skillshop.json: what the rules need that the skill itself
 * cannot tell. Without it, the rules that need it report `skipped` (never a guessed pass).
 *
 * ```json
 * "certify": {
 *   "publicationDate": "2026-03-01",
 *   "utterances": { "de-DE": { "whatCanIBuy": ["was kann ich kaufen"], "buy": ["kaufe {product}"] } }
 * }
 * ```
 */
import { readProjectSettings } from '../app/project';
import { skillshopError } from '../errors';

export const UTTERANCE_KEYS = ['whatCanIBuy', 'oneShot', 'whatDidIBuy', 'tellMeAbout', 'buy', 'refund', 'cancelSubscription', 'cancel', 'stop'] as const;
export type UtteranceKey = (typeof UTTERANCE_KEYS)[number];
export type Utterances = Record<UtteranceKey, string[]>;

export interface CertifySettings {
  /** When the skill will be published (YYYY-MM-DD): release dates must not be later. */
  publicationDate?: string;
  /** Tester utterances per locale; `{product}` is replaced by a product name, `{invocation}` by the invocation name. */
  utterances?: Record<string, Partial<Utterances>>;
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
};

/** The utterances for a locale: the settings' own, else English ones for en-*; undefined when there are none. */
export function utterancesFor(settings: CertifySettings, locale: string): Utterances | undefined {
  const own = settings.utterances?.[locale];
  const base = locale.startsWith('en-') ? ENGLISH_UTTERANCES : undefined;
  if (!own) return base;
  if (!base && UTTERANCE_KEYS.some((key) => own[key] === undefined)) return undefined;
  return { ...(base ?? ENGLISH_UTTERANCES), ...own } as Utterances;
}

export function readCertifySettings(dir: string): CertifySettings {
  const section = readProjectSettings(dir).certify;
  if (section === undefined) return {};
  const fail = (message: string): never => {
    throw skillshopError('CONFIG_INVALID', `skillshop.json: certify${message}`);
  };
  if (section === null || typeof section !== 'object' || Array.isArray(section)) fail(' must be an object.');
  const { publicationDate, utterances, ...rest } = section as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) fail(`: unknown key(s) ${unknown.join(', ')}; known: publicationDate, utterances.`);
  if (publicationDate !== undefined && (typeof publicationDate !== 'string' || Number.isNaN(Date.parse(publicationDate)) || !/^\d{4}-\d{2}-\d{2}/.test(publicationDate))) {
    fail(`.publicationDate must be a date like "2026-03-01", got ${JSON.stringify(publicationDate)}.`);
  }
  if (utterances !== undefined) {
    if (utterances === null || typeof utterances !== 'object' || Array.isArray(utterances)) fail('.utterances must be an object of locales.');
    for (const [locale, table] of Object.entries(utterances as Record<string, unknown>)) {
      if (table === null || typeof table !== 'object' || Array.isArray(table)) fail(`.utterances.${locale} must be an object.`);
      for (const [key, list] of Object.entries(table as Record<string, unknown>)) {
        if (!(UTTERANCE_KEYS as readonly string[]).includes(key)) fail(`.utterances.${locale}: unknown key "${key}"; known: ${UTTERANCE_KEYS.join(', ')}.`);
        if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) fail(`.utterances.${locale}.${key} must be a list of strings.`);
      }
    }
  }
  return section as CertifySettings;
}
