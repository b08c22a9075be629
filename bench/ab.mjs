#!/usr/bin/env node
// A/B of two builds of skillshop, steadier than the benchmark's HTTP runs on a shared machine:
// each build answers the benchmark's requests in its own process, both pinned to one core, taking
// turns round by round, so that whatever else the machine does falls on both alike. Reports the
// median CPU time per request of each and their difference.
//
//   node bench/ab.mjs <distA> <distB> [--type launch|buy|purchase] [--rounds 16] [--requests 5000]
//                     [--concurrency 1] [--verify]
//
// A build is a `dist/` folder (`npm run build`, copied aside before a change, for example), or
// `floor`: the bare floor's answer (skills/bare/server.js) on the same bodies, to see what a build
// adds beyond the least work. `node bench/ab.mjs dist dist` shows the noise floor: a difference near 0.
// Buy looks its product up at the benchmark's fake Monetization service, run here in its own
// process on the other core; `--concurrency` requests in flight at a time (32 like the benchmark's
// connections is closest to it: lookups then share the agent's sockets as under load).
import { execFileSync, fork, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = dirname(fileURLToPath(import.meta.url));
const out = (line) => process.stdout.write(`${line}\n`);
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const [, value] = args.splice(at, 2);
  return value;
};
const verify = args.includes('--verify');
if (verify) args.splice(args.indexOf('--verify'), 1);
const type = option('--type', 'purchase');
const rounds = Number(option('--rounds', 16));
const requests = Number(option('--requests', 5000));
const concurrency = Number(option('--concurrency', 1));
const builds = args.map((dir) => (dir === 'floor' ? dir : resolve(dir)));
if (builds.length !== 2 || !['launch', 'buy', 'purchase'].includes(type) || !(rounds >= 3) || !(requests >= 1) || !(concurrency >= 1)) {
  console.error('usage: node bench/ab.mjs <distA|floor> <distB|floor> [--type launch|buy|purchase] [--rounds 16] [--requests 5000] [--concurrency 1] [--verify]');
  process.exit(2);
}
for (const build of builds) {
  if (build !== 'floor' && !existsSync(join(build, 'index.js'))) {
    console.error(`${build} is not a build of skillshop (no index.js): run npm run build, or name a dist/ folder.`);
    process.exit(2);
  }
}

const pinned = (pid, cpu = 0) => {
  try {
    execFileSync('taskset', ['-a', '-cp', String(cpu), String(pid)], { stdio: 'ignore' });
  } catch {
    // taskset missing: unpinned, still alternating
  }
};
let apiEndpoint;
let fake;
if (type === 'buy') {
  fake = spawn(process.execPath, [join(BENCH, 'lib', 'fake-monetization.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  pinned(fake.pid, 1);
  const { port } = await new Promise((ready) => fake.stdout.once('data', (data) => ready(JSON.parse(String(data)))));
  apiEndpoint = `http://127.0.0.1:${port}`;
}

const start = (dist) =>
  new Promise((ready, fail) => {
    const child = fork(join(BENCH, 'lib', 'ab-child.mjs'), {
      env: { ...process.env, NODE_ENV: 'production', AB_DIST: dist, AB_TYPE: type, AB_REQUESTS: String(requests), AB_CONCURRENCY: String(concurrency), AB_API_ENDPOINT: apiEndpoint ?? '', AB_VERIFY: verify ? '1' : '0' },
    });
    pinned(child.pid);
    child.once('message', () => ready(child));
    child.once('exit', (code) => fail(new Error(`${dist}: exited with ${code} before it was ready`)));
  });
const round = (child) =>
  new Promise((done) => {
    child.once('message', done);
    child.send('go');
  });

const children = await Promise.all(builds.map(start));
const perRequest = [[], []];
for (let i = 0; i < rounds; i++) {
  // Alternate which goes first, and leave out the first two rounds (the JIT still compiling).
  const order = i % 2 === 0 ? [0, 1] : [1, 0];
  for (const side of order) {
    const us = await round(children[side]);
    if (i >= 2) perRequest[side].push(us);
  }
}
for (const child of children) child.kill();
fake?.kill();

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const spread = (values) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
const [a, b] = perRequest.map(median);
const label = `${type}${verify ? ', verification on' : ''}, ${rounds - 2} rounds × ${requests} requests, ${concurrency} at a time`;
out(`A/B, ${label}, CPU µs per request (median, min–max):`);
out(`  A ${a.toFixed(2)} (${spread(perRequest[0])})  ${builds[0]}`);
out(`  B ${b.toFixed(2)} (${spread(perRequest[1])})  ${builds[1]}`);
out(`  B − A ${(b - a).toFixed(2)} µs (${(((b - a) / a) * 100).toFixed(1)} %)`);
