/**
 * The web debugger's controls of what the user cannot say, over its JSON API: a parent's decision,
 * products off sale, the skill disabled and re-enabled, a purchase result chosen by hand — shown
 * live, recorded, and exported as `skillshop/testing` calls and as --say commands.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { simulator, type Simulator } from '../../../src/testing';
import { restartFromProject, startWebDebugger, type StateResponse, type Step, type WebDebugger } from '../../../src/simulator/web';
import { CAVE_QUEST, copyCaveQuest, hasBuild, postJson, runExportedTest } from './helpers';

type Answer = { steps: Step[]; view: StateResponse['view'] };

function lastTurn(answer: { json: unknown }) {
  const step = (answer.json as Answer).steps.at(-1);
  assert.ok(step?.kind === 'turn', JSON.stringify(step));
  return step.turn;
}

describe('web debugger: parent, sale, re-enable and forced results', () => {
  let sim: Simulator;
  let web: WebDebugger;
  beforeEach(async () => {
    sim = await simulator({ project: CAVE_QUEST });
    web = await startWebDebugger({ simulator: sim, port: 0 });
  });
  afterEach(async () => {
    await web.close();
    await sim.close();
  });

  it('a parent approves, denies or lets a child\'s purchase expire', async () => {
    await postJson(web.url, '/api/fault', { name: 'pending-purchase', on: true });
    await postJson(web.url, '/api/say', { text: 'buy cave quest' });
    const asked = await postJson(web.url, '/api/say', { text: 'yes' });
    assert.equal(lastTurn(asked).purchase?.purchaseResult, 'PENDING_PURCHASE');
    const pending = (asked.json as Answer).view.shop.pendingApprovals;
    assert.deepEqual(pending.map((p) => [p.referenceName, p.name]), [['cave_quest', 'Cave Quest']]);
    assert.match(pending[0]!.since, /^\d{4}-\d\d-\d\dT/);
    assert.match((asked.json as Answer).view.shop.products.find((p) => p.referenceName === 'cave_quest')!.note, /awaiting a parent's approval/);

    const approved = await postJson(web.url, '/api/parent', { decision: 'approve', referenceName: 'cave_quest' });
    assert.equal(approved.status, 200);
    const { steps, view } = approved.json as Answer;
    assert.deepEqual(steps.map((s) => ({ ...s, id: 0, at: '' })), [{ kind: 'parent', referenceName: 'cave_quest', decision: 'approve', changed: true, id: 0, at: '' }]);
    assert.deepEqual(view.shop.pendingApprovals, []);
    assert.equal(view.shop.products.find((p) => p.referenceName === 'cave_quest')?.entitled, true);

    await postJson(web.url, '/api/say', { text: 'buy more hints' });
    await postJson(web.url, '/api/say', { text: 'yes' });
    const denied = await postJson(web.url, '/api/parent', { decision: 'deny', referenceName: 'hint_pack' });
    assert.equal((denied.json as Answer).view.shop.history.at(-1)?.result, 'PENDING_PURCHASE (DENIED_BY_PARENT)');
    const nothing = await postJson(web.url, '/api/parent', { decision: 'expire', referenceName: 'hint_pack' });
    assert.equal(((nothing.json as Answer).steps[0] as { changed: boolean }).changed, false, 'nothing was waiting');

    const bad = await postJson(web.url, '/api/parent', { decision: 'ignore', referenceName: 'hint_pack' });
    assert.equal(bad.status, 400);
    assert.match((bad.json as { error: { message: string } }).error.message, /approve, deny or expire/);
    const unknown = await postJson(web.url, '/api/parent', { decision: 'approve', referenceName: 'dragon' });
    assert.equal(unknown.status, 400);
  });

  it('takes a product off sale and back; re-enables the skill', async () => {
    const off = await postJson(web.url, '/api/purchasable', { referenceName: 'cave_quest', purchasable: false });
    const product = (off.json as Answer).view.shop.products.find((p) => p.referenceName === 'cave_quest')!;
    assert.equal(product.forSale, false);
    assert.equal(product.purchasable, false);
    assert.equal(sim.isPurchasable('cave_quest'), false);
    assert.equal(lastTurn(await postJson(web.url, '/api/say', { text: 'buy cave quest' })).purchase?.purchaseResult, 'ERROR');
    await postJson(web.url, '/api/purchasable', { referenceName: 'cave_quest', purchasable: true });
    assert.equal(sim.isPurchasable('cave_quest'), true);
    assert.equal((await postJson(web.url, '/api/purchasable', { referenceName: 'cave_quest', purchasable: 'no' })).status, 400);

    await postJson(web.url, '/api/grant', { referenceName: 'hint_pack' });
    await postJson(web.url, '/api/say', { text: 'give me a hint' });
    const reenabled = await postJson(web.url, '/api/reenable');
    const { steps, view } = reenabled.json as Answer;
    assert.deepEqual(steps.map((s) => s.kind), ['reenable']);
    assert.equal(view.userId, 'amzn1.ask.account.SIMULATED-USER-REENABLED-1');
    assert.equal(view.userData, null, 'the skill\'s data for the old id is out of reach');
    assert.equal(view.shop.products.find((p) => p.referenceName === 'hint_pack')?.count, 1, 'the purchase came along');
  });

  it('forces the waiting purchase dialog\'s result; with nothing waiting it is a 400', async () => {
    const idle = await postJson(web.url, '/api/answer', { purchaseResult: 'ACCEPTED' });
    assert.equal(idle.status, 400);
    assert.deepEqual((idle.json as { error: { code: string } }).error.code, 'SKILLSHOP_CLI_USAGE');

    const offer = await postJson(web.url, '/api/say', { text: 'buy cave quest' });
    assert.equal((offer.json as Answer).view.session.awaitingPurchaseAnswer, true);
    for (const body of [{ statusCode: 'abc' }, { purchaseResult: '' }, {}]) {
      assert.equal((await postJson(web.url, '/api/answer', body)).status, 400, JSON.stringify(body));
    }
    const forced = await postJson(web.url, '/api/answer', { purchaseResult: 'ALREADY_PURCHASED' });
    assert.deepEqual(lastTurn(forced).forcedPurchase, { purchaseResult: 'ALREADY_PURCHASED' });
    assert.equal((forced.json as Answer).view.shop.products.find((p) => p.referenceName === 'cave_quest')?.entitled, true);

    await postJson(web.url, '/api/say', { text: 'buy more hints' });
    const broken = lastTurn(await postJson(web.url, '/api/answer', { statusCode: '500' }));
    assert.equal((broken.requests[0] as { request: { status: { code: string } } }).request.status.code, '500');
    await postJson(web.url, '/api/say', { text: 'buy more hints' });
    const silent = lastTurn(await postJson(web.url, '/api/answer', { noResult: true }));
    assert.deepEqual(silent.requests, []);
    assert.equal(silent.user, '(no result)');
  });

  it('streams the controls\' steps as they happen, whoever makes them', async () => {
    const controller = new AbortController();
    const response = await fetch(new URL('/api/events', web.url), { signal: controller.signal });
    const reader = response.body!.getReader();
    let text = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended:\n${text}`);
        text += Buffer.from(value).toString('utf8');
      }
    };
    sim.setPurchasable('hint_pack', false);
    await until(/event: step\ndata: \{"kind":"purchasable","referenceName":"hint_pack","purchasable":false/);
    await until(/event: view\ndata: .*"referenceName":"hint_pack"[^}]*"forSale":false/);
    sim.parent('approve', 'cave_quest');
    await until(/event: step\ndata: \{"kind":"parent","referenceName":"cave_quest","decision":"approve","changed":false/);
    sim.reenable();
    await until(/event: step\ndata: \{"kind":"reenable","previousUserId":"amzn1\.ask\.account\.SIMULATED-USER","userId":"amzn1\.ask\.account\.SIMULATED-USER-REENABLED-1"/);
    controller.abort();
  });

  it('exports the steps as skillshop/testing calls and as --say commands; the test runs green', async () => {
    await postJson(web.url, '/api/purchasable', { referenceName: 'cave_club', purchasable: false });
    await postJson(web.url, '/api/recording/clear');
    await postJson(web.url, '/api/fault', { name: 'pending-purchase', on: true });
    await postJson(web.url, '/api/say', { text: 'buy cave quest' });
    await postJson(web.url, '/api/say', { text: 'yes' });
    await postJson(web.url, '/api/parent', { decision: 'approve', referenceName: 'cave_quest' });
    await postJson(web.url, '/api/fault', { name: 'pending-purchase', on: false });
    await postJson(web.url, '/api/purchasable', { referenceName: 'hint_pack', purchasable: false });
    await postJson(web.url, '/api/purchasable', { referenceName: 'hint_pack', purchasable: true });
    await postJson(web.url, '/api/reenable');
    await postJson(web.url, '/api/say', { text: 'buy more hints' });
    await postJson(web.url, '/api/answer', { statusCode: '500' });
    await postJson(web.url, '/api/say', { text: 'buy more hints' });
    await postJson(web.url, '/api/answer', { purchaseResult: 'ALREADY_PURCHASED', message: 'bought elsewhere' });
    await postJson(web.url, '/api/say', { text: 'buy more hints' });
    await postJson(web.url, '/api/answer', { noResult: true });

    const test = await (await fetch(new URL('/api/export/test', web.url))).text();
    assert.match(test, /s\.setPurchasable\('cave_club', false\); \/\/ off sale when the recording began/);
    assert.match(test, /s\.parent\('approve', 'cave_quest'\);/);
    assert.match(test, /s\.setPurchasable\('hint_pack', false\);\n\s+s\.setPurchasable\('hint_pack', true\);/);
    assert.match(test, /s\.reenable\(\);/);
    assert.match(test, /const turn = await s\.answerPurchase\(\{ statusCode: '500' \}\);/);
    assert.match(test, /s\.answerPurchase\(\{ purchaseResult: 'ALREADY_PURCHASED', message: 'bought elsewhere' \}\)/);
    assert.match(test, /s\.answerPurchase\('no-result'\)/);
    assert.doesNotMatch(test, /s\.say\('\(/, 'a forced result is not said');

    const script = await (await fetch(new URL('/api/export/say', web.url))).text();
    assert.match(script, /--say ':offsale cave_club' \\\n {2}--say ':fault pending-purchase' \\\n {2}--say 'buy cave quest' \\\n {2}--say yes \\\n {2}--say ':approve cave_quest'/);
    assert.match(script, /# After turn 2: fault pending-purchase off/);
    assert.match(script, /--say ':offsale hint_pack' \\\n {2}--say ':onsale hint_pack' \\\n {2}--say :reenable/);
    assert.match(script, /--say ':result status=500'/);
    assert.match(script, /--say ':result ALREADY_PURCHASED'/);
    assert.match(script, /--say ':result none'/);

    if (!hasBuild()) return;
    const project = copyCaveQuest();
    try {
      const run = runExportedTest(project.dir, test);
      assert.equal(run.status, 0, `${run.output}\n${test}`);
    } finally {
      project.remove();
    }
  });
});

describe('web debugger: a reload keeps products off sale', () => {
  it('the fresh simulator has the same products off sale', async () => {
    const project = copyCaveQuest();
    const start = () => simulator({ project: project.dir });
    const first = await start();
    const web = await startWebDebugger({ simulator: first, port: 0, restart: restartFromProject(start, project.dir), watch: false });
    try {
      await postJson(web.url, '/api/purchasable', { referenceName: 'hint_pack', purchasable: false });
      const { json } = await postJson(web.url, '/api/reload');
      assert.ok((json as Answer).steps.some((s) => s.kind === 'reload' && s.ok));
      assert.notEqual(web.simulator, first);
      assert.equal(web.simulator.isPurchasable('hint_pack'), false);
      assert.equal(web.simulator.isPurchasable('cave_quest'), true);
    } finally {
      await web.close();
      await first.close();
      project.remove();
    }
  });
});
