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
import { App, type HandlerMap } from 'skillshop';
import { answerPurchaseResult } from './after-purchase';
import { forgetChoiceAfterOneTurn, takenChoice } from './choice';
import { playRound, questionText, useClue } from './game';
import { openQuestion, setNextIndex, setOpenQuestion } from './player';
import { questionAt } from './questions';
import { askWhichToBuy, askWhichToRefund, buy, cancel, CLUE_PACK, CLUES_PER_PACK, describe, isForSale, namedProduct, owns, products } from './shop';
import { languageOf, sentences, speechFor } from './speech';

export const app = new App({ isp: { consumables: { [CLUE_PACK]: { unitsPerPurchase: CLUES_PER_PACK } } } });

// ---- handlers -------------------------------------------------------------------------------------

const handlers: HandlerMap = forgetChoiceAfterOneTurn({
  LAUNCH() {
    // A question left open in an earlier visit is not answered by a "true" today.
    setOpenQuestion(this, undefined);
    this.ask(speechFor(this).welcome, speechFor(this).whatNext);
  },

  'AMAZON.NavigateHomeIntent'() {
    this.ask(speechFor(this).welcome, speechFor(this).whatNext);
  },

  async 'AMAZON.HelpIntent'() {
    const canShop = await this.isp.isVoicePurchasingEnabled().catch(() => true);
    this.ask(speechFor(this).help(canShop), speechFor(this).whatNext);
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
    const say = speechFor(this);
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
    if (!open) return void this.ask(speechFor(this).whatNext, speechFor(this).whatNext);
    const text = questionText(this, open.round, open.index);
    this.ask(text, text);
  },

  UseClueIntent() {
    return useClue(this, { offer: true });
  },

  async ClueCountIntent() {
    const say = speechFor(this);
    const { available } = await this.isp.getInventory(CLUE_PACK);
    const next = openQuestion(this) ? say.repeatHint : say.whatNext;
    this.ask(sentences(say.clueCount(available), next), next);
  },

  async WhatCanIBuyIntent() {
    const say = speechFor(this);
    const all = await products(this);
    const forSale = all.filter(isForSale);
    if (forSale.length === 0) return void this.ask(all.some(owns) ? say.ownsEverything : say.shopEmpty, say.whatNext);
    const text = say.shopList(forSale);
    this.ask(text, text);
  },

  async WhatDidIBuyIntent() {
    const say = speechFor(this);
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
    const say = speechFor(this);
    const open = openQuestion(this);
    if (!open) return void this.ask(sentences(say.okay, say.whatNext), say.whatNext);
    const question = questionText(this, open.round, open.index);
    this.ask(sentences(say.okay, say.backToQuestion, question), question);
  },

  ON_PURCHASE() {
    return answerPurchaseResult(this);
  },

  'AMAZON.FallbackIntent'() {
    this.ask(speechFor(this).notUnderstood, speechFor(this).whatNext);
  },

  Unhandled() {
    this.ask(speechFor(this).notUnderstood, speechFor(this).whatNext);
  },

  END() {
    this.tell(speechFor(this).goodbye);
  },

  ON_ERROR() {
    // The Monetization service may be down, a store may be busy: the game goes on regardless.
    this.ask(speechFor(this).didNotWork, speechFor(this).whatNext);
  },
});

app.setHandler(handlers);
