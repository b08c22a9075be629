/**
 * Which handler a request goes to — the routing Jovo users know:
 * LaunchRequest → LAUNCH; IntentRequest → the intent's name (through intentMap), with
 * AMAZON.StopIntent/CancelIntent going to END when they have no handler of their own;
 * SessionEndedRequest → END; Connections.Response named Buy/Upsell/Cancel → ON_PURCHASE;
 * and anything unmatched → Unhandled (in the current state, then global).
 */
import type { AlexaRequest, ConnectionsResponse, IntentRequest } from '../alexa/request';
import { findHandler, HANDLER_NAMES, type CompiledHandler, type CompiledState } from './handlers';
import { PURCHASE_CONNECTION_NAMES } from '../isp/purchase-result';

export interface Route {
  handler: CompiledHandler;
  /** The handler's name as found (e.g. 'Unhandled' when it stood in). */
  name: string;
  /** The name the request asked for (e.g. the intent name). */
  requested: string;
  /** Whether to wait for output from a handler that returned without answering. */
  waitForOutput: boolean;
}

const END_INTENTS = new Set(['AMAZON.StopIntent', 'AMAZON.CancelIntent']);

/** The handler name a request asks for, before fallbacks. `undefined`: a request type with no handler name. */
export function requestedName(request: AlexaRequest, intentMap: Readonly<Record<string, string>>): string {
  switch (request.type) {
    case 'LaunchRequest':
      return HANDLER_NAMES.LAUNCH;
    case 'IntentRequest': {
      const intent = (request as IntentRequest).intent.name;
      return intentMap[intent] ?? intent;
    }
    case 'SessionEndedRequest':
      return HANDLER_NAMES.END;
    case 'Connections.Response':
      return (PURCHASE_CONNECTION_NAMES as readonly string[]).includes((request as ConnectionsResponse).name)
        ? HANDLER_NAMES.ON_PURCHASE
        : `Connections.Response.${(request as ConnectionsResponse).name}`;
    default:
      // AudioPlayer.*, AlexaSkillEvent.*, System.ExceptionEncountered, …: a handler of that name, if any.
      return request.type;
  }
}

export function route(
  root: CompiledState,
  state: string | undefined,
  request: AlexaRequest,
  intentMap: Readonly<Record<string, string>>,
): Route | undefined {
  const requested = requestedName(request, intentMap);
  const found = (name: string, waitForOutput = true): Route | undefined => {
    const hit = findHandler(root, state, name);
    return hit ? { handler: hit.handler, name, requested, waitForOutput } : undefined;
  };

  switch (request.type) {
    case 'SessionEndedRequest':
      // Alexa ignores any answer; END is optional and needs no output.
      return found(HANDLER_NAMES.END, false);
    case 'LaunchRequest':
    case 'Connections.Response':
      return found(requested) ?? found(HANDLER_NAMES.UNHANDLED);
    case 'IntentRequest': {
      const intent = (request as IntentRequest).intent.name;
      const direct = found(requested);
      if (direct) return direct;
      // An END that ends silently is normal for "stop"; do not wait for output it will never give.
      if (END_INTENTS.has(intent)) return found(HANDLER_NAMES.END, false) ?? found(HANDLER_NAMES.UNHANDLED);
      return found(HANDLER_NAMES.UNHANDLED);
    }
    default:
      return found(requested, false);
  }
}
