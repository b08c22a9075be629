/**
 * What is checked before any request: `new App(config)`, `setHandler(...)`, and `app.handle` of
 * something that is not an Alexa request.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../src/app/app';
import type { AppConfig } from '../../src/app/config';
import type { HandlerMap } from '../../src/app/handlers';
import { systemClock } from '../../src/clock';
import { silentLogger } from '../../src/logger';
import { intentRequest, launchRequest, purchaseResponse } from '../helpers/requests';
import { appWith, assertCode, DEFAULT_ERROR_SPEECH, thrownBy, told } from './support';

let app: App | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('config: new App(config)', () => {
  it('refuses an unknown option with SKILLSHOP_CONFIG_INVALID naming it', () => {
    const error = thrownBy(() => new App({ bogus: 1 } as unknown as AppConfig));
    assertCode(error, 'SKILLSHOP_CONFIG_INVALID', /unknown option "bogus"/);
  });

  it('refuses a config that is not an object', () => {
    assertCode(thrownBy(() => new App(null as unknown as AppConfig)), 'SKILLSHOP_CONFIG_INVALID', /config must be an object/);
    assertCode(thrownBy(() => new App('fast' as unknown as AppConfig)), 'SKILLSHOP_CONFIG_INVALID');
  });

  for (const [name, value] of [
    ['handlerTimeoutMs', 0],
    ['handlerTimeoutMs', -5],
    ['handlerTimeoutMs', Number.NaN],
    ['handlerTimeoutMs', Number.POSITIVE_INFINITY],
    ['handlerTimeoutMs', '100'],
    ['monetizationTimeoutMs', 0],
  ] as const) {
    it(`refuses ${name}: ${String(value)}`, () => {
      const error = thrownBy(() => new App({ [name]: value } as unknown as AppConfig));
      assertCode(error, 'SKILLSHOP_CONFIG_INVALID', new RegExp(`${name} must be a positive number`));
    });
  }

  it('refuses applicationIds that are not an array of strings', () => {
    assertCode(thrownBy(() => new App({ applicationIds: 'amzn1.ask.skill.x' as unknown as string[] })), 'SKILLSHOP_CONFIG_INVALID', /applicationIds/);
    assertCode(thrownBy(() => new App({ applicationIds: [1] as unknown as string[] })), 'SKILLSHOP_CONFIG_INVALID');
  });

  it('applies the defaults', () => {
    const settings = new App().settings;
    assert.equal(settings.handlerTimeoutMs, 6000);
    assert.equal(settings.monetizationTimeoutMs, 2500);
    assert.deepEqual(settings.intentMap, {});
    assert.deepEqual(settings.applicationIds, []);
    assert.deepEqual(settings.verification, {});
    assert.equal(settings.errorSpeech, 'Sorry, something went wrong. Please try again later.');
    assert.equal(settings.persistUserData, true);
    assert.equal(settings.clock, systemClock);
    assert.equal(settings.random, Math.random);
    assert.equal(settings.storage, undefined);
    assert.equal(settings.projectDir, process.cwd());
  });

  it('keeps the options given, copying maps and lists', () => {
    const intentMap = { 'AMAZON.HelpIntent': 'HelpIntent' };
    const applicationIds = ['amzn1.ask.skill.a'];
    const settings = new App({ handlerTimeoutMs: 50, intentMap, applicationIds, logger: silentLogger, verification: false }).settings;
    assert.equal(settings.handlerTimeoutMs, 50);
    assert.deepEqual(settings.intentMap, intentMap);
    assert.notEqual(settings.intentMap, intentMap);
    assert.deepEqual(settings.applicationIds, applicationIds);
    assert.notEqual(settings.applicationIds, applicationIds);
    assert.equal(settings.logger, silentLogger);
    assert.equal(settings.verification, false);
  });

  it('uses the configured clock for the handler deadline', async () => {
    let now = 1_000_000;
    // Each reading jumps 1 s: the 500 ms deadline has passed when the handler starts, so it gets 1 ms.
    let jump = 1000;
    const clock = { now: () => (now += jump) };
    app = appWith({ LAUNCH() { setTimeout(() => this.tell('ok'), 30); } }, { handlerTimeoutMs: 500, clock });
    assert.deepEqual(await app.handle(launchRequest()), told(DEFAULT_ERROR_SPEECH));
    jump = 0;
    assert.deepEqual(await app.handle(launchRequest()), told('ok'));
  });
});

describe('config: setHandler', () => {
  const invalid: [string, unknown, RegExp][] = [
    ['a number', { LAUNCH: 42 }, /Handler "LAUNCH" must be a function .* got number/],
    ['a string', { LAUNCH: 'hello' }, /got string/],
    ['null', { LAUNCH: null }, /got null/],
    ['an array', { LAUNCH: [] }, /got an array/],
    ['a nested non-function', { BuyState: { YesIntent: true } }, /Handler "BuyState.YesIntent" must be a function/],
  ];
  for (const [label, map, message] of invalid) {
    it(`refuses ${label} with SKILLSHOP_HANDLER_INVALID at set time`, () => {
      const target = new App({ storage: { type: 'memory' }, logger: silentLogger });
      assertCode(thrownBy(() => target.setHandler(map as HandlerMap)), 'SKILLSHOP_HANDLER_INVALID', message);
    });
  }

  it('refuses a map that is not an object', () => {
    const target = new App({ storage: { type: 'memory' }, logger: silentLogger });
    assertCode(thrownBy(() => target.setHandler(null as unknown as HandlerMap)), 'SKILLSHOP_HANDLER_INVALID', /got null/);
    assertCode(thrownBy(() => target.setHandler([] as unknown as HandlerMap)), 'SKILLSHOP_HANDLER_INVALID', /got an array/);
  });

  it('refuses NEW_SESSION and ON_ERROR inside a state', () => {
    const target = new App({ storage: { type: 'memory' }, logger: silentLogger });
    assertCode(thrownBy(() => target.setHandler({ BuyState: { NEW_SESSION() {} } })), 'SKILLSHOP_HANDLER_INVALID', /NEW_SESSION must be a top-level handler/);
    assertCode(thrownBy(() => target.setHandler({ BuyState: { ON_ERROR() {} } })), 'SKILLSHOP_HANDLER_INVALID', /ON_ERROR must be a top-level handler, not inside state "BuyState"/);
  });

  it('refuses a state name with a dot', () => {
    const target = new App({ storage: { type: 'memory' }, logger: silentLogger });
    assertCode(thrownBy(() => target.setHandler({ 'Shop.Checkout': {} })), 'SKILLSHOP_HANDLER_INVALID', /must not contain a dot/);
  });

  it('keeps the handlers set before a refused call', async () => {
    app = appWith({ LAUNCH() { this.tell('still here'); } });
    const replacement: HandlerMap = { LAUNCH() { this.tell('replaced'); } };
    thrownBy(() => app!.setHandler({ ...replacement, Bad: 1 } as unknown as HandlerMap));
    assert.deepEqual(await app.handle(launchRequest()), told('still here'));
  });

  it('merges several maps; a later handler replaces an earlier one', async () => {
    app = appWith({ LAUNCH() { this.tell('first'); }, HelloIntent() { this.tell('hello'); } });
    app.setHandler({ LAUNCH() { this.tell('second'); } }, { ByeIntent() { this.tell('bye'); } });
    assert.deepEqual(await app.handle(launchRequest()), told('second'));
    assert.deepEqual(await app.handle(intentRequest('HelloIntent')), told('hello'));
    assert.deepEqual(await app.handle(intentRequest('ByeIntent')), told('bye'));
  });
});

describe('config: app.handle of an invalid request', () => {
  const cases: [string, () => unknown, string][] = [
    ['not an object', () => 'hello', '(root)'],
    ['null', () => null, '(root)'],
    ['no version', () => {
      const body = launchRequest() as unknown as Record<string, unknown>;
      delete body.version;
      return body;
    }, 'version'],
    ['no context', () => ({ version: '1.0', request: { type: 'LaunchRequest', requestId: 'r', timestamp: 't' } }), 'context'],
    ['no userId', () => {
      const body = launchRequest({ noSession: true });
      delete (body.context.System.user as { userId?: string }).userId;
      return body;
    }, 'context.System.user.userId'],
    ['a session.new that is not a boolean', () => {
      const body = launchRequest();
      (body.session as unknown as { new: unknown }).new = 'yes';
      return body;
    }, 'session.new'],
    ['no request type', () => {
      const body = launchRequest();
      delete (body.request as { type?: string }).type;
      return body;
    }, 'request.type'],
    ['an IntentRequest without intent', () => {
      const body = intentRequest('HelloIntent');
      delete (body.request as { intent?: unknown }).intent;
      return body;
    }, 'request.intent'],
    ['an intent without name', () => {
      const body = intentRequest('HelloIntent');
      delete (body.request as { intent: { name?: string } }).intent.name;
      return body;
    }, 'request.intent.name'],
    ['a numeric status code', () => {
      const body = purchaseResponse('Buy', 'ACCEPTED', 'amzn1.adg.product.x');
      (body.request as unknown as { status: { code: unknown } }).status.code = 200;
      return body;
    }, 'request.status.code'],
  ];
  for (const [label, body, field] of cases) {
    it(`rejects ${label} with SKILLSHOP_REQUEST_INVALID naming ${field}`, async () => {
      let ran = false;
      app = appWith({ LAUNCH() { ran = true; this.tell('no'); }, Unhandled() { ran = true; this.tell('no'); } });
      let caught: unknown;
      await assert.rejects(app.handle(body()), (error) => {
        caught = error;
        return true;
      });
      const error = assertCode(caught, 'SKILLSHOP_REQUEST_INVALID');
      assert.equal(error.details.field, field);
      assert.ok(error.message.includes(field), error.message);
      assert.equal(ran, false);
    });
  }
});
