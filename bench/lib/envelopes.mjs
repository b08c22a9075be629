// Realistic Alexa request envelopes (an Echo Dot's: session, context.System with apiEndpoint and a
// full-length apiAccessToken, AudioPlayer, Advertising, unit ids; 2–3 KB each) and the check of each
// answer. Every request gets its own requestId, as Alexa's do: a skill that remembers requestIds
// (skillshop records purchase results exactly once) must never see a benchmark's replay.
import { randomBytes, randomUUID } from 'node:crypto';

export const SKILL_ID = 'amzn1.ask.skill.8f3c2a71-5d4e-4b9a-a1c6-2e7f9d0b3c58';
export const PRODUCT_ID = 'amzn1.adg.product.5a2c9d8e-3b1f-4c6a-9e7d-0f1e2d3c4b5a';
export const TYPES = ['launch', 'buy', 'purchase'];
export const TYPE_LABELS = { launch: 'LaunchRequest', buy: 'BuySkillItemIntent', purchase: 'Connections.Response' };
const REQUEST_TYPES = { launch: 'LaunchRequest', buy: 'IntentRequest', purchase: 'Connections.Response' };

const upper = (bytes) => randomBytes(bytes).toString('base64').replace(/[^A-Za-z0-9]/g, '').toUpperCase();
const b64url = (bytes) => randomBytes(bytes).toString('base64url');

// One listener: the ids are the same in every request of a run.
const USER_ID = `amzn1.ask.account.${upper(160).slice(0, 180)}`;
const DEVICE_ID = `amzn1.ask.device.${upper(160).slice(0, 180)}`;
const UNIT_ID = `amzn1.ask.unit.${upper(120).slice(0, 140)}`;
const PERSISTENT_UNIT_ID = `amzn1.alexa.unit.did.${upper(120).slice(0, 150)}`;
// Alexa's apiAccessToken is a JWT of about a kilobyte.
const ACCESS_TOKEN = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.${b64url(640)}.${b64url(256)}`;
const ID_WIDTH = 12;

/**
 * A body template for one request type: `body(n)` is the envelope with requestId number `n`
 * (distinct per n, same length for every n) and the timestamp of the moment the template was made.
 */
export function template(type, { apiEndpoint }) {
  const timestamp = new Date().toISOString();
  const sessionId = `amzn1.echo-api.session.${randomUUID()}`;
  const requestPrefix = `amzn1.echo-api.request.${randomUUID().slice(0, 24)}`;
  const marker = 'REQUEST_ID_GOES_HERE';
  const request = { type: REQUEST_TYPES[type], requestId: marker, locale: 'en-US', timestamp };
  if (type === 'launch') request.shouldLinkResultBeReturned = false;
  if (type === 'buy') {
    Object.assign(request, {
      dialogState: 'COMPLETED',
      intent: {
        name: 'BuySkillItemIntent',
        confirmationStatus: 'NONE',
        slots: {
          ProductName: {
            name: 'ProductName',
            value: 'cave quest',
            confirmationStatus: 'NONE',
            source: 'USER',
            slotValue: { type: 'Simple', value: 'cave quest' },
            resolutions: {
              resolutionsPerAuthority: [
                {
                  authority: `amzn1.er-authority.echo-sdk.${SKILL_ID}.LIST_OF_PRODUCT_NAMES`,
                  status: { code: 'ER_SUCCESS_MATCH' },
                  values: [{ value: { name: 'Cave Quest', id: 'cave_quest' } }],
                },
              ],
            },
          },
        },
      },
    });
  }
  if (type === 'purchase') {
    Object.assign(request, {
      name: 'Buy',
      status: { code: '200', message: 'OK' },
      payload: { purchaseResult: 'ACCEPTED', productId: PRODUCT_ID, message: '' },
      token: 'correlationToken',
    });
  }
  const application = { applicationId: SKILL_ID };
  const envelope = {
    version: '1.0',
    // A purchase result and a launch open a new session; the intent comes mid-session.
    session: {
      new: type !== 'buy',
      sessionId,
      application,
      attributes: {},
      user: { userId: USER_ID },
    },
    context: {
      Advertising: { advertisingId: randomUUID(), limitAdTracking: false },
      System: {
        application,
        user: { userId: USER_ID },
        device: { deviceId: DEVICE_ID, persistentEndpointId: `amzn1.alexa.endpoint.${randomUUID()}`, supportedInterfaces: { AudioPlayer: {} } },
        apiEndpoint,
        apiAccessToken: ACCESS_TOKEN,
        unit: { unitId: UNIT_ID, persistentUnitId: PERSISTENT_UNIT_ID },
      },
      AudioPlayer: { playerActivity: 'IDLE' },
    },
    request,
  };
  const [before, after] = JSON.stringify(envelope).split(marker);
  return {
    type,
    timestamp,
    length: before.length + requestPrefix.length + ID_WIDTH + after.length,
    body: (n) => `${before}${requestPrefix}${n.toString(16).padStart(ID_WIDTH, '0')}${after}`,
  };
}

const speechOf = (speech) => (speech && typeof speech.ssml === 'string' ? speech.ssml : undefined);

/** Why `status`/`text` is not the right answer to a request of `type`, or undefined when it is. */
export function problemWith(type, status, text) {
  if (status !== 200) return `HTTP ${status}: ${String(text).slice(0, 300)}`;
  let envelope;
  try {
    envelope = JSON.parse(text);
  } catch {
    return `not JSON: ${String(text).slice(0, 300)}`;
  }
  const response = envelope && envelope.response;
  if (!response) return `no response: ${text.slice(0, 300)}`;
  const shown = JSON.stringify(response).slice(0, 400);
  if (type === 'launch') {
    const speech = speechOf(response.outputSpeech);
    const reprompt = speechOf(response.reprompt && response.reprompt.outputSpeech);
    if (!speech || !speech.includes('Welcome to Cave Quest')) return `launch speech: ${shown}`;
    if (!reprompt || !reprompt.includes('Say buy Cave Quest')) return `launch reprompt: ${shown}`;
    if (response.shouldEndSession !== false) return `launch must keep the session open: ${shown}`;
    return undefined;
  }
  if (type === 'buy') {
    const directives = response.directives || [];
    const [directive] = directives;
    if (directives.length !== 1 || directive.type !== 'Connections.SendRequest' || directive.name !== 'Buy') return `buy directive: ${shown}`;
    if (!directive.payload || !directive.payload.InSkillProduct || directive.payload.InSkillProduct.productId !== PRODUCT_ID) return `buy product id: ${shown}`;
    if (response.outputSpeech || response.reprompt) return `buy must not speak: ${shown}`;
    if (response.shouldEndSession === false) return `buy must end the session: ${shown}`;
    return undefined;
  }
  const speech = speechOf(response.outputSpeech);
  if (!speech || !speech.includes('Enjoy the caves!')) return `purchase result speech: ${shown}`;
  if (response.shouldEndSession !== true) return `purchase result must end the session: ${shown}`;
  return undefined;
}
