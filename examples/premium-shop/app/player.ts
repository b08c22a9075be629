/**
 * What Space Trivia remembers about a player, in `this.user().data` (it lasts across sessions,
 * which matters: a purchase result arrives in a new session with no session attributes).
 *
 * Never stored here: whether the player owns a product. That is Amazon's answer, asked for every
 * time (a cancelled subscription, a refund or a test reset change it without telling the skill),
 * and the clue balance, which skillshop derives from Amazon's count and the units used.
 */
import type { HandlerContext } from 'skillshop';
import type { Round } from './questions';

export interface OpenQuestion {
  round: Round;
  index: number;
}

/**
 * One visit: a session, plus the sessions a purchase hop starts. It holds what the upsell policy
 * needs: at most one upsell per visit, and never again a product the player declined.
 */
export interface Visit {
  session: string;
  /** When the last purchase directive of this visit was sent (ms since 1970, request time). */
  directiveAt: number;
  upsold: string[];
  declined: string[];
}

interface PlayerData {
  question?: OpenQuestion;
  /** The next question of each round (they go round in order). */
  next?: Partial<Record<Round, number>>;
  visit?: Visit;
}

/** How long after a purchase directive its result may arrive and still belong to the same visit. */
const PURCHASE_HOP_MS = 10 * 60 * 1000;

function data(context: HandlerContext): PlayerData {
  return context.user().data as PlayerData;
}

export function requestTime(context: HandlerContext): number {
  const time = Date.parse(context.request.request.timestamp);
  return Number.isNaN(time) ? 0 : time;
}

export function openQuestion(context: HandlerContext): OpenQuestion | undefined {
  return data(context).question;
}

export function setOpenQuestion(context: HandlerContext, question: OpenQuestion | undefined): void {
  if (question) data(context).question = question;
  else delete data(context).question;
}

export function nextIndex(context: HandlerContext, round: Round): number {
  return data(context).next?.[round] ?? 0;
}

export function setNextIndex(context: HandlerContext, round: Round, index: number): void {
  const player = data(context);
  player.next = { ...player.next, [round]: index };
}

/**
 * The current visit. A new session starts a new one, except the session Alexa opens to deliver a
 * purchase result shortly after a directive: that continues the visit the directive came from.
 */
export function visit(context: HandlerContext): Visit {
  const player = data(context);
  const session = context.request.session?.sessionId ?? '';
  const current = player.visit;
  if (current?.session === session) return current;
  const purchaseHop = context.getRequestType() === 'Connections.Response' && current !== undefined &&
    requestTime(context) - current.directiveAt < PURCHASE_HOP_MS;
  player.visit = purchaseHop ? { ...current, session } : { session, directiveAt: 0, upsold: [], declined: [] };
  return player.visit;
}

export function noteUpsell(context: HandlerContext, referenceName: string): void {
  const current = visit(context);
  current.upsold = [...current.upsold, referenceName];
  current.directiveAt = requestTime(context);
}

export function noteDirective(context: HandlerContext): void {
  visit(context).directiveAt = requestTime(context);
}

export function noteDeclined(context: HandlerContext, referenceName: string): void {
  const current = visit(context);
  if (!current.declined.includes(referenceName)) current.declined = [...current.declined, referenceName];
}
