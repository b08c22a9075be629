import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { App } from '../../src/app/app';
import type { RequestEnvelope } from '../../src/alexa/request';
import { intentRequest, launchRequest, purchaseResponse, sessionEndedRequest } from '../helpers/requests';
import { appWith, assertCode, DEFAULT_ERROR_SPEECH, told } from './support';

const PRODUCT_ID = 'amzn1.adg.product.11111111-2222-4333-8444-555555555555';
let app: App | undefined;

function use(next: App): App {
  app = next;
  return next;
}

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A request of another type (AudioPlayer, skill events, …) built from a LaunchRequest envelope. */
function otherRequest(type: string, extra: Record<string, unknown> = {}): RequestEnvelope {
  const envelope = launchRequest({ noSession: true });
  Object.assign(envelope.request, { type, ...extra });
  return envelope;
}

describe('routing: LAUNCH and intents', () => {
  it('sends a LaunchRequest to LAUNCH', async () => {
    use(appWith({ LAUNCH() { this.tell('Welcome to Cave Quest.'); }, HelloIntent() { this.tell('wrong'); } }));
    assert.deepEqual(await app!.handle(launchRequest()), told('Welcome to Cave Quest.'));
  });

  it('sends an IntentRequest to the handler of that intent name', async () => {
    use(appWith({
      LAUNCH() { this.tell('wrong'); },
      HelloIntent() { this.ask('Hello there. Want a quest?', 'Want a quest?'); },
    }));
    assert.deepEqual(await app!.handle(intentRequest('HelloIntent')), {
      version: '1.0',
      response: {
        outputSpeech: { type: 'SSML', ssml: '<speak>Hello there. Want a quest?</speak>' },
        reprompt: { outputSpeech: { type: 'SSML', ssml: '<speak>Want a quest?</speak>' } },
        shouldEndSession: false,
      },
    });
  });

  it('maps intent names through intentMap', async () => {
    use(appWith(
      { HelpIntent() { this.tell('Say buy cave quest.'); }, 'AMAZON.HelpIntent'() { this.tell('unmapped'); } },
      { intentMap: { 'AMAZON.HelpIntent': 'HelpIntent' } },
    ));
    assert.deepEqual(await app!.handle(intentRequest('AMAZON.HelpIntent')), told('Say buy cave quest.'));
  });

  it('maps an intent to END through intentMap', async () => {
    use(appWith({ END() { this.tell('Goodbye.'); } }, { intentMap: { 'AMAZON.NavigateHomeIntent': 'END' } }));
    assert.deepEqual(await app!.handle(intentRequest('AMAZON.NavigateHomeIntent')), told('Goodbye.'));
  });
});

describe('routing: END', () => {
  it('runs END for a SessionEndedRequest and answers an empty response', async () => {
    const reasons: unknown[] = [];
    use(appWith({
      END() {
        reasons.push((this.getRequest().request as { reason?: string }).reason);
      },
    }));
    assert.deepEqual(await app!.handle(sessionEndedRequest('EXCEEDED_MAX_REPROMPTS')), { version: '1.0', response: {} });
    assert.deepEqual(reasons, ['EXCEEDED_MAX_REPROMPTS']);
  });

  it('answers { version, response: {} } to a SessionEndedRequest when there is no END', async () => {
    use(appWith({ LAUNCH() { this.tell('hi'); }, Unhandled() { this.tell('unhandled'); } }));
    assert.deepEqual(await app!.handle(sessionEndedRequest()), { version: '1.0', response: {} });
  });

  for (const intent of ['AMAZON.StopIntent', 'AMAZON.CancelIntent']) {
    it(`sends ${intent} to END when it has no handler of its own`, async () => {
      use(appWith({ END() { this.tell('Goodbye.'); }, Unhandled() { this.tell('unhandled'); } }));
      assert.deepEqual(await app!.handle(intentRequest(intent)), told('Goodbye.'));
    });

    it(`sends ${intent} to its own handler when there is one`, async () => {
      use(appWith({ END() { this.tell('Goodbye.'); }, [intent]() { this.tell('Own handler.'); } }));
      assert.deepEqual(await app!.handle(intentRequest(intent)), told('Own handler.'));
    });
  }

  it('ends the session at once when END answers "stop" with nothing (no waiting for the timeout)', async () => {
    use(appWith({ END() {} }, { handlerTimeoutMs: 5000 }));
    const started = Date.now();
    assert.deepEqual(await app!.handle(intentRequest('AMAZON.StopIntent')), { version: '1.0', response: { shouldEndSession: true } });
    assert.ok(Date.now() - started < 4000, 'did not wait for the 5 s handler timeout');
  });

  it('sends AMAZON.StopIntent to Unhandled when there is neither a handler nor END', async () => {
    use(appWith({ Unhandled() { this.tell('Unhandled.'); } }));
    assert.deepEqual(await app!.handle(intentRequest('AMAZON.StopIntent')), told('Unhandled.'));
  });

  it('does not send other built-in intents to END', async () => {
    use(appWith({ END() { this.tell('Goodbye.'); }, Unhandled() { this.tell('Unhandled.'); } }));
    assert.deepEqual(await app!.handle(intentRequest('AMAZON.HelpIntent')), told('Unhandled.'));
  });
});

