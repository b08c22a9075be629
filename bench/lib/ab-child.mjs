// One side of bench/ab.mjs: the benchmark's skill on one build of skillshop (AB_DIST), answering
// through the transport-free endpoint (no sockets: what the build itself costs). Each 'go' from the
// parent runs one round of AB_REQUESTS requests, each with its own requestId, and answers the
// process's CPU time per request (all threads: the garbage collector's helpers count too).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { makeCa } from './ca.mjs';
import { problemWith, template } from './envelopes.mjs';

const require = createRequire(import.meta.url);
const dist = process.env.AB_DIST;
const { App } = require(join(dist, 'index.js'));
const { SkillEndpoint } = require(join(dist, 'hosting', 'skill-endpoint.js'));
const { SKILL } = require('../skills/common.js');
const { SKILL_ID } = await import('./envelopes.mjs');

const type = process.env.AB_TYPE;
const requests = Number(process.env.AB_REQUESTS);
const verify = process.env.AB_VERIFY === '1';
const ca = verify ? makeCa() : undefined;

const app = new App({
  storage: { type: 'memory' },
  applicationIds: [SKILL_ID],
  verification: verify
    ? { trustedRoots: [readFileSync(ca.rootFile, 'utf8')], loadCertificate: async () => readFileSync(ca.chainFile, 'utf8') }
    : false,
});
app.setHandler({
  LAUNCH() {
    this.ask(SKILL.welcome, SKILL.reprompt);
  },
  ON_PURCHASE() {
    this.tell(this.isp.getPurchaseResult() === 'ACCEPTED' ? SKILL.accepted : SKILL.declined);
  },
});
const endpoint = new SkillEndpoint(app);
const tpl = template(type, { apiEndpoint: 'http://127.0.0.1:9' });
let next = 0;

function request() {
  const body = Buffer.from(tpl.body(next++));
  return [verify ? { signaturecertchainurl: ca.certUrl, 'signature-256': ca.sign(body) } : {}, body];
}

// The answer is checked once, as in the benchmark, before anything is timed.
const [headers, body] = request();
const first = await endpoint.handle(headers, body);
const problem = problemWith(type, first.statusCode, first.body);
if (problem) throw new Error(`${dist}: wrong answer: ${problem}`);

process.on('message', async () => {
  // Bodies (and their signatures) are made before the clock starts.
  const round = Array.from({ length: requests }, request);
  const before = process.cpuUsage();
  for (const [h, b] of round) {
    const result = await endpoint.handle(h, b);
    if (result.statusCode !== 200) throw new Error(`${dist}: HTTP ${result.statusCode}: ${result.body}`);
  }
  const used = process.cpuUsage(before);
  process.send((used.user + used.system) / requests);
});
process.send('ready');
