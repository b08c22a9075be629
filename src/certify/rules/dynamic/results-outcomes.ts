/**
 * The purchase results the result.* rules share: for one locale tester, "product × outcome → the
 * skill's answer to the Connections.Response", each outcome driven once in its own visit (a fresh
 * user) and remembered, so every rule judges the same visits and a full run stays small.
 *
 * A Buy is reached the way a tester reaches it: "open …", then the first `buy` tester utterance
 * ("buy {product}") while the product is not owned. An Upsell (or Buy) is reached, where the
 * `certify` settings tell how, by asking for the product's content without owning it (its first
 * premium utterance; a consumable's use utterance at zero). A Cancel is reached with the first
 * `refund` tester utterance ("refund {product}"). Every follow-up a rule needs (the content asked
 * for again after the result, the next launch after a lost result) is part of the visit itself, so
 * a transcript is the same whichever rules run.
 */
import type { Answer } from '../../explore/answers';
import type { LocaleTester, ProductUnderTest } from '../../explore/explorer';
import { article } from '../../explore/judge';
import type { Step, Visit } from '../../explore/visit';
import type { ForcedPurchaseOutcome } from '../../../simulator/simulator';
import type { FaultName } from '../../../simulator/faults';

/** How a Buy's dialog ends. */
export type BuyOutcome = 'ACCEPTED' | 'DECLINED' | 'ALREADY_PURCHASED' | 'ERROR' | 'PENDING_PURCHASE' | 'UNKNOWN' | 'STATUS_500' | 'NO_RESULT';
/** How a Cancel's dialog ends. */
export type CancelOutcome = 'ACCEPTED' | 'DECLINED' | 'NOT_ENTITLED' | 'ERROR';
/** How the dialog an ask for content led to ends. */
export type ContentOutcome = 'ACCEPTED' | 'DECLINED';

export const BUY_OUTCOMES: readonly BuyOutcome[] = ['ACCEPTED', 'DECLINED', 'ALREADY_PURCHASED', 'ERROR', 'PENDING_PURCHASE', 'UNKNOWN', 'STATUS_500', 'NO_RESULT'];

/** The purchaseResult a skill may one day get that Amazon has not documented (facts §2: the set is open). */
export const UNKNOWN_RESULT_NAME = 'an unknown purchaseResult';

/** One outcome, driven in one visit. */
export interface OutcomeRun {
  /** `Buy ACCEPTED`, `Cancel NOT_ENTITLED`, `Upsell DECLINED`, `Buy status 500`… (what the skill was told). */
  what: string;
  visit: Visit;
  /** Why the outcome could not be driven (no purchase dialog for the product…); undefined when it was. */
  missing?: string;
  /** The skill's answer to the purchase result (undefined for NO_RESULT, or when missing). */
  result?: Answer;
  /** The content asked for again right after the result (ACCEPTED and UNKNOWN, when the settings name it). */
  followUp?: Answer;
  /** The utterance of the follow-up. */
  followUpUtterance?: string;
  /** NO_RESULT: the skill's answer when the user opens it again. */
  relaunch?: Answer;
  /** The directive name the dialog started with (Buy, Upsell, Cancel). */
  directive?: string;
}

// ---- memory, per tester (a tester lives for one certify run) -----------------------------------

const memory = new WeakMap<LocaleTester, Map<string, Promise<unknown>>>();

function remember<T>(tester: LocaleTester, key: string, make: () => Promise<T>): Promise<T> {
  let runs = memory.get(tester);
  if (!runs) memory.set(tester, (runs = new Map()));
  let run = runs.get(key) as Promise<T> | undefined;
  if (!run) runs.set(key, (run = make()));
  return run;
}

// ---- what the settings tell ----------------------------------------------------------------------

/** The skillshop.json snippet that holds `entry` in the locale's content settings. */
export function settingsSnippet(tester: LocaleTester, entry: string): string {
  return tester.locale.startsWith('en-') ? `"certify": { ${entry} }` : `"certify": { "locales": { "${tester.locale}": { ${entry} } } }`;
}

/**
 * The utterance that asks for the product's content: its first premium utterance, else (a
 * consumable) the use utterance of its `consumables` entry ("use a {unit}" by default, English only).
 */
