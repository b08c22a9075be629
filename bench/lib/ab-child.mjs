// One side of bench/ab.mjs: the benchmark's skill on one build of skillshop (AB_DIST), answering
// through the transport-free endpoint (no sockets: what the build itself costs) — or, with
// AB_DIST=floor, the bare floor's own answer function (skills/bare/server.js) on the same bodies.
// Each 'go' from the parent runs one round of AB_REQUESTS requests, each with its own requestId,
// AB_CONCURRENCY at a time, and answers the process's CPU time per request (all threads: the
// garbage collector's helpers count too). Buy's product lookups go to the parent's fake
// Monetization service (AB_API_ENDPOINT), a process on the other core, so only the client's side
// of each lookup is counted.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { makeCa } from './ca.mjs';
import { problemWith, template, SKILL_ID } from './envelopes.mjs';

const require = createRequire(import.meta.url);
const dist = process.env.AB_DIST;
const type = process.env.AB_TYPE;
const requests = Number(process.env.AB_REQUESTS);
const concurrency = Number(process.env.AB_CONCURRENCY);
const verify = process.env.AB_VERIFY === '1';
const ca = verify ? makeCa() : undefined;

/** (headers, body) → { statusCode, body } */
function skillshopHandler() {
  const { App } = require(join(dist, 'index.js'));
  const { SkillEndpoint } = require(join(dist, 'hosting', 'skill-endpoint.js'));
  const app = new App({
    storage: { type: 'memory' },
    applicationIds: [SKILL_ID],
    verification: verify
      ? { trustedRoots: [readFileSync(ca.rootFile, 'utf8')], loadCertificate: async () => readFileSync(ca.chainFile, 'utf8') }
      : false,
  });
  // The benchmark's skill, handler for handler.
  app.setHandler(require('../skills/skillshop/server.js').handlers);
  const endpoint = new SkillEndpoint(app);
  return (headers, body) => endpoint.handle(headers, body);
}

function floorHandler() {
  // The floor reads its settings from the environment when it loads, like under the runner.
  Object.assign(process.env, {
    BENCH_VERIFY: verify ? '1' : '0',
    ...(verify ? { BENCH_CHAIN_FILE: ca.chainFile, BENCH_CERT_URL: ca.certUrl } : {}),
  });
  const { answer } = require('../skills/bare/server.js');
  return async (headers, body) => {
    const [statusCode, text] = await answer(body, headers);
    return { statusCode, body: text };
  };
}

const handle = dist === 'floor' ? floorHandler() : skillshopHandler();
const tpl = template(type, { apiEndpoint: process.env.AB_API_ENDPOINT || 'http://127.0.0.1:9' });
let next = 0;

function request() {
  const body = Buffer.from(tpl.body(next++));
  return [verify ? { signaturecertchainurl: ca.certUrl, 'signature-256': ca.sign(body) } : {}, body];
}

// The answer is checked once, as in the benchmark, before anything is timed.
const [headers, body] = request();
const first = await handle(headers, body);
const problem = problemWith(type, first.statusCode, first.body);
if (problem) throw new Error(`${dist}: wrong answer: ${problem}`);

process.on('message', async () => {
  // Bodies (and their signatures) are made before the clock starts.
  const round = Array.from({ length: requests }, request);
  let taken = 0;
  const worker = async () => {
    while (taken < round.length) {
      const [h, b] = round[taken++];
      const result = await handle(h, b);
      if (result.statusCode !== 200) throw new Error(`${dist}: HTTP ${result.statusCode}: ${result.body}`);
    }
  };
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(before);
  process.send((used.user + used.system) / requests);
});
// The parent hanging up ends the side (and writes its --cpu-prof, when it runs under one).
process.on('disconnect', () => process.exit(0));
process.send('ready');
