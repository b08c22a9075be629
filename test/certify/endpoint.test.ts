/**
 * certify over --endpoint: the same exploration drives a skill skillshop did not write — Cave
 * Quest on the plain ASK SDK (test/fixtures/ask-sdk-skill), served over HTTP — with the model and
 * the catalog of examples/cave-quest. The library call and the CLI.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { certify } from '../../src/certify';
import { REPO, runCli } from '../helpers/cli';

interface AskSdkSkillServer {
  url: string;
  close: () => Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startAskSdkSkill } = require('../fixtures/ask-sdk-skill/skill.js') as {
  startAskSdkSkill: (options?: { port?: number }) => Promise<AskSdkSkillServer>;
};

const EXAMPLE = join(REPO, 'examples', 'cave-quest');

describe('certify --endpoint (an ASK SDK skill over HTTP)', () => {
  let skill: AskSdkSkillServer;
  before(async () => {
    skill = await startAskSdkSkill();
  });
  after(async () => {
    await skill?.close();
  });

  it('explores the skill at the endpoint: its directives and speech are the evidence', async () => {
    const report = await certify({ project: EXAMPLE, endpoint: skill.url, only: ['buy.direct'], locale: 'en-US' });
    assert.deepEqual(report.checks.map((check) => [check.product, check.status]), [['cave_club', 'pass'], ['cave_quest', 'pass'], ['hint_pack', 'pass']]);
    assert.ok(report.checks[1]!.evidence.includes('skill → Buy cave_quest'), report.checks[1]!.evidence.join('\n'));
  });

  it('a dead endpoint: the dynamic rules say why they could not run, never pass', async () => {
    const gone = await startAskSdkSkill();
    await gone.close();
    const report = await certify({ project: EXAMPLE, endpoint: gone.url, only: ['buy.direct'], locale: 'en-US' });
    assert.ok(report.checks.length > 0);
    for (const check of report.checks) assert.notEqual(check.status, 'pass', JSON.stringify(check));
  });

  it('the CLI takes --endpoint', async () => {
    const { code, stdout } = await runCli(['certify', '--cwd', EXAMPLE, '--endpoint', skill.url, '--only', 'buy.direct', '--locale', 'en-US', '--json']);
    assert.equal(code, 0, stdout);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.checks.map((check: { status: string }) => check.status), ['pass', 'pass', 'pass']);
  });
});