export function contentUtterance(tester: LocaleTester, product: ProductUnderTest): string | undefined {
  const premium = tester.content.premiumUtterances?.[product.referenceName]?.[0];
  if (premium) return premium;
  if (product.type !== 'CONSUMABLE') return undefined;
  const entry = tester.content.consumables?.[product.referenceName];
  if (!entry) return undefined;
  return entry.useUtterance ?? (tester.locale.startsWith('en-') ? `use a ${entry.unit}` : undefined);
}

/** What to add to skillshop.json so that the product's content can be asked for. */
export function contentSettingsHint(tester: LocaleTester, product: ProductUnderTest): string {
  if (product.type === 'CONSUMABLE') {
    return `add ${settingsSnippet(tester, `"consumables": { "${product.referenceName}": { "unit": "…", "useUtterance": "…" } }`)} to skillshop.json`;
  }
  return `add ${settingsSnippet(tester, `"premiumUtterances": { "${product.referenceName}": ["what a user says to get its premium content"] }`)} to skillshop.json`;
}

// ---- driving the dialogs -------------------------------------------------------------------------

function template(tester: LocaleTester, key: 'buy' | 'refund'): string | undefined {
  return tester.utterances?.[key].find((entry) => entry.includes('{product}'));
}

/** A short account of what the skill answered instead of the expected purchase directive. */
function instead(step: Step | undefined): string {
  const reply = step?.reply;
  if (!reply) return 'no request reached the skill';
  if (reply.invalid !== undefined) return `Alexa rejected the answer (${reply.invalid})`;
  if (reply.directive) return `the skill answers a ${reply.directive.name} directive for ${reply.directive.referenceName ?? reply.directive.productId}`;
  return reply.speech ? `the skill answers "${reply.speech.length > 80 ? `${reply.speech.slice(0, 77)}…` : reply.speech}" and no purchase directive` : 'the skill answers no speech and no purchase directive';
}

/**
 * Says `utterance` (after "open …") and returns the step when it started Alexa's purchase dialog
 * for the product with one of `names`; else why not.
 */
async function reachDialog(visit: Visit, product: ProductUnderTest, utterance: string, names: readonly string[]): Promise<{ step: Step } | { missing: string }> {
  await visit.open();
  const step = await visit.say(utterance);
  const directive = step.reply?.directive;
  if (directive && names.includes(directive.name) && directive.referenceName === product.referenceName && step.awaitingAnswer) return { step };
  if (directive && names.includes(directive.name) && directive.referenceName === product.referenceName && step.afterPurchase) {
    // The dialog ended at once (e.g. a Cancel of something not owned): the result is already in.
    return { step };
  }
  return { missing: `"${utterance}" starts no ${names.join(' or ')} dialog for ${product.referenceName} (${instead(step)})` };
}

/**
 * Yes until Alexa's dialog is over (an Upsell asks twice); the step that finished it. It stops at
 * the first result sent: a skill that answers it with another offer is not bought from again.
 */
async function yesUntilDone(visit: Visit, from: Step): Promise<Step> {
  let step = from;
  for (let i = 0; i < 3 && visit.awaitingAnswer && !step.afterPurchase; i++) step = await visit.yes();
  return step;
}

/** The step's answer to the purchase result; or why there is none. */
function resultOf(step: Step, expected: string | undefined): { result: Answer } | { missing: string } {
  const result = step.afterPurchase;
  if (!result) return { missing: 'the purchase dialog sent no result to the skill' };
  if (expected !== undefined && result.purchaseResult !== expected) return { missing: `the dialog ended in ${result.purchaseResult ?? '?'}, not ${expected}` };
  return { result };
}

/** Asks for the product's content again after the result (leaving a purchase dialog the answer started). */
async function followUp(visit: Visit, utterance: string | undefined): Promise<{ followUp?: Answer; followUpUtterance?: string }> {
  if (utterance === undefined) return {};
  if (visit.awaitingAnswer) await visit.leave();
  const step = await visit.say(utterance);
  return { followUpUtterance: utterance, ...(step.reply ? { followUp: step.reply } : {}) };
}

