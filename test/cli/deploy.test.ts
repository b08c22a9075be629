/**
 * `skillshop deploy`, `login` and `isp deploy|status|pull|reset`, run as a user would (the built CLI
 * in a child process, `npm run build` first) against the fake SMAPI and LWA on loopback, with a
 * temporary HOME holding ~/.ask/cli_config.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, runCli } from '../helpers/cli';
import { startFakeSmapi, type FakeSmapi } from '../deploy/fake-smapi';
import { askHome, CAVE_QUEST_FILE, caveQuestProject, editJson, readJson, snapshot } from '../deploy/support';

let fake: FakeSmapi;
before(async () => {
  fake = await startFakeSmapi();
});
after(() => fake.close());

function env(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...fake.env(),
    HOME: home,
    ASK_LWA_CLIENT_ID: fake.client.clientId,
    ASK_LWA_CLIENT_CONFIRMATION: fake.client.clientConfirmation,
    ASK_ACCESS_TOKEN: '',
    ASK_REFRESH_TOKEN: '',
    ASK_VENDOR_ID: '',
    ASK_DEFAULT_PROFILE: '',
    SKILLSHOP_DEPLOY_DELAY_SCALE: '0',
    BROWSER: 'none',
    ...extra,
  };
}

/** No output may ever hold a token. */
function assertNoTokens(home: string, ...outputs: string[]): void {
  const config = readFileSync(join(home, '.ask', 'cli_config'), 'utf8');
  const tokens = [...config.matchAll(/"(Atz[ar]\|[^"]+)"/g)].map((match) => match[1]!);
  assert.ok(tokens.length > 0);
  for (const output of outputs) for (const token of tokens) assert.ok(!output.includes(token), `a token leaked into:\n${output}`);
}

