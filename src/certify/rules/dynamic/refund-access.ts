/**
 * Dynamic rules of refunds, cancels and access to content: refund.*, access.follows-entitlement,
 * free.some-content (isp-certification.md). Every visit is a fresh user in one locale; the
 * evidence is its transcript, with what Amazon says the user holds noted where it matters.
 *
 * - `refund.cancel-directive` — per product, owned: each `refund` tester utterance with
 *   `{product}` ("refund treasure map"), in a visit of its own, must get exactly one Cancel
 *   directive for that product: not Buy or Upsell, not another product, not speech alone (there
 *   is no Refund directive: Cancel returns an entitlement or consumable and cancels a subscription).
 * - `refund.subscription-default` — when the skill sells one subscription: the user owns it and
 *   each `cancelSubscription` utterance ("cancel my subscription") must get one Cancel directive
 *   for it. With several subscriptions (all owned): a Cancel for one of them, or a question
 *   (speech, session open, reprompt, no error phrase). No subscription: skipped.
 * - `refund.not-owned-graceful` — per product, not owned: each `refund` utterance must get either
 *   a graceful answer that continues (speech, no error phrase, session open with a reprompt) and no
 *   directive, or a Cancel for that product — Alexa then answers NOT_ENTITLED — whose answer
 *   (the skill's reply to the Connections.Response) is graceful, continues and does not read out
 *   "NOT_ENTITLED". A Buy, an Upsell or a Cancel of another product fails.
 * - `refund.result-continues` — per product, the skill's answer to each result of Alexa's cancel
 *   dialog must have speech, no error phrase, and keep the session open with a reprompt: ACCEPTED
 *   (an owned entitlement or consumable refunded; an owned subscription cancelled, the user says
 *   yes), DECLINED (subscription: the user says no) and NOT_ENTITLED (a refund of what is not
 *   owned). Reading out the raw purchaseResult ("ACCEPTED") fails too. The dialog is started with
 *   the `refund` utterances (and, for the only subscription, the `cancelSubscription` ones); an
 *   outcome the skill never reaches (no Cancel directive) is noted, and without ACCEPTED the
 *   finding is skipped (refund.cancel-directive reports why).
 * - `access.follows-entitlement` — per entitlement and subscription with `premiumUtterances` in
 *   the `certify` settings (else skipped): an owner asks each premium utterance and must be
 *   served (speech, no directive, no error phrase) — that answer is what premium content sounds
 *   like. A user who never owned it must hear something else (an offer, a refusal: likeness to
 *   the owner's answer below 0.6, or a directive); the same answer either way fails ("premium
 *   content is free, or never served"). A subscription, cancelled (by voice — the refund or
 *   "cancel my subscription" utterance, then yes — when the skill sends that Cancel, else by Amazon
 *   from outside), is still served in a new session (Amazon keeps it ENTITLED to the period's
 *   end), and no longer once the period is over (40 days later; 400 for a yearly one). An
 *   entitlement, refunded by Amazon (refunds happen outside the skill, through the link Alexa
 *   sends), is no longer served in the next session. Only what Alexa and Amazon see is used, so it
 *   works over --endpoint too.
 * - `free.some-content` — with `freeUtterances` in the `certify` settings (else skipped): a user
 *   who owns nothing asks each one; at least one must be served: speech, no purchase directive,
 *   no offer of any product (its name with a purchase word of the locale), no error phrase. Each
 *   utterance is listed in the evidence with what it got.
 */
import { findErrorPhrase, type Answer } from '../../explore/answers';
import type { LocaleTester, ProductUnderTest } from '../../explore/explorer';
import { notContinuing, notLikeOwner, offers, skip, ungraceful, verdict } from '../../explore/judge';
import type { Step, Visit } from '../../explore/visit';
import type { Finding } from '../../types';
import type { DynamicImplementation } from './define';

// ---- visits -----------------------------------------------------------------------------------

/** What Amazon says the user holds, as a transcript line. */
function noteHolding(visit: Visit, product: ProductUnderTest, when = ''): boolean {
  const { entitled, count } = visit.holds(product);
  visit.note(`amazon: ${when ? `${when}, ` : ''}${product.referenceName} is ${entitled ? 'ENTITLED' : 'NOT_ENTITLED'}${product.type === 'CONSUMABLE' ? ` (activeEntitlementCount ${count})` : ''}`);
  return entitled;
}

// ---- utterances -------------------------------------------------------------------------------

