/**
 * Crash: `kill -9` of a `skillshop run` in the middle of a write load (user-data increments, each
 * lane its own user one request after the other, and consume() of one shared consumable), then a
 * restart on the same database. Precisely:
 *   - the database opens cleanly (the server starts again; SQLite passes PRAGMA integrity_check);
 *   - answered ⊆ stored: every increment answered "Count k." is in the stored count (k ≤ stored),
 *     and every consume answered "Used n." is kept: delivered again it gets the same answer and
 *     uses nothing more;
 *   - stored ≤ sent: a counter holds at most its answered increments plus the one in flight at the
 *     kill, and the units used at most the answered consumes plus those in flight;
 *   - nothing else: no answer but success before the kill.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningServer } from '../helpers/cli';
import { product, startFakeMonetization, type FakeMonetization } from '../helpers/fake-monetization';
import { report, startSkillServer, writeProject, type Project } from './skill-server';
import { describeTargets, storeTargets } from './targets';
import { consumerUser, counterUser, LOAD_APP, PACKS, send, startLoad, waitFor } from './write-load';

const COUNTER_LANES = 8;
const CONSUME_LANES = 4;
/** Kill once this many writes were answered (or after KILL_AFTER_MS). */
const KILL_AFTER_ANSWERS = 300;
const KILL_AFTER_MS = 5000;

const targets = storeTargets().filter((target) => target.name === 'sqlite' || target.name === 'postgres');

describeTargets(targets, (target) => `reliability: kill -9 during writes (${target.name})`, (target) => {
  describe(`crash on ${target.name}`, () => {
    let fake: FakeMonetization;
    let project: Project;
    let storage: Record<string, unknown>;
    let server: RunningServer | undefined;

    before(async () => {
      fake = await startFakeMonetization({
        products: [product({ referenceName: 'gold_coins', type: 'CONSUMABLE', entitled: 'ENTITLED', purchasable: 'PURCHASABLE', activeEntitlementCount: PACKS })],
      });
      await target.start?.();
      storage = target.projectStorage();
      project = writeProject(LOAD_APP, storage);
    });

    after(async () => {
      await server?.stop();
      await fake?.close();
      project?.remove();
      await target.cleanup();
    });

    it('keeps every answered write and nothing half-written after kill -9', async () => {
      const started = Date.now();
      const tag = `${target.name}-${process.pid}`;
      server = await startSkillServer(project.dir, target.serverEnv?.() ?? {});
      const first = server;
      const load = startLoad({
        url: () => first.url,
        apiEndpoint: fake.url,
        counterLanes: COUNTER_LANES,
        consumeLanes: CONSUME_LANES,
        stopOnTransportFailure: true,
        pauseMs: 0,
        hungAfterMs: 10_000,
        tag,
      });
      await waitFor(() => load.sent.filter((s) => s.outcome === 'success').length >= KILL_AFTER_ANSWERS, KILL_AFTER_MS);
      const exited = new Promise((resolve) => first.child.once('exit', resolve));
      first.child.kill('SIGKILL');
      await exited;
      await load.done; // every lane ends at its first transport failure
      server = undefined;

      const answeredBeforeKill = load.sent.filter((s) => s.outcome === 'success');
      const inFlight = load.sent.filter((s) => s.outcome === 'transport');
      const wrong = load.sent.filter((s) => s.outcome !== 'success' && s.outcome !== 'transport');

      let integrity = 'n/a';
      if (target.name === 'sqlite') {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const Database = require('better-sqlite3') as typeof import('better-sqlite3');
        const db = new Database(storage['path'] as string);
        try {
          integrity = String((db.prepare('PRAGMA integrity_check').get() as Record<string, unknown>)['integrity_check']);
        } finally {
          db.close();
        }
      }

      // The database opens cleanly: a new server starts on it and answers.
      server = await startSkillServer(project.dir, target.serverEnv?.() ?? {});
      const url = server.url;
      const ask = async (intent: string, userId: string, requestId: string) => {
        const answer = await send(url, fake.url, intent, userId, requestId);
        assert.equal(answer.outcome, 'success', `${intent} after the restart: ${JSON.stringify(answer)}`);
        return answer;
      };

      const problems: string[] = [];
      let storedIncrements = 0;
      for (let lane = 0; lane < COUNTER_LANES; lane++) {
        const answered = answeredBeforeKill.filter((s) => s.lane === lane).map((s) => s.value!);
        const pending = inFlight.filter((s) => s.lane === lane).length;
        const stored = (await ask('ReadCountIntent', counterUser(tag, lane), `amzn1.echo-api.request.${tag}-read-${lane}`)).value!;
        storedIncrements += stored;
        if (answered.some((value, i) => value !== i + 1)) problems.push(`lane ${lane} answered counts ${answered.join(',')}`);
        if (stored < answered.length) problems.push(`lane ${lane}: ${answered.length} increments answered, ${stored} stored (lost)`);
        if (stored > answered.length + pending) problems.push(`lane ${lane}: ${stored} stored, only ${answered.length + pending} sent`);
      }

      const consumes = answeredBeforeKill.filter((s) => s.kind === 'consume');
      const consumesInFlight = inFlight.filter((s) => s.kind === 'consume').length;
      const usedAfterRestart = (await ask('InventoryIntent', consumerUser(tag), `amzn1.echo-api.request.${tag}-inventory-1`)).value!;
      if (usedAfterRestart < consumes.length) problems.push(`${consumes.length} consumes answered, ${usedAfterRestart} units used (lost)`);
      if (usedAfterRestart > consumes.length + consumesInFlight) problems.push(`${usedAfterRestart} units used, only ${consumes.length + consumesInFlight} consumes sent`);
      // Each answered consume is kept: delivered again, the same answer, nothing used again.
      let replayedDifferently = 0;
      for (const consume of consumes) {
        const again = await ask('UseIntent', consumerUser(tag), consume.requestId);
        if (again.speech !== consume.speech) replayedDifferently++;
      }
      const usedAfterReplays = (await ask('InventoryIntent', consumerUser(tag), `amzn1.echo-api.request.${tag}-inventory-2`)).value!;
      if (replayedDifferently > 0) problems.push(`${replayedDifferently} answered consumes got another answer when delivered again`);
      if (usedAfterReplays !== usedAfterRestart) problems.push(`delivering answered consumes again used ${usedAfterReplays - usedAfterRestart} more units`);

      report(`crash (${target.name})`, {
        answeredBeforeKill: answeredBeforeKill.length,
        inFlightAtKill: inFlight.length,
        wrongAnswers: wrong.length,
        incrementsAnswered: answeredBeforeKill.length - consumes.length,
        incrementsStored: storedIncrements,
        consumesAnswered: consumes.length,
        unitsUsedStored: usedAfterRestart,
        replayedDifferently,
        integrity,
        seconds: ((Date.now() - started) / 1000).toFixed(1),
      });
      assert.ok(answeredBeforeKill.length > 0, 'nothing was answered before the kill');
      assert.deepEqual(wrong.map((s) => `${s.outcome} ${s.status ?? ''} ${s.speech ?? ''}`), []);
      if (target.name === 'sqlite') assert.equal(integrity, 'ok');
      assert.deepEqual(problems, []);
    });
  });
});
