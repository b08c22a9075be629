'use strict';
// What every entry of the benchmark says, and the settings the runner passes to each server.
// Kept tiny: the bare floor loads it too.

const SKILL = {
  welcome: 'Welcome to Cave Quest. Would you like to buy the Cave Quest expansion?',
  reprompt: 'Say buy Cave Quest.',
  owned: 'You own it already.',
  unknownProduct: 'Which product would you like? You can say buy cave quest.',
  accepted: 'Enjoy the caves!',
  declined: 'Maybe another time.',
  productReferenceName: 'cave_quest',
};

/** The runner's settings, from the environment. */
function settings() {
  const env = process.env;
  return {
    port: Number(env.BENCH_PORT || 3000),
    host: '127.0.0.1',
    path: '/webhook',
    /** '1': verify Alexa's signature (and timestamp) on every request. */
    verify: env.BENCH_VERIFY === '1',
    /** PEM files of the test CA made by the runner (the signing chain and its root). */
    chainFile: env.BENCH_CHAIN_FILE,
    rootFile: env.BENCH_ROOT_FILE,
    /** The SignatureCertChainUrl the runner puts on every request. */
    certUrl: env.BENCH_CERT_URL,
    /** skillshop only: 'memory' (like the peers, which keep no user data) or 'sqlite'. */
    storage: env.BENCH_STORAGE || 'memory',
    sqlitePath: env.BENCH_SQLITE_PATH,
    /** bare only: '0' answers Buy with a fixed product id instead of looking it up. */
    lookup: env.BENCH_LOOKUP !== '0',
  };
}

module.exports = { SKILL, settings };