const quoted = (utterance: string) => `"${utterance}"`;

/** "a Buy directive", "an Upsell directive". */
const aDirective = (name: string) => `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name} directive`;

/** Speech for a failure line: quoted, cut after 80 characters. */
function excerpt(speech: string): string {
  return quoted(speech.length > 80 ? `${speech.slice(0, 77)}…` : speech);
}

/**
 * Why the skill's answer to a purchase result is not a graceful one that goes on: ungraceful()
 * and notContinuing(), and the raw purchaseResult read out ("NOT_ENTITLED" is no answer).
 */
function resultProblems(answer: Answer | undefined, what: string): string[] {
  const problems = ungraceful(answer, what);
  const result = answer?.purchaseResult;
  if (answer && result && /^[A-Z_]+$/.test(result) && answer.speech.includes(result)) problems.push(`${what}: the skill reads out the raw purchaseResult "${result}"`);
  return [...problems, ...notContinuing(answer, what)];
}

/** The templates of a tester key that name a product. */
function withProduct(templates: readonly string[]): string[] {
  return templates.filter((template) => template.includes('{product}'));
}

/** The templates of a tester key that name none. */
function withoutProduct(templates: readonly string[]): string[] {
  return templates.filter((template) => !template.includes('{product}'));
}

function utteranceNote(tester: LocaleTester, key: string, example: string): string {
  return `No "${key}" tester utterance${example.includes('{product}') ? ' with {product}' : ''} for ${tester.locale}: add one under "certify": { "utterances": { "${tester.locale}": { "${key}": ["${example}"] } } } in skillshop.json.`;
}

/** Where a locale's content settings go in skillshop.json. */
function contentPath(tester: LocaleTester, key: string, value: string): string {
  return tester.locale.startsWith('en-')
    ? `"certify": { "${key}": ${value} }`
    : `"certify": { "locales": { "${tester.locale}": { "${key}": ${value} } } }`;
}

/** "refund" for what is returned, "cancel" for a subscription. */
function verb(product: ProductUnderTest): string {
  return product.type === 'SUBSCRIPTION' ? 'cancel' : 'refund';
}

/** Why a reply to a refund request is not one Cancel directive for the product; undefined when it is. */
function notCancelFor(step: Step, product: ProductUnderTest, utterance: string): string | undefined {
  const { reply } = step;
  if (!reply) return `${quoted(utterance)} never reaches the skill (nothing in the model takes it)`;
  if (reply.invalid !== undefined) return `${quoted(utterance)}: Alexa rejected the answer (${reply.invalid})`;
  const directive = reply.directive;
  if (!directive) return `${quoted(utterance)} gets no Cancel directive${reply.speech ? `; the skill says ${excerpt(reply.speech)}` : ' and no speech'}${reply.sessionOpen ? '' : ' and the session ends'}`;
  if (directive.name !== 'Cancel') return `${quoted(utterance)} gets ${aDirective(directive.name)}, not Cancel`;
  if (directive.referenceName !== product.referenceName) return `${quoted(utterance)} cancels ${directive.referenceName ?? directive.productId}, not ${product.referenceName}`;
  return undefined;
}

// ---- refund.cancel-directive ------------------------------------------------------------------

async function cancelDirective(tester: LocaleTester): Promise<Finding[]> {
  const templates = withProduct(tester.utterances!.refund);
  if (templates.length === 0) return [skip(tester, utteranceNote(tester, 'refund', 'refund {product}'))];
  return refundVisits(tester, templates, true, (step, product, utterance) => {
    const problem = notCancelFor(step, product, utterance);
    return problem ? [problem] : [];
  }, (product) =>
    `Answer ${quoted(tester.fill(templates[0]!, product))} with exactly one Cancel directive for ${product.referenceName} (this.isp.cancel(product.productId)) and nothing else: Alexa herself then ${product.type === 'SUBSCRIPTION' ? 'confirms and cancels the subscription' : 'handles the refund'} — there is no Refund directive, and the skill must not ${verb(product)} by itself or start a Buy.`);
}

/**
 * For each product, one visit per refund utterance while it is owned (or not), `check` judging the
 * skill's answer to it; a verdict per product.
 */
