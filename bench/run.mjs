#!/usr/bin/env node
// `npm run bench`: skillshop against the ASK SDK v2, Jovo v4 and a bare node:http floor, on this
// machine, in one run. See bench/README.md for the method and the latest table.
//
//   node bench/run.mjs [--reps 5] [--duration 3] [--only bare,skillshop] [--no-nlu] [--no-build] [--no-readme]
//   node bench/run.mjs --report bench/results/latest.json   (re-render a saved run into the README)
//
// Installs what is missing first (the root's dependencies and build, and bench/'s own pinned peers
// with `npm ci --prefix bench`), so it runs from a clean clone.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, freemem, totalmem, tmpdir, release } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
const out = (line = '') => process.stdout.write(`${line}\n`);
const warn = (line) => process.stderr.write(`bench: ${line}\n`);

// ---- options ------------------------------------------------------------------------------

function parseArgs(argv) {
  const options = { reps: 5, duration: 3, warmupRequests: 2000, connections: 32, only: undefined, nlu: true, build: true, readme: true, profile: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--reps') options.reps = Number(value());
    else if (arg === '--duration') options.duration = Number(value());
    else if (arg === '--warmup') options.warmupRequests = Number(value());
    else if (arg === '--connections') options.connections = Number(value());
    else if (arg === '--only') options.only = value().split(',');
    else if (arg === '--no-nlu') options.nlu = false;
    else if (arg === '--no-build') options.build = false;
    else if (arg === '--no-readme') options.readme = false;
    else if (arg === '--exp') (options.exp ??= []).push(value());
    else if (arg === '--report') options.report = value();
    else if (arg === '--quick') Object.assign(options, { reps: 1, duration: 2, quick: true });
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

// ---- setup: from a clean clone --------------------------------------------------------------

function run(command, args, cwd) {
  out(`$ ${command} ${args.join(' ')}${cwd === ROOT ? '' : `   (in ${cwd})`}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  return result.status === 0;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function ensureInstalled() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (!existsSync(join(ROOT, 'node_modules/@sinclair/typebox'))) {
    if (!run(npm, ['ci'], ROOT)) throw new Error('npm ci failed in the repository root');
  }
  const dist = join(ROOT, 'dist/index.js');
  if (!existsSync(dist) || newestMtime(join(ROOT, 'src')) > statSync(dist).mtimeMs) {
    // The skillshop entry runs the built package, as users get it.
    if (!run(npm, ['run', 'build'], ROOT) && !existsSync(dist)) throw new Error('npm run build failed and there is no dist/');
  }
  if (!existsSync(join(BENCH, 'node_modules/.package-lock.json'))) {
    if (!run(npm, ['ci', '--prefix', BENCH], ROOT)) throw new Error('npm ci --prefix bench failed');
  }
}

// ---- the machine -------------------------------------------------------------------------------

function machine() {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) cpuModel = match[1].trim();
  } catch {
    // not Linux: os.cpus() says it
  }
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // os.cpus() it is
  }
  return {
    nproc,
    cpuModel,
    node: process.version,
    os: `${process.platform} ${release()}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeMemoryGiB: Math.round(freemem() / 2 ** 30),
    pageFaultUs: pageFaultMicroseconds(),
  };
}

/**
 * What touching a fresh page of memory costs here, in µs (the median of 5 rounds over 64 MB freshly
 * allocated): a few tenths of a microsecond on bare metal, far more on a virtual machine whose host
 * backs guest memory lazily — where a server that grows its heap pays for every page.
 */
function pageFaultMicroseconds() {
  const PAGE = 4096;
  const rounds = [];
  for (let round = 0; round < 5; round++) {
    const block = Buffer.allocUnsafeSlow(64 * 2 ** 20);
    const start = process.hrtime.bigint();
    for (let at = 0; at < block.length; at += PAGE) block[at] = 1;
    rounds.push(Number(process.hrtime.bigint() - start) / 1000 / (block.length / PAGE));
  }
  return median(rounds);
}

function versions() {
  const read = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  const peers = ['ask-sdk-core', 'ask-sdk-model', 'ask-sdk-express-adapter', 'express', '@jovotech/framework', '@jovotech/platform-alexa', '@jovotech/server-express', 'class-transformer', 'autocannon'];
  const result = { skillshop: read(ROOT) };
  for (const name of peers) result[name] = read(join(BENCH, 'node_modules', name));
  result['better-sqlite3'] = read(join(ROOT, 'node_modules/better-sqlite3'));
  return result;
}

// ---- pinning ----------------------------------------------------------------------------------

let pinning = { server: [], client: [] };

function setUpPinning(nproc) {
  const hasTaskset = spawnSync('taskset', ['--version']).status === 0;
  if (!hasTaskset || nproc < 2) {
    warn(`not pinning (taskset ${hasTaskset ? 'found' : 'missing'}, ${nproc} cores): figures are noisier`);
    return false;
  }
  // The server gets core 0; this process (the load generator) and the fake Monetization service core 1.
  pinning = { server: ['taskset', '-c', '0'], client: ['taskset', '-c', '1'] };
  execFileSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
  return true;
}

function spawnPinned(where, args, options) {
  const prefix = pinning[where];
  return prefix.length ? spawn(prefix[0], [...prefix.slice(1), ...args], options) : spawn(args[0], args.slice(1), options);
}

// ---- /proc -----------------------------------------------------------------------------------

/** CPU time of every thread of `pid`, in ns (schedstat: more precise than the ticks of /proc/pid/stat). */
function cpuNs(pid) {
  let total = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // a thread ended between the listing and the read
    }
  }
  return total;
}

