#!/usr/bin/env node
// Profiles one entry under load: node --cpu-prof on the server (pinned like in the benchmark),
// autocannon on the other core, then the functions that took the most CPU time.
//
//   node bench/profile.mjs [entry=skillshop] [type=launch|buy|purchase] [seconds=5] [--verify] [--top 30]
//
// The .cpuprofile lands in bench/results/profiles/ (open it in Chrome DevTools or speedscope).
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { request } from 'node:http';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
const out = (line = '') => process.stdout.write(`${line}\n`);

const args = process.argv.slice(2);
const flag = (name) => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const [, value] = args.splice(at, 2);
  return value;
};
const verify = args.includes('--verify');
if (verify) args.splice(args.indexOf('--verify'), 1);
const top = Number(flag('--top') ?? 30);
const [skill = 'skillshop', type = 'launch', seconds = '5'] = args;

const autocannon = createRequire(join(BENCH, 'package.json'))('autocannon');
const { template, problemWith } = await import('./lib/envelopes.mjs');
const { makeCa } = await import('./lib/ca.mjs');

try {
  execFileSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
} catch {
  // not pinned
}
const pin = (cpu, argv) => ['taskset', ['-c', String(cpu), ...argv]];

const ca = makeCa();
const fake = spawn(...pin(1, [process.execPath, join(BENCH, 'lib/fake-monetization.mjs')]), { stdio: ['pipe', 'pipe', 'inherit'] });
const fakePort = await new Promise((resolve) => fake.stdout.once('data', (data) => resolve(JSON.parse(String(data)).port)));
const apiEndpoint = `http://127.0.0.1:${fakePort}`;
const port = 40_000 + Math.floor(Math.random() * 10_000);
const profileDir = join(BENCH, 'results/profiles');
mkdirSync(profileDir, { recursive: true });
const before = new Set(readdirSync(profileDir));

const server = spawn(
  ...pin(0, [process.execPath, '--cpu-prof', '--cpu-prof-dir', profileDir, '--require', join(BENCH, 'lib/exit-on-signal.cjs'), join(BENCH, 'skills', skill, 'server.js')]),
  {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', BENCH_PORT: String(port), BENCH_VERIFY: verify ? '1' : '0', BENCH_CHAIN_FILE: ca.chainFile, BENCH_ROOT_FILE: ca.rootFile, BENCH_CERT_URL: ca.certUrl },
  },
);

const post = (body, headers) =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/webhook', method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end(body);
  });

let id = 1;
const tpl = template(type, { apiEndpoint });
const headersFor = (body) => (verify ? { signaturecertchainurl: ca.certUrl, 'signature-256': ca.sign(body) } : {});
for (;;) {
  try {
    const body = tpl.body(id++);
    const { status, text } = await post(body, headersFor(body));
    const problem = problemWith(type, status, text);
    if (problem) throw Object.assign(new Error(problem), { fatal: true });
    break;
  } catch (error) {
    if (error.fatal) throw error;
    await sleep(5);
  }
}
// Purchase results must each have their own requestId; signed ones come from a pool made first.
const pool = verify && type === 'purchase' ? Array.from({ length: 20_000 }, () => tpl.body(id++)).map((body) => ({ body, headers: headersFor(body) })) : undefined;
const fixed = verify && !pool ? tpl.body(id++) : undefined;
const fixedHeaders = fixed ? headersFor(fixed) : {};
let index = 0;
const result = await autocannon({
  url: `http://127.0.0.1:${port}/webhook`,
  connections: 32,
  ...(pool ? { amount: pool.length } : { duration: Number(seconds) }),
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => {
        if (pool) {
          const item = pool[index++];
          req.body = item.body;
          Object.assign(req.headers, item.headers);
        } else {
          req.body = fixed ?? tpl.body(id++);
          Object.assign(req.headers, fixedHeaders);
        }
        return req;
      },
    },
  ],
});
out(`${skill}${verify ? '+verify' : ''} ${type}: ${result.requests.total} requests, ${result.non2xx} non-2xx, ${result.errors} errors`);
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
fake.stdin.end();
fake.kill();
rmSync(ca.dir, { recursive: true, force: true });

const file = process.env.PROFILE_FILE ?? readdirSync(profileDir).find((name) => !before.has(name) && name.endsWith('.cpuprofile'));
if (!file) throw new Error('no profile was written');
const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8'));
out(`profile: ${relative(ROOT, join(profileDir, file))}`);

// Self and total time per function (total counts a function once per sample, even when recursive).
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const self = new Map();
const total = new Map();
const keyOf = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const path = url.startsWith('file:') ? fileURLToPath(url) : url;
  const where = url ? `${path.startsWith('/') ? relative(ROOT, path) : path}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};
let sampled = 0;
profile.samples.forEach((nodeId, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  sampled += dt;
  let node = byId.get(nodeId);
  const key = keyOf(node);
  self.set(key, (self.get(key) ?? 0) + dt);
  const seen = new Set();
  while (node) {
    const k = keyOf(node);
    if (!seen.has(k)) {
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
    node = byId.get(parent.get(node.id));
  }
});
const idle = self.get('(idle)') ?? 0;
const busy = sampled - idle;
const perRequest = (us) => `${(us / result.requests.total).toFixed(2)} µs/req`;
out(`busy ${(busy / 1e6).toFixed(2)} s of ${(sampled / 1e6).toFixed(2)} s sampled: ${perRequest(busy)}`);
const show = (title, map, filter = () => true) => {
  out('');
  out(title);
  const rows = [...map.entries()].filter(([key]) => key !== '(idle)' && key !== '(root)' && filter(key)).sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [key, us] of rows) out(`  ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${perRequest(us).padStart(14)}  ${key}`);
};
show('self time', self);
show('total time, skillshop and the skill', total, (key) => key.includes('dist/') || key.includes('bench/skills'));
