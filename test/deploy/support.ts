/** Projects, homes and sessions for the deploy tests, against the fake SMAPI. */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { openSession, type Session } from '../../src/deploy/session';
import type { DeployEvent } from '../../src/deploy/events';
import type { FakeSmapi } from './fake-smapi';

export const REPO = join(__dirname, '..', '..');
export const CAVE_QUEST_FILE = 'platforms/alexaSkill/isps/entitlement/cave_quest.json';
export const HINT_PACK_FILE = 'platforms/alexaSkill/isps/consumable/hint_pack.json';
export const CAVE_CLUB_FILE = 'platforms/alexaSkill/isps/subscription/cave_club.json';

/** A copy of examples/cave-quest (an entitlement, a consumable, a subscription), without run-time data or builds. */
export function caveQuestProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skillshop-deploy-'));
  const root = join(REPO, 'examples', 'cave-quest');
  const skipped = ['.skillshop', 'skill-package', 'test', 'node_modules'];
  cpSync(root, dir, { recursive: true, filter: (source) => !relative(root, source).split(/[/\\]/).some((part) => skipped.includes(part)) });
  return dir;
}

export function readJson<T = Record<string, unknown>>(dir: string, file: string): T {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
}

export function editJson(dir: string, file: string, edit: (value: Record<string, unknown>) => void): void {
  const value = readJson(dir, file);
  edit(value);
  writeFileSync(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
}

/** Every file under dir with its bytes: to prove that nothing changed. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at)) {
      const path = join(at, entry);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, 'base64');
    }
  };
  walk(dir);
  return out;
}

/**
 * A home directory with ~/.ask/cli_config the way the ASK CLI writes it (JSON.stringify, 2
 * spaces, no trailing newline), with a second profile and other keys that must survive a refresh.
 */
export function askHome(fake: FakeSmapi, options: { expiresInMs?: number; profile?: string } = {}): { home: string; configFile: string; tokens: ReturnType<FakeSmapi['issueTokens']>; text: string } {
  const home = mkdtempSync(join(tmpdir(), 'skillshop-home-'));
  const tokens = fake.issueTokens();
  const config = {
    profiles: {
      other: { aws_profile: 'other-aws', token: { access_token: 'Atza|other', refresh_token: 'Atzr|other', token_type: 'bearer', expires_in: 3600, expires_at: '2030-01-01T00:00:00.000Z' }, vendor_id: 'MOTHER' },
      [options.profile ?? 'default']: {
        aws_profile: 'default-aws',
        token: { ...tokens, expires_at: new Date(Date.now() + (options.expiresInMs ?? 3600_000)).toISOString() },
        vendor_id: fake.vendorId,
      },
    },
    machine_id: 'b2c1e7a0-0000-4000-8000-000000000000',
    share_usage: false,
  };
  const text = JSON.stringify(config, null, 2);
  mkdirSync(join(home, '.ask'), { recursive: true });
  const configFile = join(home, '.ask', 'cli_config');
  writeFileSync(configFile, text, { mode: 0o600 });
  return { home, configFile, tokens, text };
}

export function fakeEnv(fake: FakeSmapi, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...fake.env(),
    ASK_LWA_CLIENT_ID: fake.client.clientId,
    ASK_LWA_CLIENT_CONFIRMATION: fake.client.clientConfirmation,
    ...extra,
  };
}

/** A session against the fake: no waiting, events collected. */
export function fakeSession(fake: FakeSmapi, home: string, options: { profile?: string; env?: Record<string, string> } = {}): Session & { events: DeployEvent[]; sleeps: number[] } {
  const events: DeployEvent[] = [];
  const sleeps: number[] = [];
  const session = openSession({
    ...(options.profile ? { profile: options.profile } : {}),
    env: fakeEnv(fake, options.env),
    homeDir: home,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onEvent: (event) => events.push(event),
  });
  return { ...session, events, sleeps };
}
