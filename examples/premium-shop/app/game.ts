/**
 * The game: which question to ask, premium rounds served exactly when Amazon says ENTITLED (or
 * offered when the upsell policy allows), and clues used one at a time.
 */
import { InsufficientInventoryError, isEntitled, type HandlerContext, type Inventory } from 'skillshop';
import { nextIndex, openQuestion, setOpenQuestion } from './player';
import { dayNumber, PRODUCT_OF_ROUND, questionAt, type Round } from './questions';
import { CLUE_PACK, isForSale, mayUpsell, upsell } from './shop';
import { languageOf, sentences, speechFor } from './speech';

export function questionText(context: HandlerContext, round: Round, index: number): string {
  return speechFor(context).trueOrFalse(questionAt(round, index)[languageOf(context.getLocale())].question);
}

/**
 * Which question of `round` to ask: the player's unanswered one of that round, else the next of
 * the round (a round moves on when a question is answered or skipped); the daily challenge starts
 * with today's, the same all day, unless the player asks for `more`.
 */
function questionToAsk(context: HandlerContext, round: Round, more: boolean): number {
  const open = openQuestion(context);
  if (open?.round === round) return open.index;
  if (round === 'daily' && !more) return dayNumber(context.request.request.timestamp);
  return nextIndex(context, round);
}

/** Asks a question of `round` (free, or already checked) after `lead`. */
function askNextQuestion(context: HandlerContext, round: Round, lead: string, more = false): void {
  const index = questionToAsk(context, round, more);
  setOpenQuestion(context, { round, index });
  const question = questionText(context, round, index);
  context.ask(sentences(lead, question), question);
}

/**
 * A round of questions. Premium rounds are served exactly when Amazon says the player is
 * ENTITLED; otherwise the product is offered (when `offer` and the upsell policy allow) or a free
 * planet question follows.
 */
export async function playRound(context: HandlerContext, round: Round, options: { lead?: string; offer: boolean; more?: boolean }): Promise<void> {
  const say = speechFor(context);
  const intro = options.more ? say.nextIntro[round] : say.roundIntro[round];
  const referenceName = PRODUCT_OF_ROUND[round];
  if (round === 'planets' || referenceName === undefined) return askNextQuestion(context, 'planets', sentences(options.lead, intro));
  const product = await context.isp.getProductByReferenceName(referenceName);
  if (product && isEntitled(product)) return askNextQuestion(context, round, sentences(options.lead, intro), options.more);
  if (options.offer && product && (await mayUpsell(context, product))) return upsell(context, product, round);
  askNextQuestion(context, 'planets', sentences(options.lead, say.locked(round, product?.purchasable === 'PURCHASABLE')));
}

/**
 * The game goes on after a purchase that did not happen: back to the open question when the
 * player may still play it (a free one, or a premium one Amazon says they own), else a new
 * planet question.
 */
export async function carryOn(context: HandlerContext, lead: string): Promise<void> {
  const open = openQuestion(context);
  const referenceName = open ? PRODUCT_OF_ROUND[open.round] : undefined;
  const allowed = open !== undefined && (referenceName === undefined || (await context.isp.isEntitled(referenceName)));
  if (open && allowed) {
    const question = questionText(context, open.round, open.index);
    return void context.ask(sentences(lead, speechFor(context).backToQuestion, question), question);
  }
  askNextQuestion(context, 'planets', sentences(lead, speechFor(context).roundIntro.planets));
}

/** Uses one clue (one atomic write) on the open question, or on a new planet question. At zero: the Clue Pack. */
export async function useClue(context: HandlerContext, options: { lead?: string; offer: boolean }): Promise<void> {
  const say = speechFor(context);
  let inventory: Inventory;
  try {
    inventory = await context.isp.consume(CLUE_PACK);
  } catch (error) {
    if (!(error instanceof InsufficientInventoryError)) throw error;
    const product = await context.isp.getProductByReferenceName(CLUE_PACK);
    if (options.offer && product && (await mayUpsell(context, product))) return upsell(context, product, 'clue');
    // No upsell now: mention the Clue Pack only where it can be bought.
    const canBuy = product !== undefined && isForSale(product) && (await context.isp.isVoicePurchasingEnabled());
    const open = openQuestion(context);
    const question = open ? questionText(context, open.round, open.index) : undefined;
    return void context.ask(sentences(options.lead, canBuy ? say.outOfClues : say.noClues, question ?? say.whatNext), question ?? say.whatNext);
  }
  let open = openQuestion(context);
  let lead = options.lead;
  if (!open) {
    open = { round: 'planets', index: questionToAsk(context, 'planets', false) };
    setOpenQuestion(context, open);
    lead = sentences(lead, say.roundIntro.planets);
  }
  const question = questionAt(open.round, open.index)[languageOf(context.getLocale())];
  const ask = say.trueOrFalse(question.question);
  context.ask(sentences(lead, say.clue(question.clue, inventory.available), ask), ask);
}
