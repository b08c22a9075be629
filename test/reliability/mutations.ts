/**
 * Deterministic request-body mutations for fuzzing: the same seed gives the same 10,000 bodies on
 * every machine, so a failure found once is found again. Each mutation says what it did, for the
 * failure message.
 */

/** mulberry32: a small, fast, seedable PRNG (enough for fuzzing; not for secrets). */
export function prng(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max) => Math.floor(next() * max),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

export interface Random {
  /** [0, 1) */
  next(): number;
  /** 0..max-1 */
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export interface Mutated {
  /** What was done, e.g. `truncate@123 + badUtf8`. */
  readonly label: string;
  readonly body: Buffer;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path into `value`, down to a depth that real envelopes never reach (mutated ones may nest 100,000 deep). */
function paths(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (prefix.length >= 32) return out;
  if (Array.isArray(value)) value.forEach((item, index) => paths(item, [...prefix, index], out));
  else if (value !== null && typeof value === 'object') for (const key of Object.keys(value)) paths(value[key]!, [...prefix, key], out);
  return out;
}

function getAt(root: Json, path: Path): Json {
  let node: Json = root;
  for (const part of path) node = (node as Record<string | number, Json>)[part]!;
  return node;
}

/** Sets (or, with `remove`, deletes) the value at a non-empty path. */
function setAt(root: Json, path: Path, value: Json | undefined): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    parent[last] = value;
  }
}

const WRONG_VALUES: readonly Json[] = [null, true, false, 0, -1, 1.5, 1e308, '', 'x', [], {}, [1, 'two', null], { type: 'LaunchRequest' }, '1.0', 'null'];
const REQUEST_TYPES = [
  'LaunchRequest', 'IntentRequest', 'SessionEndedRequest', 'Connections.Response', 'CanFulfillIntentRequest',
  'AudioPlayer.PlaybackStarted', 'System.ExceptionEncountered', 'Alexa.Presentation.APL.UserEvent', '', 'launchrequest',
];
const BAD_UTF8: readonly number[][] = [[0xff], [0xfe, 0xff], [0xc0, 0x80], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];

type Mutator = (random: Random, value: Json, text: string) => { label: string; body: Buffer | string };

/** Something at a random path other than the root. */
function randomPath(random: Random, value: Json, filter: (node: Json) => boolean = () => true): Path | undefined {
  const candidates = paths(value).filter((path) => path.length > 0 && filter(getAt(value, path)));
  return candidates.length === 0 ? undefined : random.pick(candidates);
}

const show = (path: Path | undefined) => (path ? path.join('.') : '(none)');

