/**
 * What Alexa checks in a skill's response, and what it does not forgive. The simulator uses it to
 * decide whether Alexa would speak the answer or say "There was a problem with the requested
 * skill's response", and to warn about answers Alexa accepts but handles badly.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-and-response-json-reference.html#response-format
 * Purchase directive rules: alexa-isp-facts.md §1.
 */
import type { Directive, ResponseEnvelope } from '../alexa/response';

export interface ResponseProblem {
  severity: 'error' | 'warning';
  message: string;
}

export const PURCHASE_DIRECTIVE = 'Connections.SendRequest';
const PURCHASE_NAMES = new Set(['Buy', 'Upsell', 'Cancel']);

export function purchaseDirectiveOf(response: ResponseEnvelope): Directive | undefined {
  return response.response?.directives?.find((d) => d?.type === PURCHASE_DIRECTIVE && PURCHASE_NAMES.has(String(d.name)));
}

export function checkResponse(body: unknown): ResponseProblem[] {
  const problems: ResponseProblem[] = [];
  const error = (message: string) => problems.push({ severity: 'error', message });
  const warn = (message: string) => problems.push({ severity: 'warning', message });

  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    error('The response is not a JSON object.');
    return problems;
  }
  const envelope = body as Partial<ResponseEnvelope> & Record<string, unknown>;
  if (envelope.version !== '1.0') warn(`version should be "1.0", got ${JSON.stringify(envelope.version)}.`);
  const response = envelope.response;
  if (response === null || typeof response !== 'object') {
    error('The response has no "response" object.');
    return problems;
  }
  for (const [field, speech] of [['outputSpeech', response.outputSpeech], ['reprompt.outputSpeech', response.reprompt?.outputSpeech]] as const) {
    if (speech === undefined) continue;
    if (speech.type === 'SSML') {
      if (typeof speech.ssml !== 'string' || !/^\s*<speak>[\s\S]*<\/speak>\s*$/.test(speech.ssml)) {
        error(`${field}.ssml must be a string wrapped in <speak>…</speak>.`);
      }
    } else if (speech.type === 'PlainText') {
      if (typeof speech.text !== 'string') error(`${field}.text must be a string.`);
    } else {
      error(`${field}.type must be "SSML" or "PlainText", got ${JSON.stringify((speech as { type?: unknown }).type)}.`);
    }
  }
  if (response.shouldEndSession !== undefined && response.shouldEndSession !== null && typeof response.shouldEndSession !== 'boolean') {
    error('shouldEndSession must be a boolean.');
  }
  if (response.directives !== undefined && !Array.isArray(response.directives)) {
    error('directives must be an array.');
    return problems;
  }
  const purchase = purchaseDirectiveOf(envelope as ResponseEnvelope);
  if (purchase) {
    const payload = purchase.payload as { InSkillProduct?: { productId?: unknown }; upsellMessage?: unknown } | undefined;
    if (typeof payload?.InSkillProduct?.productId !== 'string' || payload.InSkillProduct.productId === '') {
      error(`The ${String(purchase.name)} directive has no payload.InSkillProduct.productId (note the capital I).`);
    }
    if (purchase.name === 'Upsell' && (typeof payload?.upsellMessage !== 'string' || payload.upsellMessage.trim() === '')) {
      error('An Upsell directive needs payload.upsellMessage: the line Alexa reads before the offer.');
    }
    if ((response.directives ?? []).length > 1) {
      error('A purchase directive must be the only directive (mixed with others, e.g. Dialog.Delegate, Alexa goes silent).');
    }
    if (response.outputSpeech) warn('A response with a purchase directive should have no outputSpeech: Alexa speaks the purchase dialog.');
    if (response.reprompt) warn('A response with a purchase directive should have no reprompt.');
    if (response.shouldEndSession === false) {
      error('A purchase directive ends the session: shouldEndSession must be omitted or true, never false.');
    }
  } else if (!response.outputSpeech && response.shouldEndSession === false && !(response.directives ?? []).length) {
    warn('The session stays open but the skill said nothing: the user hears silence.');
  }
  return problems;
}
