/** kids.* (see consumable-locale-kids.ts for how each is checked). */
import type { Answer } from '../../explore/answers';
import { purchaseWordIn } from '../../explore/answers';
import type { LocaleTester, ProductUnderTest } from '../../explore/explorer';
import { notContinuing, notLikeOwner, skip, verdict } from '../../explore/judge';
import type { Visit } from '../../explore/visit';
import type { CertifyContext, Finding } from '../../types';
import { hasPurchaseWords, notGraceful, purchaseDirective, withoutInvocation } from './consumable-locale-kids-speech';
import { forEachLocale, type DynamicCheck, type DynamicImplementation } from './define';

/** Runs the check per locale for a child-directed skill; any other skill gets one skipped finding. */
function childDirectedOnly(check: DynamicCheck): DynamicImplementation {
  return {
    async wholeSkill(context: CertifyContext) {
      if (context.manifest?.isChildDirected.value !== true) {
        return [{ status: 'skipped', evidence: [], fix: 'not a child-directed skill (manifest.isChildDirected is not true in skillshop.json).' }];
      }
      return forEachLocale(context, check);
    },
  };
}

function premiumOf(tester: LocaleTester, product: ProductUnderTest): string[] {
  return tester.content.premiumUtterances?.[product.referenceName] ?? [];
}

function premiumSetting(tester: LocaleTester, product: ProductUnderTest): string {
  return tester.locale.startsWith('en-') ? `certify.premiumUtterances.${product.referenceName}` : `certify.locales.${tester.locale}.premiumUtterances.${product.referenceName}`;
}

/** Says the utterance and judges it with voice purchasing off: no Buy/Upsell, a graceful answer. */
async function offPurchasing(visit: Visit, utterance: string | undefined, what: string, failures: string[]): Promise<Answer | undefined> {
  if (utterance !== undefined && !visit.sessionOpen) await visit.launch();
  const { reply } = utterance === undefined ? await visit.launch() : await visit.say(utterance);
  const directive = purchaseDirective(reply);
  if (directive) failures.push(`${what}: the skill answers ${directive} although voice purchasing is off`);
  failures.push(...notGraceful(reply, what));
  if (visit.awaitingAnswer || reply?.directive) await visit.leave();
  return reply;
}

const VOICE_OFF_FIX = 'Ask `await this.isp.isVoicePurchasingEnabled()` before any Buy or Upsell; when it is false, answer in speech (ask a grown-up to turn voice purchasing on in the Alexa app, then go on with the free content), and keep Help about the free content, without buying words.';

const voicePurchasingOff: DynamicCheck = async (tester) => {
  const findings: Finding[] = [];
  const utterances = tester.utterances!;
  // The skill as a whole: launch, "what can I buy", help.
  {
    const failures: string[] = [];
    const notes: string[] = [];
    const visit = tester.visit('voice purchasing off: launch, "what can I buy", help');
    visit.fault('voice-purchasing-off');
    await offPurchasing(visit, undefined, 'the launch', failures);
    for (const utterance of utterances.whatCanIBuy) await offPurchasing(visit, utterance, `"${utterance}"`, failures);
    const help = utterances.help[0];
    if (help) {
      const reply = await offPurchasing(visit, help, `"${help}"`, failures);
      if (hasPurchaseWords(tester.locale)) {
        const word = reply ? purchaseWordIn(withoutInvocation(`${reply.speech} ${reply.reprompt}`, tester.invocation), tester.locale) : undefined;
        if (word) failures.push(`"${help}": the help says "${word}" although voice purchasing is off`);
      } else notes.push(`note: no table of purchase words for ${tester.locale}: the help answer is not checked for them.`);
    } else notes.push(`note: help is not checked in ${tester.locale}: add certify.utterances.${tester.locale}.help to skillshop.json.`);
    await visit.leave();
    findings.push(verdict({ tester, visits: [visit], failures, notes, fix: VOICE_OFF_FIX }));
  }
  // Each product: "buy X" and its premium content.
  for (const product of tester.products) {
    const failures: string[] = [];
    const notes: string[] = [];
    const visit = tester.visit(`voice purchasing off: buying ${product.label} and asking for its content`);
    visit.fault('voice-purchasing-off');
    await visit.launch();
    for (const template of utterances.buy.filter((entry) => entry.includes('{product}'))) {
      const utterance = tester.fill(template, product);
      await offPurchasing(visit, utterance, `"${utterance}"`, failures);
    }
    const premium = premiumOf(tester, product);
    for (const utterance of premium) await offPurchasing(visit, utterance, `"${utterance}"`, failures);
    if (premium.length === 0 && product.type !== 'CONSUMABLE') notes.push(`note: the premium content of ${product.referenceName} is not checked: add ${premiumSetting(tester, product)} to skillshop.json.`);
    await visit.leave();
    findings.push(verdict({ tester, product, visits: [visit], failures, notes, fix: VOICE_OFF_FIX }));
  }
  return findings;
};

