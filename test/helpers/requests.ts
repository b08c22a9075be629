/**
 * Realistic Alexa request envelopes for tests: the shape Alexa sends, with session,
 * context.System (application, user, device, apiEndpoint, apiAccessToken) and entity-resolved slots.
 */
import { randomUUID } from 'node:crypto';
import type { RequestEnvelope } from '../../src/alexa/request';

export const SKILL_ID = 'amzn1.ask.skill.11111111-2222-3333-4444-555555555555';
export const USER_ID = 'amzn1.ask.account.TESTUSER';
export const ACCESS_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test-access-token';

export interface EnvelopeOptions {
  apiEndpoint?: string;
  userId?: string;
  skillId?: string;
  locale?: string;
  sessionId?: string;
  newSession?: boolean;
  attributes?: Record<string, unknown>;
  timestamp?: string;
  requestId?: string;
  /** No session object at all (as in some Connections.Response deliveries). */
  noSession?: boolean;
}

function envelope(request: Record<string, unknown>, options: EnvelopeOptions): RequestEnvelope {
  const skillId = options.skillId ?? SKILL_ID;
  const user = { userId: options.userId ?? USER_ID };
  const base: Record<string, unknown> = {
    version: '1.0',
    context: {
      System: {
        application: { applicationId: skillId },
        user,
        device: { deviceId: 'amzn1.ask.device.TESTDEVICE', supportedInterfaces: {} },
        apiEndpoint: options.apiEndpoint ?? 'https://api.amazonalexa.com',
        apiAccessToken: ACCESS_TOKEN,
      },
    },
    request: {
      requestId: options.requestId ?? `amzn1.echo-api.request.${randomUUID()}`,
      timestamp: options.timestamp ?? new Date().toISOString(),
      locale: options.locale ?? 'en-US',
      ...request,
    },
  };
  if (!options.noSession) {
    base.session = {
      new: options.newSession ?? true,
      sessionId: options.sessionId ?? `amzn1.echo-api.session.${randomUUID()}`,
      application: { applicationId: skillId },
      attributes: options.attributes ?? {},
      user,
    };
  }
  return base as unknown as RequestEnvelope;
}

export function launchRequest(options: EnvelopeOptions = {}): RequestEnvelope {
  return envelope({ type: 'LaunchRequest' }, options);
}

/** A slot value: a string (heard, no resolution), or `{ value, id, name }` (ER_SUCCESS_MATCH), or `{ value, match: false }`. */
export type SlotSpec = string | { value: string; id?: string; name?: string; match?: boolean; type?: string };

export function intentRequest(name: string, slots: Record<string, SlotSpec | undefined> = {}, options: EnvelopeOptions = {}): RequestEnvelope {
  const alexaSlots: Record<string, unknown> = {};
  for (const [slotName, spec] of Object.entries(slots)) {
    if (spec === undefined) {
      alexaSlots[slotName] = { name: slotName, confirmationStatus: 'NONE' };
    } else if (typeof spec === 'string') {
      alexaSlots[slotName] = { name: slotName, value: spec, confirmationStatus: 'NONE', source: 'USER' };
    } else {
      const authority = `amzn1.er-authority.echo-sdk.${options.skillId ?? SKILL_ID}.${spec.type ?? 'LIST_OF_PRODUCT_NAMES'}`;
      const resolution = spec.match === false || spec.id === undefined
        ? { authority, status: { code: 'ER_SUCCESS_NO_MATCH' } }
        : { authority, status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: spec.name ?? spec.value, id: spec.id } }] };
      alexaSlots[slotName] = {
        name: slotName,
        value: spec.value,
        confirmationStatus: 'NONE',
        source: 'USER',
        resolutions: { resolutionsPerAuthority: [resolution] },
      };
    }
  }
  return envelope({ type: 'IntentRequest', dialogState: 'COMPLETED', intent: { name, confirmationStatus: 'NONE', slots: alexaSlots } }, { newSession: false, ...options });
}

export function sessionEndedRequest(reason = 'USER_INITIATED', options: EnvelopeOptions = {}): RequestEnvelope {
  return envelope({ type: 'SessionEndedRequest', reason }, { newSession: false, ...options });
}

export interface PurchaseResponseOptions extends EnvelopeOptions {
  statusCode?: string;
  statusMessage?: string;
  token?: string;
  message?: string;
  /** Leave the payload out (failed flows). */
  noPayload?: boolean;
}

/** The Connections.Response Alexa sends after its purchase dialog: a NEW session, status code a string. */
export function purchaseResponse(
  name: 'Buy' | 'Upsell' | 'Cancel' | string,
  purchaseResult: string,
  productId: string,
  options: PurchaseResponseOptions = {},
): RequestEnvelope {
  const payload: Record<string, unknown> = { purchaseResult, productId };
  if (options.message) payload.message = options.message;
  return envelope({
    type: 'Connections.Response',
    name,
    status: { code: options.statusCode ?? '200', message: options.statusMessage ?? 'OK' },
    ...(options.noPayload ? {} : { payload }),
    token: options.token ?? `${name}:${productId}`,
  }, { newSession: true, ...options });
}

/** The spoken text of a response (SSML tags removed). */
export function speechOf(response: { response: { outputSpeech?: { ssml?: string; text?: string } } }): string | undefined {
  const speech = response.response.outputSpeech;
  if (!speech) return undefined;
  return (speech.ssml ?? speech.text ?? '').replace(/<[^>]+>/g, '').trim();
}
