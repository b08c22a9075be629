/**
 * How fast does the simulator's NLU understand an utterance on a big model?
 * Run: node --import tsx bench/nlu.ts
 *
 * A deterministic synthetic model (200 intents × 50 samples = 10,000 samples, five custom slot
 * types with 300 values each, plus AMAZON.NUMBER and AMAZON.SearchQuery), then a few thousand
 * mixed utterances (literal samples, samples with listed, unlisted and number slot values, and
 * utterances nothing explains), timed one by one after a warm-up. Goal: well under 1 ms each.
 */
import { performance } from 'node:perf_hooks';
import { compileModel, type InteractionModelFile, type InteractionModelIntent, type InteractionModelType } from '../src/simulator/nlu';

const INTENTS = 200;
const SAMPLES_PER_INTENT = 50;
const TYPES = 5;
const VALUES_PER_TYPE = 300;
const UTTERANCES = 6_000;
const WARM_UP = 3_000;
const GOAL_MS = 1;

// mulberry32: a tiny seeded PRNG, so every run benchmarks the same model and utterances.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(20240601);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
// Zipf-like: low indexes are common words ("i", "want", "the"), the tail is rare.
const pickCommon = <T>(items: readonly T[]): T => items[Math.floor(rand() ** 3 * items.length)]!;

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'pa', 'qui', 'dro', 'fen', 'gar', 'hul', 'jin', 'bex', 'cor'];
function word(): string {
  let out = '';
  for (let i = 1 + Math.floor(rand() * 3); i >= 0; i--) out += pick(SYLLABLES);
  return out;
}
const vocabulary = [...new Set(Array.from({ length: 4_000 }, word))];
const phrase = (min: number, max: number): string =>
  Array.from({ length: min + Math.floor(rand() * (max - min + 1)) }, () => pickCommon(vocabulary)).join(' ');

function syntheticModel(): InteractionModelFile {
  const types: InteractionModelType[] = Array.from({ length: TYPES }, (_, t) => ({
    name: `TYPE_${t}`,
    values: Array.from({ length: VALUES_PER_TYPE }, (_, v) => ({
      id: `t${t}_v${v}`,
      name: rand() < 0.3 ? { value: phrase(1, 3), synonyms: [phrase(1, 2), phrase(2, 3)] } : { value: phrase(1, 3) },
    })),
  }));
  const slotTypes = [...types.map((type) => type.name), 'AMAZON.NUMBER', 'AMAZON.SearchQuery'];
  const seen = new Set<string>();
  const intents: InteractionModelIntent[] = [];
  for (let i = 0; i < INTENTS; i++) {
    const slots = [{ name: 'first', type: pick(slotTypes) }, { name: 'second', type: pick(slotTypes) }];
    const samples: string[] = [];
    while (samples.length < SAMPLES_PER_INTENT) {
      const roll = rand();
      const sample = roll < 0.5
        ? phrase(2, 6)
        : roll < 0.9
          ? `${phrase(1, 4)} {first}${rand() < 0.5 ? ` ${phrase(1, 2)}` : ''}`
          : `${phrase(1, 3)} {first} ${phrase(1, 2)} {second}`;
      if (seen.has(sample)) continue; // the same sample in two intents is a conflict Alexa refuses
      seen.add(sample);
      samples.push(sample);
    }
    intents.push({ name: `Intent${i}`, slots, samples });
  }
  for (const name of ['CancelIntent', 'HelpIntent', 'StopIntent', 'YesIntent', 'NoIntent', 'FallbackIntent']) {
    intents.push({ name: `AMAZON.${name}`, samples: [] });
  }
  return { interactionModel: { languageModel: { invocationName: 'bench quest', intents, types } } };
}

interface Case {
  utterance: string;
  /** The intent it was generated from, or null for an utterance nothing should explain. */
  expected: string | null;
}

function syntheticUtterances(model: InteractionModelFile): Case[] {
  const { intents, types = [] } = model.interactionModel.languageModel;
  const generated = intents.filter((intent) => intent.name.startsWith('Intent'));
  const valueOf = (type: string): string => {
    if (type === 'AMAZON.NUMBER') return pick(['three', 'twenty one', '42', 'one hundred and five']);
    if (type === 'AMAZON.SearchQuery' || rand() < 0.3) return phrase(1, 3); // free text, or an unlisted value
    return pick(types.find((t) => t.name === type)!.values!).name.value;
  };
  const cases: Case[] = [];
  while (cases.length < UTTERANCES) {
    const kind = cases.length % 3;
    if (kind === 2) {
      cases.push({ utterance: `${word()} ${phrase(1, 4)} ${word()}`, expected: null });
      continue;
    }
    const intent = pick(generated);
    const samples = intent.samples!.filter((sample) => sample.includes('{') === (kind === 1));
    if (samples.length === 0) continue;
    const utterance = pick(samples).replace(/\{(\w+)\}/g, (_, slot: string) => valueOf(intent.slots!.find((s) => s.name === slot)!.type));
    cases.push({ utterance, expected: intent.name });
  }
  return cases;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const model = syntheticModel();
const cases = syntheticUtterances(model);

const compileStart = performance.now();
const nlu = compileModel(model, { skillId: 'amzn1.ask.skill.bench', locale: 'en-US' });
const compileMs = performance.now() - compileStart;

for (let i = 0; i < WARM_UP; i++) nlu.understand(cases[i % cases.length]!.utterance);

const times: number[] = [];
let asGenerated = 0;
let fallbacks = 0;
for (const { utterance, expected } of cases) {
  const start = process.hrtime.bigint();
  const result = nlu.understand(utterance);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (expected !== null && result.intent?.name === expected) asGenerated++;
  if (expected === null && result.reason === 'fallback') fallbacks++;
}
times.sort((a, b) => a - b);
const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
const p99 = percentile(times, 0.99);

const rows: Array<[string, string]> = [
  ['samples (model + built-in phrasings)', String(nlu.sampleCount)],
  ['compile', `${compileMs.toFixed(1)} ms`],
  ['utterances timed (after warm-up)', `${times.length} (${WARM_UP} warm-up)`],
  ['median per understand', `${(percentile(times, 0.5) * 1000).toFixed(1)} µs`],
  ['mean', `${(mean * 1000).toFixed(1)} µs`],
  ['p99', `${(p99 * 1000).toFixed(1)} µs`],
  ['max', `${(times.at(-1)! * 1000).toFixed(1)} µs`],
  ['goal', `< ${GOAL_MS} ms per utterance: ${p99 < GOAL_MS ? 'met' : 'MISSED'} at p99`],
  ['matching utterances → their own intent', `${asGenerated} / ${(cases.length * 2) / 3}`],
  // The rest are fine too: random words after a sample's first word fill its free slot
  // ("<word> {first}"), because custom values are examples, not a closed list.
  ['random words → FallbackIntent', `${fallbacks} / ${cases.length / 3}`],
];
const width = Math.max(...rows.map(([label]) => label.length));
process.stdout.write(`NLU benchmark (node ${process.version})\n`);
for (const [label, value] of rows) process.stdout.write(`  ${label.padEnd(width)}  ${value}\n`);
if (p99 >= GOAL_MS) process.exitCode = 1;