describe('routing: Unhandled', () => {
  it('sends an unknown intent to the global Unhandled', async () => {
    use(appWith({ Unhandled() { this.tell(`No handler for ${this.getIntentName()}.`); } }));
    assert.deepEqual(await app!.handle(intentRequest('DanceIntent')), told('No handler for DanceIntent.'));
  });

  it("prefers the current state's Unhandled over the global one", async () => {
    use(appWith({
      Unhandled() { this.tell('global'); },
      BuyState: { Unhandled() { this.ask('Say yes or no.', 'Yes or no?'); } },
    }));
    const response = await app!.handle(intentRequest('DanceIntent', {}, { attributes: { STATE: 'BuyState' } }));
    assert.deepEqual(response.response.outputSpeech, { type: 'SSML', ssml: '<speak>Say yes or no.</speak>' });
    assert.deepEqual(response.sessionAttributes, { STATE: 'BuyState' });
  });

  it('falls back to the global Unhandled when the state has none', async () => {
    use(appWith({ Unhandled() { this.tell('global'); }, BuyState: { YesIntent() { this.tell('yes'); } } }));
    const response = await app!.handle(intentRequest('DanceIntent', {}, { attributes: { STATE: 'BuyState' } }));
    assert.deepEqual(response, told('global'));
  });

  it('sends a LaunchRequest to Unhandled when there is no LAUNCH', async () => {
    use(appWith({ Unhandled() { this.tell(`Unhandled ${this.getRequestType()}.`); } }));
    assert.deepEqual(await app!.handle(launchRequest()), told('Unhandled LaunchRequest.'));
  });

  it('gives ON_ERROR SKILLSHOP_HANDLER_NOT_FOUND when nothing, not even Unhandled, matches', async () => {
    const errors: unknown[] = [];
    use(appWith({
      LAUNCH() { this.tell('hi'); },
      ON_ERROR(error: unknown) {
        errors.push(error);
        this.tell('I did not get that.');
      },
    }));
    assert.deepEqual(await app!.handle(intentRequest('DanceIntent')), told('I did not get that.'));
    assert.equal(errors.length, 1);
    assertCode(errors[0], 'SKILLSHOP_HANDLER_NOT_FOUND', /IntentRequest DanceIntent/);
  });

  it('answers the error speech when nothing matches and there is no ON_ERROR', async () => {
    use(appWith({ LAUNCH() { this.tell('hi'); } }));
    assert.deepEqual(await app!.handle(intentRequest('DanceIntent')), told(DEFAULT_ERROR_SPEECH));
  });
});

