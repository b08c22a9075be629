/**
 * Database outage: a `skillshop run` on PostgreSQL reached through a TCP proxy (loopback, started
 * here); mid-load the proxy stops (every connection cut, new ones refused), then comes back on the
 * same port. Required:
 *   - every request is answered within HUNG_MS (nothing hangs);
 *   - during the outage every request gets the skill's spoken apology: HTTP 200 with the app's
 *     error speech (never a 5xx, which would make Alexa say its own generic error);
 *   - service resumes by itself: after the proxy returns requests succeed again, same server;
 *   - nothing lost: answered ⊆ stored ≤ sent, per counter.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningServer } from '../helpers/cli';
import { product, startFakeMonetization, type FakeMonetization } from '../helpers/fake-monetization';
import { postgresProxy } from '../storage/postgres-helpers';
import { report, startSkillServer, writeProject, type Project } from './skill-server';
import { describeTargets, storeTargets } from './targets';
import { counterUser, LOAD_APP, PACKS, send, sleep, startLoad, waitFor } from './write-load';

const COUNTER_LANES = 6;
const CONSUME_LANES = 2;
const HUNG_MS = 10_000;
const BEFORE_MS = 1500;
const OUTAGE_MS = 4000;
/** After the database returns: this many successes in a row per lane, within RECOVERY_LIMIT_MS. */
const RECOVERED_IN_A_ROW = 5;
const RECOVERY_LIMIT_MS = 15_000;
/** Requests started this soon after the cut may still have finished on their connection. */
const SETTLE_MS = 300;

const targets = storeTargets().filter((target) => target.name === 'postgres');

describeTargets(targets, (target) => `reliability: database outage (${target.name})`, (target) => {
  describe(`outage on ${target.name}`, () => {
    let fake: FakeMonetization;
    let project: Project;
    let server: RunningServer;
    let proxy: Awaited<ReturnType<typeof postgresProxy>>;

    before(async () => {
      fake = await startFakeMonetization({
        products: [product({ referenceName: 'gold_coins', type: 'CONSUMABLE', entitled: 'ENTITLED', purchasable: 'PURCHASABLE', activeEntitlementCount: PACKS })],
      });
      proxy = await postgresProxy();
      project = writeProject(LOAD_APP, { ...target.projectStorage(), url: proxy.url });
      server = await startSkillServer(project.dir);
    });

    after(async () => {
      await server?.stop();
      await proxy?.close();
      await fake?.close();
      project?.remove();
      await target.cleanup();
    });

    it('apologises during the outage, never hangs, and recovers by itself', async () => {
      const started = Date.now();
      const tag = `outage-${process.pid}`;
      const load = startLoad({
        url: () => server.url,
        apiEndpoint: fake.url,
        counterLanes: COUNTER_LANES,
        consumeLanes: CONSUME_LANES,
        stopOnTransportFailure: false,
        pauseMs: 20,
        hungAfterMs: HUNG_MS,
        tag,
      });
      await sleep(BEFORE_MS);
      const cutAt = Date.now();
      await proxy.stop();
      await sleep(OUTAGE_MS);
      const backAt = Date.now();
      await proxy.start();
      const recovered = () => {
        for (let lane = 0; lane < COUNTER_LANES + CONSUME_LANES; lane++) {
          const last = load.sent.filter((s) => s.lane === lane && s.startedAt >= backAt).slice(-RECOVERED_IN_A_ROW);
          if (last.length < RECOVERED_IN_A_ROW || last.some((s) => s.outcome !== 'success')) return false;
        }
        return true;
      };
      await waitFor(recovered, RECOVERY_LIMIT_MS);
      await load.stop();

      const sent = load.sent;
      const before = sent.filter((s) => s.endedAt < cutAt);
      const during = sent.filter((s) => s.startedAt >= cutAt + SETTLE_MS && s.startedAt < backAt && s.endedAt < backAt);
      const afterBack = sent.filter((s) => s.startedAt >= backAt);
      const firstSuccessAfter = afterBack.find((s) => s.outcome === 'success');
      const slowest = Math.max(...sent.map((s) => s.endedAt - s.startedAt));
      const count = (list: typeof sent, outcome: string) => list.filter((s) => s.outcome === outcome).length;
      const apologyStatuses = [...new Set(sent.filter((s) => s.outcome === 'apology').map((s) => s.status))].join('+');

      // answered ⊆ stored ≤ sent, per counter (read after the load, through the recovered server).
      const problems: string[] = [];
      for (let lane = 0; lane < COUNTER_LANES; lane++) {
        const mine = sent.filter((s) => s.lane === lane);
        const answered = mine.filter((s) => s.outcome === 'success').map((s) => s.value!);
        const stored = await send(server.url, fake.url, 'ReadCountIntent', counterUser(tag, lane), `amzn1.echo-api.request.${tag}-read-${lane}`);
        if (stored.outcome !== 'success') {
          problems.push(`lane ${lane}: reading the count after the outage: ${stored.outcome}`);
          continue;
        }
        const value = stored.value!;
        if (answered.some((v, i) => i > 0 && v <= answered[i - 1]!)) problems.push(`lane ${lane}: counts answered out of order`);
        if (value < Math.max(0, ...answered) || value < answered.length) problems.push(`lane ${lane}: answered up to ${Math.max(0, ...answered)}, stored ${value}`);
        if (value > mine.length) problems.push(`lane ${lane}: stored ${value}, sent ${mine.length}`);
      }

      report(`database outage (${target.name})`, {
        requests: sent.length,
        beforeOk: `${count(before, 'success')}/${before.length}`,
        duringOutage: during.length,
        duringApologies: count(during, 'apology'),
        duringSuccess: count(during, 'success'),
        apologyStatuses: apologyStatuses || 'none',
        other: count(sent, 'other'),
        transport: count(sent, 'transport'),
        hung: count(sent, 'hung'),
        serverExited: server.child.exitCode ?? server.child.signalCode ?? 'no',
        slowestMs: slowest,
        recoveredAfterMs: firstSuccessAfter ? firstSuccessAfter.endedAt - backAt : 'never',
        afterOk: `${count(afterBack, 'success')}/${afterBack.length}`,
        seconds: ((Date.now() - started) / 1000).toFixed(1),
      });

      // A server that died explains every later failure at once; say so with what it printed.
      const exited = server.child.exitCode ?? server.child.signalCode;
      assert.equal(exited, null, `the skill server exited (${exited}) under the outage; its output ends:\n${server.output().slice(-3000)}`);
      assert.ok(before.length > 0 && count(before, 'success') === before.length, 'every request before the outage succeeds');
      assert.ok(during.length > 0, 'requests were made during the outage');
      assert.equal(count(during, 'apology'), during.length, 'every request during the outage gets the apology');
      assert.equal(apologyStatuses, '200', 'the apology is spoken by the skill (HTTP 200), not a 5xx');
      assert.equal(count(sent, 'other'), 0, 'no answer but success or apology');
      assert.equal(count(sent, 'transport'), 0, 'the server never dropped a connection');
      assert.equal(count(sent, 'hung'), 0, `a request went unanswered for ${HUNG_MS} ms`);
      assert.ok(slowest < HUNG_MS, `slowest answer ${slowest} ms`);
      assert.ok(recovered(), `not recovered ${RECOVERY_LIMIT_MS} ms after the database returned`);
      assert.deepEqual(problems, []);
    });
  });
});