/**
 * Minor page faults of `pid` so far (/proc/pid/stat field 10): memory touched for the first time. On
 * a virtual machine that backs its memory lazily each costs microseconds, so a server that keeps
 * growing its heap pays for it here.
 */
function minorFaults(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[7]);
}

function rssBytes(pid) {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

// ---- HTTP helpers -------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function post(port, body, headers) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: '/webhook', method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function getJson(url) {
  return new Promise((resolve, reject) => {
    httpRequest(url, { agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    })
      .on('error', reject)
      .end();
  });
}

/**
 * One autocannon run. Throughput and latency are taken from its response events rather than its
 * summary: the summary rounds latencies to whole milliseconds, and a run of a fixed number of
 * requests only ends at its next one-second tick.
 */
function runLoad(autocannon, options) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const startedAt = performance.now();
    let last = startedAt;
    const instance = autocannon(options, (error, result) => {
      if (error) return reject(error);
      latencies.sort((a, b) => a - b);
      const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
      const seconds = (last - startedAt) / 1000;
      resolve({
        total: result.requests.total,
        seconds,
        rps: result.requests.total / seconds,
        p50: at(0.5),
        p99: at(0.99),
        errors: result.errors + result.timeouts + result.non2xx,
        detail: `${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`,
      });
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      last = performance.now();
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

// ---- statistics ----------------------------------------------------------------------------

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const summary = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values), samples: values });

// ---- the entries -----------------------------------------------------------------------------

const ENTRIES = [
  { name: 'bare', skill: 'bare', label: 'bare node:http (floor)' },
  { name: 'skillshop', skill: 'skillshop', label: 'skillshop (memory storage)', env: { BENCH_STORAGE: 'memory' } },
  { name: 'ask-sdk', skill: 'ask-sdk', label: 'ASK SDK v2 + express adapter' },
  { name: 'jovo', skill: 'jovo', label: 'Jovo v4 + server-express' },
  { name: 'bare+verify', skill: 'bare', label: 'bare node:http + RSA verify (floor)', verify: true },
  { name: 'skillshop+verify', skill: 'skillshop', label: 'skillshop, verification on', verify: true, env: { BENCH_STORAGE: 'memory' } },
  { name: 'ask-sdk+verify', skill: 'ask-sdk', label: 'ASK SDK v2, signature + timestamp verifiers', verify: true },
  { name: 'skillshop-sqlite', skill: 'skillshop', label: 'skillshop (default SQLite storage)', env: { BENCH_STORAGE: 'sqlite' } },
  { name: 'bare-nolookup', skill: 'bare', label: 'bare, Buy with a fixed product id (no lookup)', env: { BENCH_LOOKUP: '0' }, types: ['buy'] },
];
const FLOOR_OF = (entry) => (entry.verify ? 'bare+verify' : 'bare');

// ---- one entry, one repetition ----------------------------------------------------------------

/**
 * One entry's server for one repetition, in phases: started (the cold start), warmed up (the RSS),
 * each request type measured, checked again, stopped. A failed phase is a problem of this entry and
 * skips its later phases; the other entries go on.
 */
class EntryRun {
  constructor(entry, context) {
    this.entry = entry;
    this.context = context;
    this.types = entry.types ?? context.TYPES;
    this.result = { cold: Number.NaN, rss: Number.NaN, types: {}, problems: [] };
    this.nextId = 1;
    this.failed = false;
    this.exited = false;
    this.warmRates = {};
  }

  signed(body) {
    const { ca } = this.context;
    return this.entry.verify ? { signaturecertchainurl: ca.certUrl, 'signature-256': ca.sign(body) } : {};
  }

  /** Runs `phase`, recording a failure as this entry's problem (and skipping its later phases). */
  async step(phase) {
    if (this.failed) return;
    try {
      await phase();
    } catch (error) {
      this.failed = true;
      this.result.problems.push(String(error.message ?? error));
    }
  }

