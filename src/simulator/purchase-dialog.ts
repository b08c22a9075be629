/**
 * Alexa's side of a purchase: between the skill's Connections.SendRequest and the
 * Connections.Response, Alexa speaks the offer, hears yes or no, changes the entitlement state and
 * decides the result (alexa-isp-facts.md §1, §2, §6). The skill is not involved; the simulator
 * sends it the result afterwards, in a new session.
 */
import type { Directive } from '../alexa/response';
import type { MonetizationEmulator, ProductOffer } from './monetization';
import { fill, formatPrice, type DialogLines } from './dialog-lines';
import { UNKNOWN_PURCHASE_RESULT, type FaultName } from './faults';
import { tableFor } from './nlu';
import { keyOf } from './nlu/tokens';

export interface DialogEnvironment {
  emulator: MonetizationEmulator;
  userId: string;
  locale: string;
  lines: DialogLines;
  faults: ReadonlySet<FaultName>;
}

type Stage = 'upsell' | 'offer' | 'cancel-confirm';

export interface PendingPurchase {
  name: string;
  productId: string;
  token: string | undefined;
  offer: ProductOffer;
  stage: Stage;
  /** Alexa repeats a question once when the answer was neither yes nor no. */
  repeated: boolean;
  question: string;
}

export interface PurchaseResultToSend {
  status: { code: string; message: string };
  payload?: { purchaseResult: string; productId: string; message?: string };
}

export type DialogStep =
  | { kind: 'ask'; lines: string[]; pending: PendingPurchase }
  | { kind: 'done'; lines: string[]; name: string; productId: string; token: string | undefined; result: PurchaseResultToSend | undefined };

export function startPurchaseDialog(directive: Directive, env: DialogEnvironment): DialogStep {
  const name = String(directive.name);
  const payload = (directive.payload ?? {}) as { InSkillProduct?: { productId?: string }; upsellMessage?: string };
  const productId = String(payload.InSkillProduct?.productId ?? '');
  const token = typeof directive.token === 'string' ? directive.token : undefined;
  const done = (lines: string[], purchaseResult: string, message?: string): DialogStep =>
    finish(env, { name, productId, token, lines, purchaseResult, ...(message ? { message } : {}) });

  const offer = env.emulator.offerFor(productId, env.locale, env.userId);
  if (!offer) return done([], 'ERROR', `No in-skill product ${productId} is linked to this skill.`);
  if (name !== 'Cancel') {
    if (env.faults.has('device-cannot-buy')) return done([env.lines.cannotBuyOnDevice], 'ERROR');
    if (env.faults.has('voice-purchasing-off')) return done([env.lines.voicePurchasingOff], 'ERROR');
  }
  const owned = env.emulator.productFor(env.userId, productId, env.locale)?.entitled === 'ENTITLED';

  if (name === 'Cancel') {
    if (!owned) return done([], 'NOT_ENTITLED');
    if (offer.type === 'SUBSCRIPTION') {
      const question = fill(env.lines.cancelSubscriptionConfirm, { name: offer.name, benefit: sentence(lowerFirst(offer.purchasePromptDescription || offer.summary)) });
      return ask(env, { name, productId, token, offer, stage: 'cancel-confirm', repeated: false, question });
    }
    const failed = cancelFails(env);
    if (failed) return done(...failed);
    const result = env.emulator.cancel(env.userId, productId);
    return done(result === 'ACCEPTED' ? [env.lines.refund] : [], result);
  }

  if (owned && offer.type !== 'CONSUMABLE') return done([env.lines.alreadyOwned], 'ALREADY_PURCHASED');
  if (!offer.forSale) return done([], 'ERROR', `${offer.name} is not purchasable (purchasableState NOT_PURCHASABLE).`);
  // A parent has not decided on the last request yet: Alexa does not offer it again.
  if (awaitsParent(env, productId)) return done([fill(env.lines.stillPending, { name: offer.name })], 'PENDING_PURCHASE');
  if (name === 'Upsell') {
    const question = String(payload.upsellMessage ?? '').trim();
    return ask(env, { name, productId, token, offer, stage: 'upsell', repeated: false, question });
  }
  return ask(env, { name, productId, token, offer, stage: 'offer', repeated: false, question: offerLine(offer, env) });
}

