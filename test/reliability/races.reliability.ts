/**
 * Races on a real database behind real `skillshop run` servers (two processes sharing it when the
 * store allows): 200 concurrent consume() requests for one user who bought 150 units, and 200
 * concurrent increments of one user's data. Nothing may be used twice, nothing lost, and nothing
 * used beyond what was bought.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningServer } from '../helpers/cli';
import { product, startFakeMonetization, type FakeMonetization } from '../helpers/fake-monetization';
import { intentRequest, speechOf } from '../helpers/requests';
import { post, report, startSkillServer, writeProject, type Project } from './skill-server';
import { describeTargets, storeTargets } from './targets';

const BOUGHT_PACKS = 3;
const UNITS_PER_PACK = 50;
const CONSUMERS = 200;
const INCREMENTS = 200;
/** Increments refused with the error speech (too many racing saves) are delivered again, like a user asking again. */
const MAX_ROUNDS = 100;

const APP = `
const { App } = require(SKILLSHOP);
const app = new App({ isp: { consumables: { gold_coins: { unitsPerPurchase: ${UNITS_PER_PACK} } } } });
app.setHandler({
  async UseIntent() {
    try {
      const { used } = await this.isp.consume('gold_coins');
      this.tell('Used ' + used + '.');
    } catch (error) {
      if (error.code !== 'SKILLSHOP_INSUFFICIENT_INVENTORY') throw error;
      this.tell('Not enough.');
    }
  },
  async InventoryIntent() {
    const { purchased, used, available } = await this.isp.getInventory('gold_coins');
    this.tell(purchased + ' bought, ' + used + ' used, ' + available + ' left.');
  },
  CountIntent() {
    const data = this.user().data;
    data.count = (data.count || 0) + 1;
    this.tell('Count ' + data.count + '.');
  },
  ReadCountIntent() {
    this.tell('Count is ' + (this.user().data.count || 0) + '.');
  },
});
module.exports = { app };
`;

describeTargets(storeTargets(), (target) => `reliability: races (${target.name})`, (target) => {
  describe(`races on ${target.name}`, () => {
    let fake: FakeMonetization;
    let project: Project;
    const servers: RunningServer[] = [];

    before(async () => {
      fake = await startFakeMonetization({
        products: [product({ referenceName: 'gold_coins', type: 'CONSUMABLE', entitled: 'ENTITLED', purchasable: 'PURCHASABLE', activeEntitlementCount: BOUGHT_PACKS })],
      });
      await target.start?.();
      project = writeProject(APP, target.projectStorage());
      const processes = target.sharedAcrossProcesses ? 2 : 1;
      for (let i = 0; i < processes; i++) servers.push(await startSkillServer(project.dir, target.serverEnv?.() ?? {}));
    });

    after(async () => {
      for (const server of servers.splice(0)) await server.stop();
      await fake?.close();
      project?.remove();
      await target.cleanup();
    });

    let sequence = 0;
    /** Posts an intent for `userId` to the servers in turn; resolves its speech. */
    async function say(intent: string, userId: string, requestId = `amzn1.echo-api.request.race-${target.name}-${++sequence}`): Promise<string> {
      const server = servers[sequence % servers.length]!;
      const envelope = intentRequest(intent, {}, { apiEndpoint: fake.url, userId, requestId, sessionId: 'amzn1.echo-api.session.race' });
      const answer = await post(server.url, JSON.stringify(envelope));
      assert.equal(answer.status, 200, answer.body);
      return speechOf(JSON.parse(answer.body) as { response: { outputSpeech?: { ssml?: string } } }) ?? '';
    }

    it(`${CONSUMERS} concurrent consume() for ${BOUGHT_PACKS * UNITS_PER_PACK} units: exactly that many succeed`, async () => {
      const userId = `amzn1.ask.account.CONSUMER-${target.name}`;
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: CONSUMERS }, () => say('UseIntent', userId)));
      const used = answers.filter((a) => a.startsWith('Used ')).map((a) => Number(/Used (\d+)\./.exec(a)![1]));
      const refused = answers.filter((a) => a === 'Not enough.').length;
      const inventory = await say('InventoryIntent', userId);
      report(`consume race (${target.name})`, {
        processes: servers.length,
        requests: CONSUMERS,
        succeeded: used.length,
        notEnough: refused,
        other: CONSUMERS - used.length - refused,
        inventory: JSON.stringify(inventory),
        seconds: ((Date.now() - started) / 1000).toFixed(1),
      });
      const limit = BOUGHT_PACKS * UNITS_PER_PACK;
      assert.equal(used.length, limit);
      assert.equal(refused, CONSUMERS - limit);
      // Every unit was used by exactly one request.
      assert.deepEqual([...used].sort((a, b) => a - b), Array.from({ length: limit }, (_, i) => i + 1));
      assert.equal(inventory, `${limit} bought, ${limit} used, 0 left.`);
    });

    it(`${INCREMENTS} concurrent increments of one user's data: exactly ${INCREMENTS}`, async () => {
      const userId = `amzn1.ask.account.COUNTER-${target.name}`;
      const started = Date.now();
      let pending = Array.from({ length: INCREMENTS }, (_, i) => `amzn1.echo-api.request.count-${target.name}-${i}`);
      const counts: number[] = [];
      let firstRoundRefused = 0;
      let rounds = 0;
      while (pending.length > 0 && rounds < MAX_ROUNDS) {
        rounds++;
        const answers = await Promise.all(pending.map((requestId) => say('CountIntent', userId, requestId)));
        const refused: string[] = [];
        answers.forEach((answer, i) => {
          const match = /^Count (\d+)\.$/.exec(answer);
          if (match) counts.push(Number(match[1]));
          else refused.push(pending[i]!);
        });
        if (rounds === 1) firstRoundRefused = refused.length;
        pending = refused;
      }
      const final = await say('ReadCountIntent', userId);
      report(`increment race (${target.name})`, {
        processes: servers.length,
        requests: INCREMENTS,
        refusedInFirstRound: firstRoundRefused,
        rounds,
        final: JSON.stringify(final),
        seconds: ((Date.now() - started) / 1000).toFixed(1),
      });
      assert.equal(pending.length, 0, `${pending.length} increments still refused after ${MAX_ROUNDS} rounds`);
      assert.equal(final, `Count is ${INCREMENTS}.`);
      // Each answer saw its own increment: no two requests saved the same count.
      assert.deepEqual([...counts].sort((a, b) => a - b), Array.from({ length: INCREMENTS }, (_, i) => i + 1));
    });
  });
});