  /** Spawn → the first correct answer (a LaunchRequest), polling every millisecond: the cold start. */
  start() {
    return this.step(async () => {
      const { ca, apiEndpoint, template, problemWith } = this.context;
      this.port = await freePort();
      this.sqlitePath = join(tmpdir(), `skillshop-bench-${process.pid}-${this.port}.db`);
      const env = {
        ...process.env,
        NODE_ENV: 'production',
        BENCH_PORT: String(this.port),
        BENCH_VERIFY: this.entry.verify ? '1' : '0',
        BENCH_CHAIN_FILE: ca.chainFile,
        BENCH_ROOT_FILE: ca.rootFile,
        BENCH_CERT_URL: ca.certUrl,
        BENCH_SQLITE_PATH: this.sqlitePath,
        ...this.entry.env,
      };
      const startedAt = performance.now();
      this.child = spawnPinned('server', [process.execPath, join(BENCH, 'skills', this.entry.skill, 'server.js')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      this.child.stderr.on('data', (chunk) => {
        stderr = (stderr + chunk).slice(-4000);
      });
      this.child.on('exit', () => {
        this.exited = true;
      });
      const launch = template('launch', { apiEndpoint }).body(this.nextId++);
      for (;;) {
        if (this.exited) throw new Error(`the server exited at start-up: ${stderr}`);
        if (performance.now() - startedAt > 30_000) throw new Error('no answer within 30 s of start');
        try {
          const { status, text } = await post(this.port, launch, this.signed(launch));
          const problem = problemWith('launch', status, text);
          if (problem) throw Object.assign(new Error(`wrong first answer: ${problem}`), { fatal: true });
          this.result.cold = performance.now() - startedAt;
          break;
        } catch (error) {
          if (error.fatal) throw error;
          await sleep(1);
        }
      }
      await this.check('before the load');
    });
  }

  /** Every type's answer checked (before and after the load). */
  async check(when) {
    const { apiEndpoint, template, problemWith } = this.context;
    for (const type of this.types) {
      const body = template(type, { apiEndpoint }).body(this.nextId++);
      const { status, text } = await post(this.port, body, this.signed(body));
      const problem = problemWith(type, status, text);
      if (problem) throw new Error(`${when}, ${type}: ${problem}`);
    }
  }

  checkAfterLoad() {
    return this.step(() => this.check('after the load'));
  }

  load(type, { duration, amount, pool }) {
    const { options, apiEndpoint, autocannon, template } = this.context;
    const tpl = template(type, { apiEndpoint });
    // A single signed body for Launch and Buy: nothing remembers their requestIds. Purchase results
    // are remembered (exactly once), so each gets its own requestId, hence its own signature: a
    // pool made beforehand, as long as the run.
    const fixed = this.entry.verify && !pool ? tpl.body(this.nextId++) : undefined;
    const fixedHeaders = fixed ? this.signed(fixed) : {};
    let index = 0;
    const setupRequest = (request) => {
      if (pool) {
        const item = pool[index++ % pool.length];
        request.body = item.body;
        Object.assign(request.headers, item.headers);
      } else if (fixed) {
        request.body = fixed;
        Object.assign(request.headers, fixedHeaders);
      } else {
        request.body = tpl.body(this.nextId++);
      }
      return request;
    };
    return runLoad(autocannon, {
      url: `http://127.0.0.1:${this.port}/webhook`,
      connections: options.connections,
      pipelining: 1,
      timeout: 10,
      ...(amount ? { amount } : { duration }),
      requests: [{ method: 'POST', path: '/webhook', headers: { 'content-type': 'application/json' }, setupRequest }],
    });
  }

  makePool(type, size) {
    const { apiEndpoint, template } = this.context;
    const tpl = template(type, { apiEndpoint });
    return Array.from({ length: size }, () => {
      const body = tpl.body(this.nextId++);
      return { body, headers: this.signed(body) };
    });
  }

  needsPool(type) {
    return this.entry.verify && type === 'purchase';
  }

  /**
   * The same number of requests of every type for every entry (the JIT, the connections, the
   * caches), so that the RSS after it compares like with like.
   */
  warmUp() {
    return this.step(async () => {
      const count = this.context.options.warmupRequests;
      for (const type of this.types) {
        const warm = this.needsPool(type) ? await this.load(type, { amount: count, pool: this.makePool(type, count) }) : await this.load(type, { amount: count });
        this.warmRates[type] = warm.rps;
        if (warm.errors) this.result.problems.push(`warm-up ${type}: ${warm.detail}`);
      }
      this.result.rss = rssBytes(this.child.pid);
    });
  }

  /** One request type under load: throughput, latency, and the server's CPU time and page faults per request. */
  measure(type) {
    if (!this.types.includes(type)) return Promise.resolve();
    return this.step(async () => {
      const { options, apiEndpoint } = this.context;
      const pid = this.child.pid;
      const served = type === 'buy' ? (await getJson(`${apiEndpoint}/__served`)).served : 0;
      let plan = { duration: options.duration };
      if (this.needsPool(type)) {
        // As many signed requests as the warm-up rate serves in `duration`, within bounds.
        const size = Math.max(2000, Math.min(20_000, Math.round(this.warmRates[type] * options.duration)));
        plan = { amount: size, pool: this.makePool(type, size) };
      }
      const cpuBefore = cpuNs(pid);
      const faultsBefore = minorFaults(pid);
      const wallBefore = performance.now();
      const res = await this.load(type, plan);
      const cpu = cpuNs(pid) - cpuBefore;
      const faults = minorFaults(pid) - faultsBefore;
      const wall = (performance.now() - wallBefore) / 1000;
      const total = res.total;
      const lookups = type === 'buy' ? (await getJson(`${apiEndpoint}/__served`)).served - served : undefined;
      const measured = {
        requests: total,
        seconds: res.seconds,
        rps: res.rps,
        p50: res.p50,
        p99: res.p99,
        cpuUsPerRequest: cpu / 1000 / total,
        cpuShare: cpu / 1e9 / wall,
        faultsPerRequest: faults / total,
        errors: res.errors,
      };
      if (lookups !== undefined) measured.lookupsPerRequest = lookups / total;
      if (measured.errors) this.result.problems.push(`${type}: ${res.detail}`);
      if (lookups !== undefined && this.entry.env?.BENCH_LOOKUP !== '0' && lookups < total) this.result.problems.push(`${type}: ${lookups} lookups for ${total} requests`);
      this.result.types[type] = measured;
    });
  }

  async stop() {
    if (this.child && !this.exited) {
      this.child.kill('SIGTERM');
      const deadline = performance.now() + 3000;
      while (!this.exited && performance.now() < deadline) await sleep(10);
      if (!this.exited) this.child.kill('SIGKILL');
    }
    if (this.sqlitePath) for (const suffix of ['', '-wal', '-shm']) rmSync(this.sqlitePath + suffix, { force: true });
  }
}

/**
 * One entry, one repetition, from start to stop. (Tried: every entry started and warmed first, then
 * each request type measured on all of them in turn, to measure an entry and its floor seconds
 * apart. Servers that had sat idle for a minute while the others ran came back slower and unevenly —
 * skillshop's LaunchRequest at 95–130 µs of CPU against 45–50 µs when run alone, with more page
 * faults — so each entry runs alone, its phases back to back.)
 */
async function runEntry(entry, context) {
  const run = new EntryRun(entry, context);
  try {
    await run.start();
    await run.warmUp();
    for (const type of context.TYPES) await run.measure(type);
    await run.checkAfterLoad();
  } finally {
    await run.stop();
  }
  return run;
}

// ---- formatting -----------------------------------------------------------------------------

const fmt = {
  int: (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–'),
  ms: (n) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 2 : 1)}` : '–'),
  ratio: (n) => (Number.isFinite(n) ? n.toFixed(2) : '–'),
  faults: (n) => (Number.isFinite(n) ? n.toFixed(3) : '–'),
  mb: (bytes) => (Number.isFinite(bytes) ? (bytes / 2 ** 20).toFixed(1) : '–'),
  spread: (s, f) => (s && s.samples.length > 1 ? ` (${f(s.min)}–${f(s.max)})` : ''),
};

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

/** The report (markdown) and the targets, from the results alone: `--report FILE` re-renders a saved run. */
function render(json, { TYPES, TYPE_LABELS, INTENTS, PHRASES, LOCALES }) {
  const { entries: results, machine: box, versions: vers, settings: options, sizes, nlu, build } = json;
  const pinned = options.pinned;
  const names = Object.keys(results);
  // The median of the per-repetition ratios: a repetition measures every entry once, within a few
  // minutes, so a slow stretch of the machine falls on the pair rather than on one side of a ratio of
  // medians taken from different stretches. (A saved run without them: the ratio of the medians.)
  const ratio = (a, b, type, key = 'rps') => {
    const x = results[a]?.types[type];
    const y = results[b]?.types[type];
    const xs = x?.byRep?.[key];
    const ys = y?.byRep?.[key];
    if (xs && ys && xs.length === ys.length) {
      const paired = xs.map((value, i) => (value === null || ys[i] === null ? Number.NaN : value / ys[i])).filter(Number.isFinite);
      if (paired.length > 0) return median(paired);
    }
    return x?.[key]?.median / y?.[key]?.median;
  };
  // Start-up beyond the floor, per repetition (the entry and its floor started minutes apart at most):
  // the median of the differences, and of their ratios to another entry's. Cold starts are single
  // shots with a long tail on a shared machine; pairs keep one slow start from deciding the figure.
  const coldSamples = (name) => results[name]?.cold.samples;
  const beyondFloor = (name) => {
    const xs = coldSamples(name);
    const floors = coldSamples(results[name].floor);
    if (!xs || !floors || xs.length !== floors.length) return [results[name].cold.median - results[results[name].floor].cold.median];
    return xs.map((x, i) => x - floors[i]).filter(Number.isFinite);
  };
  // ---- targets ----
  const has = (name) => results[name] !== undefined;
  const targets = [];
  for (const [entryName, floor] of [['skillshop', 'bare'], ['skillshop+verify', 'bare+verify']]) {
    if (!has(entryName) || !has(floor)) continue;
    for (const type of TYPES) {
      const value = ratio(entryName, floor, type);
      const cpuValue = 1 / ratio(entryName, floor, type, 'cpuUsPerRequest');
      // Met when the throughput and the CPU time per request both say so: on a shared machine, or with
      // the load generator near its own ceiling (the floor's fastest runs), req/s alone can flatter.
      const met = value >= 0.8 && cpuValue >= 0.8 ? 'yes' : value >= 0.8 ? 'throughput only' : 'no';
      targets.push({ target: `${entryName} throughput ≥ 0.80 × ${floor}, ${TYPE_LABELS[type]}`, value, cpuValue, met });
    }
  }
  if (has('skillshop') && has('bare') && has('ask-sdk')) {
    const oursByRep = beyondFloor('skillshop');
    const theirsByRep = beyondFloor('ask-sdk');
    const ours = median(oursByRep);
    const theirs = median(theirsByRep);
    const value = oursByRep.length === theirsByRep.length ? median(oursByRep.map((x, i) => x / theirsByRep[i])) : ours / theirs;
    targets.push({ target: 'skillshop start-up beyond the floor ≤ 1/3 of the ASK SDK\'s', value, detail: `${ours.toFixed(1)} ms vs ${theirs.toFixed(1)} ms`, met: value <= 1 / 3 ? 'yes' : 'no' });
    const rssOurs = results.skillshop.rss.median;
    const rssTheirs = results['ask-sdk'].rss.median;
    targets.push({ target: 'skillshop RSS after warm-up < the ASK SDK\'s', value: rssOurs / rssTheirs, detail: `${fmt.mb(rssOurs)} MB vs ${fmt.mb(rssTheirs)} MB`, met: rssOurs < rssTheirs ? 'yes' : 'no' });
  }

  // ---- report ----
  const typeHeader = TYPES.map((t) => TYPE_LABELS[t]);
  const sections = [];
  sections.push(
    `Machine: ${box.cpuModel}, ${box.nproc} cores (nproc), ${box.memoryGiB} GiB, ${box.os}, node ${box.node}. ` +
      `${options.reps} repetitions, entries interleaved; ${options.duration} s per measurement, after a warm-up of ${options.warmupRequests} requests of each type; ` +
      `${options.connections} keep-alive connections over loopback${pinned ? '; server pinned to core 0, load generator (autocannon) and fake Monetization service to core 1' : ' (not pinned)'}. ` +
      `Figures: medians, (min–max) over the repetitions; ratios (×): the median of the per-repetition ratios.`,
  );
  sections.push(
    `Versions: ${Object.entries(vers).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
  );
  sections.push(
    '**Throughput, requests/s** (× its floor: `bare`, or `bare+verify` for the verifying entries)\n\n' +
      table(
        ['entry', ...typeHeader],
        names.map((name) => [
          name,
          ...TYPES.map((type) => {
            const t = results[name].types[type];
            if (!t) return '';
            const r = ratio(name, results[name].floor, type);
            return `${fmt.int(t.rps.median)}${fmt.spread(t.rps, fmt.int)}${name === results[name].floor ? '' : ` **× ${fmt.ratio(r)}**`}`;
          }),
        ]),
      ),
  );
  sections.push(
    "**Server CPU per request, µs** (from /proc; × floor = the floor's CPU ÷ the entry's: the capacity ratio on one core)\n\n" +
      table(
        ['entry', ...typeHeader],
        names.map((name) => [
          name,
          ...TYPES.map((type) => {
            const t = results[name].types[type];
            if (!t) return '';
            const r = 1 / ratio(name, results[name].floor, type, 'cpuUsPerRequest');
            return `${t.cpuUsPerRequest.median.toFixed(1)}${fmt.spread(t.cpuUsPerRequest, (v) => v.toFixed(1))}${name === results[name].floor ? '' : ` × ${fmt.ratio(r)}`}`;
          }),
        ]),
      ),
  );
  sections.push(
    `**Minor page faults per request** (memory touched for the first time${Number.isFinite(box.pageFaultUs) ? `: one costs ${box.pageFaultUs.toFixed(1)} µs on this machine` : ''})\n\n` +
      table(
        ['entry', ...typeHeader],
        names.map((name) => [name, ...TYPES.map((type) => (results[name].types[type]?.faultsPerRequest ? fmt.faults(results[name].types[type].faultsPerRequest.median) : ''))]),
      ),
  );
  sections.push(
    '**Latency p50 / p99, ms** (32 concurrent requests)\n\n' +
      table(
        ['entry', ...typeHeader],
        names.map((name) => [name, ...TYPES.map((type) => (results[name].types[type] ? `${fmt.ms(results[name].types[type].p50.median)} / ${fmt.ms(results[name].types[type].p99.median)}` : ''))]),
      ),
  );
  sections.push(
    '**Start-up, memory, install size**\n\n' +
      table(
        ['entry', 'cold start, ms', 'beyond the floor, ms', 'RSS after warm-up, MB', 'production tree, MB (packages)'],
        names
          .filter((name) => name !== 'bare-nolookup')
          .map((name) => {
            const r = results[name];
            const size = sizes[name.replace(/\+verify$|-sqlite$/, '')];
            return [
              name,
              `${fmt.ms(r.cold.median)}${fmt.spread(r.cold, fmt.ms)}`,
              name === r.floor ? '' : fmt.ms(median(beyondFloor(name))),
              `${fmt.mb(r.rss.median)}${fmt.spread(r.rss, fmt.mb)}`,
              size && !name.includes('+verify') && !name.includes('-sqlite') ? `${fmt.mb(size.bytes)} (${size.packages})` : '',
            ];
          }),
      ),
  );
  const peers = [['skillshop', 'ask-sdk'], ['skillshop', 'jovo'], ['skillshop+verify', 'ask-sdk+verify']].filter(([a, b]) => has(a) && has(b));
  if (peers.length > 0) {
    sections.push(
      '**skillshop against each peer** (throughput ratio; CPU per request ratio in brackets, >1 = skillshop does less work)\n\n' +
        table(
          ['', ...typeHeader, 'cold start', 'RSS'],
          peers.map(([a, b]) => [
            `${a} ÷ ${b}`,
            ...TYPES.map((type) => `${fmt.ratio(ratio(a, b, type))} (${fmt.ratio(1 / ratio(a, b, type, 'cpuUsPerRequest'))})`),
            `${fmt.ratio(results[a].cold.median / results[b].cold.median)}`,
            `${fmt.ratio(results[a].rss.median / results[b].rss.median)}`,
          ]),
        ),
    );
  }
  if (targets.length > 0) {
    sections.push(
      '**Targets**\n\n' +
        table(
          ['target', 'measured', 'met'],
          targets.map((t) => [t.target, `${fmt.ratio(t.value)}${t.cpuValue !== undefined ? ` (CPU: ${fmt.ratio(t.cpuValue)})` : ''}${t.detail ? `: ${t.detail}` : ''}`, t.met === 'yes' ? 'yes' : `**${t.met}**`]),
        ),
    );
  }
  const extra = [];
  if (nlu) extra.push(`NLU (bench/nlu.ts, ${fmt.int(nlu.samples)} samples): compile ${fmt.ms(nlu.compileMs)} ms; per utterance median ${nlu.medianUs} µs, mean ${nlu.meanUs} µs, p99 ${nlu.p99Us} µs.`);
  if (build) extra.push(`\`skillshop build\`, ${INTENTS} intents × ${PHRASES} phrases × ${LOCALES.length} locales (${fmt.int(INTENTS * PHRASES * LOCALES.length)} phrases): ${build.ok ? `median ${fmt.int(build.medianMs)} ms` : 'FAILED'} (${build.timesMs.map((t) => t.toFixed(0)).join(', ')} ms; CLI process start to exit).`);
  if (extra.length) sections.push(extra.join('\n'));
  const problems = Object.entries(results).flatMap(([name, r]) => r.problems.map((p) => `${name}: ${p}`));
  if (problems.length) sections.push(`Problems:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  return { report: sections.join('\n\n'), targets, problems };
}

// ---- main ------------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  if (options.report) {
    // Re-render a saved run (e.g. bench/results/latest.json) without measuring anything.
    const { TYPES, TYPE_LABELS } = await import('./lib/envelopes.mjs');
    const { INTENTS, PHRASES, LOCALES } = await import('./lib/build-bench.mjs');
    const json = JSON.parse(readFileSync(options.report, 'utf8'));
    const { report, targets } = render(json, { TYPES, TYPE_LABELS, INTENTS, PHRASES, LOCALES });
    json.targets = targets;
    out(report);
    if (options.readme) {
      writeFileSync(options.report, `${JSON.stringify(json, null, 2)}\n`);
      updateReadme(json, report);
    }
    return;
  }
  ensureInstalled();
  const requireBench = createRequire(join(BENCH, 'package.json'));
  const autocannon = requireBench('autocannon');
  const { TYPES, TYPE_LABELS, template, problemWith } = await import('./lib/envelopes.mjs');
  const { makeCa } = await import('./lib/ca.mjs');
  const { dependencyTreeSize } = await import('./lib/sizes.mjs');
  const { benchBuild, INTENTS, PHRASES, LOCALES } = await import('./lib/build-bench.mjs');

  const box = machine();
  const pinned = setUpPinning(box.nproc);
  const vers = versions();
  out(`skillshop bench — ${box.cpuModel}, ${box.nproc} cores, node ${box.node}; ${options.reps} repetitions × ${options.duration} s, ${options.connections} connections${pinned ? ', server on core 0, load on core 1' : ''}`);

  const ca = makeCa();
  const fake = spawnPinned('client', [process.execPath, join(BENCH, 'lib/fake-monetization.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const fakePort = await new Promise((resolve, reject) => {
    fake.stdout.once('data', (data) => resolve(JSON.parse(String(data)).port));
    fake.once('exit', () => reject(new Error('the fake Monetization service did not start')));
  });
  const apiEndpoint = `http://127.0.0.1:${fakePort}`;
  const context = { options, ca, apiEndpoint, autocannon, TYPES, template, problemWith };

  // --exp DIR: an A/B entry running another build of skillshop (e.g. a patched copy's dist/).
  // --exp node-http: the same, with Monetization calls through an injected fetch written over node:http.
  // Repeatable: skillshop-exp, skillshop-exp2, … in the order given.
  const experiments = (options.exp ?? []).map((exp, i) => ({
    name: `skillshop-exp${i === 0 ? '' : i + 1}`,
    skill: 'skillshop',
    label: `skillshop, experiment ${exp}`,
    env: { BENCH_STORAGE: 'memory', ...(exp === 'node-http' ? { BENCH_FETCH: 'node-http' } : { BENCH_SKILLSHOP_DIR: exp }) },
  }));
  const all = [...ENTRIES, ...experiments];
  const entries = all.filter((entry) => !options.only || options.only.includes(entry.name));
  const raw = Object.fromEntries(entries.map((entry) => [entry.name, []]));
  try {
    for (let rep = 0; rep < options.reps; rep++) {
      // Interleaved: every repetition runs every entry once, each time starting one further along.
      const order = entries.map((_, i) => entries[(i + rep) % entries.length]);
      for (const entry of order) {
        const t0 = performance.now();
        const measured = (await runEntry(entry, context)).result;
        raw[entry.name].push(measured);
        const cells = Object.entries(measured.types).map(([type, m]) => `${type} ${fmt.int(m.rps)}/s ${m.cpuUsPerRequest.toFixed(0)}µs ${m.faultsPerRequest.toFixed(2)}pf`);
        out(`  rep ${rep + 1}/${options.reps} ${entry.name.padEnd(17)} cold ${fmt.ms(measured.cold)} ms, rss ${fmt.mb(measured.rss)} MB, ${cells.join(', ')}  [${((performance.now() - t0) / 1000).toFixed(0)} s]`);
        for (const problem of measured.problems) warn(`${entry.name}: ${problem}`);
      }
    }
  } finally {
    fake.stdin.end();
    fake.kill();
    rmSync(ca.dir, { recursive: true, force: true });
  }

  // ---- sizes ----
  const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const sizes = {
    bare: { bytes: 0, packages: 0, largest: [], note: 'node built-ins only' },
    skillshop: dependencyTreeSize(ROOT, Object.keys(rootManifest.dependencies ?? {}), { own: { dir: ROOT, paths: [...(rootManifest.files ?? []), 'package.json', 'README.md', 'LICENSE'] } }),
    'ask-sdk': dependencyTreeSize(BENCH, ['ask-sdk-core', 'ask-sdk-model', 'ask-sdk-express-adapter', 'express']),
    jovo: dependencyTreeSize(BENCH, ['@jovotech/framework', '@jovotech/platform-alexa', '@jovotech/server-express', 'class-transformer']),
  };

  // ---- aggregate ----
  const results = {};
  for (const entry of entries) {
    const reps = raw[entry.name];
    const types = {};
    for (const type of entry.types ?? TYPES) {
      const m = reps.map((r) => r.types[type]).filter(Boolean);
      if (m.length === 0) continue;
      types[type] = {
        rps: summary(m.map((x) => x.rps)),
        p50: summary(m.map((x) => x.p50)),
        p99: summary(m.map((x) => x.p99)),
        cpuUsPerRequest: summary(m.map((x) => x.cpuUsPerRequest)),
        cpuShare: median(m.map((x) => x.cpuShare)),
        faultsPerRequest: summary(m.map((x) => x.faultsPerRequest ?? Number.NaN)),
        // Per repetition, in order (null where it failed): the pairs behind the ratios.
        byRep: Object.fromEntries(['rps', 'cpuUsPerRequest'].map((key) => [key, reps.map((r) => r.types[type]?.[key] ?? null)])),
        requests: m.map((x) => x.requests),
        errors: m.reduce((sum, x) => sum + x.errors, 0),
        ...(m[0].lookupsPerRequest !== undefined ? { lookupsPerRequest: median(m.map((x) => x.lookupsPerRequest)) } : {}),
      };
    }
    results[entry.name] = {
      label: entry.label,
      verify: Boolean(entry.verify),
      floor: FLOOR_OF(entry),
      cold: summary(reps.map((r) => r.cold)),
      rss: summary(reps.map((r) => r.rss)),
      types,
      problems: reps.flatMap((r) => r.problems),
    };
  }
  // ---- the NLU and the build ----
  let nlu;
  if (options.nlu) {
    out('');
    out('NLU: node --import tsx bench/nlu.ts');
    const prefix = pinning.server;
    const args = [...prefix.slice(1), ...(prefix.length ? [process.execPath] : []), '--import', 'tsx', join(BENCH, 'nlu.ts')];
    const runNlu = spawnSync(prefix.length ? prefix[0] : process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    const text = runNlu.stdout ?? '';
    const number = (label) => {
      const match = new RegExp(`${label}\\s+([\\d.]+)`).exec(text);
      return match ? Number(match[1]) : Number.NaN;
    };
    nlu = {
      ok: runNlu.status === 0,
      samples: number('samples \\(model \\+ built-in phrasings\\)'),
      compileMs: number('compile'),
      medianUs: number('median per understand'),
      meanUs: number('mean'),
      p99Us: number('p99'),
      output: text.trim(),
    };
    out(text.trim().split('\n').map((line) => `  ${line}`).join('\n'));
    if (!nlu.ok) warn(`bench/nlu.ts exited ${runNlu.status}: ${runNlu.stderr}`);
  }
  let build;
  if (options.build) {
    out('');
    out(`skillshop build: ${INTENTS} intents × ${PHRASES} phrases × ${LOCALES.length} locales`);
    build = benchBuild({ repoRoot: ROOT, reps: 3, pin: pinning.server });
    build.medianMs = median(build.timesMs);
    out(`  ${build.ok ? 'built' : 'FAILED'}: ${build.timesMs.map((t) => `${t.toFixed(0)} ms`).join(', ')} (median ${build.medianMs.toFixed(0)} ms, CLI start to exit)`);
    if (!build.ok) warn(`skillshop build failed: ${build.stderr}`);
  }

  const json = {
    generatedAt: new Date().toISOString(),
    machine: box,
    versions: vers,
    settings: { ...options, pinned, storage: { skillshop: 'memory', 'skillshop-sqlite': 'sqlite' } },
    entries: results,
    sizes,
    targets: undefined,
    nlu,
    build,
    raw,
    seconds: (performance.now() - started) / 1000,
  };
  const { report, targets, problems } = render(json, { TYPES, TYPE_LABELS, INTENTS, PHRASES, LOCALES });
  json.targets = targets;
  out('');
  out(report);

  // A partial run (--only, --exp) never replaces the full one.
  // A quick, partial or experimental run leaves the published results alone.
  const partial = Boolean(options.only || options.exp || options.quick);
  const resultsFile = partial ? 'results/partial.json' : 'results/latest.json';
  mkdirSync(join(BENCH, 'results'), { recursive: true });
  writeFileSync(join(BENCH, resultsFile), `${JSON.stringify(json, null, 2)}\n`);
  out('');
  out(`Wrote bench/${resultsFile} (${json.seconds.toFixed(0)} s in all).`);

  if (options.readme && !partial) updateReadme(json, report);
  if (problems.length) process.exitCode = 1;
}

function updateReadme(json, report) {
  {
    const readmePath = join(BENCH, 'README.md');
    const START = '<!-- bench:results:start -->';
    const END = '<!-- bench:results:end -->';
    const block = `${START}\n_Generated by \`npm run bench\` on ${json.generatedAt.slice(0, 10)}._\n\n${report}\n${END}`;
    let readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
    readme = readme.includes(START) && readme.includes(END) ? readme.slice(0, readme.indexOf(START)) + block + readme.slice(readme.indexOf(END) + END.length) : `${readme}\n${block}\n`;
    writeFileSync(readmePath, readme);
    out('Updated the table in bench/README.md.');
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
