/**
 * Dynamic rules of purchase results (result.*): what the skill answers when Alexa launches it again
 * with a Connections.Response (isp-certification.md, "Dynamic"). Every outcome is driven once per
 * locale × product in a visit of its own (a fresh user) and shared by the rules
 * (results-outcomes.ts): a Buy is reached with "open …" then "buy {product}" (the first `buy`
 * tester utterance) while the product is not owned; a Cancel with "refund {product}".
 *
 * - result.accepted-continues — "buy X", yes → ACCEPTED. The answer must be valid, spoken, free of
 *   error phrases, and either keep the session open with a reprompt, or deliver content and end
 *   (speech of more than six words and no purchase directive; a bare "thanks" or "goodbye" that
 *   ends the session fails). Then the product's content is asked for in that visit (its first
 *   `premiumUtterances` entry; for a consumable, the `consumables` use utterance) and must sound
 *   like what an owner hears for it (a separate visit where the user owns the product). Without
 *   those settings that part is left out, with a note saying what to add to skillshop.json.
 * - result.declined-continues — "buy X", no → DECLINED; and, where asking for the product's content
 *   without owning it leads to an Upsell or Buy, no to that offer. The answer must be valid, spoken,
 *   free of error phrases, keep the session open with a reprompt, carry no purchase directive and
 *   not offer the product again in speech (its name with a purchase word).
 * - result.already-purchased-no-error — "buy X", then Alexa answers ALREADY_PURCHASED (the user
 *   bought it on another device meanwhile). The answer: valid, spoken, no error phrase, no purchase
 *   directive, session open with a reprompt. Not applicable to consumables (Amazon never answers
 *   ALREADY_PURCHASED for them).
 * - result.error-graceful — "buy X", yes, and the purchase fails (ERROR with status 200); and
 *   "buy X" with the flow broken (status 500, no purchaseResult). Each answer: valid, spoken, and
 *   it offers to continue (session open with a reprompt). An apology or an error phrase is allowed
 *   here and only noted (reading out the bare "ERROR" is not).
 * - result.unknown-graceful — "buy X", yes → a purchaseResult Amazon has not documented (facts §2:
 *   read it as "not entitled"). The answer: valid, spoken, no error phrase; Amazon still says the
 *   user does not own X; and the content asked for right after (as in accepted-continues) must NOT
 *   sound like what an owner hears.
 * - result.never-silent — every answer above and the Cancel results: refund of an owned product
 *   (ACCEPTED; a subscription after "yes"), "no" to cancelling an owned subscription (DECLINED),
 *   refund of something not owned (NOT_ENTITLED), a refund that fails (ERROR); also PENDING_PURCHASE
 *   and the Upsell results where one was seen. Every answer has speech (or hands over to Alexa with
 *   a purchase directive) and, when the session stays open, a reprompt. One finding per product:
 *   a line per outcome, and the transcripts of the failing ones.
 * - result.resumes-context (guidance) — the product's content asked for without owning it (first
 *   premium utterance; a consumable's use utterance at zero) → the skill offers it → yes →
 *   ACCEPTED: the answer to the result itself should serve that content, i.e. sound like what an
 *   owner hears for the same utterance (a consumable: one unit used). Skipped without the settings,
 *   and for a product whose content request leads to no offer.
 * - result.no-result-ever — "buy X", then no Connections.Response ever comes back; the user opens
 *   the skill again: a valid, spoken answer without error phrases or a purchase directive, session
 *   open with a reprompt — the skill is not stuck waiting for the result.
 *
 * Graceful, in every rule: a valid answer with speech, no error phrase (per-language tables: "error",
 * "problem", "try again"…, "Fehler", "erreur"…), and not the purchase result read out as it came
 * ("ACCEPTED", "SIMULATED_UNKNOWN_RESULT"). Continues: the session stays open with a reprompt and no
 * purchase directive.
 *
 * A product whose "buy"/"refund" utterance starts no purchase dialog for it cannot be driven: that
 * outcome is reported `skipped` with the transcript (buy.direct and refund.cancel-directive say why).
 * When the launch itself starts an offer, the user walks away from it and says the next thing as a
 * one-shot. Only products for sale are driven. Nothing here reads the skill's storage: only speech,
 * directives and Amazon's entitlements, so the rules work over --endpoint too.
 */