/** The user's answer to Alexa's question. */
export function answerPurchaseDialog(pending: PendingPurchase, utterance: string, env: DialogEnvironment): DialogStep {
  const answer = yesOrNo(utterance, env.locale);
  const { name, productId, token, offer } = pending;
  const done = (lines: string[], purchaseResult: string): DialogStep => finish(env, { name, productId, token, lines, purchaseResult });

  if (answer === undefined) {
    if (pending.repeated) return done([], 'DECLINED');
    return { kind: 'ask', lines: [env.lines.didNotUnderstand, pending.question], pending: { ...pending, repeated: true } };
  }
  if (answer === 'no') return done([], 'DECLINED');

  switch (pending.stage) {
    case 'upsell':
      return ask(env, { ...pending, stage: 'offer', repeated: false, question: offerLine(offer, env) });
    case 'cancel-confirm': {
      const failed = cancelFails(env);
      if (failed) return done(...failed);
      const result = env.emulator.cancel(env.userId, productId);
      return done(result === 'ACCEPTED' ? [fill(env.lines.subscriptionCancelled, { name: offer.name })] : [], result);
    }
    case 'offer': {
      if (env.faults.has('purchase-error')) return done([env.lines.purchaseFailed], 'ERROR');
      if (env.faults.has('purchase-unknown-result')) return done([], UNKNOWN_PURCHASE_RESULT);
      if (flowBreaks(env)) return done([], 'ERROR');
      const result = env.emulator.buy(env.userId, productId);
      if (result === 'ACCEPTED') {
        const line = offer.type === 'SUBSCRIPTION' && offer.trialDays > 0 ? env.lines.trialStarted : env.lines.bought;
        return done([fill(line, { name: offer.name })], result);
      }
      if (result === 'PENDING_PURCHASE') return done([fill(env.lines.pendingApproval, { name: offer.name })], result);
      if (result === 'ALREADY_PURCHASED') return done([env.lines.alreadyOwned], result);
      return done([env.lines.purchaseFailed], result);
    }
  }
}

/** With the purchase-status-500 fault the flow breaks before anything changes hands. */
function flowBreaks(env: DialogEnvironment): boolean {
  return env.faults.has('purchase-status-500');
}

/** A cancel or refund that a fault stops before anything changes hands: what Alexa says and the result. */
function cancelFails(env: DialogEnvironment): [string[], string] | undefined {
  if (env.faults.has('purchase-error')) return [[env.lines.cancelFailed], 'ERROR'];
  if (env.faults.has('purchase-unknown-result')) return [[], UNKNOWN_PURCHASE_RESULT];
  if (flowBreaks(env)) return [[], 'ERROR'];
  return undefined;
}

/** Whether a purchase of the product waits for this user's parent (child-directed skills). */
function awaitsParent(env: DialogEnvironment, productId: string): boolean {
  return env.emulator.parentalTransactions(env.userId).some((t) => t.productId === productId && t.status === 'PENDING_APPROVAL_BY_PARENT');
}

function ask(_env: DialogEnvironment, pending: PendingPurchase): DialogStep {
  return { kind: 'ask', lines: [pending.question], pending };
}

function finish(
  env: DialogEnvironment,
  outcome: { name: string; productId: string; token: string | undefined; lines: string[]; purchaseResult: string; message?: string },
): DialogStep {
  const { name, productId, token, lines } = outcome;
  if (env.faults.has('no-purchase-result')) return { kind: 'done', lines, name, productId, token, result: undefined };
  if (env.faults.has('purchase-status-500')) {
    return { kind: 'done', lines, name, productId, token, result: { status: { code: '500', message: 'Internal Server Error' } } };
  }
  // A result Amazon may add one day comes instead of every known one (facts §2: the set is open).
  const purchaseResult = env.faults.has('purchase-unknown-result') ? UNKNOWN_PURCHASE_RESULT : outcome.purchaseResult;
  const payload: NonNullable<PurchaseResultToSend['payload']> = { purchaseResult, productId };
  if (outcome.message) payload.message = outcome.message;
  return { kind: 'done', lines, name, productId, token, result: { status: { code: '200', message: 'OK' }, payload } };
}

function offerLine(offer: ProductOffer, env: DialogEnvironment): string {
  const price = offer.price !== undefined && offer.currency ? formatPrice(offer.price, offer.currency, env.locale) : '(no price in this marketplace)';
  const period = offer.frequency === 'YEARLY' ? env.lines.year : env.lines.month;
  const values = { name: offer.name, description: offer.purchasePromptDescription || offer.summary, price, period, days: offer.trialDays };
  if (offer.type === 'SUBSCRIPTION') return fill(offer.trialDays > 0 ? env.lines.trialOffer : env.lines.subscriptionOffer, values);
  return fill(env.lines.offer, values);
}

/** Alexa's own yes/no understanding for her questions (the skill's model plays no part). */
export function yesOrNo(utterance: string, locale: string): 'yes' | 'no' | undefined {
  const table = tableFor(locale);
  let heard = keyOf(utterance);
  for (const wake of table.wakeWords) {
    const key = keyOf(wake);
    if (heard.startsWith(`${key} `)) heard = heard.slice(key.length + 1);
  }
  const matches = (phrases: readonly string[] | undefined) => (phrases ?? []).some((phrase) => keyOf(phrase) === heard);
  if (matches(table.builtIns['AMAZON.YesIntent'])) return 'yes';
  if (matches(table.builtIns['AMAZON.NoIntent'])) return 'no';
  return undefined;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
