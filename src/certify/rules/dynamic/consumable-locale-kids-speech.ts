/**
 * What the consumable, locale and kids rules read from speech beyond answers.ts: a balance said
 * ("you have 2 hints", "no hints left"), a negative one, and what makes an answer graceful when it
 * may be a purchase directive. Word tables are per language; a language without a table is never
 * checked with English words.
 */
import type { Answer } from '../../explore/answers';
import { mentions, numbersIn } from '../../explore/answers';
import { ungraceful } from '../../explore/judge';
import type { ProductUnderTest } from '../../explore/explorer';

function language(locale: string): string {
  return locale.split(/[-_]/)[0]!.toLowerCase();
}

/** Languages answers.ts has purchase words for (purchaseWordIn falls back to English for others). */
const PURCHASE_WORD_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'ja'];

export function hasPurchaseWords(locale: string): boolean {
  return PURCHASE_WORD_LANGUAGES.includes(language(locale));
}

/** How a balance of zero is said without a number: "no hints", "none left", "keine Tipps". */
const ZERO_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['no', 'none', 'zero', 'out of', 'any', 'anymore', 'all gone', 'used up'],
  de: ['kein', 'keine', 'keinen', 'keins', 'null', 'nichts mehr', 'aufgebraucht'],
  fr: ['aucun', 'aucune', 'zéro', 'plus de', 'plus aucun', 'épuisé', 'épuisés'],
  es: ['ningún', 'ninguna', 'ninguno', 'cero', 'no te quedan', 'no tienes', 'agotado', 'agotados'],
  it: ['nessun', 'nessuna', 'nessuno', 'zero', 'non hai', 'esaurito', 'esauriti'],
  ja: ['ゼロ', 'ありません', 'ない', '残っていません'],
};

/** Words that make a balance negative ("minus one", "negativ"), next to the numbers' own sign. */
const MINUS_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['minus', 'negative'],
  de: ['minus', 'negativ'],
  fr: ['négatif', 'négative', 'moins un', 'moins deux'],
  es: ['negativo', 'menos uno', 'menos dos'],
  it: ['negativo', 'meno uno', 'meno due'],
  ja: ['マイナス'],
};

function found(table: Readonly<Record<string, readonly string[]>>, speech: string, locale: string): string | undefined {
  const words = table[language(locale)];
  if (!words) return undefined;
  return words.find((word) => mentions(speech, word) || (language(locale) === 'ja' && speech.includes(word)));
}

/** What one answer said about a balance. */
export interface BalanceHeard {
  /** The balance said; undefined when none (or several) could be read. */
  value: number | undefined;
  /** A negative number or a minus word in the answer. */
  negative: string | undefined;
  /** How it was read, for failure lines: `"2"`, `"no" (zero)`, `no number`, `several numbers (2, 5)`. */
  how: string;
}

/**
 * The balance an answer states. The numbers of the sentences that name the unit win ("Here is
 * hint 1 of the day. You have 2 hints left." → 2); a speech with one number says that number; a
 * speech with none says 0 when it has a zero word of the locale ("no hints", "keine").
 */
export function balanceIn(answer: Answer | undefined, unitWords: readonly string[], locale: string): BalanceHeard {
  if (!answer || answer.invalid !== undefined) return { value: undefined, negative: undefined, how: 'no valid answer' };
  const speech = answer.speech;
  if (!speech) return { value: undefined, negative: undefined, how: 'no speech' };
  const all = numbersIn(speech, locale);
  const minus = all.find((n) => n < 0);
  const negative = minus !== undefined ? String(minus) : found(MINUS_WORDS, speech, locale);
  const distinct = (list: number[]) => [...new Set(list)];
  const sentences = speech.split(/(?<=[.!?;。！？])\s*/).filter((part) => part.trim() !== '');
  const naming = sentences.filter((sentence) => unitWords.some((word) => mentions(sentence, word)));
  const fromNaming = distinct(naming.flatMap((sentence) => numbersIn(sentence, locale)));
  if (fromNaming.length === 1) return { value: fromNaming[0], negative, how: `"${fromNaming[0]}"` };
  const numbers = distinct(all);
  if (numbers.length === 1) return { value: numbers[0], negative, how: `"${numbers[0]}"` };
  if (numbers.length > 1) return { value: undefined, negative, how: `several numbers (${numbers.join(', ')})` };
  const zero = found(ZERO_WORDS, speech, locale);
  if (zero) return { value: 0, negative, how: `"${zero}" (zero)` };
  return { value: undefined, negative, how: ZERO_WORDS[language(locale)] ? 'no number' : `no number (and no table of zero words for ${locale})` };
}

/**
 * Why an answer is not graceful: invalid, or (when it carries no purchase directive) silent or with
 * an error phrase. A purchase directive is judged on its own, by the rule.
 */
export function notGraceful(answer: Answer | undefined, what: string): string[] {
  if (answer && answer.invalid === undefined && answer.directive) return [];
  return ungraceful(answer, what);
}

/**
 * The speech without the skill's invocation name, for the purchase-word checks: a skill called
 * "gem shop" says "shop" in its own name without selling anything.
 */
export function withoutInvocation(speech: string, invocation: string): string {
  const words = invocation.trim().split(/\s+/).filter((word) => word !== '').map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return speech;
  return speech.replace(new RegExp(`(^|[^\\p{L}\\p{N}])${words.join('\\s+')}(?=$|[^\\p{L}\\p{N}])`, 'giu'), '$1 ');
}

/** A Buy or Upsell directive in the answer (for `product` when given), as "a Buy directive for x". */
export function purchaseDirective(answer: Answer | undefined, product?: ProductUnderTest): string | undefined {
  const directive = answer?.directive;
  if (!directive || directive.name === 'Cancel') return undefined;
  if (product && directive.referenceName !== product.referenceName) return undefined;
  return `a ${directive.name} directive for ${directive.referenceName ?? directive.productId}`;
}
