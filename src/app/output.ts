/**
 * What a handler has said so far, and how it becomes a response envelope.
 * A purchase directive response has no speech, no reprompt, no other directive, and never
 * `shouldEndSession: false` (alexa-isp-facts §1): mixing is refused with SKILLSHOP_OUTPUT_CONFLICT
 * rather than silently dropping what the handler said.
 */
import { skillshopError } from '../errors';
import type { Card, Directive, OutputSpeech, ResponseBody, ResponseEnvelope } from '../alexa/response';
import { ssmlSpeech } from '../alexa/ssml';

export class Output {
  speech: string | undefined;
  reprompt: string | undefined;
  card: Card | undefined;
  readonly directives: Directive[] = [];
  purchaseDirective: Directive | undefined;
  /** true: end, false: keep the session open, undefined: let Alexa decide. */
  shouldEndSession: boolean | undefined;
  /** Set by tell/ask/purchase directives/endSession: the handler has answered. */
  produced = false;

  tell(speech: string): void {
    this.refuseAfterPurchaseDirective('tell');
    this.speech = speech;
    this.reprompt = undefined;
    this.shouldEndSession = true;
    this.produced = true;
  }

  ask(speech: string, reprompt: string): void {
    this.refuseAfterPurchaseDirective('ask');
    this.speech = speech;
    this.reprompt = reprompt;
    this.shouldEndSession = false;
    this.produced = true;
  }

  /** Ends the session without speech. */
  endSession(): void {
    this.refuseAfterPurchaseDirective('endSession');
    this.shouldEndSession = true;
    this.produced = true;
  }

  addDirective(directive: Directive): void {
    this.refuseAfterPurchaseDirective('addDirective');
    this.directives.push(directive);
  }

  setPurchaseDirective(directive: Directive): void {
    if (this.purchaseDirective) {
      throw skillshopError('OUTPUT_CONFLICT', 'A purchase directive was already sent in this response; Alexa accepts only one.');
    }
    if (this.speech !== undefined || this.directives.length > 0) {
      throw skillshopError(
        'OUTPUT_CONFLICT',
        `A ${String(directive.name)} purchase directive must be the only output: this handler already said "${this.speech ?? ''}"` +
          `${this.directives.length > 0 ? ' and added directives' : ''}. Alexa speaks the purchase dialog itself; move your line to ON_PURCHASE.`,
      );
    }
    this.purchaseDirective = directive;
    this.produced = true;
  }

  /**
   * The envelope and its JSON text, which is exactly `JSON.stringify(envelope)`, written here for the
   * one shape this class makes — about half the cost of JSON.stringify walking the objects, on every
   * response. The parts a handler supplies (card, directives, session attributes) go through
   * JSON.stringify as they are.
   */
  toAnswer(sessionAttributes: Record<string, unknown> | undefined): { response: ResponseEnvelope; json: string } {
    const response = this.toEnvelope(sessionAttributes);
    return { response, json: envelopeJson(response) };
  }

  toEnvelope(sessionAttributes: Record<string, unknown> | undefined): ResponseEnvelope {
    const response: ResponseBody = {};
    if (this.purchaseDirective) {
      // Sending it ends the session whatever shouldEndSession says; Amazon's samples omit the flag.
      response.directives = [this.purchaseDirective];
      return { version: '1.0', response };
    }
    if (this.speech !== undefined) response.outputSpeech = ssmlSpeech(this.speech);
    if (this.reprompt !== undefined) response.reprompt = { outputSpeech: ssmlSpeech(this.reprompt) };
    if (this.card) response.card = this.card;
    if (this.directives.length > 0) response.directives = [...this.directives];
    if (this.shouldEndSession !== undefined) response.shouldEndSession = this.shouldEndSession;
    const envelope: ResponseEnvelope = { version: '1.0', response };
    if (this.shouldEndSession === false && sessionAttributes && Object.keys(sessionAttributes).length > 0) {
      envelope.sessionAttributes = sessionAttributes;
    }
    return envelope;
  }

  private refuseAfterPurchaseDirective(what: string): void {
    if (this.purchaseDirective) {
      throw skillshopError(
        'OUTPUT_CONFLICT',
        `${what}() after a ${String(this.purchaseDirective.name)} purchase directive: the directive must be the only output, ` +
          'and the session ends with it. Speak in ON_PURCHASE instead.',
      );
    }
  }
}

/**
 * JSON.stringify(envelope) for an envelope made by Output#toEnvelope: its keys in the order it adds
 * them, speech as `{ type: 'SSML', ssml }` (ssmlSpeech).
 */
function envelopeJson(envelope: ResponseEnvelope): string {
  const response = envelope.response;
  let body = '';
  if (response.outputSpeech !== undefined) body += `,"outputSpeech":${speechJson(response.outputSpeech)}`;
  if (response.reprompt !== undefined) body += `,"reprompt":{"outputSpeech":${speechJson(response.reprompt.outputSpeech)}}`;
  if (response.card !== undefined) body += member('card', response.card);
  if (response.directives !== undefined) body += member('directives', response.directives);
  if (response.shouldEndSession !== undefined) body += `,"shouldEndSession":${response.shouldEndSession}`;
  const attributes = envelope.sessionAttributes === undefined ? '' : member('sessionAttributes', envelope.sessionAttributes);
  return `{"version":"1.0","response":{${body.slice(1)}}${attributes}}`;
}

function speechJson(speech: OutputSpeech): string {
  return speech.type === 'SSML' && typeof speech.ssml === 'string' ? `{"type":"SSML","ssml":${JSON.stringify(speech.ssml)}}` : JSON.stringify(speech);
}

/** `,"name":value` — or nothing, where JSON.stringify leaves the key out (a toJSON answering undefined). */
function member(name: string, value: unknown): string {
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? '' : `,"${name}":${json}`;
}

/** The envelope of an empty answer (SessionEndedRequest, events): nothing to say. */
export function emptyResponse(): ResponseEnvelope {
  return { version: '1.0', response: {} };
}