import type { Answer } from '../../explore/answers';
import type { LocaleTester, ProductUnderTest } from '../../explore/explorer';
import { notContinuing, notLikeOwner, offers, skip, ungraceful, verdict } from '../../explore/judge';
import type { Visit } from '../../explore/visit';
import { keyOf, tokenize } from '../../../simulator/nlu/tokens';
import type { Finding } from '../../types';
import type { DynamicImplementation } from './define';
import {
  BUY_OUTCOMES, buyOutcome, cancelOutcome, contentOutcome, contentSettingsHint, contentUtterance, notContent, ownerAnswer,
  type CancelOutcome, type OutcomeRun,
} from './results-outcomes';

// ---- speech, per language ------------------------------------------------------------------------

/** Error phrases of the languages other than English (the English ones: src/certify/error-phrases.ts). */
function language(tester: LocaleTester): string {
  return tester.locale.split('-')[0]!.toLowerCase();
}

const RESULT_NAMES = ['ACCEPTED', 'DECLINED', 'ALREADY_PURCHASED', 'NOT_ENTITLED', 'ERROR', 'PENDING_PURCHASE'];

/** The speech is nothing but a purchase result's code ("ACCEPTED"): what a user should never hear. */
function rawResult(answer: Answer): string | undefined {
  const said = keyOf(answer.speech);
  if (said === '') return undefined;
  return [...RESULT_NAMES, ...(answer.purchaseResult ? [answer.purchaseResult] : [])].find((name) => keyOf(name) === said);
}

/** ungraceful() (error phrases in every ISP language), and a purchase result read out as it came. */
function graceless(answer: Answer | undefined, what: string): string[] {
  if (answer && answer.invalid === undefined && answer.isPurchaseResult && rawResult(answer)) {
    return [`${what}: the skill reads out the raw purchase result "${answer.speech}" instead of telling the user what happened`];
  }
  return ungraceful(answer, what);
}

/** Words in the speech (a Japanese character counts as half a word). */
function wordCount(speech: string, tester: LocaleTester): number {
  const count = tokenize(speech).keys.length;
  return language(tester) === 'ja' ? Math.floor(count / 2) : count;
}

/** More than this many words before the session ends counts as content delivered, not a goodbye. */
const CONTENT_WORDS = 6;

function short(speech: string): string {
  return speech.length > 80 ? `${speech.slice(0, 77)}…` : speech;
}

/** One line telling what the skill answered: for the per-outcome summary of never-silent. */
function summary(run: OutcomeRun): string {
  if (run.missing) return `${run.what}: not driven — ${run.missing}`;
  const answer = run.result;
  if (!answer) return `${run.what}: the skill was not asked`;
  if (answer.invalid !== undefined) return `${run.what} → Alexa rejected the answer (${answer.invalid})`;
  const said = answer.speech ? `"${short(answer.speech)}"` : '(no speech)';
  const then = answer.directive ? `, then a ${answer.directive.name} directive for ${answer.directive.referenceName ?? answer.directive.productId}`
    : answer.sessionOpen ? (answer.reprompt ? ' (session open, reprompt)' : ' (session open, no reprompt)') : ' (session ends)';
  return `${run.what} → ${said}${then}`;
}

/** A product whose outcome could not be driven: skipped, with the visit that shows why. */
function notDriven(tester: LocaleTester, product: ProductUnderTest, runs: readonly OutcomeRun[], rule: string): Finding {
  const missing = runs.filter((run) => run.missing);
  return {
    status: 'skipped',
    locale: tester.locale,
    product: product.referenceName,
    evidence: missing.flatMap((run) => run.visit.transcript),
    fix: `${missing.map((run) => `${run.what}: ${run.missing}`).join('; ')} — so ${rule} could not be checked for ${product.referenceName} (buy.direct / refund.cancel-directive say what the skill should answer).`,
  };
}

// ---- checks ------------------------------------------------------------------------------------

const ON_PURCHASE = 'the ON_PURCHASE handler (the Connections.Response for Buy/Upsell)';

