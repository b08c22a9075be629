/**
 * What words may fill a slot of each type, and what entity resolution says about them.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/entity-resolution.html
 *
 * - A custom type's values are examples, not a closed list: any words fill the slot; a value or
 *   synonym (case, punctuation, accent insensitive, a leading article ignored) resolves with
 *   ER_SUCCESS_MATCH to its canonical value and id, anything else gets ER_SUCCESS_NO_MATCH.
 * - AMAZON.NUMBER (and FOUR_DIGIT_NUMBER) accept only numbers, written as digits in the slot.
 * - Any other AMAZON.* type (FirstName, SearchQuery, City, …) takes the words as heard; when the
 *   model extends it with values, those resolve as for a custom type.
 */
import type { InteractionModelType } from './types';
import { numberParser, type NumberParser } from './numbers';
import type { PhraseTable } from './locales';
import { joinWords, keyOf, type Tokens } from './tokens';

export interface ValueEntry {
  /** The canonical value as the model writes it ("Cave Quest"). */
  readonly name: string;
  readonly id?: string;
}

export interface SlotFill {
  /** The slot value Alexa sends: the words as heard, or digits for a number. */
  readonly value: string;
  /** Resolved to a listed value, or a valid number: ranks above free words. */
  readonly matched: boolean;
  /** Entity resolution: the matching values (model order), [] for no match, null for none at all. */
  readonly entries: readonly ValueEntry[] | null;
}

export interface SlotType {
  readonly name: string;
  /** Small and unique within one compiled model (a cache key). */
  readonly id: number;
  /** Words [start, end) of the utterance, the last `trim` characters cut off; null if they cannot fill it. */
  fill(tokens: Tokens, start: number, end: number, trim: number): SlotFill | null;
}

const NUMBER_TYPES = new Set(['AMAZON.NUMBER', 'AMAZON.FOUR_DIGIT_NUMBER']);

function spanKey(keys: readonly string[], start: number, end: number, trim: number): string {
  let key = keys[start]!;
  for (let i = start + 1; i < end; i++) key += ` ${keys[i]}`;
  return trim === 0 ? key : key.slice(0, -trim);
}

function heard(tokens: Tokens, start: number, end: number, trim: number): string {
  const value = joinWords(tokens.words, start, end);
  return trim === 0 ? value : value.slice(0, -trim);
}

function valueMap(type: InteractionModelType | undefined): Map<string, ValueEntry[]> {
  const map = new Map<string, ValueEntry[]>();
  for (const value of type?.values ?? []) {
    const entry: ValueEntry = value.id === undefined ? { name: value.name.value } : { name: value.name.value, id: value.id };
    for (const phrase of [value.name.value, ...(value.name.synonyms ?? [])]) {
      const key = keyOf(phrase);
      if (key === '') continue;
      const entries = map.get(key) ?? [];
      if (!entries.includes(entry)) entries.push(entry);
      map.set(key, entries);
    }
  }
  return map;
}

function resolvingType(id: number, name: string, type: InteractionModelType | undefined, table: PhraseTable): SlotType {
  const values = valueMap(type);
  const articles = table.articles.filter((article) => !article.endsWith("'")).map(keyOf);
  const elided = table.articles.filter((article) => article.endsWith("'")).map((article) => article.toLowerCase());

  function lookup(keys: readonly string[], start: number, end: number, trim: number): ValueEntry[] | undefined {
    const exact = values.get(spanKey(keys, start, end, trim));
    if (exact) return exact;
    // "the cave quest" still means Cave Quest; "l'extension" still means extension.
    const first = keys[start]!;
    if (end - start > 1 && articles.includes(first)) return values.get(spanKey(keys, start + 1, end, trim));
    for (const article of elided) {
      if (first.length > article.length && first.startsWith(article)) {
        const rest = first.slice(article.length);
        return values.get(end - start === 1 ? rest.slice(0, rest.length - trim) : `${rest} ${spanKey(keys, start + 1, end, trim)}`);
      }
    }
    return undefined;
  }

  return {
    name,
    id,
    fill(tokens, start, end, trim) {
      const entries = lookup(tokens.keys, start, end, trim);
      return { value: heard(tokens, start, end, trim), matched: entries !== undefined, entries: entries ?? [] };
    },
  };
}

function numberType(id: number, name: string, parser: NumberParser): SlotType {
  return {
    name,
    id,
    fill(tokens, start, end, trim) {
      if (trim !== 0) return null;
      const value = parser.parse(tokens.keys, start, end);
      return value === null ? null : { value, matched: true, entries: null };
    },
  };
}

function freeType(id: number, name: string): SlotType {
  return {
    name,
    id,
    fill: (tokens, start, end, trim) => ({ value: heard(tokens, start, end, trim), matched: false, entries: null }),
  };
}

/** Compiles slot types on first use, once per type name. */
export class SlotTypes {
  private readonly compiled = new Map<string, SlotType>();
  private readonly declared: Map<string, InteractionModelType>;
  private numbers: NumberParser | undefined;

  constructor(types: readonly InteractionModelType[], private readonly table: PhraseTable) {
    this.declared = new Map(types.map((type) => [type.name, type]));
  }

  get(name: string): SlotType {
    let type = this.compiled.get(name);
    if (type) return type;
    const declared = this.declared.get(name);
    const id = this.compiled.size;
    if (NUMBER_TYPES.has(name)) {
      this.numbers ??= numberParser(this.table.numbers);
      type = numberType(id, name, this.numbers);
    } else if (name.startsWith('AMAZON.') && !declared?.values?.length) {
      type = freeType(id, name);
    } else {
      type = resolvingType(id, name, declared, this.table);
    }
    this.compiled.set(name, type);
    return type;
  }
}