/** Says the utterance in an open session: the skill is opened again first when the last answer closed it. */
async function sayOpen(visit: Visit, utterance: string): Promise<Answer | undefined> {
  if (!visit.sessionOpen) await visit.launch();
  const { reply } = await visit.say(utterance);
  if (visit.awaitingAnswer || reply?.directive) await visit.leave();
  return reply;
}

const PENDING_FIX = (product: ProductUnderTest) => `Before a Buy or Upsell of ${product.referenceName}, read this.isp.getTransactions({ productId, status: 'PENDING_APPROVAL_BY_PARENT' }); while one is pending, tell the child the purchase waits for a grown-up and go on with the free content. Answer PENDING_PURCHASE with speech and a reprompt, and keep a denied or expired purchase locked without an error phrase.`;

/** Starts a purchase of the product that waits for a parent; undefined when neither "buy X" nor X's premium content starts one. */
async function pendingPurchase(visit: Visit, tester: LocaleTester, product: ProductUnderTest): Promise<{ said: string; after: Answer | undefined } | undefined> {
  visit.fault('pending-purchase');
  await visit.launch();
  const said = tester.fill(tester.utterances!.buy.find((entry) => entry.includes('{product}')) ?? 'buy {product}', product);
  // "buy X" first; a skill that sells X only by an Upsell is started from X's premium content.
  let started = false;
  for (const utterance of [said, ...premiumOf(tester, product)]) {
    if (!visit.sessionOpen) await visit.launch();
    const { reply } = await visit.say(utterance);
    if (purchaseDirective(reply, product)) {
      started = true;
      break;
    }
    if (visit.awaitingAnswer || reply?.directive) await visit.leave();
  }
  if (!started) {
    await visit.leave();
    return undefined;
  }
  // Yes to Alexa's questions (an Upsell asks twice) until the result reaches the skill.
  let step = visit.steps.at(-1);
  for (let tries = 0; visit.awaitingAnswer && tries < 3; tries++) step = await visit.yes();
  return { said, after: step?.afterPurchase };
}

/** With the parent's no (or no decision): premium content stays locked, "buy X" gets no error phrase. */
async function staysLocked(visit: Visit, tester: LocaleTester, product: ProductUnderTest, said: string, owner: Map<string, Answer>, why: string, failures: string[]): Promise<void> {
  await visit.launch();
  for (const utterance of premiumOf(tester, product)) {
    const reply = await sayOpen(visit, utterance);
    const ownerAnswer = owner.get(utterance);
    if (ownerAnswer && notLikeOwner(reply, ownerAnswer) === undefined) failures.push(`${why}, "${utterance}" serves the premium content of ${product.referenceName} (like an owner hears it)`);
    failures.push(...notGraceful(reply, `${why}, "${utterance}"`));
  }
  const reply = await sayOpen(visit, said);
  failures.push(...notGraceful(reply, `${why}, "${said}"`));
  await visit.leave();
}

