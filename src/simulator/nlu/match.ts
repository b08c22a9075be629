/**
 * Matches one compiled sample against an utterance, and scores the match.
 *
 * Every word of the utterance must be explained: by a literal word of the sample, by a slot, or
 * as a filler word ("i", "please") skipped at the very start or end. A sample that leaves any
 * other word unexplained does not match: the simulator would rather answer FallbackIntent and
 * show the developer which sample is missing than guess the way Alexa's statistical model might.
 *
 * Points per utterance word (the ranking, explicit):
 *   literal word of the sample           10
 *   slot word resolved / a valid number   9   (prefer listed values over arbitrary words)
 *   filler word skipped at an edge        6   (so "buy dragon pack please" leaves "please" out)
 *   slot word not resolved (free)         5
 * A match must contain a literal word or a resolved slot: a sample made only of free slots would
 * otherwise swallow every utterance. Within one sample the first best split wins (fewer leading
 * fillers skipped, then shorter earlier slots); across samples see `rank`.
 */
import type { CompiledSample } from './sample';
import type { SlotFill, SlotType } from './slot-types';
import type { Tokens } from './tokens';

export const POINTS = { literal: 10, resolved: 9, filler: 6, free: 5 } as const;

export interface SlotCapture {
  /** Index of the slot among the intent's declared slots. */
  readonly slot: number;
  readonly start: number;
  readonly end: number;
  readonly fill: SlotFill;
}

export interface SampleMatch {
  readonly sample: CompiledSample;
  readonly points: number;
  readonly captures: readonly SlotCapture[];
}

/** One utterance, prepared once and shared by every sample matched against it. */
export class Utterance {
  readonly n: number;
  /** How many words at the start / end are fillers (all of them: both are n). */
  readonly lead: number;
  readonly trail: number;
  private readonly fills = new Map<number, SlotFill | null>();

  constructor(readonly tokens: Tokens, fillers: ReadonlySet<string>) {
    const { keys } = tokens;
    this.n = keys.length;
    let lead = 0;
    while (lead < this.n && fillers.has(keys[lead]!)) lead++;
    let trail = 0;
    while (trail < this.n && fillers.has(keys[this.n - 1 - trail]!)) trail++;
    this.lead = lead;
    this.trail = trail;
  }

  /** A slot type's verdict on words [start, end), cached: many samples ask the same question. */
  fill(type: SlotType, start: number, end: number, trim: number): SlotFill | null {
    if (this.n >= 64 || trim >= 8) return type.fill(this.tokens, start, end, trim);
    const key = ((type.id * 64 + start) * 64 + end) * 8 + trim;
    let fill = this.fills.get(key);
    if (fill === undefined) {
      fill = type.fill(this.tokens, start, end, trim);
      this.fills.set(key, fill);
    }
    return fill;
  }
}

/** The best way `sample` explains `utterance`, or null. `types` are the intent's slot types, by slot index. */
export function matchSample(sample: CompiledSample, utterance: Utterance, types: readonly SlotType[]): SampleMatch | null {
  const { parts } = sample;
  const { n, trail } = utterance;
  const keys = utterance.tokens.keys;
  const captures: SlotCapture[] = [];
  let best = -1;
  let bestCaptures: SlotCapture[] = [];

  function step(p: number, pos: number, points: number, anchored: boolean): void {
    const part = parts[p];
    if (part === undefined) {
      if (!anchored || pos < n - trail) return;
      const total = points + POINTS.filler * (n - pos);
      if (total > best) {
        best = total;
        bestCaptures = captures.slice();
      }
      return;
    }
    if (part.kind === 'words') {
      const words = part.keys;
      if (pos + words.length > n) return;
      for (let j = 0; j < words.length; j++) if (keys[pos + j] !== words[j]) return;
      step(p + 1, pos + words.length, points + POINTS.literal * words.length, true);
      return;
    }
    const type = types[part.slot]!;
    const next = parts[p + 1];
    const trim = part.suffix.length;
    // Where may this slot end? Before an occurrence of the next literal word, anywhere before the
    // next slot, or at the end of the utterance (give or take trailing fillers).
    const first = next === undefined ? Math.max(pos + 1, n - trail) : pos + 1;
    const last = next === undefined ? n : next.kind === 'words' ? n - next.keys.length : n - 1;
    for (let end = first; end <= last; end++) {
      if (next?.kind === 'words' && keys[end] !== next.keys[0]) continue;
      if (trim > 0) {
        const word = keys[end - 1]!;
        if (word.length <= trim || !word.endsWith(part.suffix)) continue;
      }
      const fill = utterance.fill(type, pos, end, trim);
      if (fill === null) continue;
      captures.push({ slot: part.slot, start: pos, end, fill });
      step(p + 1, end, points + (fill.matched ? POINTS.resolved : POINTS.free) * (end - pos), anchored || fill.matched);
      captures.pop();
    }
  }

  for (let start = 0; start <= utterance.lead && start < n; start++) step(0, start, POINTS.filler * start, false);
  return best < 0 ? null : { sample, points: best, captures: bestCaptures };
}

/** The ranking across samples: more points, then the earlier intent, then the earlier sample. */
export function rank(a: SampleMatch, b: SampleMatch): number {
  return b.points - a.points || a.sample.intent - b.sample.intent || a.sample.order - b.sample.order;
}