const BUY_SETUP: Record<BuyOutcome, { label: string; fault?: FaultName; forced?: ForcedPurchaseOutcome; expected?: string; what: string }> = {
  ACCEPTED: { label: 'yes → ACCEPTED', what: 'Buy ACCEPTED', expected: 'ACCEPTED' },
  DECLINED: { label: 'no → DECLINED', what: 'Buy DECLINED', expected: 'DECLINED' },
  ALREADY_PURCHASED: { label: 'Alexa answers ALREADY_PURCHASED (bought on another device meanwhile)', what: 'Buy ALREADY_PURCHASED', forced: { purchaseResult: 'ALREADY_PURCHASED' }, expected: 'ALREADY_PURCHASED' },
  ERROR: { label: 'yes, and the purchase fails → ERROR (status 200)', what: 'Buy ERROR', fault: 'purchase-error', expected: 'ERROR' },
  PENDING_PURCHASE: { label: 'Alexa answers PENDING_PURCHASE (waiting for a parent)', what: 'Buy PENDING_PURCHASE', forced: { purchaseResult: 'PENDING_PURCHASE' }, expected: 'PENDING_PURCHASE' },
  UNKNOWN: { label: `yes → ${UNKNOWN_RESULT_NAME} (one Amazon may add one day)`, what: `Buy ${UNKNOWN_RESULT_NAME}`, fault: 'purchase-unknown-result' },
  STATUS_500: { label: 'the purchase flow breaks → status 500, no purchaseResult', what: 'Buy status 500', forced: { statusCode: '500', message: 'Internal Server Error' }, expected: 'status 500' },
  NO_RESULT: { label: 'no result ever comes back; later the user opens the skill again', what: 'Buy, no result', forced: 'no-result' },
};

/** "buy X" while X is not owned, then the dialog ends in `outcome`. */
export function buyOutcome(tester: LocaleTester, product: ProductUnderTest, outcome: BuyOutcome): Promise<OutcomeRun> {
  return remember(tester, `buy ${product.referenceName} ${outcome}`, async () => {
    const setup = BUY_SETUP[outcome];
    const buy = template(tester, 'buy');
    const utterance = buy === undefined ? undefined : tester.fill(buy, product);
    const visit = tester.visit(`${product.label} not owned: ${utterance === undefined ? 'no buy utterance' : `"${utterance}"`}, ${setup.label}`);
    const run: OutcomeRun = { what: setup.what, visit };
    if (utterance === undefined) return { ...run, missing: `no "buy {product}" tester utterance for ${tester.locale}` };
    if (setup.fault) visit.fault(setup.fault);
    const reached = await reachDialog(visit, product, utterance, ['Buy', 'Upsell']);
    if ('missing' in reached) {
      await visit.leave();
      return { ...run, missing: reached.missing };
    }
    run.directive = reached.step.reply?.directive?.name;
    // "buy X" answered with an Upsell is driven all the same (buy.direct reports it); say which it was.
    if (run.directive && run.directive !== 'Buy') run.what = setup.what.replace(/^Buy/, run.directive);
    let step = reached.step;
    if (!visit.awaitingAnswer) {
      await visit.leave();
      return { ...run, missing: `Alexa's dialog ended at once (${step.afterPurchase?.purchaseResult ?? 'no result'}) instead of asking` };
    }
    if (setup.forced) step = await visit.answer(setup.forced);
    else if (outcome === 'DECLINED') step = await visit.no();
    else step = await yesUntilDone(visit, step);
    if (outcome === 'NO_RESULT') {
      if (step.afterPurchase) {
        await visit.leave();
        return { ...run, missing: 'a result was sent after all' };
      }
      const again = await visit.launch();
      await visit.leave();
      return { ...run, ...(again.reply ? { relaunch: again.reply } : {}) };
    }
    const got = resultOf(step, setup.expected);
    if ('missing' in got) {
      await visit.leave();
      return { ...run, missing: got.missing };
    }
    const more = outcome === 'ACCEPTED' || outcome === 'UNKNOWN' ? await followUp(visit, contentUtterance(tester, product)) : {};
    await visit.leave();
    return { ...run, result: got.result, ...more };
  });
}

/**
 * The product's content asked for without owning it (its premium utterance, a consumable's use at
 * zero): when that leads to a Buy or Upsell of the product, the dialog ends in `outcome`.
 * Undefined when the settings do not say how to ask for the content.
 */
