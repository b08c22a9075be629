/** What one user utterance led to: every line spoken, and every request and response exchanged. */
import type { RequestEnvelope } from '../alexa/request';
import type { Card } from '../alexa/response';
import type { NluResult } from './nlu';
import type { ResponseProblem } from './check-response';

export interface SpokenLine {
  /** `skill`: the skill's outputSpeech; `alexa`: Alexa's own words (the purchase dialog, errors). */
  speaker: 'skill' | 'alexa';
  text: string;
  /** The SSML as sent, for skill lines. */
  ssml?: string;
}

export interface PurchaseOutcome {
  /** Buy | Upsell | Cancel */
  name: string;
  productId: string;
  referenceName: string | undefined;
  /** What the skill was told: ACCEPTED, DECLINED, …; undefined when no result was sent. */
  purchaseResult: string | undefined;
  statusCode: string | undefined;
  token: string | undefined;
}

/** A purchase result chosen by hand, instead of the user's yes or no (see Simulator.answerPurchase). */
export type ForcedPurchaseOutcome =
  /** Any purchaseResult, known or not, with status 200. */
  | { purchaseResult: string; message?: string }
  /** The flow breaks: this status code and no payload. */
  | { statusCode: string; message?: string }
  /** No Connections.Response ever comes back. */
  | 'no-result';

export interface Turn {
  /** What the user said (or a description, e.g. "(silence)"). */
  user: string;
  /** Everything said in this turn, skill and Alexa, in order. */
  speech: string;
  lines: SpokenLine[];
  /** How the utterance was understood; undefined when Alexa's purchase dialog took the answer. */
  nlu: NluResult | undefined;
  /** Every request sent to the skill in this turn (the purchase hop's Connections.Response included). */
  requests: RequestEnvelope[];
  /** The skill's answers, one per request (undefined where it gave none). */
  responses: unknown[];
  /** Problems with the skill's answers, as Alexa would see them. */
  problems: ResponseProblem[];
  card: Card | undefined;
  /** A purchase dialog that finished in this turn. */
  purchase: PurchaseOutcome | undefined;
  /** Whether the skill's session is open after this turn (the microphone is on). */
  sessionOpen: boolean;
  /** Alexa asked a purchase question and waits for yes or no. */
  awaitingPurchaseAnswer: boolean;
  /** The skill failed: no answer, an HTTP error, invalid JSON, or an answer Alexa rejects. */
  error: string | undefined;
  /** Set when the turn is Simulator.answerPurchase's: the result chosen by hand. */
  forcedPurchase?: ForcedPurchaseOutcome;
}

export function emptyTurn(user: string): Turn {
  return {
    user,
    speech: '',
    lines: [],
    nlu: undefined,
    requests: [],
    responses: [],
    problems: [],
    card: undefined,
    purchase: undefined,
    sessionOpen: false,
    awaitingPurchaseAnswer: false,
    error: undefined,
  };
}

export function say(turn: Turn, line: SpokenLine): void {
  if (line.text.trim() === '') return;
  turn.lines.push(line);
  turn.speech = turn.lines.map((l) => l.text).join(' ');
}