async function refundVisits(
  tester: LocaleTester,
  templates: readonly string[],
  owned: boolean,
  check: (step: Step, product: ProductUnderTest, utterance: string) => string[],
  fix: (product: ProductUnderTest) => string,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const product of tester.products) {
    const visits: Visit[] = [];
    const failures: string[] = [];
    for (const template of templates) {
      const utterance = tester.fill(template, product);
      const visit = tester.visit(`${quoted(utterance)} while ${product.label} is ${owned ? 'owned' : 'not owned'}`);
      visits.push(visit);
      if (owned) visit.own(product);
      await visit.open();
      failures.push(...check(await visit.ask(utterance), product, utterance));
      await visit.leave();
    }
    findings.push(verdict({ tester, product, visits, failures, fix: fix(product) }));
  }
  return findings;
}

// ---- refund.subscription-default --------------------------------------------------------------

async function subscriptionDefault(tester: LocaleTester): Promise<Finding[]> {
  const subscriptions = tester.ofType('SUBSCRIPTION');
  if (subscriptions.length === 0) return [skip(tester, `The skill sells no subscription in ${tester.locale}: there is nothing for "cancel my subscription" to target.`)];
  const utterances = withoutProduct(tester.utterances!.cancelSubscription).map((template) => tester.fill(template));
  if (utterances.length === 0) return [skip(tester, utteranceNote(tester, 'cancelSubscription', 'cancel my subscription'))];
  const single = subscriptions.length === 1 ? subscriptions[0]! : undefined;
  const visits: Visit[] = [];
  const failures: string[] = [];
  for (const utterance of utterances) {
    const visit = tester.visit(`${quoted(utterance)} while ${subscriptions.map((product) => product.label).join(' and ')} ${single ? 'is' : 'are'} owned`);
    visits.push(visit);
    for (const product of subscriptions) visit.own(product);
    await visit.open();
    const step = await visit.ask(utterance);
    if (single) {
      const problem = notCancelFor(step, single, utterance);
      if (problem) failures.push(problem);
    } else {
      const { reply } = step;
      const directive = reply?.directive;
      if (directive) {
        if (directive.name !== 'Cancel') failures.push(`${quoted(utterance)} gets ${aDirective(directive.name)}, not Cancel`);
        else if (!subscriptions.some((product) => product.referenceName === directive.referenceName)) failures.push(`${quoted(utterance)} cancels ${directive.referenceName ?? directive.productId}, which is not a subscription`);
      } else {
        failures.push(...ungraceful(reply, quoted(utterance)), ...notContinuing(reply, `${quoted(utterance)} (neither a Cancel nor a question)`));
      }
    }
    await visit.leave();
  }
  const names = subscriptions.map((product) => product.name);
  return [verdict({
    tester, ...(single ? { product: single } : {}), visits, failures,
    fix: single
      ? `Answer ${quoted(utterances[0]!)} with a Cancel directive for ${single.referenceName} (this.isp.cancelByReferenceName('${single.referenceName}')): it is the skill's only subscription, so there is nothing to ask.`
      : `Answer ${quoted(utterances[0]!)} with a Cancel directive for the subscription the user has, or ask which one (${names.join(' or ')}) with a reprompt and the session kept open.`,
  })];
}

// ---- refund.not-owned-graceful ----------------------------------------------------------------

async function notOwnedGraceful(tester: LocaleTester): Promise<Finding[]> {
  const templates = withProduct(tester.utterances!.refund);
  if (templates.length === 0) return [skip(tester, utteranceNote(tester, 'refund', 'refund {product}'))];
  return refundVisits(tester, templates, false, (step, product, utterance) => {
    const { reply } = step;
    const directive = reply?.directive;
    if (!directive) return [...ungraceful(reply, quoted(utterance)), ...notContinuing(reply, quoted(utterance))];
    if (directive.name !== 'Cancel') return [`${quoted(utterance)} gets ${aDirective(directive.name)}: a refund request must not start a purchase`];
    if (directive.referenceName !== product.referenceName) return [`${quoted(utterance)} cancels ${directive.referenceName ?? directive.productId}, not ${product.referenceName}`];
    return resultProblems(step.afterPurchase, `after Cancel ${step.afterPurchase?.purchaseResult ?? 'NOT_ENTITLED'}`);
  }, (product) =>
    `When the user does not own ${product.name}, either say so and go on (speech with a reprompt, shouldEndSession false, no directive), or send the Cancel directive and answer its NOT_ENTITLED result in ON_PURCHASE with speech that continues the same way — no error phrase, no ended session.`);
}

// ---- refund.result-continues ------------------------------------------------------------------

type CancelOutcome = 'ACCEPTED' | 'DECLINED' | 'NOT_ENTITLED';