/** The product's content asked for after the result, compared with an owner's answer. */
async function contentCheck(
  tester: LocaleTester, product: ProductUnderTest, run: OutcomeRun, expect: 'served' | 'not served',
): Promise<{ failures: string[]; notes: string[]; owner?: Visit }> {
  const utterance = contentUtterance(tester, product);
  if (utterance === undefined) {
    const part = expect === 'served' ? 'is served after the purchase' : 'stays locked afterwards';
    return { failures: [], notes: [`note: whether the premium content ${part} was not checked — ${contentSettingsHint(tester, product)}`] };
  }
  const owner = await ownerAnswer(tester, product, utterance);
  const unusable = notContent(owner.answer);
  if (unusable) return { failures: [], notes: [`note: an owner saying "${utterance}" gets ${unusable}, so there is no content to compare with (access.follows-entitlement looks at that)`], owner: owner.visit };
  const differs = notLikeOwner(run.followUp, owner.answer!);
  if (expect === 'served') {
    return differs === undefined
      ? { failures: [], notes: [`"${utterance}" after ${run.what} is answered like an owner is`], owner: owner.visit }
      : { failures: [`"${utterance}" after ${run.what}: the content is not served — ${differs}`], notes: [], owner: owner.visit };
  }
  return differs === undefined
    ? { failures: [`"${utterance}" after ${run.what}: the skill serves the content as if the user owned ${product.referenceName}, though Amazon says they do not`], notes: [], owner: owner.visit }
    : { failures: [], notes: [`"${utterance}" after ${run.what} is not answered with the owner's content (${differs})`], owner: owner.visit };
}

/** Continues (open with a reprompt), or delivers content and ends (more than a few words, no directive). */
function continuesOrDelivers(answer: Answer | undefined, what: string, tester: LocaleTester): string[] {
  const problems = notContinuing(answer, what);
  if (problems.length === 0 || !answer || answer.directive || answer.sessionOpen) return problems;
  const words = wordCount(answer.speech, tester);
  if (words > CONTENT_WORDS) return [];
  return [`${what}: the session ends after ${answer.speech ? `only "${short(answer.speech)}"` : 'no speech'} — it neither continues nor delivers content`];
}

function perProduct(check: (tester: LocaleTester, product: ProductUnderTest) => Promise<Finding>): DynamicImplementation {
  return {
    async perLocale(tester) {
      const findings: Finding[] = [];
      for (const product of tester.products.filter((entry) => entry.forSale)) findings.push(await check(tester, product));
      return findings;
    },
  };
}

const acceptedContinues = perProduct(async (tester, product) => {
  const run = await buyOutcome(tester, product, 'ACCEPTED');
  if (run.missing) return notDriven(tester, product, [run], 'result.accepted-continues');
  const what = `after ${run.what}`;
  const answerFailures = [...graceless(run.result, what), ...continuesOrDelivers(run.result, what, tester)];
  const content = await contentCheck(tester, product, run, 'served');
  const fixes = [
    ...(answerFailures.length > 0 ? [`In ${ON_PURCHASE}, when getPurchaseResult() is ACCEPTED, tell the user what they got, without error wording, and go on (this.ask(speech, reprompt)) — or serve the premium content right away; never just read out the result or end with a goodbye.`] : []),
    ...(content.failures.length > 0 ? [`Once ${product.name} is bought, the request for its content must serve it: check the entitlement with this.isp (Amazon's answer of this request), not a copy cached earlier in the session or in your storage.`] : []),
  ];
  return verdict({
    tester, product, visits: [run.visit, ...(content.owner ? [content.owner] : [])], failures: [...answerFailures, ...content.failures], notes: content.notes,
    fix: fixes.join(' '),
  });
});

const declinedContinues = perProduct(async (tester, product) => {
  const runs = [await buyOutcome(tester, product, 'DECLINED')];
  const upsell = await contentOutcome(tester, product, 'DECLINED');
  // An ask for content that leads to no offer is not an outcome of this rule (only a Buy that cannot be reached is).
  if (upsell && !upsell.missing) runs.push(upsell);
  if (runs[0]!.missing) return notDriven(tester, product, [runs[0]!], 'result.declined-continues');
  const failures: string[] = [];
  for (const run of runs) {
    const what = `after ${run.what}`;
    failures.push(...graceless(run.result, what), ...notContinuing(run.result, what));
    const offer = run.result && !run.result.directive ? offers(run.result, product, tester.locale) : undefined;
    if (offer) failures.push(`${what}: the skill offers ${product.referenceName} again at once (${offer})`);
  }
  return verdict({
    tester, product, visits: runs.map((run) => run.visit), failures,
    fix: `In ${ON_PURCHASE}, when getPurchaseResult() is DECLINED, go back to the free experience without offering ${product.name} again: e.g. this.ask('Okay. What would you like to do next?', reprompt), with no purchase directive.`,
  });
});