describe('routing: NEW_SESSION', () => {
  it('runs NEW_SESSION before the first handler of a session, with the same session attributes', async () => {
    const order: string[] = [];
    use(appWith({
      NEW_SESSION() {
        order.push('NEW_SESSION');
        this.setSessionAttribute('visits', 1);
      },
      LAUNCH() {
        order.push('LAUNCH');
        this.ask(`Visit ${String(this.getSessionAttribute('visits'))}.`, 'Well?');
      },
    }));
    const response = await app!.handle(launchRequest({ newSession: true }));
    assert.deepEqual(order, ['NEW_SESSION', 'LAUNCH']);
    assert.deepEqual(response.response.outputSpeech, { type: 'SSML', ssml: '<speak>Visit 1.</speak>' });
    assert.deepEqual(response.sessionAttributes, { visits: 1 });
  });

  it('runs NEW_SESSION before an intent that opens a session (one-shot)', async () => {
    const order: string[] = [];
    use(appWith({
      NEW_SESSION() { order.push('NEW_SESSION'); },
      HelloIntent() {
        order.push('HelloIntent');
        this.tell('Hello.');
      },
    }));
    assert.deepEqual(await app!.handle(intentRequest('HelloIntent', {}, { newSession: true })), told('Hello.'));
    assert.deepEqual(order, ['NEW_SESSION', 'HelloIntent']);
  });

  it('does not run NEW_SESSION later in the session', async () => {
    const order: string[] = [];
    use(appWith({
      NEW_SESSION() { order.push('NEW_SESSION'); },
      HelloIntent() {
        order.push('HelloIntent');
        this.tell('Hello.');
      },
    }));
    await app!.handle(intentRequest('HelloIntent', {}, { newSession: false }));
    assert.deepEqual(order, ['HelloIntent']);
  });

  it('answers with what NEW_SESSION said and skips the routed handler', async () => {
    const order: string[] = [];
    use(appWith({
      NEW_SESSION() {
        order.push('NEW_SESSION');
        this.tell('Welcome, new explorer.');
      },
      LAUNCH() {
        order.push('LAUNCH');
        this.tell('wrong');
      },
    }));
    assert.deepEqual(await app!.handle(launchRequest()), told('Welcome, new explorer.'));
    assert.deepEqual(order, ['NEW_SESSION']);
  });

  it('needs no answer: the routed handler runs once NEW_SESSION returned, and a later timer answer is dropped', async () => {
    use(appWith({
      NEW_SESSION() {
        setTimeout(() => this.tell('Too late.'), 10);
      },
      LAUNCH() { this.tell('Welcome.'); },
    }, { handlerTimeoutMs: 100 }));
    assert.deepEqual(await app!.handle(launchRequest()), told('Welcome.'));
    await new Promise((resolve) => setTimeout(resolve, 20));
  });

  it('does not run NEW_SESSION for a SessionEndedRequest', async () => {
    const order: string[] = [];
    use(appWith({ NEW_SESSION() { order.push('NEW_SESSION'); }, END() { order.push('END'); } }));
    assert.deepEqual(await app!.handle(sessionEndedRequest('USER_INITIATED', { newSession: true })), { version: '1.0', response: {} });
    assert.deepEqual(order, ['END']);
  });

  it('sends a NEW_SESSION failure to ON_ERROR', async () => {
    use(appWith({
      NEW_SESSION() { throw new Error('boom'); },
      LAUNCH() { this.tell('wrong'); },
      ON_ERROR(error: Error) { this.tell(`Error: ${error.message}.`); },
    }));
    assert.deepEqual(await app!.handle(launchRequest()), told('Error: boom.'));
  });
});

describe('routing: ON_PURCHASE', () => {
  for (const name of ['Buy', 'Upsell', 'Cancel']) {
    it(`sends a Connections.Response named ${name} to ON_PURCHASE`, async () => {
      use(appWith({
        ON_PURCHASE() {
          const isp = this.alexaSkill().inSkillPurchase();
          this.tell(`${isp.getName()} ${isp.getPurchaseResult()}`);
        },
        LAUNCH() { this.tell('wrong'); },
        Unhandled() { this.tell('wrong'); },
      }));
      assert.deepEqual(await app!.handle(purchaseResponse(name, 'ACCEPTED', PRODUCT_ID)), told(`${name} ACCEPTED`));
    });
  }

  it('sends a purchase result to Unhandled when there is no ON_PURCHASE', async () => {
    use(appWith({ Unhandled() { this.tell(`Unhandled ${this.getRequestType()}.`); } }));
    assert.deepEqual(await app!.handle(purchaseResponse('Buy', 'DECLINED', PRODUCT_ID)), told('Unhandled Connections.Response.'));
  });

  it('does not send another Connections.Response name to ON_PURCHASE', async () => {
    use(appWith({
      ON_PURCHASE() { this.tell('wrong'); },
      Unhandled() { this.tell('Unhandled.'); },
    }));
    assert.deepEqual(await app!.handle(purchaseResponse('AskFor', 'ACCEPTED', PRODUCT_ID)), told('Unhandled.'));
  });

  it('sends another Connections.Response name to a handler named Connections.Response.<name>', async () => {
    use(appWith({
      'Connections.Response.ScheduleReminder'() { this.tell('Reminder set.'); },
      Unhandled() { this.tell('wrong'); },
    }));
    assert.deepEqual(await app!.handle(purchaseResponse('ScheduleReminder', 'ACCEPTED', PRODUCT_ID)), told('Reminder set.'));
  });

  it('finds ON_PURCHASE globally even when the stored state has none', async () => {
    use(appWith({ ON_PURCHASE() { this.tell('global purchase'); }, BuyState: { YesIntent() { this.tell('yes'); } } }));
    const response = await app!.handle(purchaseResponse('Buy', 'ACCEPTED', PRODUCT_ID, { attributes: { STATE: 'BuyState' } }));
    assert.deepEqual(response, told('global purchase'));
  });
});