/**
 * Starts Alexa's cancel dialog for the product with the first candidate utterance that gets a
 * Cancel directive for it; stops at any other directive. The step of that Cancel, or why none came.
 */
async function startCancel(visit: Visit, product: ProductUnderTest, utterances: readonly string[]): Promise<{ step: Step } | { problems: string[] }> {
  const problems: string[] = [];
  for (const utterance of utterances) {
    const step = await visit.ask(utterance);
    const problem = notCancelFor(step, product, utterance);
    if (problem === undefined) return { step };
    problems.push(problem);
    if (step.reply?.directive) break;
  }
  return { problems };
}

async function resultContinues(tester: LocaleTester): Promise<Finding[]> {
  const refund = withProduct(tester.utterances!.refund);
  const cancelSubscription = withoutProduct(tester.utterances!.cancelSubscription).map((template) => tester.fill(template));
  const findings: Finding[] = [];
  for (const product of tester.products) {
    const utterances = [...refund.map((template) => tester.fill(template, product)), ...(product.type === 'SUBSCRIPTION' && tester.ofType('SUBSCRIPTION').length === 1 ? cancelSubscription : [])];
    if (utterances.length === 0) {
      findings.push(skip(tester, utteranceNote(tester, 'refund', 'refund {product}'), product));
      continue;
    }
    const outcomes: CancelOutcome[] = product.type === 'SUBSCRIPTION' ? ['ACCEPTED', 'DECLINED', 'NOT_ENTITLED'] : ['ACCEPTED', 'NOT_ENTITLED'];
    const visits: Visit[] = [];
    const failures: string[] = [];
    const notes: string[] = [];
    const checked = new Set<CancelOutcome>();
    for (const outcome of outcomes) {
      const owned = outcome !== 'NOT_ENTITLED';
      const label = outcome === 'NOT_ENTITLED' ? `${verb(product)} ${product.label} while not owned (NOT_ENTITLED)`
        : product.type === 'SUBSCRIPTION' ? `cancel ${product.label} and say ${outcome === 'ACCEPTED' ? 'yes' : 'no'} to Alexa (${outcome})`
          : `refund ${product.label} (ACCEPTED)`;
      const visit = tester.visit(label);
      visits.push(visit);
      if (owned) visit.own(product);
      await visit.open();
      const started = await startCancel(visit, product, utterances);
      if ('problems' in started) {
        notes.push(`${outcome} not ${owned ? 'checked' : 'reached'}: ${started.problems.join('; ')} (see ${owned ? 'refund.cancel-directive' : 'refund.not-owned-graceful'})`);
        await visit.leave();
        continue;
      }
      let { step } = started;
      if (step.awaitingAnswer) step = outcome === 'DECLINED' ? await visit.no() : await visit.yes();
      const answer = step.afterPurchase;
      if (answer?.purchaseResult !== undefined && answer.purchaseResult !== outcome) {
        notes.push(`${outcome} not checked: Alexa's dialog ended with ${answer.purchaseResult}`);
      } else {
        checked.add(outcome);
        failures.push(...resultProblems(answer, `after Cancel ${outcome}`));
      }
      await visit.leave();
    }
    const fix = `In ON_PURCHASE, answer every result of a Cancel (${outcomes.join(', ')}) with speech that says what happened and goes on — a reprompt and shouldEndSession false, no error phrase, never the raw purchaseResult.`;
    if (failures.length === 0 && !checked.has('ACCEPTED')) {
      findings.push({ ...verdict({ tester, product, visits, failures, fix, notes }), status: 'skipped', fix: `Alexa's cancel dialog for ${product.referenceName} never ran for an owner, so its ACCEPTED result could not be checked: answer ${quoted(utterances[0]!)} with a Cancel directive (see refund.cancel-directive).` });
      continue;
    }
    findings.push(verdict({ tester, product, visits, failures, fix, notes: [...notes, `checked: Cancel ${[...checked].join(', ')}`] }));
  }
  return findings;
}

// ---- access.follows-entitlement ---------------------------------------------------------------

/** Why an owner's answer does not serve content; undefined when it does. */
function ownerNotServed(answer: Answer | undefined): string | undefined {
  if (!answer) return 'the skill is never asked (nothing in the model takes it)';
  if (answer.invalid !== undefined) return `Alexa rejected the answer (${answer.invalid})`;
  if (answer.directive) return `${aDirective(answer.directive.name)}`;
  if (!answer.speech) return 'no speech';
  const error = findErrorPhrase(answer.speech);
  return error ? `the error phrase "${error}"` : undefined;
}

