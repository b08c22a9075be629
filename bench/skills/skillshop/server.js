'use strict';
// The skill with skillshop, from the BUILT package (dist/, what `npm install skillshop` gives),
// written as its README says. Storage: memory (the peers keep no user data) unless
// BENCH_STORAGE=sqlite. Verification is skillshop's own, with the runner's test CA injected.

const { readFileSync } = require('node:fs');
const { SKILL, settings } = require('../common.js');

const handlers = {
  LAUNCH() {
    this.ask(SKILL.welcome, SKILL.reprompt);
  },

  async BuySkillItemIntent(productName) {
    const product = await this.isp.getProductByReferenceName(productName.id);
    if (!product) return this.tell(SKILL.unknownProduct);
    if (product.entitled === 'ENTITLED') return this.tell(SKILL.owned);
    this.isp.buy(product.productId);
  },

  ON_PURCHASE() {
    this.tell(this.isp.getPurchaseResult() === 'ACCEPTED' ? SKILL.accepted : SKILL.declined);
  },
};

// bench/ab.mjs runs these same handlers in process on another build (lib/ab-child.mjs).
module.exports = { handlers };
if (require.main !== module) return;

// BENCH_SKILLSHOP_DIR: another build of skillshop, for A/B experiments (bench/profile.mjs, --only).
const { App } = require(process.env.BENCH_SKILLSHOP_DIR || '../../..');

const config = settings();

// BENCH_FETCH=node-http (an experiment, not in the table): Monetization calls through the `fetch`
// option, here a fetch written over node:http, to measure what the injected-fetch path costs per call
// beside skillshop's own node:http transport (the default).
const fetchOverride = process.env.BENCH_FETCH === 'node-http' ? { fetch: require('./node-http-fetch.js').nodeHttpFetch } : {};

const app = new App({
  ...fetchOverride,
  storage: config.storage === 'sqlite' ? { type: 'sqlite', path: config.sqlitePath } : { type: 'memory' },
  verification: config.verify
    ? {
        trustedRoots: [readFileSync(config.rootFile, 'utf8')],
        // Instead of the download from Amazon's bucket; skillshop still checks the chain and caches it.
        loadCertificate: async () => readFileSync(config.chainFile, 'utf8'),
      }
    : false,
});

app.setHandler(handlers);

app.listen({ port: config.port, host: config.host, path: config.path }).catch((error) => {
  console.error(error);
  process.exit(1);
});