export function contentOutcome(tester: LocaleTester, product: ProductUnderTest, outcome: ContentOutcome): Promise<OutcomeRun | undefined> {
  return remember(tester, `content ${product.referenceName} ${outcome}`, async () => {
    const utterance = contentUtterance(tester, product);
    if (utterance === undefined) return undefined;
    const visit = tester.visit(`${product.label} not owned${product.type === 'CONSUMABLE' ? ' (none left)' : ''}: "${utterance}", the offer, ${outcome === 'ACCEPTED' ? 'yes → ACCEPTED' : 'no → DECLINED'}`);
    const run: OutcomeRun = { what: `${outcome}`, visit };
    const reached = await reachDialog(visit, product, utterance, ['Buy', 'Upsell']);
    if ('missing' in reached) {
      await visit.leave();
      return { ...run, missing: reached.missing };
    }
    const directive = reached.step.reply?.directive?.name ?? 'Buy';
    const step = outcome === 'DECLINED' ? await visit.no() : await yesUntilDone(visit, reached.step);
    const got = resultOf(step, outcome);
    await visit.leave();
    const what = `${directive} ${outcome} (after "${utterance}")`;
    return 'missing' in got ? { ...run, what, directive, missing: got.missing } : { ...run, what, directive, result: got.result };
  });
}

/** "refund X" in the state the outcome needs (owned, or not), then Alexa's Cancel dialog ends in `outcome`. */
export function cancelOutcome(tester: LocaleTester, product: ProductUnderTest, outcome: CancelOutcome): Promise<OutcomeRun> {
  return remember(tester, `cancel ${product.referenceName} ${outcome}`, async () => {
    const refund = template(tester, 'refund');
    const utterance = refund === undefined ? undefined : tester.fill(refund, product);
    const owned = outcome !== 'NOT_ENTITLED';
    const how = outcome === 'ACCEPTED' ? (product.type === 'SUBSCRIPTION' ? 'yes → ACCEPTED' : '→ ACCEPTED')
      : outcome === 'DECLINED' ? 'no → DECLINED'
        : outcome === 'ERROR' ? 'and the cancel fails → ERROR' : '→ NOT_ENTITLED';
    const visit = tester.visit(`${product.label} ${owned ? 'owned' : 'not owned'}: ${utterance === undefined ? 'no refund utterance' : `"${utterance}"`} ${how}`);
    const run: OutcomeRun = { what: `Cancel ${outcome}`, visit };
    if (utterance === undefined) return { ...run, missing: `no "refund {product}" tester utterance for ${tester.locale}` };
    if (owned) visit.own(product);
    if (outcome === 'ERROR') visit.fault('purchase-error');
    const reached = await reachDialog(visit, product, utterance, ['Cancel']);
    if ('missing' in reached) {
      await visit.leave();
      return { ...run, missing: reached.missing };
    }
    let step = reached.step;
    if (visit.awaitingAnswer) step = outcome === 'DECLINED' ? await visit.no() : await yesUntilDone(visit, step);
    const got = resultOf(step, outcome);
    await visit.leave();
    return 'missing' in got ? { ...run, missing: got.missing } : { ...run, result: got.result };
  });
}

/** What an owner of the product hears for `utterance` (a consumable: one purchase, none used). */
export function ownerAnswer(tester: LocaleTester, product: ProductUnderTest, utterance: string): Promise<{ visit: Visit; answer: Answer | undefined }> {
  return remember(tester, `owner ${product.referenceName} ${utterance}`, async () => {
    const visit = tester.visit(`${product.label} owned${product.type === 'CONSUMABLE' ? ' (one purchase, none used)' : ''}: what an owner hears for "${utterance}"`);
    visit.own(product);
    await visit.open();
    const step = await visit.say(utterance);
    await visit.leave();
    return { visit, answer: step.reply };
  });
}

/** Why an owner's answer is no content to compare with (a directive, no speech…); undefined when it is. */
export function notContent(answer: Answer | undefined): string | undefined {
  if (!answer) return 'no answer';
  if (answer.invalid !== undefined) return `no valid answer (${answer.invalid})`;
  if (answer.directive) return `${article(answer.directive.name)} ${answer.directive.name} directive`;
  if (!answer.speech) return 'no speech';
  return undefined;
}