const alreadyPurchasedNoError: DynamicImplementation = {
  async perLocale(tester) {
    const findings: Finding[] = [];
    // Amazon never answers ALREADY_PURCHASED to a consumable purchase (only ACCEPTED, DECLINED or ERROR).
    const products = tester.products.filter((entry) => entry.forSale && entry.type !== 'CONSUMABLE');
    if (products.length === 0) return [skip(tester, `Not applicable in ${tester.locale}: no entitlement or subscription is for sale, and Amazon never answers ALREADY_PURCHASED to a consumable purchase.`)];
    for (const product of products) {
      const run = await buyOutcome(tester, product, 'ALREADY_PURCHASED');
      if (run.missing) {
        findings.push(notDriven(tester, product, [run], 'result.already-purchased-no-error'));
        continue;
      }
      const what = `after ${run.what}`;
      findings.push(verdict({
        tester, product, visits: [run.visit], failures: [...graceless(run.result, what), ...notContinuing(run.result, what)],
        fix: `In ${ON_PURCHASE}, treat ALREADY_PURCHASED like ACCEPTED: say the user already has ${product.name}, offer its content, and keep the session open (this.ask(speech, reprompt)) — no error wording, no purchase directive.`,
      }));
    }
    return findings;
  },
};

const errorGraceful = perProduct(async (tester, product) => {
  const runs = [await buyOutcome(tester, product, 'ERROR'), await buyOutcome(tester, product, 'STATUS_500')];
  if (runs.every((run) => run.missing)) return notDriven(tester, product, runs, 'result.error-graceful');
  const failures: string[] = [];
  const notes: string[] = [];
  for (const run of runs) {
    if (run.missing) {
      notes.push(`note: ${run.what} not driven — ${run.missing}`);
      continue;
    }
    const what = `after ${run.what}`;
    const answer = run.result;
    for (const problem of graceless(answer, what)) {
      if (problem.includes('error phrase')) notes.push(`note: ${problem} (an apology is allowed here)`);
      else failures.push(problem);
    }
    failures.push(...notContinuing(answer, what));
  }
  return verdict({
    tester, product, visits: runs.map((run) => run.visit), failures, notes,
    fix: `In ${ON_PURCHASE}, handle purchaseResult ERROR and a status code other than "200" (no purchaseResult at all): say briefly that the purchase did not go through and offer to go on (this.ask(speech, reprompt)) — never an empty or ending answer, and never throw.`,
  });
});

const unknownGraceful = perProduct(async (tester, product) => {
  const run = await buyOutcome(tester, product, 'UNKNOWN');
  if (run.missing) return notDriven(tester, product, [run], 'result.unknown-graceful');
  const what = `after ${run.what}`;
  const failures: string[] = [];
  const answer = run.result;
  failures.push(...graceless(answer, what));
  const holds = run.visit.holds(product);
  if (holds.entitled || holds.count > 0) failures.push(`${what}: Amazon says the user holds ${product.referenceName} (${holds.count})`);
  const content = await contentCheck(tester, product, run, 'not served');
  failures.push(...content.failures);
  return verdict({
    tester, product, visits: [run.visit, ...(content.owner ? [content.owner] : [])], failures,
    notes: [`Amazon's entitlement after it: ${holds.entitled ? 'ENTITLED' : 'NOT_ENTITLED'}`, ...content.notes],
    fix: `In ${ON_PURCHASE}, read any purchaseResult you do not know as "not bought" (a default branch, not a crash): answer like DECLINED, with speech and a reprompt, and never unlock the content for it.`,
  });
});

const CANCELS: Readonly<Record<string, readonly CancelOutcome[]>> = {
  SUBSCRIPTION: ['ACCEPTED', 'DECLINED', 'NOT_ENTITLED', 'ERROR'],
  ENTITLEMENT: ['ACCEPTED', 'NOT_ENTITLED', 'ERROR'],
  CONSUMABLE: ['ACCEPTED', 'NOT_ENTITLED', 'ERROR'],
};

/** Why an answer to a purchase result is silent; empty when it is not. */
function silent(run: OutcomeRun): string[] {
  const answer = run.result;
  if (!answer) return [];
  const what = `after ${run.what}`;
  if (answer.invalid !== undefined) return [`${what}: Alexa rejected the answer (${answer.invalid}), so the user hears Alexa's error line, not the skill`];
  if (answer.directive) return []; // Alexa's purchase dialog speaks next (the other result rules judge a new offer)
  const problems: string[] = [];
  if (!answer.speech) problems.push(`${what}: the skill says nothing`);
  if (answer.sessionOpen && !answer.reprompt) problems.push(`${what}: the session stays open without a reprompt`);
  return problems;
}

