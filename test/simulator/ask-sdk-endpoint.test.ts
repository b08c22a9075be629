/**
 * The simulator in front of a skill that skillshop did not write: Cave Quest on the plain ASK SDK
 * (test/fixtures/ask-sdk-skill), served over HTTP. The skill reads its catalog only through the
 * Monetization API at context.System.apiEndpoint — the simulator's emulator — with ask-sdk-core's
 * own DefaultApiClient and MonetizationServiceClient; the simulator supplies the interaction model
 * and the catalog from examples/cave-quest.
 */
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { simulator, type Simulator, type Turn } from '../../src/simulator';
import type { ConnectionsResponse, IntentRequest, RequestEnvelope } from '../../src/alexa/request';
import type { ResponseEnvelope } from '../../src/alexa/response';
import { REPO, runCli } from '../helpers/cli';

interface AskSdkSkillServer {
  url: string;
  close: () => Promise<void>;
}
// A plain CommonJS skill, as an ASK SDK developer writes it (no types of its own).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startAskSdkSkill } = require('../fixtures/ask-sdk-skill/skill.js') as {
  startAskSdkSkill: (options?: { port?: number }) => Promise<AskSdkSkillServer>;
};

const EXAMPLE = join(REPO, 'examples', 'cave-quest');
const WELCOME = 'Welcome to Cave Quest. Would you like to buy the Cave Quest expansion?';
const OFFER = 'The Cave Quest expansion takes you ten levels deeper, with new riddles and a dragon. It\'s $1.99 plus tax. Would you like to buy it?';
const SKILL_ERROR_HANDLER = 'Sorry, I had trouble doing what you asked. Please try again.';
const ALEXA_SKILL_ERROR = 'There was a problem with the requested skill\'s response.';

const responseOf = (turn: Turn, index = 0) => turn.responses[index] as ResponseEnvelope;
const requestOf = (turn: Turn, index = 0) => turn.requests[index]!;
const connectionsResponse = (envelope: RequestEnvelope) => envelope.request as ConnectionsResponse;

/** A server that was listening and is gone: connections to it fail. */
async function deadEndpoint(): Promise<string> {
  const gone = await startAskSdkSkill();
  await gone.close();
  return gone.url;
}

