/**
 * The web debugger's server without a browser: loopback-only by Host and Origin, the JSON API over
 * the same Simulator session the test API drives, server-sent events, reloading the skill, and the
 * CLI that serves it.
 */
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simulator, type Simulator } from '../../../src/testing';
import { restartFromProject, startWebDebugger, type StateResponse, type Step, type WebDebugger } from '../../../src/simulator/web';
import { CAVE_QUEST, copyCaveQuest, hasBuild, postJson, raw, startDebuggerCli } from './helpers';

describe('web debugger: only this machine may use it', () => {
  let sim: Simulator;
  let web: WebDebugger;
  before(async () => {
    sim = await simulator({ project: CAVE_QUEST });
    web = await startWebDebugger({ simulator: sim, port: 0 });
  });
  after(async () => {
    await web.close();
    await sim.close();
  });

  it('listens on 127.0.0.1 and answers its own names', async () => {
    assert.match(web.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const host of [`127.0.0.1:${web.port}`, `localhost:${web.port}`, `[::1]:${web.port}`]) {
      const res = await raw(web.port, { path: '/api/state', headers: { Host: host } });
      assert.equal(res.status, 200, host);
    }
  });

  it('refuses a foreign Host (DNS rebinding), on the page and the API alike', async () => {
    for (const path of ['/', '/api/state', '/api/events', '/api/export/test']) {
      const res = await raw(web.port, { path, headers: { Host: `attacker.example:${web.port}` } });
      assert.equal(res.status, 403, path);
      assert.match(res.body, /DNS-rebinding protection/);
    }
    const said = await raw(web.port, { method: 'POST', path: '/api/say', headers: { Host: 'rebound.attacker.example', 'Content-Type': 'application/json' }, body: '{"text":"buy cave quest"}' });
    assert.equal(said.status, 403);
    assert.equal(sim.turns.length, 0, 'nothing reached the simulator');
  });

  it('refuses a foreign Origin and a request without a JSON body', async () => {
    const headers = { Host: `127.0.0.1:${web.port}`, 'Content-Type': 'application/json' };
    for (const origin of ['http://attacker.example', `http://localhost:${web.port + 1}`, 'null', `https://127.0.0.1:${web.port}`]) {
      const res = await raw(web.port, { method: 'POST', path: '/api/reset', headers: { ...headers, Origin: origin }, body: '{}' });
      assert.equal(res.status, 403, origin);
    }
    const own = await raw(web.port, { method: 'POST', path: '/api/reset', headers: { ...headers, Origin: `http://localhost:${web.port}` }, body: '{}' });
    assert.equal(own.status, 200);
    const form = await raw(web.port, { method: 'POST', path: '/api/say', headers: { Host: `127.0.0.1:${web.port}`, 'Content-Type': 'text/plain' }, body: '{"text":"yes"}' });
    assert.equal(form.status, 415, 'a simple cross-site request cannot send JSON');
  });

  it('serves the built page with a policy that loads nothing from elsewhere', async () => {
    const page = await raw(web.port, { path: '/', headers: { Host: `127.0.0.1:${web.port}` } });
    assert.equal(page.status, 200, 'run `npm run build` first: the page is built into dist/web');
    assert.match(page.body, /<script defer src="\/app\.js">/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'; script-src 'self'/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    const missing = await raw(web.port, { path: '/../package.json', headers: { Host: `127.0.0.1:${web.port}` } });
    assert.equal(missing.status, 404);
  });
});

describe('web debugger: a view of the simulator session', () => {
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

  it('the API drives the same simulator the test API does', async () => {
    await postJson(web.url, '/api/launch');
    const offered = await postJson(web.url, '/api/say', { text: 'buy cave quest' });
    assert.equal(offered.status, 200);
    const steps = (offered.json as { steps: Step[] }).steps;
    assert.equal(steps.length, 1);
    const offer = steps[0]!;
    assert.equal(offer.kind, 'turn');
    if (offer.kind !== 'turn') return;
    assert.equal(offer.turn.lines[0]!.speaker, 'alexa');
    assert.match(offer.turn.speech, /\$1\.99 plus tax/);
    assert.equal(offer.turn.nlu?.intent?.name, 'BuySkillItemIntent');
    assert.equal(offer.turn.nlu?.intent?.slots?.ProductName?.resolutions?.resolutionsPerAuthority[0]?.values?.[0]?.value.id, 'cave_quest');

    await postJson(web.url, '/api/say', { text: 'yes' });
    assert.equal(sim.turns.length, 3, 'the turns are the simulator\'s own');
    assert.equal(sim.lastTurn?.purchase?.purchaseResult, 'ACCEPTED');
    const state = await (await fetch(new URL('/api/state', web.url))).json() as StateResponse;
    const bought = state.steps.at(-1)!;
    assert.ok(bought.kind === 'turn');
    if (bought.kind !== 'turn') return;
    assert.deepEqual(bought.turn.requests.map((r) => (r as { request: { type: string } }).request.type), ['Connections.Response']);
    assert.equal(state.view.shop.products.find((p) => p.referenceName === 'cave_quest')?.entitled, true);
    assert.deepEqual(state.view.shop.history.map((h) => [h.action, h.referenceName, h.result]), [['BUY', 'cave_quest', 'ACCEPTED']]);
    assert.deepEqual(state.view.shop.ledger?.map((h) => [h.action, h.referenceName, h.result]), [['Buy', 'cave_quest', 'ACCEPTED']], 'the skill\'s own ledger');

    await postJson(web.url, '/api/reset');
    assert.equal(sim.entitlements().find((e) => e.referenceName === 'cave_quest')?.entitled, false);
  });

  it('grants, revokes, faults and device settings are the simulator\'s', async () => {
    await postJson(web.url, '/api/grant', { referenceName: 'hint_pack' });
    await postJson(web.url, '/api/grant', { referenceName: 'hint_pack' });
    assert.equal(sim.entitlements().find((e) => e.referenceName === 'hint_pack')?.activeEntitlementCount, 2);
    await postJson(web.url, '/api/revoke', { referenceName: 'hint_pack' });
    assert.equal(sim.entitlements().find((e) => e.referenceName === 'hint_pack')?.activeEntitlementCount, 1);
    await postJson(web.url, '/api/fault', { name: 'monetization-500', on: true });
    await postJson(web.url, '/api/device', { canBuy: false, voicePurchasing: false });
    assert.deepEqual(sim.faults, ['device-cannot-buy', 'monetization-500', 'voice-purchasing-off']);
    const { json } = await postJson(web.url, '/api/say', { text: 'buy cave quest' });
    const turn = (json as { steps: Step[] }).steps.at(-1)!;
    assert.ok(turn.kind === 'turn' && turn.turn.speech === 'Sorry, something went wrong. Please try again later.');
    const unknown = await postJson(web.url, '/api/fault', { name: 'gremlins', on: true });
    assert.equal(unknown.status, 400);
    assert.match((unknown.json as { error: { message: string } }).error.message, /Unknown fault "gremlins"/);
    const badProduct = await postJson(web.url, '/api/grant', { referenceName: 'dragon' });
    assert.equal(badProduct.status, 400);
    assert.match((badProduct.json as { error: { message: string } }).error.message, /No product "dragon"/);
  });

  it('streams every turn as it happens, whoever says it (here: the test API, as the REPL would)', async () => {
    const controller = new AbortController();
    const response = await fetch(new URL('/api/events', web.url), { signal: controller.signal });
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    let text = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended:\n${text}`);
        text += Buffer.from(value).toString('utf8');
      }
    };
    await sim.say('open cave quest');
    await until(/event: step\ndata: .*"user":"open cave quest"/);
    await until(/event: view\ndata: .*"open":true/);
    sim.fault('purchase-error');
    await until(/event: step\ndata: \{"kind":"fault","name":"purchase-error","on":true/);
    controller.abort();
  });

  it('records the session attributes and user data after each turn', async () => {
    await postJson(web.url, '/api/grant', { referenceName: 'hint_pack' });
    const { json } = await postJson(web.url, '/api/say', { text: 'give me a hint' });
    const step = (json as { steps: Step[] }).steps.at(-1)!;
    assert.ok(step.kind === 'turn');
    if (step.kind !== 'turn') return;
    assert.deepEqual(step.after.userData, { hintsUsed: 1 });
    assert.deepEqual(step.after.holdings.find((h) => h.referenceName === 'hint_pack'), { referenceName: 'hint_pack', entitled: true, count: 1 });
  });

  it('exports the recording as a test file and a --say script', async () => {
    await postJson(web.url, '/api/grant', { referenceName: 'cave_quest' });
    await postJson(web.url, '/api/recording/clear');
    await postJson(web.url, '/api/say', { text: 'buy cave quest' });
    await postJson(web.url, '/api/fault', { name: 'monetization-500', on: true });
    await postJson(web.url, '/api/say', { text: 'what\'s "new"' });
    const test = await (await fetch(new URL('/api/export/test', web.url))).text();
    assert.match(test, /require\('skillshop\/testing'\)/);
    assert.match(test, /\/\/ cave_quest was owned when the recording began\.\n\s+s\.grant\('cave_quest'\);/);
    assert.match(test, /const turn = await s\.say\('buy cave quest'\);\n\s+assert\.equal\(turn\.speech, 'You own it already'\);/);
    assert.match(test, /s\.fault\('monetization-500'\);/);
    assert.match(test, /s\.say\('what\\'s "new"'\)/);
    assert.match(test, /assert\.deepEqual\(owned, \{ cave_club: 0, cave_quest: 1, hint_pack: 0 \}\);/);
    new Function(test.replace('\'use strict\';', '')); // it parses

    const download = await fetch(new URL('/api/export/say?download', web.url));
    assert.equal(download.headers.get('content-disposition'), 'attachment; filename="cave-quest.recorded.sh"');
    const script = await download.text();
    assert.match(script, /npx skillshop simulate --memory --locale en-US --user amzn1\.ask\.account\.SIMULATED-USER \\\n {2}--say 'buy cave quest' \\\n {2}--say ':fault monetization-500' \\\n {2}--say 'what'\\''s "new"'/);
    assert.match(script, /# Owned when the recording began .*: cave_quest\./);
  });
});

describe('web debugger: any skill over --endpoint', () => {
  it('shows the endpoint, no storage of its own, and the export names the URL', async () => {
    const skill = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ version: '1.0', sessionAttributes: { visits: 1 }, response: { outputSpeech: { type: 'PlainText', text: 'Hello from elsewhere.' }, shouldEndSession: false } }));
    });
    await new Promise<void>((resolve) => skill.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(skill.address() as AddressInfo).port}/alexa`;
    const sim = await simulator({ project: CAVE_QUEST, endpoint });
    const web = await startWebDebugger({ simulator: sim, port: 0, endpoint });
    try {
      const { json } = await postJson(web.url, '/api/launch');
      const { steps, view } = json as { steps: Step[]; view: StateResponse['view'] };
      const step = steps.at(-1)!;
      assert.ok(step.kind === 'turn');
      if (step.kind !== 'turn') return;
      assert.equal(step.turn.speech, 'Hello from elsewhere.');
      assert.deepEqual(step.after.sessionAttributes, { visits: 1 });
      assert.equal(step.after.userData, null, 'a remote skill\'s storage cannot be seen');
      assert.equal(view.skill.target, endpoint);
      assert.equal(view.shop.ledger, null);
      const test = await (await fetch(new URL('/api/export/test', web.url))).text();
      assert.ok(test.includes(`endpoint: '${endpoint}'`));
    } finally {
      await web.close();
      await sim.close();
      skill.close();
    }
  });
});

describe('web debugger: reloading the skill', () => {
  it('reloads when app/ changes, keeping what the user owns; a broken app keeps the old one running', async () => {
    const project = copyCaveQuest();
    const start = () => simulator({ project: project.dir });
    const first = await start();
    const web = await startWebDebugger({ simulator: first, port: 0, restart: restartFromProject(start, project.dir) });
    try {
      await postJson(web.url, '/api/grant', { referenceName: 'cave_quest' });
      await postJson(web.url, '/api/fault', { name: 'purchase-error', on: true });
      const appFile = join(project.dir, 'app', 'app.js');
      writeFileSync(appFile, readFileSync(appFile, 'utf8').replace('Welcome to Cave Quest.', 'Welcome back to Cave Quest.'));
      const reloaded = await waitFor(() => web.session.steps.find((s) => s.kind === 'reload'), 10_000);
      assert.ok(reloaded.kind === 'reload' && reloaded.ok, JSON.stringify(reloaded));
      assert.match(reloaded.message, /app\/app\.js changed: the skill was reloaded/);
      assert.notEqual(web.simulator, first, 'a fresh simulator');
      const { json } = await postJson(web.url, '/api/launch');
      const turn = (json as { steps: Step[] }).steps.at(-1)!;
      assert.ok(turn.kind === 'turn' && turn.turn.speech.startsWith('Welcome back to Cave Quest.'));
      assert.equal(web.simulator.entitlements().find((e) => e.referenceName === 'cave_quest')?.entitled, true, 'owned across the reload');
      assert.deepEqual(web.simulator.faults, ['purchase-error']);

      writeFileSync(appFile, 'module.exports = { app: ');
      const { status, json: failed } = await postJson(web.url, '/api/reload');
      assert.equal(status, 200);
      const step = (failed as { steps: Step[] }).steps.find((s) => s.kind === 'reload');
      assert.ok(step?.kind === 'reload' && !step.ok && /previous version keeps running/.test(step.message), JSON.stringify(step));
      const again = await postJson(web.url, '/api/say', { text: 'help' });
      assert.equal(again.status, 200);
    } finally {
      await web.close();
      await first.close();
      project.remove();
    }
  });
});

describe('skillshop debug (CLI)', { skip: hasBuild() ? false : 'needs `npm run build` (the CLI runs from dist)' }, () => {
  it('`simulate --web` serves the page on 127.0.0.1 and stops on SIGTERM', async () => {
    const running = await startDebuggerCli(['simulate', '--web', '--port', '0', '--memory'], CAVE_QUEST);
    try {
      assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      assert.match(running.output(), /skillshop debugger for cave quest/);
      const state = await (await fetch(new URL('/api/state', running.url))).json() as StateResponse;
      assert.equal(state.view.skill.target, 'app/app (in process)');
      assert.equal(state.view.skill.reloadable, true);
    } finally {
      assert.equal(await running.stop(), 0);
    }
  });

  it('`debug --host 0.0.0.0` warns that others can reach it', async () => {
    const running = await startDebuggerCli(['debug', '--host', '0.0.0.0', '--port', '0', '--memory'], CAVE_QUEST);
    try {
      await waitFor(() => /Warning: the debugger listens on 0\.0\.0\.0/.test(running.output()) || undefined, 5000);
    } finally {
      await running.stop();
    }
  });
});

async function waitFor<T>(check: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