const MUTATORS: Record<string, Mutator> = {
  truncate: (random, _value, text) => {
    const at = random.int(text.length);
    return { label: `truncate@${at}`, body: text.slice(0, at) };
  },
  wrongType: (random, value) => {
    const path = randomPath(random, value);
    const replacement = random.pick(WRONG_VALUES);
    if (path) setAt(value, path, structuredClone(replacement));
    return { label: `wrongType ${show(path)}=${JSON.stringify(replacement)}`, body: JSON.stringify(value) };
  },
  deleteKey: (random, value) => {
    const path = randomPath(random, value);
    if (path) setAt(value, path, undefined);
    return { label: `delete ${show(path)}`, body: JSON.stringify(value) };
  },
  hugeString: (random, value) => {
    const path = randomPath(random, value, (node) => typeof node === 'string');
    const size = random.pick([1_000, 50_000, 200_000, 300_000]);
    if (path) setAt(value, path, random.pick(['x', 'é', '🐉', '<speak>', '"\\']).repeat(size));
    return { label: `huge ${show(path)} ×${size}`, body: JSON.stringify(value) };
  },
  deepNesting: (random, value, text) => {
    const depth = random.pick([100, 1_000, 10_000, 100_000]);
    const path = randomPath(random, value);
    const open = random.chance(0.5) ? '[' : '{"a":';
    const close = open === '[' ? ']' : '}';
    // Built as text: JSON.stringify itself would overflow the stack at this depth.
    const marker = '"__deep__"';
    if (!path) return { label: `deep root ×${depth}`, body: open.repeat(depth) + text + close.repeat(depth) };
    setAt(value, path, '__deep__');
    return { label: `deep ${show(path)} ×${depth}`, body: JSON.stringify(value).replace(marker, open.repeat(depth) + '1' + close.repeat(depth)) };
  },
  badUtf8: (random, _value, text) => {
    const bytes = Buffer.from(text, 'utf8');
    const at = random.int(bytes.length);
    const insert = Buffer.from(random.pick(BAD_UTF8));
    return { label: `badUtf8@${at} ${insert.toString('hex')}`, body: Buffer.concat([bytes.subarray(0, at), insert, bytes.subarray(at)]) };
  },
  loneSurrogate: (random, value) => {
    const path = randomPath(random, value, (node) => typeof node === 'string');
    if (path) setAt(value, path, '__surrogate__');
    return { label: `loneSurrogate ${show(path)}`, body: JSON.stringify(value).replace('"__surrogate__"', random.pick(['"\\ud800"', '"a\\udfffb"', '"\\u0000"', '"\\uFFFF"'])) };
  },
  duplicateKeys: (random, _value, text) => {
    const key = random.pick(['request', 'version', 'context', 'session', 'type', 'userId', 'requestId', 'intent']);
    const duplicate = JSON.stringify(random.pick(WRONG_VALUES));
    // Before the original (the original wins) or after it (the duplicate wins).
    const index = text.indexOf(`"${key}":`);
    if (index < 0) return { label: `duplicate ${key} (absent)`, body: text };
    const before = random.chance(0.5);
    if (before) return { label: `duplicate ${key} first`, body: `${text.slice(0, index)}"${key}":${duplicate},${text.slice(index)}` };
    return { label: `duplicate ${key} last`, body: `${text.slice(0, -1)},"${key}":${duplicate}}` };
  },
  byteFlip: (random, _value, text) => {
    const bytes = Buffer.from(text, 'utf8');
    const flips = 1 + random.int(4);
    for (let i = 0; i < flips; i++) bytes[random.int(bytes.length)] = random.int(256);
    return { label: `byteFlip ×${flips}`, body: bytes };
  },
  whole: (random) => {
    const body = random.pick(['', ' ', 'null', '[]', '{}', '42', '"request"', 'true', '\ufeff{}', '{"version":"1.0"}', 'NaN', '{"a":1,}', '\u0000']);
    return { label: `whole ${JSON.stringify(body)}`, body };
  },
  prototypeKeys: (random, _value, text) => {
    const key = random.pick(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString']);
    const target = random.pick(['{', '"attributes":{', '"System":{', '"request":{', '"slots":{']);
    const index = text.indexOf(target);
    const inject = `"${key}":{"polluted":true,"type":"IntentRequest"},`;
    if (index < 0) return { label: `proto ${key} (no ${target})`, body: text };
    const at = index + target.length;
    return { label: `proto ${key} in ${target}`, body: text.slice(0, at) + inject + text.slice(at) };
  },
  numbers: (random, value) => {
    const path = randomPath(random, value);
    if (path) setAt(value, path, '__number__');
    const number = random.pick(['1e400', '-0', '-1e400', '123456789012345678901234567890', '0.0000001', '-1']);
    return { label: `number ${show(path)}=${number}`, body: JSON.stringify(value).replace('"__number__"', number) };
  },
  requestType: (random, value) => {
    const type = random.pick(REQUEST_TYPES);
    const request = (value as { request?: Record<string, Json> }).request;
    if (request && typeof request === 'object') request.type = type;
    return { label: `type=${type}`, body: JSON.stringify(value) };
  },
};

const NAMES = Object.keys(MUTATORS);

/**
 * The `index`-th mutation of one of `bases` (JSON values), from `seed`. About one in ten bodies
 * is left valid (or only re-typed), so the server's correct answers are checked too.
 */
export function mutate(bases: readonly unknown[], seed: number, index: number): Mutated {
  const random = prng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const base = random.pick(bases);
  if (random.chance(0.1)) return { label: 'valid', body: Buffer.from(JSON.stringify(base)) };
  const rounds = random.chance(0.2) ? 2 : 1;
  let text = JSON.stringify(base);
  const labels: string[] = [];
  let body: Buffer | string = text;
  for (let round = 0; round < rounds; round++) {
    let value: Json;
    try {
      value = JSON.parse(text) as Json;
    } catch {
      break; // already not JSON: a second structural mutation has nothing to work on
    }
    const name = random.pick(NAMES);
    const result = MUTATORS[name]!(random, value, text);
    labels.push(result.label);
    body = result.body;
    text = typeof body === 'string' ? body : body.toString('utf8');
    if (Buffer.isBuffer(body)) break; // raw bytes: keep them exactly
    if (name === 'deepNesting') break; // too deep for JSON.stringify in a second round
  }
  return { label: labels.join(' + '), body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body };
}
