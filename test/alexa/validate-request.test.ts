import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequestEnvelope, validateRequestEnvelope } from '../../src/alexa/validate-request';
import type { RequestEnvelope } from '../../src/alexa/request';
import { isSkillshopError, type SkillshopError } from '../../src/errors';
import { intentRequest, launchRequest, purchaseResponse, sessionEndedRequest } from '../helpers/requests';

function refusal(body: unknown): SkillshopError {
  try {
    validateRequestEnvelope(body);
  } catch (error) {
    assert.ok(isSkillshopError(error, 'REQUEST_INVALID'), String(error));
    assert.equal(error.statusCode, 400);
    return error;
  }
  assert.fail('expected SKILLSHOP_REQUEST_INVALID');
}

/** A copy of `envelope` changed by `edit`. */
function edited(envelope: RequestEnvelope, edit: (body: Record<string, any>) => void): unknown { // eslint-disable-line @typescript-eslint/no-explicit-any
  const body = structuredClone(envelope) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  edit(body);
  return body;
}

describe('validateRequestEnvelope: valid envelopes', () => {
  it('accepts every kind the test helpers build, and returns the same object', () => {
    for (const envelope of [
      launchRequest(),
      intentRequest('BuySkillItemIntent', { ProductName: { value: 'cave quest', id: 'cave_quest' }, Empty: undefined, Plain: 'x' }),
      sessionEndedRequest('ERROR'),
      purchaseResponse('Buy', 'ACCEPTED', 'amzn1.adg.product.x'),
      purchaseResponse('Buy', 'ACCEPTED', 'amzn1.adg.product.x', { noPayload: true, statusCode: '500', noSession: true }),
    ]) {
      assert.equal(validateRequestEnvelope(envelope), envelope);
    }
  });

  it('accepts an envelope without a session (events, purchase results)', () => {
    const envelope = launchRequest({ noSession: true });
    assert.equal(validateRequestEnvelope(envelope), envelope);
  });

  it('accepts request types it does not know, with only the base fields', () => {
    const body = edited(launchRequest({ noSession: true }), (b) => {
      b.request.type = 'AudioPlayer.PlaybackStarted';
      b.request.token = 't';
    });
    assert.equal(validateRequestEnvelope(body), body);
  });

  it('accepts any keys and values in session attributes, supported interfaces and a payload', () => {
    const anything = { '': 1, 'with space': null, nested: { deep: [1, { x: 'y' }] }, 'ü-key': 'v', __proto_like: {} };
    const launch = edited(launchRequest(), (b) => {
      b.session.attributes = anything;
      b.context.System.device = { deviceId: 'd', supportedInterfaces: anything };
    });
    assert.equal(validateRequestEnvelope(launch), launch);
    const purchase = edited(purchaseResponse('Buy', 'ACCEPTED', 'p'), (b) => (b.request.payload = { ...anything, purchaseResult: 'ACCEPTED' }));
    assert.equal(validateRequestEnvelope(purchase), purchase);
  });

  it('keeps extra fields untouched', () => {
    const body = edited(launchRequest(), (b) => {
      b.context.Viewport = { pixelWidth: 1024 };
      b.request.shouldLinkResultBeReturned = false;
      b.extra = 1;
    }) as Record<string, unknown>;
    assert.deepEqual(validateRequestEnvelope(body), body);
  });
});