const pendingApproval: DynamicCheck = async (tester) => {
  const findings: Finding[] = [];
  for (const product of tester.products.filter((entry) => entry.forSale)) {
    const failures: string[] = [];
    const notes: string[] = [];
    const visits: Visit[] = [];
    const premium = premiumOf(tester, product);
    // What an owner hears: how premium content is told from a refusal.
    const owner = new Map<string, Answer>();
    if (premium.length > 0) {
      const visit = tester.visit(`an owner of ${product.label} asks for its content (the reference)`);
      visits.push(visit);
      visit.own(product);
      await visit.launch();
      for (const utterance of premium) {
        const reply = await sayOpen(visit, utterance);
        if (reply && !reply.directive && reply.invalid === undefined) owner.set(utterance, reply);
      }
      await visit.leave();
    } else if (product.type !== 'CONSUMABLE') {
      notes.push(`note: whether ${product.referenceName} stays locked is checked on "buy" only: add ${premiumSetting(tester, product)} to skillshop.json to check its content too.`);
    }

    // Pending: the answer to PENDING_PURCHASE, then no second Buy/Upsell while the parent decides; then the parent says no.
    const denied = tester.visit(`${product.label} bought by a child, waiting for a parent, then denied`);
    visits.push(denied);
    const pending = await pendingPurchase(denied, tester, product);
    if (!pending) {
      findings.push({ ...skip(tester, `"${tester.fill(tester.utterances!.buy[0] ?? 'buy {product}', product)}" starts no purchase of ${product.referenceName} (no Buy or Upsell directive for it)${premium.length > 0 ? ', nor does its premium content' : ''}, so a purchase waiting for a parent cannot be reached; see buy.direct.`, product), evidence: denied.transcript });
      continue;
    }
    failures.push(...notGraceful(pending.after, 'the answer to PENDING_PURCHASE'), ...notContinuing(pending.after, 'the answer to PENDING_PURCHASE'));
    await denied.leave();
    const again = async (utterance: string | undefined, what: string) => {
      let reply: Answer | undefined;
      if (utterance !== undefined) reply = await sayOpen(denied, utterance);
      else {
        reply = (await denied.launch()).reply;
        if (denied.awaitingAnswer || reply?.directive) await denied.leave();
      }
      const directive = purchaseDirective(reply, product);
      if (directive) failures.push(`${what} while the parent has not decided: the skill answers ${directive} again (Alexa can only say it is still pending)`);
      failures.push(...notGraceful(reply, `${what} while the purchase is pending`));
    };
    await again(undefined, 'the next launch');
    await again(pending.said, `"${pending.said}"`);
    for (const utterance of premium) await again(utterance, `"${utterance}"`);
    await denied.leave();
    denied.parent('deny', product);
    await staysLocked(denied, tester, product, pending.said, owner, 'after the parent denies', failures);

    // The parent never answers: the same.
    const expired = tester.visit(`${product.label} bought by a child, the request expires`);
    visits.push(expired);
    if (await pendingPurchase(expired, tester, product)) {
      await expired.leave();
      expired.parent('expire', product);
      await staysLocked(expired, tester, product, pending.said, owner, 'after the request expires', failures);
    }

    // The parent says yes: the content is served (a check of the path itself).
    if (premium.length > 0 && owner.size > 0) {
      const approved = tester.visit(`${product.label} bought by a child, then approved`);
      visits.push(approved);
      if (await pendingPurchase(approved, tester, product)) {
        await approved.leave();
        approved.parent('approve', product);
        await approved.launch();
        for (const utterance of premium) {
          const reply = await sayOpen(approved, utterance);
          const ownerAnswer = owner.get(utterance);
          const why = ownerAnswer ? notLikeOwner(reply, ownerAnswer) : undefined;
          if (why) failures.push(`after the parent approves, "${utterance}" does not serve the content of ${product.referenceName}: ${why}`);
        }
        await approved.leave();
      }
    }
    findings.push(verdict({ tester, product, visits, failures, notes, fix: PENDING_FIX(product) }));
  }
  if (findings.length === 0) findings.push(skip(tester, `No product is for sale in ${tester.locale}.`));
  return findings;
};

export const KIDS_CHECKS: Readonly<Record<string, DynamicImplementation>> = {
  'kids.voice-purchasing-off': childDirectedOnly(voicePurchasingOff),
  'kids.pending-approval': childDirectedOnly(pendingApproval),
};
