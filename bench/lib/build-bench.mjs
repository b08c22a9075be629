// `skillshop build` on a big generated project: 100 intents × 100 phrases × 5 locales, with a
// custom input type of 200 values (some with synonyms) and slots in a third of the phrases.
// Timed as a user runs it: the CLI process from start to exit, pinned to the server core.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES'];
export const INTENTS = 100;
export const PHRASES = 100;
const VALUES = 200;

// mulberry32: the same project in every run.
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 0 → a, 25 → z, 26 → ba: intent names may only have letters and underscores. */
const letters = (n) => (n >= 26 ? letters(Math.floor(n / 26)) : '') + String.fromCharCode(97 + (n % 26));

function model(seed) {
  const rand = random(seed);
  const pick = (items) => items[Math.floor(rand() * items.length)];
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'pa', 'qui', 'dro', 'fen', 'gar', 'hul', 'jin', 'bex', 'cor'];
  const word = () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(syllables)).join('');
  const vocabulary = [...new Set(Array.from({ length: 3000 }, word))];
  const phrase = (min, max) => Array.from({ length: min + Math.floor(rand() * (max - min + 1)) }, () => pick(vocabulary)).join(' ');
  const values = [];
  const seenValues = new Set();
  while (values.length < VALUES) {
    const value = phrase(1, 3);
    if (seenValues.has(value)) continue;
    seenValues.add(value);
    const entry = { value, id: `item_${values.length}` };
    if (rand() < 0.3) entry.synonyms = [`${value} ${pick(vocabulary)}`];
    values.push(entry);
  }
  const seen = new Set();
  const intents = [];
  for (let i = 0; i < INTENTS; i++) {
    const phrases = [];
    while (phrases.length < PHRASES) {
      const text = rand() < 0.33 ? `${phrase(1, 4)} {Item}${rand() < 0.5 ? ` ${phrase(1, 2)}` : ''}` : phrase(2, 6);
      if (seen.has(text)) continue; // a phrase in two intents is an error Alexa refuses
      seen.add(text);
      phrases.push(text);
    }
    const usesItem = phrases.some((text) => text.includes('{Item}'));
    intents.push({ name: `Generated_${letters(i)}_Intent`, phrases, ...(usesItem ? { inputs: [{ name: 'Item', type: 'LIST_OF_ITEMS' }] } : {}) });
  }
  return { invocation: 'bench quest', intents, inputTypes: [{ name: 'LIST_OF_ITEMS', values }] };
}

/** Writes the project; returns its folder. */
export function generateProject() {
  const dir = mkdtempSync(join(tmpdir(), 'skillshop-bench-build-'));
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'skillshop.json'), '{}\n');
  LOCALES.forEach((locale, index) => writeFileSync(join(dir, 'models', `${locale}.json`), `${JSON.stringify(model(1000 + index), null, 2)}\n`));
  return dir;
}

/** Runs `skillshop build` `reps` times; resolves the wall times and what the last run said. */
export function benchBuild({ repoRoot, reps = 3, pin = [] }) {
  const dir = generateProject();
  const times = [];
  let last;
  try {
    for (let i = 0; i < reps; i++) {
      const start = performance.now();
      const run = spawnSync(pin.length ? pin[0] : process.execPath, [...pin.slice(1), ...(pin.length ? [process.execPath] : []), join(repoRoot, 'bin/skillshop.js'), 'build', '--json', '--cwd', dir], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      times.push(performance.now() - start);
      last = run;
      if (run.status !== 0) break;
    }
    let report;
    try {
      report = JSON.parse(last.stdout);
    } catch {
      report = undefined;
    }
    const out = join(dir, 'platforms/alexaSkill/skill-package/interactionModels/custom');
    let written = [];
    try {
      written = readdirSync(out);
    } catch {
      written = [];
    }
    return {
      ok: last.status === 0 && report !== undefined && report.ok === true,
      status: last.status,
      stderr: last.status === 0 ? '' : `${last.stderr}${last.stdout}`.slice(0, 2000),
      timesMs: times,
      problems: report ? { errors: report.problems.filter((p) => p.severity === 'error').length, warnings: report.problems.filter((p) => p.severity === 'warning').length } : undefined,
      firstErrors: report ? report.problems.filter((p) => p.severity === 'error').slice(0, 3) : [],
      written: written.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