/**
 * A subscription cancelled the way a user does it: the refund (or "cancel my subscription")
 * utterance, then yes to Alexa — so a skill that locks the content on Cancel ACCEPTED is seen.
 * False when the skill starts no Cancel for it (Amazon then cancels it from outside, by revoke).
 */
async function cancelByVoice(tester: LocaleTester, visit: Visit, product: ProductUnderTest): Promise<boolean> {
  if (!tester.utterances) return false;
  const single = tester.ofType('SUBSCRIPTION').length === 1;
  const utterances = [
    ...withProduct(tester.utterances.refund).map((template) => tester.fill(template, product)),
    ...(single ? withoutProduct(tester.utterances.cancelSubscription).map((template) => tester.fill(template)) : []),
  ];
  await visit.open();
  const started = await startCancel(visit, product, utterances);
  let step = 'step' in started ? started.step : undefined;
  if (step?.awaitingAnswer) step = await visit.yes();
  await visit.leave();
  const cancelled = step?.turn.purchase?.name === 'Cancel' && step.turn.purchase.purchaseResult === 'ACCEPTED';
  if (!cancelled) visit.note(`(the skill started no cancel of ${product.referenceName} that Alexa accepted: Amazon cancels it from outside the skill instead)`);
  return cancelled;
}

/** Days after a cancel by which the subscription's period (or trial) has surely ended. */
function daysPastPeriod(product: ProductUnderTest): number {
  const info = (product.catalog.definition as { subscriptionInformation?: { subscriptionPaymentFrequency?: string } }).subscriptionInformation;
  return info?.subscriptionPaymentFrequency === 'YEARLY' ? 400 : 40;
}

async function followsEntitlement(tester: LocaleTester): Promise<Finding[]> {
  const products = tester.ofType('ENTITLEMENT', 'SUBSCRIPTION');
  if (products.length === 0) return [skip(tester, `The skill sells no entitlement or subscription in ${tester.locale}: there is no premium content to check.`)];
  const findings: Finding[] = [];
  for (const product of products) {
    const utterances = tester.content.premiumUtterances?.[product.referenceName] ?? [];
    if (utterances.length === 0) {
      findings.push(skip(tester, `Say which requests ask for ${product.label}'s premium content: add ${contentPath(tester, 'premiumUtterances', `{ "${product.referenceName}": ["…"] }`)} to skillshop.json.`, product));
      continue;
    }
    const subscription = product.type === 'SUBSCRIPTION';
    const failures: string[] = [];
    const owners = new Map<string, Answer>();

    // An owner: what premium content sounds like; then Amazon takes it back.
    const history = tester.visit(`${product.label} owned, then ${subscription ? 'cancelled' : 'refunded'}`);
    history.own(product);
    noteHolding(history, product);
    await history.open();
    for (const utterance of utterances) {
      const { reply } = await history.ask(utterance);
      const why = ownerNotServed(reply);
      if (why) failures.push(`an owner asking ${quoted(utterance)} is not served: ${why}`);
      else owners.set(utterance, reply!);
    }
    await history.leave();
    if (!(subscription && await cancelByVoice(tester, history, product))) history.revoke(product);
    const stillEntitled = noteHolding(history, product, `after the ${subscription ? 'cancel' : 'refund'}`);
    const afterRevoke: [string, string | undefined][] = [];
    await history.open();
    for (const utterance of utterances) {
      const owner = owners.get(utterance);
      const { reply } = await history.ask(utterance);
      if (owner) afterRevoke.push([utterance, notLikeOwner(reply, owner)]);
    }
    const afterPeriod: [string, string | undefined][] = [];
    let days = 0;
    let expired = false;
    if (subscription) {
      await history.leave();
      days = daysPastPeriod(product);
      history.later(days);
      expired = !noteHolding(history, product, `${days} days after the cancel`);
      if (expired) {
        await history.open();
        for (const utterance of utterances) {
          const owner = owners.get(utterance);
          const { reply } = await history.ask(utterance);
          if (owner) afterPeriod.push([utterance, notLikeOwner(reply, owner)]);
        }
      }
    }
    await history.leave();

    // Never owned: the same requests must not get what an owner gets.
    const never = tester.visit(`${product.label} never owned`);
    await never.open();
    const free = new Set<string>();
    for (const utterance of utterances) {
      const owner = owners.get(utterance);
      const { reply } = await never.ask(utterance);
      if (owner && notLikeOwner(reply, owner) === undefined) {
        free.add(utterance);
        failures.push(`${quoted(utterance)} gets the same answer whether ${product.label} is owned or not: premium content is free, or never served`);
      }
    }
    await never.leave();

    const notes: string[] = [];
    if (subscription) {
      if (!stillEntitled) notes.push('not checked: Amazon ended the subscription at once on cancel, so "still served until the period ends" could not be tried');
      else {
        for (const [utterance, why] of afterRevoke) {
          if (why) failures.push(`after the cancel, ${product.referenceName} stays ENTITLED until the period ends, but ${quoted(utterance)} in a new session is not served: ${why}`);
        }
      }
      if (!expired) notes.push(`not checked: Amazon still says ENTITLED ${days} days after the cancel`);
      for (const [utterance, why] of afterPeriod) {
        if (!why && !free.has(utterance)) failures.push(`${days} days after the cancel the period is over and Amazon says NOT_ENTITLED, but ${quoted(utterance)} is still served like to an owner`);
      }
    } else {
      if (stillEntitled) notes.push('not checked: Amazon still says ENTITLED after the refund');
      else {
        for (const [utterance, why] of afterRevoke) {
          if (!why && !free.has(utterance)) failures.push(`after the refund Amazon says NOT_ENTITLED, but ${quoted(utterance)} in a new session is still served like to an owner`);
        }
      }
    }
    findings.push(verdict({
      tester, product, visits: [history, never], failures, notes,
      fix: `Decide access to ${product.name}'s content on every request from what Amazon says now (this.isp.getProductByReferenceName('${product.referenceName}') → entitled === 'ENTITLED'), never from a flag the skill stored: serve it to owners${subscription ? ' (a cancelled subscription stays ENTITLED to its period end)' : ''}, and offer it or refuse politely to everyone else.`,
    }));
  }
  return findings;
}

