import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { App } from '../../src/app/app';
import type { AppConfig } from '../../src/app/config';
import type { HandlerMap } from '../../src/app/handlers';
import type { ResponseEnvelope } from '../../src/alexa/response';
import { intentRequest, launchRequest } from '../helpers/requests';
import { appWith, DEFAULT_ERROR_SPEECH, told } from './support';

let app: App | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The response to a LaunchRequest answered by `launch`. */
async function launch(handler: HandlerMap[string], config: AppConfig = {}, extra: HandlerMap = {}): Promise<ResponseEnvelope> {
  await app?.close();
  app = appWith({ LAUNCH: handler, ...extra }, config);
  return app.handle(launchRequest());
}

const ssml = (text: string) => ({ type: 'SSML' as const, ssml: `<speak>${text}</speak>` });

describe('output: tell and ask', () => {
  it('tell says the speech and ends the session', async () => {
    assert.deepEqual(await launch(function () { this.tell('Goodbye.'); }), {
      version: '1.0',
      response: { outputSpeech: ssml('Goodbye.'), shouldEndSession: true },
    });
  });

  it('ask says the speech, sets the reprompt and keeps the session open', async () => {
    assert.deepEqual(await launch(function () { this.ask('Which quest?', 'Say cave quest or sky quest.'); }), {
      version: '1.0',
      response: {
        outputSpeech: ssml('Which quest?'),
        reprompt: { outputSpeech: ssml('Say cave quest or sky quest.') },
        shouldEndSession: false,
      },
    });
  });

  it('ask without a reprompt repeats the speech as the reprompt', async () => {
    assert.deepEqual(await launch(function () { this.ask('Which quest?'); }), {
      version: '1.0',
      response: { outputSpeech: ssml('Which quest?'), reprompt: { outputSpeech: ssml('Which quest?') }, shouldEndSession: false },
    });
  });

  it('a later tell replaces an earlier ask', async () => {
    assert.deepEqual(await launch(function () { this.ask('Which quest?', 'Well?').tell('Bye.'); }), told('Bye.'));
  });

  it('endSession ends without speech', async () => {
    assert.deepEqual(await launch(function () { this.endSession(); }), { version: '1.0', response: { shouldEndSession: true } });
  });

  it('a promise that settles without output ends the session silently', async () => {
    assert.deepEqual(await launch(async function () { await Promise.resolve(); }), {
      version: '1.0',
      response: { shouldEndSession: true },
    });
  });
});

describe('output: SSML', () => {
  it('escapes plain text', async () => {
    const response = await launch(function () { this.tell(`Tom & Jerry <3 "quotes" and it's`); });
    assert.deepEqual(response.response.outputSpeech, ssml('Tom &amp; Jerry &lt;3 &quot;quotes&quot; and it&apos;s'));
  });

  it('passes <speak> SSML through, trimmed', async () => {
    const response = await launch(function () {
      this.ask('  <speak>Welcome. <break time="1s"/> <emphasis level="strong">Ready?</emphasis></speak>\n', '<speak><say-as interpret-as="digits">42</say-as></speak>');
    });
    assert.deepEqual(response.response.outputSpeech, {
      type: 'SSML',
      ssml: '<speak>Welcome. <break time="1s"/> <emphasis level="strong">Ready?</emphasis></speak>',
    });
    assert.deepEqual(response.response.reprompt, {
      outputSpeech: { type: 'SSML', ssml: '<speak><say-as interpret-as="digits">42</say-as></speak>' },
    });
  });

  it('escapes SSML tags that are not wrapped in <speak>', async () => {
    const response = await launch(function () { this.tell('<break time="1s"/>Hi'); });
    assert.deepEqual(response.response.outputSpeech, ssml('&lt;break time=&quot;1s&quot;/&gt;Hi'));
  });
});

describe('output: speech variants', () => {
  it('picks one of an array with the injected random', async () => {
    const variants = ['Welcome.', 'Hello.', 'Hi there.'];
    assert.deepEqual(await launch(function () { this.tell(variants); }, { random: () => 0 }), told('Welcome.'));
    assert.deepEqual(await launch(function () { this.tell(variants); }, { random: () => 0.5 }), told('Hello.'));
    assert.deepEqual(await launch(function () { this.tell(variants); }, { random: () => 0.999 }), told('Hi there.'));
  });

  it('picks speech and reprompt independently, in that order', async () => {
    const draws = [0.9, 0.1];
    const response = await launch(
      function () { this.ask(['Which quest?', 'What now?'], ['Say a quest.', 'Say cave quest.']); },
      { random: () => draws.shift() ?? 0 },
    );
    assert.deepEqual(response.response.outputSpeech, ssml('What now?'));
    assert.deepEqual(response.response.reprompt, { outputSpeech: ssml('Say a quest.') });
  });

  it('refuses an empty array: ON_ERROR gets a TypeError', async () => {
    const errors: unknown[] = [];
    const response = await launch(function () { this.tell([]); }, {}, {
      ON_ERROR(error: unknown) {
        errors.push(error);
        this.tell('oops');
      },
    });
    assert.deepEqual(response, told('oops'));
    assert.ok(errors[0] instanceof TypeError);
    assert.match((errors[0] as Error).message, /tell\(\) expects a string or a non-empty array of strings/);
  });

  it('refuses a non-string speech with the error speech when there is no ON_ERROR', async () => {
    assert.deepEqual(await launch(function () { this.tell(42 as unknown as string); }), told(DEFAULT_ERROR_SPEECH));
  });
});

