import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../src/clock';
import { Credentials, ENVIRONMENT_PROFILE } from '../../src/deploy/credentials';
import { isSkillshopError } from '../../src/errors';
import { startFakeSmapi, type FakeSmapi } from './fake-smapi';
import { askHome, fakeEnv } from './support';

let fake: FakeSmapi;
before(async () => {
  fake = await startFakeSmapi();
});
after(() => fake.close());

function thrown(work: () => unknown): Error & { code?: string } {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected an error');
}

async function rejected(work: () => Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await work();
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected an error');
}

describe('Credentials', () => {
  it('resolves --profile, then ASK_DEFAULT_PROFILE, then "default"; a missing profile says how to log in', () => {
    const { home } = askHome(fake, { profile: 'work' });
    const env = fakeEnv(fake);
    assert.equal(Credentials.resolve({ profile: 'work', env, homeDir: home }).profile, 'work');
    assert.equal(Credentials.resolve({ env: { ...env, ASK_DEFAULT_PROFILE: 'other' }, homeDir: home }).vendorId, 'MOTHER');
    const missing = thrown(() => Credentials.resolve({ env, homeDir: home }));
    assert.equal((missing as { code?: string }).code, 'SKILLSHOP_DEPLOY_CREDENTIALS_MISSING');
    assert.match(missing.message, /No ASK profile "default": .*cli_config has "other", "work"; pick one with --profile, or log in with `skillshop login --profile default`/);
    const nowhere = thrown(() => Credentials.resolve({ env, homeDir: mkdtempSync(join(tmpdir(), 'skillshop-empty-')) }));
    assert.match(nowhere.message, /there is no .*cli_config: log in with `skillshop login --profile default` \(or `ask configure --profile default`\)/);
  });

  it('uses ASK_ACCESS_TOKEN / ASK_REFRESH_TOKEN with ASK_VENDOR_ID when no --profile is given (CI); a refreshed token stays in memory', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skillshop-ci-'));
    const tokens = fake.issueTokens();
    const env = fakeEnv(fake, { ASK_REFRESH_TOKEN: tokens.refresh_token, ASK_VENDOR_ID: fake.vendorId });
    const credentials = Credentials.resolve({ env, homeDir: home });
    assert.equal(credentials.profile, ENVIRONMENT_PROFILE);
    assert.equal(credentials.source, 'environment');
    const token = await credentials.accessToken();
    assert.match(token, /^Atza\|fake-access/);
    assert.equal(await credentials.accessToken(), token, 'refreshed once');
    assert.ok(!existsSync(join(home, '.ask')), 'nothing written for environment credentials');
    const noVendor = thrown(() => Credentials.resolve({ env: { ASK_ACCESS_TOKEN: 'Atza|x' }, homeDir: home }));
    assert.match(noVendor.message, /ASK_ACCESS_TOKEN is set but ASK_VENDOR_ID is not/);
    assert.ok(!noVendor.message.includes('Atza|x'));
    const access = Credentials.resolve({ env: { ASK_ACCESS_TOKEN: 'Atza|plain', ASK_VENDOR_ID: 'V' }, homeDir: home });
    assert.equal(await access.accessToken(), 'Atza|plain');
    assert.equal(await access.renew(), false);
  });

  it('refreshes a minute before expires_at, not later, and writes the token back byte for byte, mode 0600', async () => {
    const { home, configFile, text, tokens } = askHome(fake, { expiresInMs: 3600_000 });
    const expiresAt = Date.parse((JSON.parse(text) as { profiles: { default: { token: { expires_at: string } } } }).profiles.default.token.expires_at);
    const clock = fixedClock(expiresAt - 61_000);
    const credentials = Credentials.resolve({ env: fakeEnv(fake), homeDir: home, clock });
    assert.equal(await credentials.accessToken(), tokens.access_token, 'still more than a minute left');
    assert.equal(readFileSync(configFile, 'utf8'), text);
    clock.set(expiresAt - 59_000);
    const fresh = await credentials.accessToken();
    assert.notEqual(fresh, tokens.access_token);
    const written = readFileSync(configFile, 'utf8');
    const expected = JSON.parse(text) as { profiles: { default: { token: Record<string, unknown> } } };
    const now = JSON.parse(written) as typeof expected;
    assert.equal(now.profiles.default.token.access_token, fresh);
    assert.equal(now.profiles.default.token.refresh_token, tokens.refresh_token);
    assert.equal(now.profiles.default.token.expires_at, new Date(expiresAt - 59_000 + 3600_000).toISOString());
    expected.profiles.default.token = now.profiles.default.token;
    assert.equal(written, JSON.stringify(expected, null, 2), 'the rest of the file is untouched');
    assert.equal(statSync(configFile).mode & 0o777, 0o600);
  });

  it('keeps a hand-formatted cli_config as it is, and writes through a symlink', async () => {
    const { home, configFile, tokens } = askHome(fake);
    const text = `{\n\t"profiles": {\n\t\t"default": {"vendor_id": "${fake.vendorId}", "token": {"access_token": "${tokens.access_token}", "refresh_token": "${tokens.refresh_token}", "expires_at": "2000-01-01T00:00:00.000Z"}, "aws_profile": "x"}\n\t}, "share_usage": false\n}\n`;
    const real = join(home, 'dotfiles-cli_config');
    writeFileSync(real, text, { mode: 0o644 });
    renameSync(configFile, `${configFile}.old`);
    symlinkSync(real, configFile);
    const credentials = Credentials.resolve({ env: fakeEnv(fake), homeDir: home });
    await credentials.accessToken();
    assert.ok(lstatSync(configFile).isSymbolicLink(), 'the link stays');
    const written = readFileSync(real, 'utf8');
    const start = text.indexOf('{"access_token"');
    const end = text.indexOf('}, "aws_profile"') + 1;
    assert.equal(written.slice(0, start), text.slice(0, start));
    assert.equal(written.slice(written.length - (text.length - end)), text.slice(end));
    assert.equal(statSync(real).mode & 0o777, 0o600);
  });

  it('takes a token the ASK CLI refreshed meanwhile instead of refreshing again', async () => {
    const { home, configFile } = askHome(fake, { expiresInMs: 1000 });
    const credentials = Credentials.resolve({ env: fakeEnv(fake), homeDir: home });
    const fresh = fake.issueTokens();
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as { profiles: { default: { token: unknown } } };
    config.profiles.default.token = { ...fresh, expires_at: new Date(Date.now() + 3600_000).toISOString() };
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    const refreshes = fake.count('lwa-token');
    assert.equal(await credentials.accessToken(), fresh.access_token);
    assert.equal(fake.count('lwa-token'), refreshes);
  });

  it('explains a refused refresh and a missing LWA client, without a token in any message', async () => {
    const { home, tokens } = askHome(fake, { expiresInMs: 0 });
    const noClient = await rejected(() => Credentials.resolve({ env: fake.env(), homeDir: home }).accessToken());
    assert.equal(noClient.code, 'SKILLSHOP_DEPLOY_CREDENTIALS_MISSING');
    assert.match(noClient.message, /ASK_LWA_CLIENT_ID and ASK_LWA_CLIENT_CONFIRMATION/);
    assert.match(noClient.message, /any ASK CLI command \(e\.g\. `ask smapi list-skills-for-vendor`\) refreshes it/);

    const refused = await rejected(() => Credentials.resolve({ env: fakeEnv(fake, { ASK_LWA_CLIENT_CONFIRMATION: 'wrong' }), homeDir: home }).accessToken());
    assert.ok(isSkillshopError(refused, 'DEPLOY_AUTH_FAILED'));
    assert.match(refused.message, /Login with Amazon refused to refresh the access token \(invalid_client: Client authentication failed\)\. A refresh token only works with the LWA client that issued it/);
    assert.match(refused.message, /skillshop login --profile default/);
    for (const message of [noClient.message, refused.message, JSON.stringify(refused)]) {
      assert.ok(!message.includes(tokens.access_token) && !message.includes(tokens.refresh_token));
    }

    mkdirSync(join(home, '.skillshop'), { recursive: true });
    writeFileSync(join(home, '.skillshop', 'config.json'), JSON.stringify({ lwaClient: fake.client }));
    assert.match(await Credentials.resolve({ env: fake.env(), homeDir: home }).accessToken(), /^Atza\|/, 'the client saved by skillshop login');
  });
});
