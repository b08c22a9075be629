/** `skillshop simulate` as a user runs it: scripted, as JSON, and as a REPL on piped input. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO, runCli } from '../helpers/cli';

const EXAMPLE = join(REPO, 'examples', 'cave-quest');

interface JsonTurn {
  user: string;
  speech: string;
  nlu: { intent: { name: string } | null } | null;
  requests: { request: { type: string; status?: { code: string }; token?: string }; session?: { sessionId: string; new: boolean; attributes: object } }[];
  responses: unknown[];
  purchase?: { purchaseResult: string };
}

describe('skillshop simulate', () => {
  it('--say … --json prints one turn per utterance with nlu, requests and responses', async () => {
    const result = await runCli(['simulate', '--cwd', EXAMPLE, '--memory', '--json',
      '--say', 'open cave quest', '--say', 'buy cave quest', '--say', 'yes']);
    assert.equal(result.code, 0, result.stderr);
    const { turns } = JSON.parse(result.stdout) as { turns: JsonTurn[] };
    assert.deepEqual(turns.map((t) => t.user), ['open cave quest', 'buy cave quest', 'yes']);
    assert.equal(turns[0]!.speech, 'Welcome to Cave Quest. Would you like to buy the Cave Quest expansion?');
    assert.equal(turns[1]!.nlu?.intent?.name, 'BuySkillItemIntent');
    assert.match(turns[1]!.speech, /It's \$1\.99 plus tax\. Would you like to buy it\?$/);
    assert.equal(turns[2]!.speech, 'Great! You now have Cave Quest. ACCEPTED');
    const hop = turns[2]!.requests[0]!;
    assert.equal(hop.request.type, 'Connections.Response');
    assert.equal(hop.request.status?.code, '200');
    assert.equal(hop.session?.new, true);
    assert.notEqual(hop.session?.sessionId, turns[0]!.requests[0]!.session?.sessionId);
    assert.equal(turns[2]!.responses.length, 1);
    assert.match(result.stderr, /purchaseResult: 'ACCEPTED'/, 'what the skill logs goes to stderr in --json mode');
  });

  it('prints a readable transcript without --json', async () => {
    const result = await runCli(['simulate', '--cwd', EXAMPLE, '--memory', '--say', 'open cave quest', '--say', 'give me a hint']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /you> open cave quest\nSkill: Welcome to Cave Quest/);
    assert.match(result.stdout, /Alexa: You are out of hints\./);
    assert.match(result.stdout, /Alexa waits for yes or no/);
  });

  it('--fault applies for the run', async () => {
    const result = await runCli(['simulate', '--cwd', EXAMPLE, '--memory', '--json', '--fault', 'device-cannot-buy', '--say', 'buy cave quest']);
    const { turns } = JSON.parse(result.stdout) as { turns: JsonTurn[] };
    assert.equal(turns[0]!.speech, 'Sorry, I am unable to fulfill your request on this device. ERROR');
  });

  it('keeps entitlements between runs, and --reset clears them', async () => {
    const buy = await runCli(['simulate', '--cwd', EXAMPLE, '--reset', '--user', 'amzn1.ask.account.CLI-TEST', '--json', '--say', 'buy cave quest', '--say', 'yes']);
    assert.equal(buy.code, 0, buy.stderr);
    const again = await runCli(['simulate', '--cwd', EXAMPLE, '--user', 'amzn1.ask.account.CLI-TEST', '--json', '--say', 'buy cave quest']);
    assert.equal((JSON.parse(again.stdout) as { turns: JsonTurn[] }).turns[0]!.speech, 'You own it already');
    const reset = await runCli(['simulate', '--cwd', EXAMPLE, '--reset', '--user', 'amzn1.ask.account.CLI-TEST', '--json', '--say', 'buy cave quest']);
    assert.match((JSON.parse(reset.stdout) as { turns: JsonTurn[] }).turns[0]!.speech, /Would you like to buy it\?/);
  });

  it('runs as a REPL on piped input, with :commands', async () => {
    const input = ['open cave quest', 'buy cave quest', 'yes', ':entitlements', ':fault purchase-error', ':fault', ':json', 'help', ':nope', ':quit', 'never read'].join('\n');
    const result = await runCli(['simulate', '--cwd', EXAMPLE, '--memory'], {}, input);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Say "open cave quest"/);
    assert.match(result.stdout, /Alexa: Great! You now have Cave Quest\./);
    assert.match(result.stdout, /cave_quest\s+ENTITLEMENT\s+ENTITLED/);
    assert.match(result.stdout, /Fault on: purchase-error/);
    assert.match(result.stdout, /Active: purchase-error/);
    assert.match(result.stdout, /→ \{"version":"1\.0"/, ':json shows the raw requests');
    assert.match(result.stdout, /Unknown command ":nope"/);
    assert.doesNotMatch(result.stdout, /never read/);
  });

  it('an unknown fault or locale is a usage error', async () => {
    const fault = await runCli(['simulate', '--cwd', EXAMPLE, '--memory', '--fault', 'gremlins', '--say', 'hi']);
    assert.equal(fault.code, 2);
    assert.match(fault.stderr, /Unknown fault "gremlins"/);
    const locale = await runCli(['simulate', '--cwd', EXAMPLE, '--memory', '--locale', 'de-DE', '--say', 'hallo']);
    assert.equal(locale.code, 2);
    assert.match(locale.stderr, /no de-DE model\. Modelled locales: en-US/);
  });

  it('a folder without a model is a clear error', async () => {
    const result = await runCli(['simulate', '--cwd', join(REPO, 'docs'), '--say', 'hi']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /No language model in/);
  });
});
