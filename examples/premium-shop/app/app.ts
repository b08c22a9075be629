/**
 * Space Trivia: true-or-false questions about space, and a shop done the way certification wants.
 *
 * - Planet questions are free. Galaxy questions need the Galaxy Pack (an entitlement), the daily
 *   challenge the Star Club (a subscription, monthly with a free week), and clues come five to a
 *   Clue Pack (a consumable).
 * - Access follows Amazon: every premium question asks the Monetization service (once per request)
 *   whether the player is ENTITLED. Nothing about ownership is cached.
 * - Offers come in context (asking for galaxy questions without the pack, a clue at zero), at
 *   most once per visit, never for what the player owns, never again after a "no".
 * - After Alexa's purchase dialog the skill is launched again in a new, empty session: the
 *   directive's token says what the player was doing, and that is what they get next.
 */
import { App, InsufficientInventoryError, isEntitled, type HandlerContext, type HandlerMap, type InSkillProduct, type Inventory } from 'skillshop';
import { forgetChoiceAfterOneTurn, offerChoice, takenChoice } from './choice';
import { nextIndex, noteDeclined, noteDirective, openQuestion, setNextIndex, setOpenQuestion, visit } from './player';
import { dayNumber, PRODUCT_OF_ROUND, questionAt, type Round } from './questions';
import { CLUE_PACK, CLUES_PER_PACK, isForSale, mayUpsell, owns, readPurchaseToken, resumeAfterBuying, purchaseToken, upsell, type Resume } from './shop';
import { languageOf, linesFor, sentences, type Lines } from './speech';

export const app = new App({ isp: { consumables: { [CLUE_PACK]: { unitsPerPurchase: CLUES_PER_PACK } } } });

function lines(context: HandlerContext): Lines {
  return linesFor(context.getLocale());
}

// ---- questions --------------------------------------------------------------------------------