describe('skillshop deploy', () => {
  it('deploys the cave-quest example, then finds nothing to do; --json holds the result and no token', async () => {
    const project = caveQuestProject();
    const { home } = askHome(fake);
    const first = await runCli(['deploy', '--cwd', project], env(home));
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.match(first.stdout, /Deploying with profile "default" \(vendor M2FAKEVENDOR\)\./);
    assert.match(first.stdout, /Built en-US/);
    assert.match(first.stdout, /Plan:\n {2}create {5}skill package \(a new skill\)\n {2}create {5}product cave_club {2}platforms\/alexaSkill\/isps\/subscription\/cave_club\.json/);
    assert.match(first.stdout, /Importing it as a new skill/);
    assert.match(first.stdout, /IN_PROGRESS/);
    assert.match(first.stdout, /Skill amzn1\.ask\.skill\.[0-9a-f-]+ created\./);
    assert.match(first.stdout, /✓ create product cave_quest/);
    assert.match(first.stdout, /✓ link link cave_quest/);
    assert.match(first.stdout, /✓ enable enablement for testing/);
    assert.match(first.stdout, /Deployed to amzn1\.ask\.skill\.[0-9a-f-]+: products: 3 created, 0 updated, 0 unchanged, 0 live \(left alone\); 3 linked, 0 unlinked\./);
    const state = readJson<{ profiles: { default: { skillId: string; products: Record<string, { productId: string }> } } }>(project, '.skillshop/state.json');
    assert.ok(fake.skills.has(state.profiles.default.skillId));

    const second = await runCli(['deploy', '--cwd', project], env(home));
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.match(second.stdout, /Everything is up to date \(amzn1\.ask\.skill\.[0-9a-f-]+\): nothing was sent\./);

    const json = await runCli(['deploy', '--json', '--cwd', project], env(home));
    assert.equal(json.code, 0, json.stderr);
    const result = JSON.parse(json.stdout) as { ok: boolean; skillId: string; actions: { action: string }[] };
    assert.equal(result.ok, true);
    assert.equal(result.skillId, state.profiles.default.skillId);
    assert.ok(result.actions.every((action) => action.action === 'unchanged'));
    assertNoTokens(home, first.stdout, first.stderr, second.stdout, json.stdout, json.stderr);
  });

  it('--dry-run prints the plan and changes nothing', async () => {
    const project = caveQuestProject();
    const { home } = askHome(fake);
    const before = snapshot(project);
    const writes = fake.mutating().length;
    const { code, stdout, stderr } = await runCli(['deploy', '--dry-run', '--cwd', project], env(home));
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout, /create {5}skill package \(a new skill\)/);
    assert.match(stdout, /link {7}link hint_pack/);
    assert.match(stdout, /Dry run: nothing was changed, here or at Amazon\./);
    assert.deepEqual(snapshot(project), before);
    assert.equal(fake.mutating().length, writes);
  });

  it('refreshes an expired token and writes cli_config back byte for byte except the token', async () => {
    const project = caveQuestProject();
    const { home, configFile, text } = askHome(fake, { expiresInMs: -1000 });
    const { code, stdout, stderr } = await runCli(['isp', 'deploy', '--cwd', project], env(home));
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout, /Refreshed the access token of profile "default"\./);
    assert.match(stdout, /is not linked: there is no skill yet/);
    const written = readFileSync(configFile, 'utf8');
    const expected = JSON.parse(text) as { profiles: { default: { token: unknown } } };
    expected.profiles.default.token = (JSON.parse(written) as typeof expected).profiles.default.token;
    assert.equal(written, JSON.stringify(expected, null, 2));
    assert.equal(statSync(configFile).mode & 0o777, 0o600);
    assertNoTokens(home, stdout, stderr);
  });

  it('explains how to log in again when Amazon refuses the credentials', async () => {
    const project = caveQuestProject();
    const { home } = askHome(fake, { expiresInMs: -1000 });
    const { code, stdout, stderr } = await runCli(['deploy', '--cwd', project], env(home, { ASK_LWA_CLIENT_CONFIRMATION: 'not-the-secret' }));
    assert.equal(code, 1, stdout + stderr);
    assert.match(stderr, /skillshop deploy: Login with Amazon refused to refresh the access token \(invalid_client/);
    assert.match(stderr, /Log in again: `skillshop login --profile default` \(or `ask configure --profile default`\)\. \[SKILLSHOP_DEPLOY_AUTH_FAILED\]/);
    assertNoTokens(home, stdout, stderr);
  });

  it('says a console edit conflicts (412) and offers isp pull, which takes Amazon\'s version; status shows the way', async () => {
    const project = caveQuestProject();
    const { home } = askHome(fake);
    assert.equal((await runCli(['deploy', '--cwd', project], env(home))).code, 0);
    const id = readJson<{ profiles: { default: { products: Record<string, { productId: string }> } } }>(project, '.skillshop/state.json').profiles.default.products.cave_quest!.productId;
    fake.consoleEdit(id, (definition) => {
      definition.testingInstructions = 'From the console.';
    });
    editJson(project, CAVE_QUEST_FILE, (definition) => {
      definition.testingInstructions = 'From the file.';
    });
    const status = await runCli(['isp', 'status', '--json', '--cwd', project], env(home));
    assert.equal(status.code, 0, status.stderr);
    const quest = (JSON.parse(status.stdout) as { products: { referenceName: string; differs: boolean; changedAtAmazon: boolean; linked: boolean; status: string }[] }).products.find((p) => p.referenceName === 'cave_quest')!;
    assert.deepEqual([quest.differs, quest.changedAtAmazon, quest.linked, quest.status], [true, true, true, 'COMPLETE']);
    const table = await runCli(['isp', 'status', '--cwd', project], env(home));
    assert.match(table.stdout, /cave_quest +amzn1\.adg\.product\.\S+ +COMPLETE +yes +differs \(changed at Amazon\)/);

    const conflict = await runCli(['deploy', '--cwd', project], env(home));
    assert.equal(conflict.code, 1);
    assert.match(conflict.stderr, /cave_quest changed at Amazon since skillshop last deployed it/);
    assert.match(conflict.stderr, /`skillshop isp pull cave_quest` takes Amazon's version into the file/);
    assert.match(conflict.stderr, /\[SKILLSHOP_DEPLOY_CONFLICT\]/);

    const pull = await runCli(['isp', 'pull', 'cave_quest', '--cwd', project], env(home));
    assert.equal(pull.code, 0, pull.stderr);
    assert.match(pull.stdout, /updated {3}platforms\/alexaSkill\/isps\/entitlement\/cave_quest\.json/);
    assert.equal(readJson(project, CAVE_QUEST_FILE).testingInstructions, 'From the console.');
    const after = await runCli(['deploy', '--cwd', project], env(home));
    assert.match(after.stdout, /Everything is up to date/);
  });

  it('resets my test purchases', async () => {
    const project = caveQuestProject();
    const { home } = askHome(fake);
    assert.equal((await runCli(['isp', 'deploy', '--cwd', project], env(home))).code, 0);
    const { code, stdout, stderr } = await runCli(['isp', 'reset', 'hint_pack', '--cwd', project], env(home));
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Reset your test purchases of hint_pack \(amzn1\.adg\.product\./);
    const unknown = await runCli(['isp', 'reset', 'hint_pak', '--json', '--cwd', project], env(home));
    assert.equal(unknown.code, 1);
    assert.equal((JSON.parse(unknown.stdout) as { error: { code: string } }).error.code, 'SKILLSHOP_ISP_PRODUCT_UNKNOWN');
  });

  it('says how to log in when there is no profile', async () => {
    const project = caveQuestProject();
    const home = mkdtempSync(join(tmpdir(), 'skillshop-nohome-'));
    const { code, stderr } = await runCli(['deploy', '--cwd', project], env(home));
    assert.equal(code, 1);
    assert.match(stderr, /No ASK profile "default": there is no .*cli_config: log in with `skillshop login --profile default`.*\[SKILLSHOP_DEPLOY_CREDENTIALS_MISSING\]/s);
  });
});

