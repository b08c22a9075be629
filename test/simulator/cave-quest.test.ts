/**
 * The simulator end to end against examples/cave-quest: every purchase path and every fault,
 * through the same API users get from 'skillshop/testing'.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { simulator, type Simulator } from '../../src/testing';
import { fixedClock } from '../../src/clock';
import { REPO } from '../helpers/cli';

const PROJECT = join(REPO, 'examples', 'cave-quest');
const ERROR_SPEECH = 'Sorry, something went wrong. Please try again later.';

interface Hop { request: { type: string; name?: string; status?: { code: unknown }; payload?: Record<string, unknown>; token?: string }; session?: { new: boolean; sessionId: string; attributes: Record<string, unknown> } }

function lastRequest(s: Simulator): Hop {
  return s.lastTurn!.requests.at(-1) as unknown as Hop;
}

function entitlement(s: Simulator, referenceName: string) {
  const found = s.entitlements().find((e) => e.referenceName === referenceName);
  assert.ok(found, `no entitlement row for ${referenceName}`);
  return found;
}

describe('simulating cave-quest', () => {
  let s: Simulator;
  const clock = fixedClock('2026-03-01T10:00:00Z');
  beforeEach(async () => {
    clock.set('2026-03-01T10:00:00Z');
    s = await simulator({ project: PROJECT, clock });
  });
  afterEach(() => s.close());

  it('launches with "open cave quest" and keeps the session open', async () => {
    const turn = await s.say('open cave quest');
    assert.equal(turn.speech, 'Welcome to Cave Quest. Would you like to buy the Cave Quest expansion?');
    assert.deepEqual(turn.lines.map((l) => l.speaker), ['skill']);
    assert.equal(turn.sessionOpen, true);
    const request = turn.requests[0] as unknown as Hop & { context: { System: { apiEndpoint: string; apiAccessToken: string } } };
    assert.equal(request.request.type, 'LaunchRequest');
    assert.equal(request.session?.new, true);
    assert.match(request.context.System.apiEndpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(request.context.System.apiAccessToken.length > 10);
  });

  it('buy, accepted: Alexa offers with the price, "yes" buys, the skill hears ACCEPTED in a new session', async () => {
    const launch = await s.say('open cave quest');
    const offer = await s.say('buy cave quest');
    assert.equal(offer.lines.length, 1);
    assert.equal(offer.lines[0]!.speaker, 'alexa');
    assert.equal(offer.speech, 'The Cave Quest expansion takes you ten levels deeper, with new riddles and a dragon. It\'s $1.99 plus tax. Would you like to buy it?');
    assert.equal(offer.awaitingPurchaseAnswer, true);
    assert.equal(offer.sessionOpen, false, 'the purchase directive ends the session');
    const directive = (offer.responses[0] as { response: { directives: { name: string }[] } }).response.directives[0];
    assert.equal(directive?.name, 'Buy');

    const bought = await s.say('yes');
    assert.deepEqual(bought.lines, [
      { speaker: 'alexa', text: 'Great! You now have Cave Quest.' },
      { speaker: 'skill', text: 'ACCEPTED', ssml: '<speak>ACCEPTED</speak>' },
    ]);
    assert.equal(bought.nlu, undefined, 'Alexa\'s dialog takes the answer, not the skill\'s model');
    const hop = lastRequest(s);
    assert.equal(hop.request.type, 'Connections.Response');
    assert.equal(hop.request.name, 'Buy');
    assert.equal(hop.request.status?.code, '200');
    assert.equal(typeof hop.request.status?.code, 'string');
    assert.equal(hop.request.payload?.purchaseResult, 'ACCEPTED');
    assert.equal(hop.request.payload?.productId, bought.purchase?.productId);
    assert.equal(hop.request.token, `Buy:${bought.purchase?.productId}`, 'the token is echoed');
    assert.equal(hop.session?.new, true);
    assert.deepEqual(hop.session?.attributes, {});
    assert.notEqual(hop.session?.sessionId, (launch.requests[0] as unknown as Hop).session?.sessionId, 'a NEW session');
    assert.equal(bought.purchase?.referenceName, 'cave_quest');
    assert.equal(entitlement(s, 'cave_quest').entitled, true);
  });

  it('buy, declined: "no" sends DECLINED and owns nothing', async () => {
    await s.say('buy cave quest');
    const turn = await s.say('no thanks');
    assert.equal(turn.purchase?.purchaseResult, 'DECLINED');
    assert.equal(turn.speech, 'DECLINED');
    assert.equal(entitlement(s, 'cave_quest').entitled, false);
  });

  it('buy, already owned: the skill checks the entitlement and says so', async () => {
    await s.say('buy cave quest');
    await s.say('yes');
    const turn = await s.say('ask cave quest to buy cave quest');
    assert.equal(turn.speech, 'You own it already');
    assert.equal(turn.purchase, undefined);
    assert.equal(turn.nlu?.oneShot, true);
  });

  it('answers "yes" to LAUNCH\'s question by offering the expansion', async () => {
    await s.say('open cave quest');
    const turn = await s.say('yes');
    assert.equal(turn.awaitingPurchaseAnswer, true);
    assert.match(turn.speech, /\$1\.99 plus tax/);
  });

  it('upsell, no: the hint pack is offered when out of hints; "no" → DECLINED (Upsell)', async () => {
    const upsell = await s.say('give me a hint');
    assert.equal(upsell.speech, 'You are out of hints. The Hint Pack has five more. Do you want to hear about it?');
    assert.equal(upsell.lines[0]!.speaker, 'alexa');
    const turn = await s.say('no');
    assert.equal(turn.purchase?.name, 'Upsell');
    assert.equal(turn.purchase?.purchaseResult, 'DECLINED');
    assert.equal(lastRequest(s).request.token, 'hint');
  });

  it('upsell, yes: the offer follows with the price, "yes" buys; the hints can be used', async () => {
    await s.say('give me a hint');
    const offer = await s.say('yes');
    assert.equal(offer.speech, 'The Hint Pack gives you five hints for the trickiest riddles. It\'s $0.99 plus tax. Would you like to buy it?');
    const bought = await s.say('yes');
    assert.equal(bought.purchase?.purchaseResult, 'ACCEPTED');
    assert.equal(bought.purchase?.name, 'Upsell');
    const hint = await s.say('give me a hint');
    assert.equal(hint.speech, 'Here is your hint: the dragon fears the light. You have 4 hints left.');
  });

  it('a consumable bought twice counts twice', async () => {
    for (let i = 0; i < 2; i++) {
      await s.say('buy more hints');
      assert.equal((await s.say('yes')).purchase?.purchaseResult, 'ACCEPTED');
    }
    assert.equal(entitlement(s, 'hint_pack').activeEntitlementCount, 2);
    assert.equal((await s.say('give me a hint')).speech, 'Here is your hint: the dragon fears the light. You have 9 hints left.');
  });

  it('refund: Alexa points to the app, the skill hears Cancel ACCEPTED, the entitlement is gone', async () => {
    await s.say('buy cave quest');
    await s.say('yes');
    const turn = await s.say('refund cave quest');
    assert.deepEqual(turn.lines.map((l) => [l.speaker, l.text]), [
      ['alexa', 'For a refund, check out the link I sent to your Alexa app.'],
      ['skill', 'ACCEPTED'],
    ]);
    assert.equal(turn.purchase?.name, 'Cancel');
    assert.equal(entitlement(s, 'cave_quest').entitled, false);
  });

  it('cancelling what is not owned → NOT_ENTITLED', async () => {
    const turn = await s.say('refund cave quest');
    assert.equal(turn.purchase?.purchaseResult, 'NOT_ENTITLED');
    assert.equal(turn.speech, 'NOT_ENTITLED');
  });

  it('a subscription trial: offered free for 7 days, entitled, cancelled but entitled to the period end, then expired', async () => {
    const offer = await s.say('join the cave club');
    assert.equal(offer.speech,
      'Cave Club is free for 7 days. Then, you\'ll be charged $2.99 a month plus tax. Cancel anytime. Check the Alexa app for terms. Should I start your free trial?');
    const joined = await s.say('yes');
    assert.deepEqual(joined.lines.map((l) => l.text), ['Great! You\'re signed up.', 'ACCEPTED']);
    assert.equal(entitlement(s, 'cave_club').subscription?.phase, 'TRIAL');

    const confirm = await s.say('cancel my subscription to cave club');
    assert.equal(confirm.speech, 'Okay! As a reminder, the Cave Club opens a brand-new cave for you every month. Are you sure you want to cancel your subscription?');
    const cancelled = await s.say('yes');
    assert.equal(cancelled.lines[0]!.text,
      'Okay, I\'ve canceled Cave Club, and you\'ll no longer be charged. You can continue to use it until the end of this subscription period.');
    assert.equal(cancelled.purchase?.purchaseResult, 'ACCEPTED');
    assert.equal(entitlement(s, 'cave_club').entitled, true, 'still entitled until the trial ends');
    clock.set('2026-03-08T10:00:01Z');
    assert.equal(entitlement(s, 'cave_club').entitled, false);
  });

  it('"no" to the cancellation question keeps the subscription', async () => {
    await s.say('join the cave club');
    await s.say('yes');
    await s.say('cancel my subscription to cave club');
    const turn = await s.say('no');
    assert.equal(turn.purchase?.purchaseResult, 'DECLINED');
    assert.equal(entitlement(s, 'cave_club').subscription?.phase, 'TRIAL');
  });

  it('an unclear answer is asked again once, then declined', async () => {
    await s.say('buy cave quest');
    const again = await s.say('what about dragons');
    assert.equal(again.lines[0]!.text, 'Sorry, I didn\'t get that.');
    assert.match(again.speech, /Would you like to buy it\?$/);
    assert.equal(again.awaitingPurchaseAnswer, true);
    const declined = await s.say('purple');
    assert.equal(declined.purchase?.purchaseResult, 'DECLINED');
  });

  it('what can I buy lists what is for sale', async () => {
    assert.equal((await s.say('what can i buy')).speech, 'You can buy Cave Club, Cave Quest or Hint Pack. Which would you like?');
  });

  it('silence: the reprompt, then the session closes with EXCEEDED_MAX_REPROMPTS', async () => {
    await s.say('open cave quest');
    assert.equal((await s.silence()).speech, 'Say buy Cave Quest, or ask for a refund.');
    const closed = await s.silence();
    assert.equal(closed.sessionOpen, false);
    assert.deepEqual((closed.requests[0] as unknown as { request: { type: string; reason: string } }).request, {
      ...(closed.requests[0] as unknown as { request: object }).request,
      type: 'SessionEndedRequest',
      reason: 'EXCEEDED_MAX_REPROMPTS',
    });
  });

  it('"stop" goes to the skill; "exit" makes Alexa close the session', async () => {
    await s.say('open cave quest');
    assert.equal((await s.say('stop')).speech, 'Goodbye.');
    await s.say('open cave quest');
    const exit = await s.say('exit');
    assert.equal((exit.requests[0] as unknown as { request: { type: string } }).request.type, 'SessionEndedRequest');
    assert.equal(exit.speech, '');
  });

  it('session attributes and the same user carry over within a session', async () => {
    const first = await s.say('open cave quest');
    const second = await s.say('help');
    const a = first.requests[0] as unknown as Hop;
    const b = second.requests[0] as unknown as Hop;
    assert.equal(a.session?.sessionId, b.session?.sessionId);
    assert.equal(b.session?.new, false);
  });

  it('reset, like the console: purchases are gone', async () => {
    await s.say('buy cave quest');
    await s.say('yes');
    s.reset();
    assert.equal(entitlement(s, 'cave_quest').entitled, false);
  });

  it('users are separate', async () => {
    await s.say('buy cave quest');
    await s.say('yes');
    s.setUser('amzn1.ask.account.SOMEONE-ELSE');
    assert.equal(entitlement(s, 'cave_quest').entitled, false);
  });

  describe('faults', () => {
    it('purchase-error: the purchase fails and the skill hears ERROR', async () => {
      s.fault('purchase-error');
      await s.say('buy cave quest');
      const turn = await s.say('yes');
      assert.deepEqual(turn.lines.map((l) => l.text), ['Sorry, I wasn\'t able to complete your purchase.', 'ERROR']);
      assert.equal(turn.purchase?.purchaseResult, 'ERROR');
      assert.equal(entitlement(s, 'cave_quest').entitled, false);
    });

    it('purchase-status-500: a non-200 status without payload', async () => {
      s.fault('purchase-status-500');
      await s.say('buy cave quest');
      const turn = await s.say('yes');
      const hop = lastRequest(s);
      assert.equal(hop.request.status?.code, '500');
      assert.equal(hop.request.payload, undefined);
      assert.equal(turn.speech, 'ERROR', 'the skill\'s ON_PURCHASE reads a failed flow as ERROR');
      assert.equal(entitlement(s, 'cave_quest').entitled, false);
    });

    it('no-purchase-result: the result never comes back', async () => {
      s.fault('no-purchase-result');
      await s.say('buy cave quest');
      const turn = await s.say('yes');
      assert.equal(turn.requests.length, 0);
      assert.equal(turn.purchase?.purchaseResult, undefined);
      assert.equal(turn.sessionOpen, false);
    });

    it('voice-purchasing-off', async () => {
      s.fault('voice-purchasing-off');
      const turn = await s.say('buy cave quest');
      assert.deepEqual(turn.lines.map((l) => l.text), ['Sorry, voice purchasing is turned off. You can turn it on in the Alexa app.', 'ERROR']);
    });

    it('device-cannot-buy', async () => {
      s.fault('device-cannot-buy');
      const turn = await s.say('buy cave quest');
      assert.deepEqual(turn.lines.map((l) => l.text), ['Sorry, I am unable to fulfill your request on this device.', 'ERROR']);
    });

    it('pending-purchase: a child-directed purchase waits for a parent', async () => {
      s.fault('pending-purchase');
      await s.say('buy cave quest');
      const turn = await s.say('yes');
      assert.equal(turn.purchase?.purchaseResult, 'PENDING_PURCHASE');
      assert.equal(turn.speech, 'I\'ve asked the account holder to approve Cave Quest. PENDING_PURCHASE');
    });

    for (const fault of ['monetization-401', 'monetization-429', 'monetization-500'] as const) {
      it(`${fault}: the skill's lookup fails and it apologises`, async () => {
        s.fault(fault);
        const turn = await s.say('buy cave quest');
        assert.equal(turn.speech, ERROR_SPEECH);
        assert.equal(turn.error, undefined, 'the skill answered');
        s.clearFaults();
        assert.equal((await s.say('buy cave quest')).awaitingPurchaseAnswer, true);
      });
    }

    it('monetization-slow: the skill times out its lookup and apologises', async () => {
      s.fault('monetization-slow');
      const turn = await s.say('buy cave quest');
      assert.equal(turn.speech, ERROR_SPEECH);
    });

    it('an unknown fault is a clear error', () => {
      assert.throws(() => s.fault('gremlins'), /Unknown fault "gremlins"/);
    });
  });
});

describe('simulator determinism', () => {
  it('the same script gives the same requests and speech', async () => {
    const run = async () => {
      const s = await simulator({ project: PROJECT, clock: fixedClock('2026-01-01T00:00:00Z') });
      for (const u of ['open cave quest', 'buy cave quest', 'yes', 'give me a hint']) await s.say(u);
      const out = s.turns.map((t) => ({ speech: t.speech, requests: t.requests.map((r) => ({ ...r, context: undefined })) }));
      await s.close();
      return JSON.stringify(out);
    };
    assert.equal(await run(), await run());
  });
});