function questionText(context: HandlerContext, round: Round, index: number): string {
  return lines(context).trueOrFalse(questionAt(round, index)[languageOf(context.getLocale())].question);
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
async function playRound(context: HandlerContext, round: Round, options: { lead?: string; offer: boolean; more?: boolean }): Promise<void> {
  const say = lines(context);
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
async function carryOn(context: HandlerContext, lead: string): Promise<void> {
  const open = openQuestion(context);
  const referenceName = open ? PRODUCT_OF_ROUND[open.round] : undefined;
  const allowed = open !== undefined && (referenceName === undefined || (await context.isp.isEntitled(referenceName)));
  if (open && allowed) {
    const question = questionText(context, open.round, open.index);
    return void context.ask(sentences(lead, lines(context).backToQuestion, question), question);
  }
  askNextQuestion(context, 'planets', sentences(lead, lines(context).roundIntro.planets));
}

/** Uses one clue (one atomic write) on the open question, or on a new planet question. At zero: the Clue Pack. */
async function useClue(context: HandlerContext, options: { lead?: string; offer: boolean }): Promise<void> {
  const say = lines(context);
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

// ---- the shop -----------------------------------------------------------------------------------

const TYPE_ORDER = ['ENTITLEMENT', 'SUBSCRIPTION', 'CONSUMABLE'];

/** Amazon's product list, in the order the shop presents it: the pack, the club, the clues. */
async function products(context: HandlerContext): Promise<InSkillProduct[]> {
  const list = await context.isp.getProductList();
  return [...list].sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type));
}

async function productsForSale(context: HandlerContext): Promise<InSkillProduct[]> {
  return (await products(context)).filter(isForSale);
}

/** "Buy X": one Buy directive, unless the player owns it, it is off sale, or voice purchasing is off. */
async function buy(context: HandlerContext, product: InSkillProduct): Promise<void> {
  const say = lines(context);
  if (owns(product)) return void context.ask(say.alreadyOwned(product), say.whatNext);
  if (product.purchasable !== 'PURCHASABLE') return void context.ask(say.notAvailable(product), say.whatNext);
  if (!(await context.isp.isVoicePurchasingEnabled())) return void context.ask(say.voicePurchasingOff, say.whatNext);
  noteDirective(context);
  context.isp.buy(product.productId, purchaseToken(product.referenceName, resumeAfterBuying(product.referenceName)));
}

/** "Refund X" / "cancel X": Alexa's Cancel directive does both; a product not owned comes back NOT_ENTITLED. */
function cancel(context: HandlerContext, product: InSkillProduct): void {
  noteDirective(context);
  context.isp.cancel(product.productId, purchaseToken(product.referenceName, 'nothing'));
}

async function askWhichToBuy(context: HandlerContext, unknown: boolean): Promise<void> {
  const say = lines(context);
  const forSale = await productsForSale(context);
  const question = say.whichProduct(forSale, unknown);
  if (forSale.length > 0) offerChoice(context, { action: 'pick-buy' });
  context.ask(question, forSale.length > 0 ? question : say.whatNext);
}

async function askWhichToRefund(context: HandlerContext): Promise<void> {
  const say = lines(context);
  const owned = (await products(context)).filter((product) => isEntitled(product));
  if (owned.length > 0) offerChoice(context, { action: 'pick-refund' });
  const question = say.whichRefund(owned);
  context.ask(question, owned.length > 0 ? question : say.whatNext);
}

async function describe(context: HandlerContext, product: InSkillProduct): Promise<void> {
  const say = lines(context);
  if (owns(product)) return void context.ask(say.details(product, product.summary, 'owned'), say.whatNext);
  if (product.purchasable !== 'PURCHASABLE') return void context.ask(say.details(product, product.summary, 'unavailable'), say.whatNext);
  const clues = product.type === 'CONSUMABLE' ? (await context.isp.getInventory(product.referenceName)).available : undefined;
  if (!(await context.isp.isVoicePurchasingEnabled())) return void context.ask(say.details(product, product.summary, 'not-by-voice', clues), say.whatNext);
  offerChoice(context, { action: 'buy', referenceName: product.referenceName });
  const text = say.details(product, product.summary, 'for-sale', clues);
  context.ask(text, text);
}

/** The product a ProductName slot resolved to (entity resolution's id is the reference name). */
async function namedProduct(context: HandlerContext): Promise<{ product?: InSkillProduct; said: boolean }> {
  const input = context.getInput('ProductName');
  const product = input?.id ? await context.isp.getProductByReferenceName(input.id) : undefined;
  return { ...(product ? { product } : {}), said: Boolean(input?.value) };
}

// ---- after Alexa's purchase dialog ------------------------------------------------------------------

/** Picks up what the player was doing before the purchase: the premium content, the clue, the clues. */
async function resume(context: HandlerContext, product: InSkillProduct, what: Resume, lead: string): Promise<void> {
  const say = lines(context);
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
  const say = lines(context);
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
  const say = lines(context);
  const subscription = product.type === 'SUBSCRIPTION';
  const line = result === 'ACCEPTED' ? say.cancelled(product, subscription)
    : result === 'DECLINED' ? say.kept(product)
      : result === 'NOT_ENTITLED' ? say.notOwned(product, subscription)
        : say.requestFailed;
  context.ask(sentences(line, say.whatNext), say.whatNext);
}

// ---- handlers -------------------------------------------------------------------------------------

const handlers: HandlerMap = forgetChoiceAfterOneTurn({
  LAUNCH() {
    // A question left open in an earlier visit is not answered by a "true" today.
    setOpenQuestion(this, undefined);
    this.ask(lines(this).welcome, lines(this).whatNext);
  },

  'AMAZON.NavigateHomeIntent'() {
    this.ask(lines(this).welcome, lines(this).whatNext);
  },

  async 'AMAZON.HelpIntent'() {
    const canShop = await this.isp.isVoicePurchasingEnabled().catch(() => true);
    this.ask(lines(this).help(canShop), lines(this).whatNext);
  },

  PlayIntent() {
    return playRound(this, 'planets', { offer: false });
  },

  GalaxyIntent() {
    return playRound(this, 'galaxies', { offer: true });
  },

  DailyChallengeIntent() {
    return playRound(this, 'daily', { offer: true });
  },

  AnswerIntent() {
    const say = lines(this);
    const open = openQuestion(this);
    if (!open) return playRound(this, 'planets', { lead: say.noOpenQuestion, offer: false });
    const id = this.getInput('Answer')?.id;
    const question = questionAt(open.round, open.index);
    if (id !== 'TRUE' && id !== 'FALSE') {
      const text = questionText(this, open.round, open.index);
      return void this.ask(sentences(say.answerTrueOrFalse, text), text);
    }
    setOpenQuestion(this, undefined);
    setNextIndex(this, open.round, open.index + 1);
    const verdict = (id === 'TRUE') === question.answer ? say.correct : say.notQuite(question.answer);
    // The next question of the same round; a premium round checks the entitlement again, but
    // offers nothing: the player did not ask for anything new.
    return playRound(this, open.round, { lead: sentences(verdict, question[languageOf(this.getLocale())].fact), offer: false, more: true });
  },

  /** "Next question", "skip": the round moves on without an answer. */
  SkipIntent() {
    const open = openQuestion(this);
    if (!open) return playRound(this, 'planets', { offer: false });
    setOpenQuestion(this, undefined);
    setNextIndex(this, open.round, open.index + 1);
    return playRound(this, open.round, { offer: false, more: true });
  },

  'AMAZON.RepeatIntent'() {
    const open = openQuestion(this);
    if (!open) return void this.ask(lines(this).whatNext, lines(this).whatNext);
    const text = questionText(this, open.round, open.index);
    this.ask(text, text);
  },

  UseClueIntent() {
    return useClue(this, { offer: true });
  },

  async ClueCountIntent() {
    const say = lines(this);
    const { available } = await this.isp.getInventory(CLUE_PACK);
    const next = openQuestion(this) ? say.repeatHint : say.whatNext;
    this.ask(sentences(say.clueCount(available), next), next);
  },

  async WhatCanIBuyIntent() {
    const say = lines(this);
    const all = await products(this);
    const forSale = all.filter(isForSale);
    if (forSale.length === 0) return void this.ask(all.some(owns) ? say.ownsEverything : say.shopEmpty, say.whatNext);
    const text = say.shopList(forSale);
    this.ask(text, text);
  },

  async WhatDidIBuyIntent() {
    const say = lines(this);
    const all = await products(this);
    const clues = all.some((product) => product.referenceName === CLUE_PACK) ? (await this.isp.getInventory(CLUE_PACK)).available : 0;
    this.ask(sentences(say.owned(all.filter(owns), clues), say.whatNext), say.whatNext);
  },

  async ProductDetailIntent() {
    const { product, said } = await namedProduct(this);
    if (!product) return askWhichToBuy(this, said);
    return describe(this, product);
  },

  /** Just a product's name: the answer to "which one?" — or a question about it. */
  async ProductNameIntent() {
    const choice = takenChoice(this);
    const { product, said } = await namedProduct(this);
    if (!product) return choice?.action === 'pick-refund' ? askWhichToRefund(this) : askWhichToBuy(this, said);
    if (choice?.action === 'pick-buy') return buy(this, product);
    if (choice?.action === 'pick-refund') return cancel(this, product);
    return describe(this, product);
  },

  async BuyIntent() {
    const { product, said } = await namedProduct(this);
    if (!product) return askWhichToBuy(this, said);
    return buy(this, product);
  },

  async RefundIntent() {
    const { product } = await namedProduct(this);
    if (!product) return askWhichToRefund(this);
    cancel(this, product);
  },

  async CancelSubscriptionIntent() {
    const subscription = (await this.isp.getProductList({ productType: 'SUBSCRIPTION' }))[0];
    if (!subscription) return askWhichToRefund(this);
    cancel(this, subscription);
  },

  async 'AMAZON.YesIntent'() {
    const choice = takenChoice(this);
    const product = choice?.action === 'buy' && choice.referenceName ? await this.isp.getProductByReferenceName(choice.referenceName) : undefined;
    if (product) return buy(this, product);
    return playRound(this, 'planets', { offer: false });
  },

  'AMAZON.NoIntent'() {
    const say = lines(this);
    const open = openQuestion(this);
    if (!open) return void this.ask(sentences(say.okay, say.whatNext), say.whatNext);
    const question = questionText(this, open.round, open.index);
    this.ask(sentences(say.okay, say.backToQuestion, question), question);
  },

  async ON_PURCHASE() {
    const isp = this.isp;
    visit(this); // the result's new session continues the visit the directive came from
    const token = readPurchaseToken(isp.getToken());
    // A status other than "200" means the flow itself failed; the payload may be missing.
    const result = isp.getStatus().code === '200' ? isp.getPurchaseResult() : 'ERROR';
    const productId = isp.getProductId();
    const product = (productId ? await isp.getProduct(productId) : undefined) ??
      (token.referenceName ? await isp.getProductByReferenceName(token.referenceName) : undefined);
    if (!product) return carryOn(this, lines(this).keepPlaying);
    if (isp.getName() === 'Cancel') return afterCancel(this, result, product);
    return afterBuy(this, result, product, token.resume ?? resumeAfterBuying(product.referenceName));
  },

  'AMAZON.FallbackIntent'() {
    this.ask(lines(this).notUnderstood, lines(this).whatNext);
  },

  Unhandled() {
    this.ask(lines(this).notUnderstood, lines(this).whatNext);
  },

  END() {
    this.tell(lines(this).goodbye);
  },

  ON_ERROR() {
    // The Monetization service may be down, a store may be busy: the game goes on regardless.
    this.ask(lines(this).didNotWork, lines(this).whatNext);
  },
});

app.setHandler(handlers);