describe('simulator → an ASK SDK skill over HTTP (endpoint)', () => {
  let skill: AskSdkSkillServer;
  let sim: Simulator;
  let caveQuestId: string;

  before(async () => {
    skill = await startAskSdkSkill();
  });
  after(async () => {
    await skill?.close();
  });
  beforeEach(async () => {
    sim = await simulator({ project: EXAMPLE, endpoint: skill.url });
    caveQuestId = sim.emulator.productIdOf('cave_quest')!;
    assert.ok(caveQuestId);
  });
  afterEach(async () => {
    await sim?.close();
  });

  const caveQuestEntitled = () => sim.entitlements().find((e) => e.referenceName === 'cave_quest')?.entitled;

  it('launch: the skill answers over HTTP and the session stays open', async () => {
    const turn = await sim.say('open cave quest');
    assert.equal(turn.error, undefined);
    assert.deepEqual(turn.problems, []);
    assert.equal(turn.nlu?.kind, 'launch');
    assert.equal(turn.speech, WELCOME);
    assert.deepEqual(turn.lines.map((l) => l.speaker), ['skill']);
    assert.equal(turn.lines[0]!.ssml, `<speak>${WELCOME}</speak>`);
    assert.equal(turn.sessionOpen, true);
    const envelope = requestOf(turn);
    assert.equal(envelope.request.type, 'LaunchRequest');
    assert.equal(envelope.session?.new, true);
    // The skill is pointed at the emulator, with a token for this user.
    assert.equal(envelope.context.System.apiEndpoint, sim.emulator.url);
    assert.match(sim.emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(envelope.context.System.apiAccessToken, sim.emulator.tokenFor(sim.userId));
    const response = responseOf(turn);
    assert.match(String(response.userAgent), /^ask-node\/2\./);
    assert.equal(response.response.shouldEndSession, false);
    assert.deepEqual(response.sessionAttributes, { greeted: true });
  });

  it('buy, accepted: Buy directive with the service\'s productId → Alexa\'s offer → yes → ACCEPTED in a new session; entitled', async () => {
    await sim.say('open cave quest');
    const buy = await sim.say('buy cave quest');
    assert.equal(buy.error, undefined);
    assert.deepEqual(buy.problems, []);
    assert.equal(buy.nlu?.intent?.name, 'BuySkillItemIntent');
    const buyRequest = requestOf(buy);
    assert.equal((buyRequest.request as IntentRequest).intent.slots?.ProductName?.resolutions?.resolutionsPerAuthority?.[0]?.values?.[0]?.value.id, 'cave_quest');
    assert.deepEqual(buyRequest.session?.attributes, { greeted: true });
    // The productId can only have come from the emulator's Monetization API: the skill has no catalog.
    assert.deepEqual(responseOf(buy).response.directives, [
      { type: 'Connections.SendRequest', name: 'Buy', payload: { InSkillProduct: { productId: caveQuestId } }, token: 'correlationToken' },
    ]);
    assert.equal(buy.speech, OFFER);
    assert.deepEqual(buy.lines.map((l) => l.speaker), ['alexa']);
    assert.equal(buy.awaitingPurchaseAnswer, true);
    assert.equal(buy.sessionOpen, false);
    assert.equal(caveQuestEntitled(), false);

    const yes = await sim.say('yes');
    assert.equal(yes.error, undefined);
    assert.equal(yes.nlu, undefined, 'Alexa\'s purchase dialog took the answer');
    assert.equal(yes.speech, 'Great! You now have Cave Quest. ACCEPTED');
    assert.deepEqual(yes.lines.map((l) => l.speaker), ['alexa', 'skill']);
    assert.deepEqual(yes.purchase, {
      name: 'Buy', productId: caveQuestId, referenceName: 'cave_quest', purchaseResult: 'ACCEPTED', statusCode: '200', token: 'correlationToken',
    });
    assert.equal(yes.requests.length, 1);
    const hop = requestOf(yes);
    assert.deepEqual(connectionsResponse(hop).status, { code: '200', message: 'OK' });
    assert.deepEqual(connectionsResponse(hop).payload, { purchaseResult: 'ACCEPTED', productId: caveQuestId });
    assert.equal(connectionsResponse(hop).token, 'correlationToken');
    assert.equal(hop.session?.new, true);
    assert.notEqual(hop.session?.sessionId, buyRequest.session?.sessionId);
    assert.deepEqual(hop.session?.attributes ?? {}, {});
    assert.equal(yes.sessionOpen, false);
    assert.equal(caveQuestEntitled(), true);
  });

  it('buy when owned: the skill sees ENTITLED through the API and says so, no directive', async () => {
    assert.equal(sim.emulator.buy(sim.userId, caveQuestId), 'ACCEPTED');
    const turn = await sim.say('ask cave quest to buy cave quest');
    assert.equal(turn.error, undefined);
    assert.equal(turn.nlu?.intent?.name, 'BuySkillItemIntent');
    assert.equal(turn.speech, 'You own it already');
    assert.equal(turn.purchase, undefined);
    assert.equal(turn.requests.length, 1);
    assert.equal(responseOf(turn).response.directives, undefined);
    assert.equal(turn.sessionOpen, false);
  });

  it('buy, declined: DECLINED, still not entitled', async () => {
    await sim.say('open cave quest');
    await sim.say('buy cave quest');
    const no = await sim.say('no');
    assert.equal(no.error, undefined);
    assert.equal(no.speech, 'DECLINED');
    assert.equal(no.purchase?.purchaseResult, 'DECLINED');
    assert.equal(no.purchase?.name, 'Buy');
    assert.equal(connectionsResponse(requestOf(no)).token, 'correlationToken');
    assert.equal(caveQuestEntitled(), false);
  });

  it('refund: Cancel directive → Alexa\'s refund line → ACCEPTED; no longer entitled', async () => {
    assert.equal(sim.emulator.buy(sim.userId, caveQuestId), 'ACCEPTED');
    await sim.say('open cave quest');
    const refund = await sim.say('refund cave quest');
    assert.equal(refund.error, undefined);
    assert.equal(refund.nlu?.intent?.name, 'RefundSkillItemIntent');
    assert.deepEqual(responseOf(refund).response.directives, [
      { type: 'Connections.SendRequest', name: 'Cancel', payload: { InSkillProduct: { productId: caveQuestId } }, token: 'correlationToken' },
    ]);
    assert.equal(refund.speech, 'For a refund, check out the link I sent to your Alexa app. ACCEPTED');
    assert.equal(refund.purchase?.name, 'Cancel');
    assert.equal(refund.purchase?.purchaseResult, 'ACCEPTED');
    assert.equal(refund.requests.length, 2);
    assert.equal(connectionsResponse(requestOf(refund, 1)).name, 'Cancel');
    assert.equal(caveQuestEntitled(), false);
  });

  it('refund of something not owned: NOT_ENTITLED', async () => {
    const refund = await sim.say('ask cave quest to refund cave quest');
    assert.equal(refund.speech, 'NOT_ENTITLED');
    assert.equal(refund.purchase?.purchaseResult, 'NOT_ENTITLED');
  });

  it('fault monetization-500: the SDK\'s service call fails and the skill\'s error handler speaks', async () => {
    await sim.say('open cave quest');
    sim.fault('monetization-500');
    const turn = await sim.say('buy cave quest');
    assert.equal(turn.error, undefined, 'the skill answered; only its API call failed');
    assert.equal(turn.speech, SKILL_ERROR_HANDLER);
    assert.deepEqual(turn.lines.map((l) => l.speaker), ['skill']);
    assert.equal(turn.purchase, undefined);
    assert.equal(responseOf(turn).response.directives, undefined);
    assert.equal(turn.sessionOpen, true);

    sim.clearFaults();
    const again = await sim.say('buy cave quest');
    assert.equal(again.speech, OFFER);
  });

  it('stop goes to the skill\'s AMAZON.StopIntent handler; exit ends the session with a SessionEndedRequest', async () => {
    await sim.say('open cave quest');
    const stop = await sim.say('stop');
    assert.equal(stop.nlu?.intent?.name, 'AMAZON.StopIntent');
    assert.equal(stop.speech, 'Goodbye.');
    assert.equal(stop.sessionOpen, false);

    await sim.say('open cave quest');
    const exit = await sim.say('exit');
    assert.equal(exit.nlu?.kind, 'end');
    assert.equal(exit.speech, '');
    assert.deepEqual(exit.requests.map((r) => r.request.type), ['SessionEndedRequest']);
    assert.equal((requestOf(exit).request as { reason?: string }).reason, 'USER_INITIATED');
    assert.deepEqual(responseOf(exit).response, {});
  });

  it('the skill\'s endpoint is down: the turn has an error and Alexa says so', async () => {
    const down = await simulator({ project: EXAMPLE, endpoint: await deadEndpoint() });
    try {
      const turn = await down.say('open cave quest');
      assert.match(String(turn.error), /^POST http:\/\/127\.0\.0\.1:\d+\/ failed: /);
      assert.equal(turn.speech, ALEXA_SKILL_ERROR);
      assert.deepEqual(turn.lines.map((l) => l.speaker), ['alexa']);
      assert.equal(turn.sessionOpen, false);
      // The LaunchRequest, then Alexa's SessionEndedRequest (ERROR) — neither answered.
      assert.deepEqual(turn.requests.map((r) => r.request.type), ['LaunchRequest', 'SessionEndedRequest']);
      assert.deepEqual(turn.responses, [undefined, undefined]);
    } finally {
      await down.close();
    }
  });
});

describe('skillshop simulate --endpoint → the ASK SDK skill', () => {
  let skill: AskSdkSkillServer;

  before(async () => {
    skill = await startAskSdkSkill();
  });
  after(async () => {
    await skill?.close();
  });

  const simulate = (endpoint: string, ...rest: string[]) =>
    runCli(['simulate', '--cwd', EXAMPLE, '--endpoint', endpoint, '--memory', ...rest, '--json']);
  const turnsOf = (stdout: string) => (JSON.parse(stdout) as { turns: Turn[] }).turns;

  it('open, buy, yes: the whole purchase flow as JSON', async () => {
    const result = await simulate(skill.url, '--say', 'open cave quest', '--say', 'buy cave quest', '--say', 'yes');
    assert.equal(result.code, 0, result.stderr);
    const turns = turnsOf(result.stdout);
    assert.deepEqual(turns.map((t) => t.user), ['open cave quest', 'buy cave quest', 'yes']);
    assert.deepEqual(turns.map((t) => t.speech), [WELCOME, OFFER, 'Great! You now have Cave Quest. ACCEPTED']);
    assert.ok(turns.every((t) => t.error === undefined));
    const [launch, buy, yes] = turns as [Turn, Turn, Turn];

    assert.equal(launch.nlu?.kind, 'launch');
    assert.equal(buy.nlu?.kind, 'intent');
    assert.equal(buy.nlu?.intent?.name, 'BuySkillItemIntent');
    assert.equal(yes.nlu, undefined);

    assert.deepEqual(turns.map((t) => t.requests.map((r) => r.request.type)), [['LaunchRequest'], ['IntentRequest'], ['Connections.Response']]);
    assert.deepEqual(turns.map((t) => t.responses.length), [1, 1, 1]);
    assert.equal(responseOf(launch).response.outputSpeech?.ssml, `<speak>${WELCOME}</speak>`);
    const directive = responseOf(buy).response.directives?.[0];
    assert.equal(directive?.type, 'Connections.SendRequest');
    assert.equal(directive?.name, 'Buy');
    const productId = (directive?.payload as { InSkillProduct: { productId: string } }).InSkillProduct.productId;
    assert.match(productId, /^amzn1\.adg\.product\./);
    assert.equal(responseOf(yes).response.outputSpeech?.ssml, '<speak>ACCEPTED</speak>');

    const hop = requestOf(yes);
    const request = connectionsResponse(hop);
    assert.equal(request.name, 'Buy');
    assert.equal(request.status.code, '200');
    assert.deepEqual(request.payload, { purchaseResult: 'ACCEPTED', productId });
    assert.equal(request.token, 'correlationToken');
    assert.equal(hop.session?.new, true);
    assert.notEqual(hop.session?.sessionId, requestOf(buy).session?.sessionId);
    assert.equal(requestOf(buy).session?.sessionId, requestOf(launch).session?.sessionId);
    assert.deepEqual(requestOf(buy).session?.attributes, { greeted: true });
    assert.deepEqual(hop.session?.attributes ?? {}, {});
    assert.equal(yes.purchase?.purchaseResult, 'ACCEPTED');
    assert.equal(yes.purchase?.statusCode, '200');
    assert.equal(yes.purchase?.referenceName, 'cave_quest');
  });

  it('--fault monetization-500: the skill\'s error handler answers, exit code 0', async () => {
    const result = await simulate(skill.url, '--fault', 'monetization-500', '--say', 'open cave quest', '--say', 'buy cave quest');
    assert.equal(result.code, 0, result.stderr);
    const turns = turnsOf(result.stdout);
    assert.equal(turns[1]!.speech, SKILL_ERROR_HANDLER);
    assert.equal(turns[1]!.error, undefined);
  });

  it('exit code 1 when the skill errs (its endpoint is down)', async () => {
    const result = await simulate(await deadEndpoint(), '--say', 'open cave quest');
    assert.equal(result.code, 1, result.stderr);
    const [turn] = turnsOf(result.stdout);
    assert.match(String(turn!.error), /^POST http:\/\/127\.0\.0\.1:\d+\/ failed: /);
    assert.equal(turn!.speech, ALEXA_SKILL_ERROR);
  });
});
