/**
 * Retries: 1,000 purchase results (Connections.Response), each delivered twice — one after the
 * other, at the same time, or the second while the first is still running — while other users'
 * purchases race through the same App. Every effect must be applied at most once, exactly once when
 * the answer was not the error speech, and both deliveries must get the same answer.
 *
 * In process (app.handle, the entry every adapter calls), once per store target.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../src/app/app';
import { silentLogger } from '../../src/logger';
import type { ResponseEnvelope } from '../../src/alexa/response';
import { productIdFor } from '../helpers/fake-monetization';
import { purchaseResponse } from '../helpers/requests';
import { prng } from './mutations';
import { inParallel, report } from './skill-server';
import { describeTargets, storeTargets } from './targets';

const PURCHASES = 1_000;
const USERS = 50;
const CONCURRENCY = 16;
const ERROR_SPEECH = 'Sorry, something went wrong. Please try again later.';

interface Applied {
  applied?: Record<string, number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeTargets(storeTargets(), (target) => `reliability: redelivered purchase results (${target.name})`, (target) => {
  describe(`redeliveries on ${target.name}`, () => {
    it(`applies each of ${PURCHASES} purchase results once, delivered twice`, async () => {
      const store = await target.createStore();
      const random = prng(7);
      let handlerRuns = 0;
      const app = new App({ storage: store, logger: silentLogger }).setHandler({
        async ON_PURCHASE() {
          handlerRuns++;
          const requestId = this.getRequest().request.requestId;
          await sleep(random.int(3)); // let deliveries overlap
          const data = this.user().data as Applied;
          data.applied ??= {};
          data.applied[requestId] = (data.applied[requestId] ?? 0) + 1;
          this.tell(`Thanks for ${this.isp.getProductId()}. ${Object.keys(data.applied).length} purchases.`);
        },
      });
      const users = Array.from({ length: USERS }, (_, i) => `amzn1.ask.account.RETRY${i}`);
      const deliveries = Array.from({ length: PURCHASES }, (_, i) => ({
        requestId: `amzn1.echo-api.request.retry-${i}`,
        userId: users[i % USERS]!,
        productId: productIdFor(`product_${i % 7}`),
        mode: (['one after the other', 'at the same time', 'second while the first runs'] as const)[i % 3]!,
      }));
      const envelope = (d: (typeof deliveries)[number]) =>
        purchaseResponse('Buy', 'ACCEPTED', d.productId, { requestId: d.requestId, userId: d.userId, timestamp: '2026-01-01T00:00:00Z' });

      const started = Date.now();
      const answers = await inParallel(deliveries, CONCURRENCY, async (d): Promise<[ResponseEnvelope, ResponseEnvelope]> => {
        if (d.mode === 'one after the other') return [await app.handle(envelope(d)), await app.handle(envelope(d))];
        if (d.mode === 'at the same time') return Promise.all([app.handle(envelope(d)), app.handle(envelope(d))]);
        const first = app.handle(envelope(d));
        await sleep(1);
        return Promise.all([first, app.handle(envelope(d))]);
      });

      let different = 0;
      let apologies = 0;
      let appliedTwice = 0;
      let missing = 0;
      const appliedOf = new Map<string, number>();
      for (const userId of users) {
        const data = ((await store.getUser(userId))?.data ?? {}) as Applied;
        for (const [requestId, count] of Object.entries(data.applied ?? {})) appliedOf.set(requestId, count);
      }
      deliveries.forEach((d, i) => {
        const [first, second] = answers[i]!;
        if (JSON.stringify(first) !== JSON.stringify(second)) different++;
        const apology = JSON.stringify(first).includes(ERROR_SPEECH);
        if (apology) apologies++;
        const applied = appliedOf.get(d.requestId) ?? 0;
        if (applied > 1) appliedTwice++;
        if (!apology && applied !== 1) missing++;
        if (apology && applied !== 0) missing++;
      });
      const ledger = (await Promise.all(users.map((userId) => store.listPurchaseEvents(userId)))).flat();
      report(`retries (${target.name})`, {
        purchases: PURCHASES,
        deliveries: PURCHASES * 2,
        handlerRuns,
        appliedOnce: [...appliedOf.values()].filter((n) => n === 1).length,
        appliedTwice,
        errorSpeech: apologies,
        differentAnswers: different,
        ledgerEntries: ledger.length,
        seconds: ((Date.now() - started) / 1000).toFixed(1),
      });
      await app.close();
      await target.cleanup();

      assert.equal(appliedTwice, 0, 'a purchase result was applied twice');
      assert.equal(missing, 0, 'an answered purchase result was not applied (or an error answer applied)');
      assert.equal(different, 0, 'the two deliveries of a request got different answers');
      assert.equal(ledger.length, PURCHASES, 'one ledger entry per requestId');
      // Re-runs after a version conflict run the handler again (their effects discarded); redeliveries never do.
      assert.ok(handlerRuns >= PURCHASES && handlerRuns < PURCHASES * 1.5, `handler runs ${handlerRuns}`);
    });
  });
});
