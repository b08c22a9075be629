/**
 * A sample utterance, compiled once: runs of literal words and slot references, in order.
 * "would like {ProductName} please" → [would like] {ProductName} [please].
 *
 * A possessive glued to a slot ("{ProductName}'s price") is kept as the slot's suffix: the
 * utterance says "cave quest's price" and the slot hears "cave quest".
 */
import { tokenize } from './tokens';

export type Part =
  | { readonly kind: 'words'; readonly keys: readonly string[] }
  | { readonly kind: 'slot'; readonly slot: number; readonly suffix: string };

export interface CompiledSample {
  /** Index of the intent in the model (ties go to the earlier intent). */
  readonly intent: number;
  /** Position among all samples (ties between samples of one intent go to the earlier). */
  readonly order: number;
  /** As the model writes it. */
  readonly text: string;
  readonly parts: readonly Part[];
  /** Distinct literal words: all must occur in an utterance for this sample to match. */
  readonly literals: readonly string[];
}

const REFERENCE = /\{([^{}]*)\}/g;
const POSSESSIVE = /^['\u2019][\p{L}]+/u;

/**
 * @param slotIndex the index of a slot the intent declares, by name, or -1
 * @throws TypeError when the sample names a slot the intent does not declare (Alexa rejects such a model)
 */
export function compileSample(
  text: string,
  intent: number,
  order: number,
  slotIndex: (name: string) => number,
  where: string,
): CompiledSample | null {
  const parts: Part[] = [];
  const literals = new Set<string>();
  let rest = 0;
  const addWords = (segment: string): void => {
    const { keys } = tokenize(segment);
    if (keys.length === 0) return;
    for (const key of keys) literals.add(key);
    const previous = parts.at(-1);
    if (previous?.kind === 'words') parts[parts.length - 1] = { kind: 'words', keys: [...previous.keys, ...keys] };
    else parts.push({ kind: 'words', keys });
  };
  for (const match of text.matchAll(REFERENCE)) {
    addWords(text.slice(rest, match.index));
    const name = match[1]!.trim();
    const slot = slotIndex(name);
    if (slot < 0) {
      throw new TypeError(
        name.includes('|')
          ? `${where}: sample "${text}" uses the old {literal|Slot} form, which Alexa rejects; write {${name.split('|').pop()!.trim()}}`
          : `${where}: sample "${text}" refers to slot {${name}}, which the intent does not declare; ` +
            'declare it in the intent\'s "slots" (names are case-sensitive) or fix the sample',
      );
    }
    rest = match.index + match[0].length;
    const suffix = POSSESSIVE.exec(text.slice(rest))?.[0] ?? '';
    rest += suffix.length;
    parts.push({ kind: 'slot', slot, suffix: suffix.replace('\u2019', "'").toLowerCase() });
  }
  addWords(text.slice(rest));
  if (parts.length === 0) return null;
  return { intent, order, text, parts, literals: [...literals] };
}
