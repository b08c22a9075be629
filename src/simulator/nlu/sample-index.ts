/**
 * Finds the few samples worth matching without scanning all of them. Every literal word of a
 * sample must occur in the utterance, so each sample is filed under one of its words, the rarest
 * one across the model; an utterance only visits the samples filed under its own words. Samples
 * made only of slots ("{Count} {Item}") are always candidates.
 */
import type { CompiledSample } from './sample';

export class SampleIndex {
  private readonly byWord = new Map<string, CompiledSample[]>();
  private readonly slotsOnly: CompiledSample[] = [];

  constructor(samples: readonly CompiledSample[]) {
    const frequency = new Map<string, number>();
    for (const sample of samples) {
      for (const word of sample.literals) frequency.set(word, (frequency.get(word) ?? 0) + 1);
    }
    for (const sample of samples) {
      if (sample.literals.length === 0) {
        this.slotsOnly.push(sample);
        continue;
      }
      let anchor = sample.literals[0]!;
      for (const word of sample.literals) if (frequency.get(word)! < frequency.get(anchor)!) anchor = word;
      const filed = this.byWord.get(anchor);
      if (filed) filed.push(sample);
      else this.byWord.set(anchor, [sample]);
    }
  }

  /** Calls `visit` once for every sample whose literal words all occur in `keys`. */
  forEachCandidate(keys: readonly string[], visit: (sample: CompiledSample) => void): void {
    for (const sample of this.slotsOnly) visit(sample);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (keys.indexOf(key) !== i) continue; // each word once
      const filed = this.byWord.get(key);
      if (!filed) continue;
      for (const sample of filed) if (allPresent(sample.literals, keys)) visit(sample);
    }
  }
}

function allPresent(words: readonly string[], keys: readonly string[]): boolean {
  for (const word of words) if (!keys.includes(word)) return false;
  return true;
}
