/**
 * The simulator's understanding of what the user typed: an interaction model compiled once into
 * indexes, then `understand(utterance)` per turn — what Alexa would send, and why.
 */
import type { InteractionModelFile, LanguageModel, CompileOptions, NluResult, UnderstandOptions, Considered } from './types';
import { tableFor, type BuiltInIntent } from './locales';
import { InvocationParser } from './invocation';
import { compileSample, type CompiledSample } from './sample';
import { SampleIndex } from './sample-index';
import { SlotTypes, type SlotType } from './slot-types';
import { matchSample, rank, POINTS, Utterance, type SampleMatch } from './match';
import { buildIntent } from './intent';
import { joinWords, keyOf, tokenize, type Tokens } from './tokens';

const FALLBACK = 'AMAZON.FallbackIntent';
const DEFAULT_SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';
const CONSIDERED = 5;

export interface CompiledIntent {
  readonly name: string;
  readonly slotNames: readonly string[];
  readonly slotTypes: readonly SlotType[];
}

type ModelInput = InteractionModelFile | InteractionModelFile['interactionModel'];

function languageModelOf(model: ModelInput): LanguageModel {
  const root = (model as Partial<InteractionModelFile>)?.interactionModel ?? model;
  const language = (root as { languageModel?: LanguageModel } | undefined)?.languageModel;
  if (typeof language !== 'object' || language === null) {
    throw new TypeError('interaction model: interactionModel.languageModel is missing; pass the JSON of interactionModels/custom/<locale>.json');
  }
  if (typeof language.invocationName !== 'string') {
    throw new TypeError('interaction model: interactionModel.languageModel.invocationName must be a string');
  }
  if (!Array.isArray(language.intents)) {
    throw new TypeError('interaction model: interactionModel.languageModel.intents must be an array');
  }
  return language;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

export class CompiledNlu {
  readonly locale: string;
  readonly invocationName: string;
  readonly intents: readonly CompiledIntent[];
  private readonly samples: readonly CompiledSample[];
  private readonly index: SampleIndex;
  private readonly invocation: InvocationParser;
  private readonly fillers: ReadonlySet<string>;
  private readonly fallback: CompiledIntent | undefined;
  private readonly skillId: string;

  constructor(model: ModelInput, options: CompileOptions = {}) {
    const language = languageModelOf(model);
    this.locale = options.locale ?? 'en-US';
    this.skillId = options.skillId ?? DEFAULT_SKILL_ID;
    this.invocationName = language.invocationName;
    const table = tableFor(this.locale);
    const types = new SlotTypes(language.types ?? [], table);
    this.fillers = new Set(table.fillers.map(keyOf));
    this.invocation = new InvocationParser(language.invocationName, table, this.fillers);

    const intents: CompiledIntent[] = [];
    const samples: CompiledSample[] = [];
    language.intents.forEach((intent, i) => {
      const where = `interactionModel.languageModel.intents[${i}] (${intent.name})`;
      const slots = intent.slots ?? [];
      intents.push({ name: intent.name, slotNames: slots.map((slot) => slot.name), slotTypes: slots.map((slot) => types.get(slot.type)) });
      const slotIndex = (name: string): number => slots.findIndex((slot) => slot.name === name);
      // The model's own samples first, then the built-in phrasings it did not already list.
      const texts = [...(intent.samples ?? [])];
      const seen = new Set(texts.map(keyOf));
      for (const phrase of table.builtIns[intent.name as BuiltInIntent] ?? []) if (!seen.has(keyOf(phrase))) texts.push(phrase);
      for (const text of texts) {
        const sample = compileSample(text, i, samples.length, slotIndex, where);
        if (sample) samples.push(sample);
      }
    });
    this.intents = intents;
    this.samples = samples;
    this.index = new SampleIndex(samples);
    this.fallback = intents.find((intent) => intent.name === FALLBACK);
  }

  /** How many samples (the model's and built-in phrasings) the NLU matches against. */
  get sampleCount(): number {
    return this.samples.length;
  }

  /**
   * What Alexa would send for `utterance`, with the reasons.
   *
   * @example
   * nlu.understand('buy cave quest').intent
   * // { name: 'BuySkillItemIntent', confirmationStatus: 'NONE', slots: { ProductName: { name: 'ProductName',
   * //   value: 'cave quest', confirmationStatus: 'NONE', source: 'USER', resolutions: … ER_SUCCESS_MATCH … } } }
   * nlu.understand('open cave quest', { launch: true }).kind // 'launch'
   */
  understand(utterance: string, options: UnderstandOptions = {}): NluResult {
    const tokens = tokenize(utterance);
    const start = this.invocation.afterWakeWord(tokens.keys);
    const invoked = this.invocation.parse(tokens.keys, start);
    if (invoked?.kind === 'launch') return this.answer('launch', 'launch-phrase', '', 1);
    if (invoked?.kind === 'exit' && !options.launch) return this.answer('end', 'exit-phrase', '', 1);
    if (invoked?.kind === 'one-shot') return this.matchIntent(slice(tokens, invoked.start, invoked.end), true);
    if (options.launch) return this.answer('none', 'not-invoked', joinWords(tokens.words, 0, tokens.words.length), 0);
    return this.matchIntent(start === 0 ? tokens : slice(tokens, start, tokens.keys.length), false);
  }

  private matchIntent(tokens: Tokens, oneShot: boolean): NluResult {
    const heard = joinWords(tokens.words, 0, tokens.words.length);
    const utterance = new Utterance(tokens, this.fillers);
    // The best match per intent: what the profiler lists, and the winner is the first of them.
    const best = new Map<number, SampleMatch>();
    if (utterance.n > 0) {
      this.index.forEachCandidate(tokens.keys, (sample) => {
        const match = matchSample(sample, utterance, this.intents[sample.intent]!.slotTypes);
        if (!match) return;
        const current = best.get(sample.intent);
        if (!current || rank(match, current) < 0) best.set(sample.intent, match);
      });
    }
    const ranked = [...best.values()].sort(rank);
    const top = ranked[0];
    const total = POINTS.literal * utterance.n;
    const considered: Considered[] = ranked.slice(0, CONSIDERED).map((match) => ({
      intent: this.intents[match.sample.intent]!.name,
      sample: match.sample.text,
      score: round(match.points / total),
      slots: Object.fromEntries(match.captures.map((capture) => [this.intents[match.sample.intent]!.slotNames[capture.slot]!, capture.fill.value])),
    }));
    if (top) {
      const intent = this.intents[top.sample.intent]!;
      return {
        kind: 'intent',
        intent: buildIntent(intent, top.captures, this.skillId),
        confidence: round(top.points / total),
        reason: 'sample',
        sample: top.sample.text,
        oneShot,
        heard,
        considered,
      };
    }
    // Silence is not an utterance: Alexa sends nothing (it reprompts, or ends the session itself).
    if (this.fallback && utterance.n > 0) {
      return { kind: 'intent', intent: buildIntent(this.fallback, [], this.skillId), confidence: 0, reason: 'fallback', sample: null, oneShot, heard, considered };
    }
    return { kind: 'none', intent: null, confidence: 0, reason: 'no-match', sample: null, oneShot, heard, considered };
  }

  private answer(kind: NluResult['kind'], reason: NluResult['reason'], heard: string, confidence: number): NluResult {
    return { kind, intent: null, confidence, reason, sample: null, oneShot: false, heard, considered: [] };
  }
}

function slice(tokens: Tokens, start: number, end: number): Tokens {
  return { words: tokens.words.slice(start, end), keys: tokens.keys.slice(start, end) };
}

/**
 * Compiles an interaction model for `understand`. Do it once per model and locale.
 *
 * @throws TypeError when the model is not an interaction model, or a sample names an undeclared slot
 * @example
 * const nlu = compileModel(JSON.parse(readFileSync('skill-package/interactionModels/custom/en-US.json', 'utf8')),
 *   { skillId: 'amzn1.ask.skill.…', locale: 'en-US' });
 * nlu.understand('ask cave quest to buy cave quest'); // kind 'intent', oneShot true, BuySkillItemIntent
 */
export function compileModel(model: ModelInput, options: CompileOptions = {}): CompiledNlu {
  return new CompiledNlu(model, options);
}