const neverSilent = perProduct(async (tester, product) => {
  const consumable = product.type === 'CONSUMABLE';
  const buys = BUY_OUTCOMES.filter((outcome) => outcome !== 'NO_RESULT' && !(consumable && (outcome === 'ALREADY_PURCHASED' || outcome === 'PENDING_PURCHASE')));
  const runs: OutcomeRun[] = [];
  for (const outcome of buys) runs.push(await buyOutcome(tester, product, outcome));
  for (const outcome of ['ACCEPTED', 'DECLINED'] as const) {
    const run = await contentOutcome(tester, product, outcome);
    if (run && !run.missing) runs.push(run);
  }
  for (const outcome of CANCELS[product.type] ?? []) runs.push(await cancelOutcome(tester, product, outcome));
  const driven = runs.filter((run) => !run.missing);
  if (driven.length === 0) return notDriven(tester, product, runs, 'result.never-silent');
  const failing = driven.filter((run) => silent(run).length > 0);
  return verdict({
    tester, product, visits: failing.map((run) => run.visit), failures: failing.flatMap(silent),
    notes: runs.map(summary),
    fix: `Give every answer to a purchase result speech, and a reprompt whenever the session stays open: in ${ON_PURCHASE} and for Cancel, cover every purchaseResult (ACCEPTED, DECLINED, ALREADY_PURCHASED, NOT_ENTITLED, ERROR, PENDING_PURCHASE, unknown values) and a status code other than "200", with this.ask(speech, reprompt).`,
  });
});

const resumesContext = perProduct(async (tester, product) => {
  const utterance = contentUtterance(tester, product);
  if (utterance === undefined) return skip(tester, `Which request needs ${product.referenceName} is not known: ${contentSettingsHint(tester, product)}.`, product);
  const run = (await contentOutcome(tester, product, 'ACCEPTED'))!;
  if (run.missing) {
    return { ...skip(tester, `"${utterance}" (not owned) leads to no offer of ${product.referenceName}, so there is no purchase to resume from: ${run.missing}.`, product), evidence: run.visit.transcript };
  }
  const owner = await ownerAnswer(tester, product, utterance);
  const unusable = notContent(owner.answer);
  if (unusable) {
    return {
      ...skip(tester, `An owner saying "${utterance}" gets ${unusable}, so there is no content to resume with (access.follows-entitlement looks at that).`, product),
      evidence: [...run.visit.transcript, ...owner.visit.transcript],
    };
  }
  const differs = notLikeOwner(run.result, owner.answer!);
  const failures = differs === undefined ? [] : [`after ${run.what}: the answer does not pick up "${utterance}" — ${differs}`];
  return verdict({
    tester, product, visits: [run.visit, owner.visit], failures,
    ...(differs === undefined ? { notes: [`the answer to ${run.what} serves what an owner hears for "${utterance}"`] } : {}),
    fix: `Put where the user was into the purchase directive's token (e.g. this.isp.upsell(productId, message, 'resume:<what they asked>')) and, in ${ON_PURCHASE} on ACCEPTED, read it back with this.isp.getToken() and serve that content at once — the result arrives in a new session without attributes.`,
  });
});

const noResultEver = perProduct(async (tester, product) => {
  const run = await buyOutcome(tester, product, 'NO_RESULT');
  if (run.missing) return notDriven(tester, product, [run], 'result.no-result-ever');
  const what = 'the next launch after a purchase that never got a result';
  const failures = [...graceless(run.relaunch, what), ...notContinuing(run.relaunch, what)];
  return verdict({
    tester, product, visits: [run.visit], failures,
    fix: 'Do not keep "a purchase is in progress" state that only a purchase result clears: a launch must always greet the user and go on (this.ask(speech, reprompt)), with no purchase directive, whatever was pending.',
  });
});

export const RESULT_CHECKS: Readonly<Record<string, DynamicImplementation>> = {
  'result.accepted-continues': acceptedContinues,
  'result.declined-continues': declinedContinues,
  'result.already-purchased-no-error': alreadyPurchasedNoError,
  'result.error-graceful': errorGraceful,
  'result.unknown-graceful': unknownGraceful,
  'result.never-silent': neverSilent,
  'result.resumes-context': resumesContext,
  'result.no-result-ever': noResultEver,
};
