/**
 * The phrase table for a locale: by language, so en-GB shares English with en-US. A language we
 * have no table for gets none of the extras (no built-in phrasings, no fillers, digits only):
 * the model's own samples still work, and nothing English is guessed into a Portuguese skill.
 */
import { english } from './en';
import { german } from './de';
import { french } from './fr';
import { spanish } from './es';
import { italian } from './it';
import { japanese } from './ja';
import type { PhraseTable } from './phrase-table';

export type { BuiltInIntent, PhraseTable } from './phrase-table';

const byLanguage: Readonly<Record<string, PhraseTable>> = {
  en: english,
  de: german,
  fr: french,
  es: spanish,
  it: italian,
  ja: japanese,
};

const bare: PhraseTable = {
  builtIns: {},
  wakeWords: ['alexa'],
  prefixes: [],
  invocationArticles: [],
  launch: [],
  oneShot: [],
  exit: [],
  fillers: [],
  articles: [],
  numbers: { units: {} },
};

export function tableFor(locale: string): PhraseTable {
  return byLanguage[locale.split(/[-_]/)[0]!.toLowerCase()] ?? bare;
}