// ---- free.some-content ------------------------------------------------------------------------

/** Why an answer is not free content for a user who owns nothing; undefined when it is. */
function notFree(answer: Answer | undefined, tester: LocaleTester): string | undefined {
  if (!answer) return 'the skill is never asked (nothing in the model takes it)';
  if (answer.invalid !== undefined) return `Alexa rejected the answer (${answer.invalid})`;
  if (answer.directive) return `${aDirective(answer.directive.name)} for ${answer.directive.referenceName ?? answer.directive.productId}`;
  if (!answer.speech) return 'no speech';
  for (const product of tester.products) {
    const offer = offers(answer, product, tester.locale);
    if (offer) return `an offer: ${offer}`;
  }
  const error = findErrorPhrase(answer.speech);
  return error ? `the error phrase "${error}"` : undefined;
}

async function someFreeContent(tester: LocaleTester): Promise<Finding[]> {
  const utterances = tester.content.freeUtterances ?? [];
  if (utterances.length === 0) {
    return [skip(tester, `Say which requests a user without purchases is served: add ${contentPath(tester, 'freeUtterances', '["…"]')} to skillshop.json.`)];
  }
  const visit = tester.visit('a user who owns nothing');
  await visit.open();
  const notes: string[] = [];
  let served = 0;
  for (const utterance of utterances) {
    const { reply } = await visit.ask(utterance);
    const why = notFree(reply, tester);
    if (why) notes.push(`· ${quoted(utterance)} is not served: ${why}`);
    else {
      served += 1;
      notes.push(`✓ ${quoted(utterance)} is served`);
    }
  }
  await visit.leave();
  return [verdict({
    tester, visits: [visit], notes,
    failures: served > 0 ? [] : [`none of the free utterances (${utterances.map(quoted).join(', ')}) is served to a user who owns nothing`],
    fix: 'Serve some content to users without purchases: answer at least one of the freeUtterances with the content itself (speech, session open), without a Buy or Upsell directive and without naming a product to buy.',
  })];
}

export const REFUND_ACCESS_CHECKS: Readonly<Record<string, DynamicImplementation>> = {
  'refund.cancel-directive': { perLocale: cancelDirective },
  'refund.subscription-default': { perLocale: subscriptionDefault },
  'refund.not-owned-graceful': { perLocale: notOwnedGraceful },
  'refund.result-continues': { perLocale: resultContinues },
  'access.follows-entitlement': { perLocale: followsEntitlement, withoutUtterances: true },
  'free.some-content': { perLocale: someFreeContent, withoutUtterances: true },
};