describe('routing: ON_ERROR', () => {
  it('gives ON_ERROR the error as its parameter and as this.getError()', async () => {
    const seen: unknown[] = [];
    const thrown = new Error('the cave collapsed');
    use(appWith({
      LAUNCH() { throw thrown; },
      ON_ERROR(error: unknown) {
        seen.push(error, this.getError(), this.getHandlerPath());
        this.tell('Something broke.');
      },
    }));
    assert.deepEqual(await app!.handle(launchRequest()), told('Something broke.'));
    assert.equal(seen[0], thrown);
    assert.equal(seen[1], thrown);
    assert.equal(seen[2], 'ON_ERROR');
  });
});

describe('routing: getHandlerPath', () => {
  it('names the handler that runs: LAUNCH, the intent, END, Unhandled', async () => {
    const paths: string[] = [];
    use(appWith({
      LAUNCH() { this.tell(this.getHandlerPath()); },
      HelloIntent() { this.tell(this.getHandlerPath()); },
      END() { this.tell(this.getHandlerPath()); },
      Unhandled() { this.tell(this.getHandlerPath()); },
      NEW_SESSION() { paths.push(this.getHandlerPath()); },
    }));
    assert.deepEqual(await app!.handle(launchRequest()), told('LAUNCH'));
    assert.deepEqual(await app!.handle(intentRequest('HelloIntent')), told('HelloIntent'));
    assert.deepEqual(await app!.handle(intentRequest('AMAZON.StopIntent')), told('END'));
    assert.deepEqual(await app!.handle(intentRequest('DanceIntent')), told('Unhandled'));
    assert.deepEqual(paths, ['NEW_SESSION']);
  });
});

describe('routing: other request types', () => {
  it('answers an empty response to an unknown request type without a handler', async () => {
    use(appWith({ LAUNCH() { this.tell('hi'); }, Unhandled() { this.tell('unhandled'); } }));
    assert.deepEqual(await app!.handle(otherRequest('AudioPlayer.PlaybackStarted', { token: 't', offsetInMilliseconds: 0 })), {
      version: '1.0',
      response: {},
    });
  });

  it('runs a handler named like the request type', async () => {
    const seen: string[] = [];
    use(appWith({
      'AudioPlayer.PlaybackStarted'() { seen.push(this.getRequestType()); },
      'AlexaSkillEvent.SkillEnabled'() { seen.push(this.getRequestType()); },
    }));
    await app!.handle(otherRequest('AudioPlayer.PlaybackStarted', { token: 't' }));
    await app!.handle(otherRequest('AlexaSkillEvent.SkillEnabled'));
    assert.deepEqual(seen, ['AudioPlayer.PlaybackStarted', 'AlexaSkillEvent.SkillEnabled']);
  });

  it('lets a handler of an event answer with a directive', async () => {
    use(appWith({
      'AudioPlayer.PlaybackNearlyFinished'() {
        this.addDirective({ type: 'AudioPlayer.Play', playBehavior: 'ENQUEUE' }).endSession();
      },
    }));
    assert.deepEqual(await app!.handle(otherRequest('AudioPlayer.PlaybackNearlyFinished', { token: 't' })), {
      version: '1.0',
      response: { directives: [{ type: 'AudioPlayer.Play', playBehavior: 'ENQUEUE' }], shouldEndSession: true },
    });
  });

  it('answers an event handler that adds only a directive with that directive', async () => {
    use(appWith({
      'AudioPlayer.PlaybackNearlyFinished'() {
        this.addDirective({ type: 'AudioPlayer.Play', playBehavior: 'ENQUEUE' });
      },
    }));
    assert.deepEqual(await app!.handle(otherRequest('AudioPlayer.PlaybackNearlyFinished', { token: 't' })), {
      version: '1.0',
      response: { directives: [{ type: 'AudioPlayer.Play', playBehavior: 'ENQUEUE' }] },
    });
  });

  it('answers an empty response when an event handler says nothing', async () => {
    use(appWith({ 'AudioPlayer.PlaybackStarted'() {} }));
    assert.deepEqual(await app!.handle(otherRequest('AudioPlayer.PlaybackStarted', { token: 't' })), { version: '1.0', response: {} });
  });

  it('answers an empty response to System.ExceptionEncountered', async () => {
    use(appWith({ Unhandled() { this.tell('unhandled'); } }));
    const envelope = otherRequest('System.ExceptionEncountered', { error: { type: 'INVALID_RESPONSE', message: 'bad' } });
    assert.deepEqual(await app!.handle(envelope), { version: '1.0', response: {} });
  });
});
