/**
 * AMAZON.NUMBER: digits or number words → the digits string Alexa puts in the slot
 * ("twenty one" → "21", "one hundred and five" → "105", "a thousand" → "1000").
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/slot-type-reference.html#number
 *
 * One small grammar serves every locale; the words come from the locale's phrase table:
 * - `units` add ("twenty" + "one"), each into the places still zero (so "one twenty" is no number);
 * - `multipliers` multiply the word before them ("two hundred", 二十 = 2 × 10);
 * - `scales` close a group ("two thousand three hundred", 三万);
 * - `joiners` may stand between parts ("hundred and five", "vingt et un");
 * - `one` words count as 1 only before a multiplier or scale ("a hundred");
 * - `minus` words negate, first word only.
 */
import { keyOf } from './tokens';

export interface NumberWords {
  units: Readonly<Record<string, number>>;
  multipliers?: Readonly<Record<string, number>>;
  scales?: Readonly<Record<string, number>>;
  joiners?: readonly string[];
  one?: readonly string[];
  minus?: readonly string[];
}

type Word =
  | { kind: 'unit'; value: number }
  | { kind: 'multiplier'; value: number }
  | { kind: 'scale'; value: number }
  | { kind: 'joiner' | 'one' | 'minus'; value: 0 };

export interface NumberParser {
  /** The digits string for keys [start, end), or null when those words are not one number. */
  parse(keys: readonly string[], start: number, end: number): string | null;
}

const DIGITS = /^-?\d+$/;

/** The first power of ten above `value`: the places a new unit must fit under. */
function place(value: number): number {
  let p = 10;
  while (p <= value) p *= 10;
  return p;
}

export function numberParser(table: NumberWords): NumberParser {
  const words = new Map<string, Word>();
  let longest = 1;
  const add = (phrase: string, word: Word): void => {
    const key = keyOf(phrase);
    longest = Math.max(longest, key.split(' ').length);
    words.set(key, word);
  };
  for (const [phrase, value] of Object.entries(table.units)) add(phrase, { kind: 'unit', value });
  for (const [phrase, value] of Object.entries(table.multipliers ?? {})) add(phrase, { kind: 'multiplier', value });
  for (const [phrase, value] of Object.entries(table.scales ?? {})) add(phrase, { kind: 'scale', value });
  for (const phrase of table.joiners ?? []) add(phrase, { kind: 'joiner', value: 0 });
  for (const phrase of table.one ?? []) add(phrase, { kind: 'one', value: 0 });
  for (const phrase of table.minus ?? []) add(phrase, { kind: 'minus', value: 0 });

  // The longest phrase starting at `i` ("quatre vingt" before "quatre").
  function wordAt(keys: readonly string[], i: number, end: number): [Word, number] | null {
    for (let n = Math.min(longest, end - i); n >= 1; n--) {
      const key = n === 1 ? keys[i]! : keys.slice(i, i + n).join(' ');
      const word = DIGITS.test(key) && n === 1 ? { kind: 'unit' as const, value: Number(key) } : words.get(key);
      if (word) return [word, n];
    }
    return null;
  }

  function parse(keys: readonly string[], start: number, end: number): string | null {
    if (end - start === 1 && DIGITS.test(keys[start]!)) return String(Number(keys[start]));
    let total = 0;
    let current = 0; // the group below the last scale
    let last = 0; // the last unit or multiplied unit added to `current`
    let lastScale = Infinity;
    let sign = 1;
    let previous: Word['kind'] | null = null;
    let parts = 0;
    for (let i = start; i < end; ) {
      const found = wordAt(keys, i, end);
      if (!found) return null;
      const [word, length] = found;
      i += length;
      switch (word.kind) {
        case 'minus':
          if (previous !== null) return null;
          sign = -1;
          break;
        case 'joiner':
          if (parts === 0 || previous === 'joiner') return null;
          break;
        case 'one':
          if (current !== 0) return null;
          current = 1;
          last = 1;
          break;
        case 'unit':
          if (previous === 'one' || (word.value === 0 && end - start > 1)) return null;
          if (current !== 0 && current % place(word.value) !== 0) return null;
          current += word.value;
          last = word.value;
          parts++;
          break;
        case 'multiplier': {
          const multiplies = previous === 'unit' || previous === 'one';
          const base = multiplies ? last : 1;
          if (base >= word.value) return null;
          const rest = multiplies ? current - last : current;
          const value = base * word.value;
          if (rest !== 0 && rest % place(value) !== 0) return null;
          current = rest + value;
          last = value;
          parts++;
          break;
        }
        case 'scale':
          if (word.value >= lastScale) return null;
          total += (current === 0 ? 1 : current) * word.value;
          lastScale = word.value;
          current = 0;
          last = 0;
          parts++;
          break;
      }
      previous = word.kind;
    }
    if (parts === 0 || previous === 'joiner' || previous === 'one' || previous === 'minus') return null;
    const value = sign * (total + current);
    return Number.isSafeInteger(value) ? String(value) : null;
  }

  return { parse };
}