describe('skillshop login', () => {
  it('--no-browser: takes the pasted code and writes the ASK CLI profile (and the LWA client given as flags)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skillshop-login-'));
    const code = fake.authorize('http://127.0.0.1:9090/cb');
    const result = await runCli(
      ['login', '--no-browser', '--profile', 'shop', '--client-id', fake.client.clientId, '--client-confirmation', fake.client.clientConfirmation],
      env(home, { ASK_LWA_CLIENT_ID: '', ASK_LWA_CLIENT_CONFIRMATION: '' }),
      `\n${code}\n`,
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /\/ap\/oa\?client_id=amzn1\.application-oa2-client\.fake&scope=alexa%3A%3Aask%3Askills%3Areadwrite/);
    assert.match(result.stdout, /Signed in\. Saved profile "shop" \(vendor M2FAKEVENDOR\)/);
    const configFile = join(home, '.ask', 'cli_config');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as { profiles: { shop: { vendor_id: string; token: { access_token: string; refresh_token: string; expires_at: string } } } };
    assert.equal(config.profiles.shop.vendor_id, fake.vendorId);
    assert.match(config.profiles.shop.token.refresh_token, /^Atzr\|/);
    assert.ok(Date.parse(config.profiles.shop.token.expires_at) > Date.now());
    assert.equal(statSync(configFile).mode & 0o777, 0o600);
    const saved = join(home, '.skillshop', 'config.json');
    assert.deepEqual(JSON.parse(readFileSync(saved, 'utf8')), { lwaClient: fake.client });
    assert.equal(statSync(saved).mode & 0o777, 0o600);
    assertNoTokens(home, result.stdout, result.stderr);

    // The profile works for deploy, with the saved client for refreshes.
    const project = caveQuestProject();
    const status = await runCli(['isp', 'status', '--profile', 'shop', '--cwd', project], env(home, { ASK_LWA_CLIENT_ID: '', ASK_LWA_CLIENT_CONFIRMATION: '' }));
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^profile "shop", vendor M2FAKEVENDOR/);
  });

  it('signs in through the local callback on 127.0.0.1, checking the state', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skillshop-login-'));
    const child = spawn(process.execPath, [BIN, 'login', '--port', '0'], { env: { ...process.env, ...env(home) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const deadline = Date.now() + 10_000;
    while (!/Waiting for the sign-in/.test(out)) {
      assert.ok(Date.now() < deadline, out);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const authorizeUrl = new URL(/(http:\/\/127\.0\.0\.1:\d+\/ap\/oa\?\S+)/.exec(out)![1]!);
    const redirectUri = authorizeUrl.searchParams.get('redirect_uri')!;
    const state = authorizeUrl.searchParams.get('state')!;
    assert.match(redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/cb$/);
    const forged = await fetch(`${redirectUri}?code=${fake.authorize(redirectUri)}&state=forged`);
    assert.equal(forged.status, 400, 'a callback with another state is refused');
    const answer = await fetch(`${redirectUri}?code=${fake.authorize(redirectUri)}&state=${state}`);
    assert.equal(answer.status, 200);
    assert.match(await answer.text(), /Signed in to skillshop/);
    assert.equal(await exited, 0, out);
    assert.match(out, /Saved profile "default" \(vendor M2FAKEVENDOR\)/);
    assert.ok(existsSync(join(home, '.ask', 'cli_config')));
    assert.ok(!existsSync(join(home, '.skillshop', 'config.json')), 'a client from the environment is not saved');
    assertNoTokens(home, out);
  });
});
