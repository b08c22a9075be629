/**
 * After Alexa's purchase dialog the skill is launched again, in a new session with no attributes:
 * the directive's token says what the player was doing, and every result is answered as a normal
 * turn of the game (speech, a reprompt, the session open).
 */
import type { HandlerContext, InSkillProduct } from 'skillshop';
import { carryOn, playRound, questionText, useClue } from './game';
import { noteDeclined, openQuestion, visit } from './player';
import { CLUE_PACK, readPurchaseToken, resumeAfterBuying, type Resume } from './shop';
import { sentences, speechFor } from './speech';

/** Picks up what the player was doing before the purchase: the premium content, the clue, the clues. */
async function resume(context: HandlerContext, product: InSkillProduct, what: Resume, lead: string): Promise<void> {
  const say = speechFor(context);
  switch (what) {
    case 'galaxies':
    case 'daily':
    case 'planets':
      return playRound(context, what, { lead, offer: false });
    case 'clue':
      return useClue(context, { offer: false });
    case 'clues': {
      const { available } = await context.isp.getInventory(CLUE_PACK);
      const open = openQuestion(context);
      const question = open ? questionText(context, open.round, open.index) : undefined;
      const text = sentences(say.cluesNow(available), question ? sentences(say.backToQuestion, question) : say.whatNext);
      return void context.ask(text, question ?? say.whatNext);
    }
    case 'nothing':
      return void context.ask(sentences(lead, say.whatNext), say.whatNext);
  }
}

async function afterBuy(context: HandlerContext, result: string, product: InSkillProduct, what: Resume): Promise<void> {
  const say = speechFor(context);
  switch (result) {
    case 'ACCEPTED':
      return resume(context, product, what, say.enjoy(product));
    case 'ALREADY_PURCHASED':
      return resume(context, product, what, say.alreadyHave(product));
    case 'DECLINED':
      noteDeclined(context, product.referenceName);
      return carryOn(context, say.declined);
    case 'PENDING_PURCHASE':
      return carryOn(context, say.pending(product));
    case 'ERROR':
      return carryOn(context, say.purchaseFailed);
    default:
      // A result Amazon may add one day: read as "not entitled", and carry on.
      return carryOn(context, say.keepPlaying);
  }
}

function afterCancel(context: HandlerContext, result: string, product: InSkillProduct): void {
  const say = speechFor(context);
  const subscription = product.type === 'SUBSCRIPTION';
  const line = result === 'ACCEPTED' ? say.cancelled(product, subscription)
    : result === 'DECLINED' ? say.kept(product)
      : result === 'NOT_ENTITLED' ? say.notOwned(product, subscription)
        : say.requestFailed;
  context.ask(sentences(line, say.whatNext), say.whatNext);
}

/** ON_PURCHASE: the answer to a Connections.Response of a Buy, Upsell or Cancel. */
export async function answerPurchaseResult(context: HandlerContext): Promise<void> {
  const isp = context.isp;
  visit(context); // the result's new session continues the visit the directive came from
  const token = readPurchaseToken(isp.getToken());
  // A status other than "200" means the flow itself failed; the payload may be missing.
  const result = isp.getStatus().code === '200' ? isp.getPurchaseResult() : 'ERROR';
  const productId = isp.getProductId();
  const product = (productId ? await isp.getProduct(productId) : undefined) ??
    (token.referenceName ? await isp.getProductByReferenceName(token.referenceName) : undefined);
  if (!product) return carryOn(context, speechFor(context).keepPlaying);
  if (isp.getName() === 'Cancel') return afterCancel(context, result, product);
  return afterBuy(context, result, product, token.resume ?? resumeAfterBuying(product.referenceName));
}
