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

  it('the REPL\'s controls: a parent\'s decision, products off sale, re-enabling, a result chosen by hand', async () => {
    const input = [
      ':fault pending-purchase', 'buy cave quest', 'yes', ':pending', 'buy cave quest', ':approve cave_quest', ':pending', ':entitlements',
      'buy more hints', 'yes', ':deny hint_pack', ':expire hint_pack', ':fault off',
      ':offsale hint_pack', 'buy more hints', ':onsale hint_pack',
      ':reenable', ':entitlements',
      ':result none', 'buy more hints', ':result accepted', 'buy more hints', ':result status=500', 'buy more hints', ':result none', 'buy more hints', ':result SOMETHING_NEW',
      ':approve', ':result two words', ':offsale dragon', ':help',
    ].join('\n');
    const result = await runCli(['simulate', '--cwd', EXAMPLE, '--memory'], {}, input);
    assert.equal(result.code, 0, result.stderr);
    const out = result.stdout;
    assert.match(out, /Skill: PENDING_PURCHASE/);
    assert.match(out, /cave_quest\s+waiting since \d{4}-\d\d-\d\dT/);
    assert.match(out, /Alexa: Cave Quest is still waiting for the account holder's approval\./);
    assert.match(out, /The parent approved cave_quest: the user owns it now/);
    assert.match(out, /No purchase waits for a parent\./);
    assert.match(out, /cave_quest\s+ENTITLEMENT\s+ENTITLED/);
    assert.match(out, /The parent refused hint_pack \(DENIED_BY_PARENT\)/);
    assert.match(out, /No purchase of hint_pack waits for a parent/);
    assert.match(out, /hint_pack is off sale \(NOT_PURCHASABLE\)/);
    assert.match(out, /Upsell hint_pack → ERROR|Buy hint_pack → ERROR/);
    assert.match(out, /hint_pack is on sale \(PURCHASABLE\)/);
    assert.match(out, /user amzn1\.ask\.account\.SIMULATED-USER-REENABLED-1 \(was amzn1\.ask\.account\.SIMULATED-USER\)/);
    assert.match(out, /! No purchase dialog is waiting for an answer/, ':result with nothing waiting');
    assert.match(out, /Buy hint_pack → ACCEPTED\n/);
    assert.match(out, /Buy hint_pack → status 500/);
    assert.match(out, /Buy hint_pack → no result sent/);
    assert.match(out, /Buy hint_pack → SOMETHING_NEW/);
    assert.match(out, /! :approve needs a product's reference name/);
    assert.match(out, /! :result takes one word/);
    assert.match(out, /! No product "dragon"/);
    assert.match(out, /:approve <product>\s+the parent approves it/);
    assert.match(out, /:result <RESULT>\|status=<code>\|none/);
  });

  it('--say takes the same :commands between utterances', async () => {
    const result = await runCli(['simulate', '--cwd', EXAMPLE, '--memory', '--json', '--fault', 'pending-purchase',
      '--say', 'buy cave quest', '--say', 'yes', '--say', ':approve cave_quest', '--say', 'buy cave quest',
      '--say', 'buy more hints', '--say', ':result ALREADY_PURCHASED']);
    assert.equal(result.code, 0, result.stderr);
    const { turns } = JSON.parse(result.stdout) as { turns: (JsonTurn & { forcedPurchase?: unknown })[] };
    assert.deepEqual(turns.map((t) => t.user), ['buy cave quest', 'yes', 'buy cave quest', 'buy more hints', '(ALREADY_PURCHASED)']);
    assert.equal(turns[1]!.purchase?.purchaseResult, 'PENDING_PURCHASE');
    assert.equal(turns[2]!.speech, 'You own it already');
    assert.deepEqual(turns[4]!.forcedPurchase, { purchaseResult: 'ALREADY_PURCHASED' });
    assert.match(result.stderr, /:approve cave_quest\nThe parent approved cave_quest/, 'a command\'s own output goes to stderr');

    const text = await runCli(['simulate', '--cwd', EXAMPLE, '--memory', '--say', ':offsale cave_quest', '--say', 'what can i buy', '--say', ':quit', '--say', 'never said']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /you> :offsale cave_quest\ncave_quest is off sale/);
    assert.match(text.stdout, /Skill: You can buy Cave Club or Hint Pack\./);
    assert.doesNotMatch(text.stdout, /never said/);

    const wrong = await runCli(['simulate', '--cwd', EXAMPLE, '--memory', '--say', ':approve']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /:approve needs a product's reference name/);
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