describe('output: cards and directives', () => {
  it('adds a simple card', async () => {
    assert.deepEqual(await launch(function () { this.showSimpleCard('Cave Quest', 'Find the exit & win.').tell('Check your app.'); }), {
      version: '1.0',
      response: {
        outputSpeech: ssml('Check your app.'),
        card: { type: 'Simple', title: 'Cave Quest', content: 'Find the exit & win.' },
        shouldEndSession: true,
      },
    });
  });

  it('adds a standard card with images', async () => {
    const image = { smallImageUrl: 'https://example.com/s.png', largeImageUrl: 'https://example.com/l.png' };
    const response = await launch(function () { this.showStandardCard('Cave Quest', 'A map.', image).ask('Want it?', 'Well?'); });
    assert.deepEqual(response.response.card, { type: 'Standard', title: 'Cave Quest', text: 'A map.', image });
    assert.equal(response.response.shouldEndSession, false);
  });

  it('adds a standard card without images', async () => {
    const response = await launch(function () { this.showStandardCard('Cave Quest', 'A map.').tell('Bye.'); });
    assert.deepEqual(response.response.card, { type: 'Standard', title: 'Cave Quest', text: 'A map.' });
  });

  it('adds directives after the speech', async () => {
    const directive = { type: 'Alexa.Presentation.APL.RenderDocument', token: 'main', document: {} };
    const response = await launch(function () { this.addDirective(directive).ask('Look.', 'Well?'); });
    assert.deepEqual(response, {
      version: '1.0',
      response: {
        outputSpeech: ssml('Look.'),
        reprompt: { outputSpeech: ssml('Well?') },
        directives: [directive],
        shouldEndSession: false,
      },
    });
  });
});

describe('output: session attributes', () => {
  it('carries the session attributes in the response of an ask', async () => {
    app = appWith({
      ScoreIntent() {
        const score = Number(this.getSessionAttribute('score') ?? 0);
        this.setSessionAttribute('score', score + 1).ask(`Score ${score + 1}.`, 'Again?');
      },
    });
    const response = await app.handle(intentRequest('ScoreIntent', {}, { attributes: { score: 2, name: 'Ann' } }));
    assert.deepEqual(response.sessionAttributes, { score: 3, name: 'Ann' });
    assert.deepEqual(response.response.outputSpeech, ssml('Score 3.'));
  });

  it('leaves them out when the session ends', async () => {
    app = appWith({ ScoreIntent() { this.setSessionAttribute('score', 1).tell('Bye.'); } });
    const response = await app.handle(intentRequest('ScoreIntent', {}, { attributes: { score: 2 } }));
    assert.deepEqual(response, told('Bye.'));
  });

  it('leaves them out when there are none', async () => {
    app = appWith({ LAUNCH() { this.ask('Hi.', 'Hm?'); } });
    const response = await app.handle(launchRequest());
    assert.equal('sessionAttributes' in response, false);
  });

  it('counts attributes set after the ask in the same turn', async () => {
    app = appWith({
      LAUNCH() {
        this.ask('Hi.', 'Hm?');
        this.setSessionAttribute('late', true);
      },
    });
    assert.deepEqual((await app.handle(launchRequest())).sessionAttributes, { late: true });
  });

  it('setSessionAttributes replaces them all but keeps the state', async () => {
    app = appWith({
      BuyState: {
        HelpIntent() {
          assert.deepEqual(this.getSessionAttributes(), { STATE: 'BuyState', old: 1 });
          this.setSessionAttributes({ fresh: 2 }).ask('Hi.', 'Hm?');
        },
      },
    });
    const response = await app.handle(intentRequest('HelpIntent', {}, { attributes: { STATE: 'BuyState', old: 1 } }));
    assert.deepEqual(response.sessionAttributes, { fresh: 2, STATE: 'BuyState' });
  });

  it('does not share attributes between requests', async () => {
    app = appWith({ LAUNCH() { this.setSessionAttribute('n', 1).ask('Hi.', 'Hm?'); } });
    const first = launchRequest({ attributes: { keep: 'x' } });
    await app.handle(first);
    assert.deepEqual(first.session?.attributes, { keep: 'x' }, 'the request envelope is not mutated');
    assert.deepEqual((await app.handle(launchRequest())).sessionAttributes, { n: 1 });
  });
});