describe('validateRequestEnvelope: refusals name the field', () => {
  const cases: [string, () => unknown, string, RegExp][] = [
    ['null', () => null, '(root)', /Not an Alexa request envelope: \(root\): Expected object/],
    ['an array', () => [], '(root)', /Expected object/],
    ['no version', () => edited(launchRequest(), (b) => delete b.version), 'version', /version: Expected required property/],
    ['a numeric version', () => edited(launchRequest(), (b) => (b.version = 1)), 'version', /Expected string/],
    ['no context', () => edited(launchRequest(), (b) => delete b.context), 'context', /context/],
    ['no context.System', () => edited(launchRequest(), (b) => delete b.context.System), 'context.System', /context\.System/],
    ['no System.user', () => edited(launchRequest({ noSession: true }), (b) => delete b.context.System.user), 'context.System.user', /user/],
    ['no application id', () => edited(launchRequest({ noSession: true }), (b) => delete b.context.System.application.applicationId), 'context.System.application.applicationId', /applicationId/],
    ['no session id', () => edited(launchRequest(), (b) => delete b.session.sessionId), 'session.sessionId', /sessionId/],
    ['a string session.new', () => edited(launchRequest(), (b) => (b.session.new = 'true')), 'session.new', /Expected boolean/],
    ['session attributes that are not an object', () => edited(launchRequest(), (b) => (b.session.attributes = 'x')), 'session.attributes', /attributes/],
    ['session attributes that are an array', () => edited(launchRequest(), (b) => (b.session.attributes = [1])), 'session.attributes', /Expected object/],
    ['session attributes that are null', () => edited(launchRequest(), (b) => (b.session.attributes = null)), 'session.attributes', /Expected object/],
    ['supported interfaces that are a list', () => edited(launchRequest(), (b) => (b.context.System.device = { supportedInterfaces: ['AudioPlayer'] })), 'context.System.device.supportedInterfaces', /Expected object/],
    ['a purchase payload that is an array', () => edited(purchaseResponse('Buy', 'ACCEPTED', 'p'), (b) => (b.request.payload = [])), 'request.payload', /Expected object/],
    ['no request', () => edited(launchRequest(), (b) => delete b.request), 'request', /request/],
    ['no request type', () => edited(launchRequest(), (b) => delete b.request.type), 'request.type', /request\.type/],
    ['no requestId', () => edited(launchRequest(), (b) => delete b.request.requestId), 'request.requestId', /requestId/],
    ['no timestamp', () => edited(launchRequest(), (b) => delete b.request.timestamp), 'request.timestamp', /timestamp/],
    ['an IntentRequest without intent', () => edited(intentRequest('X'), (b) => delete b.request.intent), 'request.intent', /Invalid IntentRequest: request\.intent/],
    ['an intent name that is a number', () => edited(intentRequest('X'), (b) => (b.request.intent.name = 5)), 'request.intent.name', /Expected string/],
    ['a slot without name', () => edited(intentRequest('X', { A: 'a' }), (b) => delete b.request.intent.slots.A.name), 'request.intent.slots.A.name', /name/],
    ['a resolution without status', () => edited(intentRequest('X', { A: { value: 'a', id: 'a' } }), (b) => delete b.request.intent.slots.A.resolutions.resolutionsPerAuthority[0].status), 'request.intent.slots.A.resolutions.resolutionsPerAuthority.0.status', /status/],
    ['a Connections.Response without name', () => edited(purchaseResponse('Buy', 'ACCEPTED', 'p'), (b) => delete b.request.name), 'request.name', /Invalid Connections\.Response/],
    ['a Connections.Response without status', () => edited(purchaseResponse('Buy', 'ACCEPTED', 'p'), (b) => delete b.request.status), 'request.status', /status/],
    ['a numeric status code', () => edited(purchaseResponse('Buy', 'ACCEPTED', 'p'), (b) => (b.request.status.code = 200)), 'request.status.code', /Expected string/],
    ['a SessionEndedRequest with a string error', () => edited(sessionEndedRequest('ERROR'), (b) => (b.request.error = 'bad')), 'request.error', /error/],
  ];
  for (const [label, body, field, message] of cases) {
    it(`${label} → ${field}`, () => {
      const error = refusal(body());
      assert.deepEqual(error.details, { field });
      assert.match(error.message, message);
      assert.ok(error.message.includes(`${field}:`), error.message);
    });
  }
});

describe('parseRequestEnvelope', () => {
  it('parses a string or a Buffer', () => {
    const envelope = launchRequest();
    const text = JSON.stringify(envelope);
    assert.deepEqual(parseRequestEnvelope(text), envelope);
    assert.deepEqual(parseRequestEnvelope(Buffer.from(text, 'utf8')), envelope);
  });

  it('refuses a body that is not JSON with SKILLSHOP_REQUEST_NOT_JSON', () => {
    for (const raw of ['', '{"version":', 'not json', Buffer.from('{')]) {
      assert.throws(() => parseRequestEnvelope(raw), (error) => {
        assert.ok(isSkillshopError(error, 'REQUEST_NOT_JSON'), String(error));
        assert.ok(error.cause instanceof SyntaxError);
        return true;
      });
    }
  });

  it('validates what it parsed', () => {
    assert.throws(() => parseRequestEnvelope('{"version":"1.0"}'), (error) => isSkillshopError(error, 'REQUEST_INVALID') && error.details.field === 'context');
  });
});

describe('validateRequestEnvelope: limits that keep the server safe', () => {
  it('refuses empty ids Alexa always fills', () => {
    const envelope = launchRequest() as unknown as { request: { requestId: string }; context: { System: { user: { userId: string } } } };
    envelope.request.requestId = '';
    assert.throws(() => validateRequestEnvelope(envelope), { code: 'SKILLSHOP_REQUEST_INVALID' });
    const other = launchRequest() as unknown as { context: { System: { user: { userId: string } } } };
    other.context.System.user.userId = '';
    assert.throws(() => validateRequestEnvelope(other), /userId/);
  });

  it('refuses session attributes nested deeper than 64 levels, accepts 64', () => {
    const nest = (depth: number) => {
      let value: Record<string, unknown> = {};
      for (let i = 0; i < depth; i++) value = { next: value };
      return value;
    };
    assert.doesNotThrow(() => validateRequestEnvelope(launchRequest({ attributes: nest(63) })));
    assert.throws(() => validateRequestEnvelope(launchRequest({ attributes: nest(10_000) })), /nested deeper than 64 levels/);
  });
});
