/**
 * Turns typed text into words, the same way for samples, slot values and utterances, so that
 * matching is case, punctuation and accent insensitive ("Buy Cave-Quest!" = "buy cave quest").
 *
 * Each word has two forms: `words` is what Alexa would put in a slot value (lower case, accents
 * kept), `keys` is what matching compares (accents folded from Latin letters). Japanese and Chinese
 * are written without spaces, so each of their characters is a word of its own; values are joined
 * back without spaces between such characters.
 */

export interface Tokens {
  readonly words: readonly string[];
  readonly keys: readonly string[];
}

// A word: letters, marks, digits and underscores, with apostrophes inside ("what's", "l'extension");
// or a number with decimals or a leading minus ("3.5", "-5").
const WORD = /(?<![\p{L}\p{N}])-\d+|\d+(?:\.\d+)+|[\p{L}\p{M}\p{N}_]+(?:'[\p{L}\p{M}\p{N}_]+)*/gu;
// Characters written without spaces between words: each is a token of its own.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\u3005]/u;
const UNSPACED_SPLIT = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\u3005])/u;
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;
const ASCII = /^[\x20-\x7e]*$/;

function prepare(text: string): string {
  let out = text.toLowerCase();
  if (!ASCII.test(out)) out = out.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'");
  return out
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1') // 1,000 → 1000
    .replace(/(?<!\p{L})(\p{L})\.(?=\p{L}(?!\p{L}))/gu, '$1'); // a.m. → am. (abbreviations are one word)
}

function fold(word: string): string {
  if (ASCII.test(word)) return word;
  return word.normalize('NFD').replace(LATIN_MARKS, '$1').normalize('NFC');
}

export function tokenize(text: string): Tokens {
  const words: string[] = [];
  for (const match of prepare(text).matchAll(WORD)) {
    const word = match[0];
    if (ASCII.test(word) || !UNSPACED.test(word)) {
      words.push(word);
      continue;
    }
    for (const piece of word.split(UNSPACED_SPLIT)) if (piece !== '') words.push(piece);
  }
  return { words, keys: words.map(fold) };
}

/** The key of a phrase: its folded words joined by one space. */
export function keyOf(text: string): string {
  return tokenize(text).keys.join(' ');
}

function unspaced(word: string): boolean {
  return !ASCII.test(word) && UNSPACED.test(word);
}

/** Words [start, end) as one string, the way Alexa writes a slot value. */
export function joinWords(words: readonly string[], start: number, end: number): string {
  let out = words[start] ?? '';
  for (let i = start + 1; i < end; i++) {
    const word = words[i]!;
    out += unspaced(word) && unspaced(words[i - 1]!) ? word : ` ${word}`;
  }
  return out;
}
