/**
 * Dynamic rules of discovery and buying: discover.*, history.lists-owned, buy.* (isp-certification.md).
 *
 * Every check runs per ISP locale where products are sold, with the locale's tester utterances
 * ("what can I buy", "buy {product}", … — `certify.utterances` in skillshop.json for non-English
 * locales). Every visit is a fresh user of the simulator; "after launch" means the tester opens
 * the skill, then speaks (and opens it again when an answer closed the session). Only what Alexa
 * and Amazon see is judged — speech, reprompt, the purchase directive, Amazon's entitlements —
 * so the rules work for a skill over `--endpoint` too. A failing check shows the transcripts of the
 * visits that failed; a passing one shows every visit.
 *
 * - discover.lists-purchasable — a fresh user asks every "what can I buy" utterance: the answer
 *   names (a product name or a synonym from the model) every product that is for sale, or is an
 *   Upsell for one of them (a Buy directive is not an answer to the question). Then, for each
 *   entitlement and subscription in turn, a user who owns it asks again, and for each product in
 *   turn, a user for whom it is off sale (NOT_PURCHASABLE) asks again: the owned or off-sale
 *   product must not be named nor get a directive, while the others still are named. A product
 *   NOT_PURCHASABLE by its definition must never be named. No answer may hold a price. A price, an
 *   ungraceful answer or a missing name is reported once per utterance (the first state showing
 *   it). A name inside another product's longer name does not count; a product named like the
 *   skill itself counts only in a sentence with a purchase word.
 * - discover.nothing-left — a user who owns every entitlement and subscription asks every "what
 *   can I buy" utterance: a valid answer with speech and no error phrase, no purchase directive
 *   (a Buy or Upsell of a consumable is allowed: it can always be bought again), and the session
 *   stays open with a reprompt.
 * - history.lists-owned — a user who owns every entitlement and subscription and one purchase of
 *   each consumable asks every "what did I buy" utterance: the answer names each owned
 *   entitlement and subscription, and says each consumable's balance as a number
 *   (`unitsPerPurchase` from `certify.consumables`, default 1; a consumable without settings is
 *   reported skipped with what to add); a purchase directive instead is a failure. A user who
 *   owns nothing asks too: a graceful answer, no purchase directive, and no entitlement or
 *   subscription named except in a sentence that offers it (with a purchase word).
 * - buy.direct — for each product for sale and each "buy {product}" template, a user who does not
 *   own it says it: exactly one Buy directive for that product (not Upsell, not a question).
 * - buy.owned-no-error — for each entitlement and subscription and each "buy {product}" template,
 *   a user who owns it says it: either speech without an error phrase that keeps the session open
 *   with a reprompt, or a Buy directive for it, after which Alexa says the user owns it already
 *   (ALREADY_PURCHASED) and the skill's answer to that result is graceful and keeps the session
 *   open.
 * - buy.unknown-product — "buy" with a name that is no product (a fixed word pair per language,
 *   never one of the locale's product names or synonyms, e.g. "purple bicycle") for each
 *   "buy {product}" template, and "buy" alone (the templates without {product}; "buy" in
 *   English): a valid answer with speech, no error phrase, the session open with a reprompt, and no
 *   purchase directive. For "buy" alone, a Buy or Upsell is accepted only when the locale sells
 *   exactly one product and the directive is for it. Fallback or Unhandled may answer, if helpfully.
 * - buy.not-purchasable — for each product: off sale (NOT_PURCHASABLE by its definition, or taken
 *   off sale for the visit), a user says every "buy {product}" for it, every "what can I buy", and
 *   its premium utterances (`certify.premiumUtterances`, when set): no Buy or Upsell for it, the
 *   "what can I buy" answers do not name it, the premium answers do not offer it (name and purchase
 *   word in one sentence), "buy {product}" gets no directive for another product either, and
 *   every answer that carries no directive is graceful.
 * - buy.consumable-again — for each consumable for sale and each "buy {product}" template, a user
 *   who holds one purchase says it: a Buy directive for it (not "you own it", not an Upsell), the
 *   user says yes, Alexa's dialog ends ACCEPTED, Amazon's count of it goes from 1 to 2, and the
 *   skill's answer to the result is graceful.
 */
import { numbersIn, type Answer } from '../../explore/answers';
import type { LocaleTester, ProductUnderTest } from '../../explore/explorer';
import { namedIn, notContinuing, priceIn, skip, ungraceful, verdict } from '../../explore/judge';
import type { Visit } from '../../explore/visit';
import type { Finding } from '../../types';
import { keyOf } from '../../../simulator/nlu/tokens';
import type { DynamicImplementation } from './define';
import { directiveProduct, directiveText, Findings, nameSaid, offerSentence, quoted } from './discover-buy-judges';

/** Products the user can own for good (not consumables). */
function ownable(tester: LocaleTester): ProductUnderTest[] {
  return tester.ofType('ENTITLEMENT', 'SUBSCRIPTION');
}

/** The tester's "buy {product}" templates (the ones that name a product). */
function buyTemplates(tester: LocaleTester): string[] {
  return tester.utterances!.buy.filter((template) => template.includes('{product}'));
}

function noUtterances(tester: LocaleTester, key: string): Finding {
  return skip(tester, `No "${key}" tester utterances for ${tester.locale}: add them under "certify": { "utterances": { "${tester.locale}": { "${key}": [ … ] } } } in skillshop.json.`);
}

/** `"what can I buy", "tell me what I can buy"`: a visit's utterances, for its label. */
function saying(tester: LocaleTester, utterances: readonly string[]): string {
  return utterances.map((template) => quoted(tester.fill(template))).join(', ');
}

function list(products: readonly ProductUnderTest[]): string {
  return products.map((product) => product.label).join(', ');
}

// ---- discover.lists-purchasable ----------------------------------------------------------------

async function listsPurchasable(tester: LocaleTester): Promise<Finding[]> {
  const utterances = tester.utterances!.whatCanIBuy;
  if (utterances.length === 0) return [noUtterances(tester, 'whatCanIBuy')];
  const found = new Findings();
  const kinds = new Set<'missing' | 'owned' | 'off-sale' | 'price' | 'directive'>();
  const forSale = tester.products.filter((product) => product.forSale);

  /**
   * One user in one state asks every utterance; `excluded` must not be named, every other product
   * for sale must. A price, an ungraceful answer or a product left out is reported once per
   * utterance (the first state that shows it), not again in every later state.
   */
  const once = new Set<string>();
  const first = (key: string): boolean => {
    if (once.has(key)) return false;
    once.add(key);
    return true;
  };
  const round = async (label: string, setUp: (visit: Visit) => void, excluded: ProductUnderTest | undefined, why: 'owned' | 'off-sale' | undefined) => {
    const visit = found.visit(tester, `${saying(tester, utterances)} ${label}`);
    setUp(visit);
    const expected = forSale.filter((product) => product !== excluded);
    for (const utterance of utterances.map((template) => tester.fill(template))) {
      const { reply } = await visit.ask(utterance);
      const what = `${quoted(utterance)} ${label}`;
      const price = reply ? priceIn(reply) : undefined;
      if (price && first(`${utterance}|price`)) {
        kinds.add('price');
        found.fail(visit, `${what}: the skill says a price ("${price}") — Alexa says the price herself`);
      }
      const target = directiveProduct(reply, tester);
      if (reply?.directive) {
        if (reply.directive.name === 'Upsell' && target && expected.includes(target)) continue;
        let reason: string;
        if (target && target === excluded && why) {
          kinds.add(why);
          reason = why === 'owned' ? ', which the user owns' : ', which is not for sale';
        } else {
          kinds.add('directive');
          reason = reply.directive.name !== 'Upsell' ? ' instead of saying what is for sale' : target ? ', which is not for sale' : ', a product not in the catalog';
        }
        found.fail(visit, `${what}: the skill answers with ${directiveText(reply)}${reason}`);
        continue;
      }
      const problems = ungraceful(reply, what);
      if (problems.length > 0) {
        if (first(`${utterance}|ungraceful`)) {
          kinds.add('missing');
          found.fail(visit, ...problems);
        }
        continue;
      }
      const missing = expected.filter((product) => namedIn(reply!.speech, product) === undefined);
      if (missing.length > 0 && first(`${utterance}|missing`)) {
        kinds.add('missing');
        found.fail(visit, `${what}: the answer does not name ${list(missing)}, for sale and not owned`);
      }
      const unwanted = [...(excluded ? [excluded] : []), ...tester.products.filter((product) => !product.forSale)];
      for (const product of unwanted) {
        const name = nameSaid(reply!.speech, product, tester);
        if (name === undefined) continue;
        const owned = product === excluded && why === 'owned';
        if (!product.forSale && !first(`${utterance}|${product.referenceName}`)) continue;
        kinds.add(owned ? 'owned' : 'off-sale');
        found.fail(visit, `${what}: the answer names "${name}" — ${product.label} ${owned ? 'is owned by the user' : 'is not for sale'}`);
      }
    }
    await visit.leave();
  };

  await round('(nothing owned)', () => undefined, undefined, undefined);
  for (const product of ownable(tester)) {
    await round(`(${product.label} owned)`, (visit) => visit.own(product), product, 'owned');
  }
  for (const product of forSale) {
    await round(`(${product.label} off sale)`, (visit) => visit.offSale(product), product, 'off-sale');
  }

  const fixes: string[] = [];
  if (kinds.has('missing') || kinds.has('owned') || kinds.has('off-sale') || kinds.has('directive')) {
    fixes.push('Answer "what can I buy" by naming the products Amazon reports as purchasable === \'PURCHASABLE\' that the user does not own (entitled !== \'ENTITLED\'; consumables always count) — e.g. filter this.isp.getProductList() — or with an Upsell for one of them, never a Buy.');
  }
  if (kinds.has('price')) fixes.push('Leave prices out of the speech: Alexa says the price in her purchase dialog.');
  return [verdict({
    tester, visits: found.shown, failures: found.failures, fix: fixes.join(' '),
    notes: found.failures.length === 0 ? [`checked: nothing owned; ${ownable(tester).length} product(s) owned in turn; ${forSale.length} product(s) off sale in turn`] : [],
  })];
}

// ---- discover.nothing-left -------------------------------------------------------------------

async function nothingLeft(tester: LocaleTester): Promise<Finding[]> {
  const utterances = tester.utterances!.whatCanIBuy;
  if (utterances.length === 0) return [noUtterances(tester, 'whatCanIBuy')];
  const owned = ownable(tester);
  const found = new Findings();
  const visit = found.visit(tester, `${saying(tester, utterances)} with every entitlement and subscription owned${owned.length === 0 ? ' (the skill sells none: nothing to own)' : ''}`);
  for (const product of owned) visit.own(product);
  for (const utterance of utterances.map((template) => tester.fill(template))) {
    const { reply } = await visit.ask(utterance);
    const what = `${quoted(utterance)} with everything owned`;
    if (reply?.directive) {
      const target = directiveProduct(reply, tester);
      if (target?.type === 'CONSUMABLE' && reply.directive.name !== 'Cancel') continue;
      found.fail(visit, `${what}: the skill answers with ${directiveText(reply)}${target && owned.includes(target) ? ', which the user owns' : ''}`);
      continue;
    }
    found.fail(visit, ...ungraceful(reply, what), ...notContinuing(reply, what));
  }
  await visit.leave();
  return [verdict({
    tester, visits: found.shown, failures: found.failures,
    fix: 'When the user owns everything, answer "what can I buy" with speech that says so and offers something to do next (this.ask(speech, reprompt)) — no error, no Buy or Upsell for an owned product, and do not end the session.',
  })];
}

// ---- history.lists-owned ---------------------------------------------------------------------

function consumableSettingsHint(tester: LocaleTester, product: ProductUnderTest): string {
  const entry = `"${product.referenceName}": { "unit": "…", "unitsPerPurchase": … }`;
  const where = tester.locale.startsWith('en-')
    ? `"certify": { "consumables": { ${entry} } }`
    : `"certify": { "locales": { "${tester.locale}": { "consumables": { ${entry} } } } }`;
  return `The balance of ${product.label} after one purchase is not checked: add ${where} to skillshop.json so the rule knows how many units one purchase gives.`;
}

async function listsOwned(tester: LocaleTester): Promise<Finding[]> {
  const utterances = tester.utterances!.whatDidIBuy;
  if (utterances.length === 0) return [noUtterances(tester, 'whatDidIBuy')];
  const owned = ownable(tester);
  const consumables = tester.ofType('CONSUMABLE');
  const settings = tester.content.consumables ?? {};
  const counted = consumables.filter((product) => settings[product.referenceName] !== undefined);
  const found = new Findings();
  let missingName = false;
  let missingBalance = false;
  let wrongWhenEmpty = false;

  const full = found.visit(tester, `${saying(tester, utterances)} with every entitlement and subscription and one purchase of each consumable owned`);
  for (const product of owned) full.own(product);
  for (const product of consumables) full.own(product, 1);
  for (const utterance of utterances.map((template) => tester.fill(template))) {
    const { reply } = await full.ask(utterance);
    const what = `${quoted(utterance)} with purchases`;
    const problems = reply?.directive ? [`${what}: the skill answers with ${directiveText(reply)} instead of saying what the user owns`] : ungraceful(reply, what);
    if (problems.length > 0) {
      missingName = true;
      found.fail(full, ...problems);
      continue;
    }
    const speech = reply!.speech;
    const unnamed = owned.filter((product) => namedIn(speech, product) === undefined);
    if (unnamed.length > 0) {
      missingName = true;
      found.fail(full, `${what}: the answer does not name ${list(unnamed)}, which the user owns`);
    }
    const numbers = numbersIn(speech, tester.locale);
    for (const product of counted) {
      const units = settings[product.referenceName]!;
      const expected = units.unitsPerPurchase ?? 1;
      if (numbers.includes(expected)) continue;
      missingBalance = true;
      found.fail(full, `${what}: the answer does not say the ${units.units ?? `${units.unit}s`} balance of ${product.label}, ${expected} after one purchase (numbers said: ${numbers.length > 0 ? numbers.join(', ') : 'none'})`);
    }
  }
  await full.leave();

  const empty = found.visit(tester, `${saying(tester, utterances)} with nothing owned`);
  for (const utterance of utterances.map((template) => tester.fill(template))) {
    const { reply } = await empty.ask(utterance);
    const what = `${quoted(utterance)} with nothing owned`;
    if (reply?.directive) {
      wrongWhenEmpty = true;
      found.fail(empty, `${what}: the skill answers with ${directiveText(reply)}`);
      continue;
    }
    const problems = ungraceful(reply, what);
    if (problems.length > 0) {
      wrongWhenEmpty = true;
      found.fail(empty, ...problems);
      continue;
    }
    for (const product of owned) {
      const name = nameSaid(reply!.speech, product, tester);
      if (name === undefined || offerSentence(reply!.speech, product, tester) !== undefined) continue;
      wrongWhenEmpty = true;
      found.fail(empty, `${what}: the answer names "${name}" as if the user had ${product.label}`);
    }
  }
  await empty.leave();

  const fixes: string[] = [];
  if (missingName) fixes.push('Answer "what did I buy" by naming every product Amazon reports as entitled === \'ENTITLED\' (this.isp.getProductList()), with speech and a reprompt.');
  if (missingBalance) fixes.push('Say how many units of each consumable the user has left, as a number (this.isp.getInventory(referenceName).available).');
  if (wrongWhenEmpty) fixes.push('When the user owns nothing, say so plainly (you may suggest what can be bought) — no directive, no product named as owned.');
  const findings: Finding[] = [verdict({
    tester, visits: found.shown, failures: found.failures, fix: fixes.join(' '),
    notes: found.failures.length === 0 && counted.length > 0 ? [`checked balances: ${counted.map((product) => `${product.referenceName} ${settings[product.referenceName]!.unitsPerPurchase ?? 1}`).join(', ')}`] : [],
  })];
  for (const product of consumables.filter((entry) => !counted.includes(entry))) {
    findings.push(skip(tester, consumableSettingsHint(tester, product), product));
  }
  return findings;
}

// ---- buy.direct ------------------------------------------------------------------------------

async function buyDirect(tester: LocaleTester): Promise<Finding[]> {
  const templates = buyTemplates(tester);
  if (templates.length === 0) return [noUtterances(tester, 'buy')];
  const findings = [];
  for (const product of tester.products.filter((entry) => entry.forSale)) {
    const found = new Findings();
    for (const template of templates) {
      const utterance = tester.fill(template, product);
      const visit = found.visit(tester, `${quoted(utterance)} while ${product.label} is not owned`);
      const { reply } = await visit.ask(utterance);
      const directive = reply?.directive;
      if (!directive) found.fail(visit, `${quoted(utterance)} gets no Buy directive`);
      else if (directive.name !== 'Buy') found.fail(visit, `${quoted(utterance)} gets ${directive.name}, not Buy`);
      else if (directive.referenceName !== product.referenceName) found.fail(visit, `${quoted(utterance)} buys ${directive.referenceName ?? directive.productId}, not ${product.referenceName}`);
      await visit.leave();
    }
    findings.push(verdict({
      tester, product, visits: found.shown, failures: found.failures,
      fix: `Answer "${tester.fill(templates[0]!, product)}" with exactly one Buy directive for ${product.referenceName} (this.isp.buy(product.productId)) when the user does not own it — not an Upsell, not a question.`,
    }));
  }
  return findings;
}

// ---- buy.owned-no-error ----------------------------------------------------------------------

async function ownedNoError(tester: LocaleTester): Promise<Finding[]> {
  const templates = buyTemplates(tester);
  if (templates.length === 0) return [noUtterances(tester, 'buy')];
  const findings: Finding[] = [];
  for (const product of ownable(tester)) {
    const found = new Findings();
    for (const template of templates) {
      const utterance = tester.fill(template, product);
      const visit = found.visit(tester, `${quoted(utterance)} while ${product.label} is owned`);
      visit.own(product);
      const step = await visit.ask(utterance);
      const { reply } = step;
      const what = `${quoted(utterance)} when owned`;
      if (reply?.directive) {
        const target = directiveProduct(reply, tester);
        if (reply.directive.name === 'Buy' && target === product) {
          let after = step.afterPurchase;
          if (!after && visit.awaitingAnswer) after = (await visit.yes()).afterPurchase;
          const result = `the answer to ${after?.purchaseResult ?? 'the purchase result'}`;
          found.fail(visit, ...ungraceful(after, `${what}, then ${result}`), ...notContinuing(after, `${what}, then ${result}`));
        } else {
          found.fail(visit, `${what}: the skill answers with ${directiveText(reply)}${reply.directive.name === 'Upsell' && target === product ? ' — an offer of what the user already owns' : ''}`);
        }
      } else {
        found.fail(visit, ...ungraceful(reply, what), ...notContinuing(reply, what));
      }
      await visit.leave();
    }
    findings.push(verdict({
      tester, product, visits: found.shown, failures: found.failures,
      fix: `When the user owns ${product.name} and asks to buy it, say they already have it and offer something to do next with this.ask(speech, reprompt) — or send the Buy directive and, on ALREADY_PURCHASED, answer the same way; never an error and never end the session.`,
    }));
  }
  if (findings.length === 0) return [{ status: 'pass', locale: tester.locale, evidence: [`no entitlement or subscription is sold in ${tester.locale}: only consumables, which are bought again (buy.consumable-again)`] }];
  return findings;
}

// ---- buy.unknown-product ---------------------------------------------------------------------

/** Names that are no product, per language: the first one that is no product name or synonym of the locale is used. */
const UNKNOWN_NAMES: Readonly<Record<string, readonly string[]>> = {
  en: ['purple bicycle', 'golden toaster', 'silver umbrella'],
  de: ['lila fahrrad', 'goldener toaster', 'silberner regenschirm'],
  fr: ['vélo violet', 'grille-pain doré', 'parapluie argenté'],
  it: ['bicicletta viola', 'tostapane dorato', 'ombrello argentato'],
  es: ['bicicleta morada', 'tostadora dorada', 'paraguas plateado'],
  ja: ['紫の自転車', '金色のトースター', '銀色の傘'],
};

function unknownName(tester: LocaleTester): string | undefined {
  const taken = new Set(tester.products.flatMap((product) => product.names.map(keyOf)).flatMap((key) => key.split(' ')));
  return (UNKNOWN_NAMES[tester.locale.split('-')[0]!] ?? []).find((name) => keyOf(name).split(' ').every((word) => !taken.has(word)));
}

/** The templates for "buy" alone: the locale's templates without {product}, else "buy" in English. */
function bareBuys(tester: LocaleTester): string[] {
  const bare = tester.utterances!.buy.filter((template) => !template.includes('{product}'));
  return bare.length > 0 ? bare : tester.locale.startsWith('en-') ? ['buy'] : [];
}

async function unknownProduct(tester: LocaleTester): Promise<Finding[]> {
  const templates = buyTemplates(tester);
  const name = unknownName(tester);
  const bare = bareBuys(tester);
  const found = new Findings();
  const notes: string[] = [];
  if (name === undefined) notes.push(`"buy" with an unknown name is not checked in ${tester.locale}: no word pair for its language that is not a product name here`);
  if (bare.length === 0) notes.push(`"buy" alone is not checked: add the word for it (without {product}) to "certify": { "utterances": { "${tester.locale}": { "buy": [ … ] } } } in skillshop.json`);
  const forSale = tester.products.filter((product) => product.forSale);
  let kinds = 0;

  const helpful = (visit: Visit, reply: Answer | undefined, what: string) => found.fail(visit, ...ungraceful(reply, what), ...notContinuing(reply, what));
  if (name !== undefined) {
    for (const template of templates) {
      const utterance = tester.fill(template, name);
      const visit = found.visit(tester, `${quoted(utterance)} — no product has that name`);
      const { reply } = await visit.ask(utterance);
      const what = `${quoted(utterance)} (no such product)`;
      if (reply?.directive) {
        kinds |= 1;
        found.fail(visit, `${what}: the skill answers with ${directiveText(reply)}, a product the user did not ask for`);
      } else {
        helpful(visit, reply, what);
      }
      await visit.leave();
    }
  }
  for (const utterance of bare.map((template) => tester.fill(template))) {
    const visit = found.visit(tester, `${quoted(utterance)} alone — no product named`);
    const { reply } = await visit.ask(utterance);
    const what = `${quoted(utterance)} alone`;
    if (reply?.directive) {
      const target = directiveProduct(reply, tester);
      const only = forSale.length === 1 ? forSale[0] : undefined;
      if (reply.directive.name !== 'Cancel' && target !== undefined && target === only) {
        visit.note(`(a ${reply.directive.name} for ${target.referenceName}: the only product for sale here, accepted)`);
      } else {
        kinds |= 2;
        found.fail(visit, `${what}: the skill answers with ${directiveText(reply)} although the user named no product and ${forSale.length} products are for sale — ask which one`);
      }
    } else {
      helpful(visit, reply, what);
    }
    await visit.leave();
  }
  if (found.visits.length === 0) return [skip(tester, notes.join('; '))];
  const fix = [
    'When the buy intent comes without a product the skill sells (the slot is empty or does not resolve to a product id), ask which product the user wants and list what is for sale, with this.ask(speech, reprompt) — no purchase directive, no error.',
    ...(kinds & 2 ? ['Send a Buy for "buy" alone only when exactly one product is for sale.'] : []),
  ].join(' ');
  return [verdict({ tester, visits: found.shown, failures: found.failures, fix, notes })];
}

// ---- buy.not-purchasable ---------------------------------------------------------------------

async function notPurchasable(tester: LocaleTester): Promise<Finding[]> {
  const templates = buyTemplates(tester);
  const discover = tester.utterances!.whatCanIBuy;
  const findings: Finding[] = [];
  for (const product of tester.products) {
    const premium = tester.content.premiumUtterances?.[product.referenceName] ?? [];
    const found = new Findings();
    const notes = premium.length === 0 && product.type !== 'CONSUMABLE'
      ? [`premium requests for ${product.referenceName} are not checked: add "certify": { "premiumUtterances": { "${product.referenceName}": [ … ] } } to skillshop.json${tester.locale.startsWith('en-') ? '' : ` (under "locales": { "${tester.locale}": … })`}`]
      : [];
    const visit = found.visit(tester, `${product.label} is not purchasable${product.forSale ? '' : ' (its definition says NOT_PURCHASABLE)'}`);
    if (product.forSale) visit.offSale(product);
    const utterances: [string, 'buy' | 'discover' | 'premium'][] = [
      ...templates.map((template): [string, 'buy'] => [tester.fill(template, product), 'buy']),
      ...discover.map((template): [string, 'discover'] => [tester.fill(template), 'discover']),
      ...premium.map((utterance): [string, 'premium'] => [utterance, 'premium']),
    ];
    for (const [utterance, kind] of utterances) {
      const { reply } = await visit.ask(utterance);
      const what = `${quoted(utterance)} while ${product.label} is not purchasable`;
      const target = directiveProduct(reply, tester);
      if (reply?.directive) {
        if (target === product && reply.directive.name !== 'Cancel') found.fail(visit, `${what}: the skill answers with ${directiveText(reply)}`);
        else if (kind === 'buy') found.fail(visit, `${what}: the skill answers with ${directiveText(reply)}, a product the user did not ask for`);
        continue;
      }
      const problems = ungraceful(reply, what);
      if (problems.length > 0) {
        found.fail(visit, ...problems);
        continue;
      }
      const speech = reply!.speech;
      if (kind === 'discover') {
        const name = nameSaid(speech, product, tester);
        if (name !== undefined) found.fail(visit, `${what}: the answer names "${name}" among what can be bought`);
      } else if (kind === 'premium') {
        const sentence = offerSentence(speech, product, tester);
        if (sentence !== undefined) found.fail(visit, `${what}: the answer offers it ("${sentence}")`);
      }
    }
    await visit.leave();
    findings.push(verdict({
      tester, product, visits: found.shown, failures: found.failures, notes,
      fix: `Check Amazon's purchasable state before offering: when ${product.referenceName} is not purchasable === 'PURCHASABLE', send no Buy or Upsell for it, leave it out of "what can I buy", and answer "buy ${product.name.toLowerCase()}" by saying it is not available, with a reprompt.`,
    }));
  }
  return findings;
}

// ---- buy.consumable-again --------------------------------------------------------------------

async function consumableAgain(tester: LocaleTester): Promise<Finding[]> {
  const templates = buyTemplates(tester);
  if (templates.length === 0) return [noUtterances(tester, 'buy')];
  const consumables = tester.ofType('CONSUMABLE');
  if (consumables.length === 0) return [{ status: 'pass', locale: tester.locale, evidence: [`no consumable is sold in ${tester.locale}: nothing to buy again`] }];
  const findings: Finding[] = [];
  for (const product of consumables) {
    if (!product.forSale) {
      findings.push({ status: 'pass', locale: tester.locale, product: product.referenceName, evidence: [`${product.label} is NOT_PURCHASABLE by its definition: it is never bought (buy.not-purchasable checks that)`] });
      continue;
    }
    const found = new Findings();
    for (const template of templates) {
      const utterance = tester.fill(template, product);
      const visit = found.visit(tester, `${quoted(utterance)} while the user holds one purchase of ${product.label}`);
      visit.own(product, 1);
      const { reply } = await visit.ask(utterance);
      const what = `${quoted(utterance)} with one purchase held`;
      const directive = reply?.directive;
      if (!directive || directive.name !== 'Buy' || directive.referenceName !== product.referenceName) {
        found.fail(visit, directive ? `${what}: the skill answers with ${directiveText(reply!)}, not a Buy for ${product.referenceName}` : `${what}: no Buy directive — the skill does not sell it again`);
        await visit.leave();
        continue;
      }
      const before = visit.holds(product).count;
      const step = visit.awaitingAnswer ? await visit.yes() : undefined;
      const after = step?.afterPurchase;
      const count = visit.holds(product).count;
      visit.note(`(Amazon's count of ${product.referenceName}: ${before} → ${count})`);
      if (after?.purchaseResult !== 'ACCEPTED') found.fail(visit, `${what}: Alexa's purchase dialog did not end ACCEPTED (${after?.purchaseResult ?? 'no result'})`);
      else if (count !== before + 1) found.fail(visit, `${what}: Amazon's count went ${before} → ${count}, not ${before + 1}`);
      found.fail(visit, ...ungraceful(after, `${what}, then the answer to ACCEPTED`));
      await visit.leave();
    }
    findings.push(verdict({
      tester, product, visits: found.shown, failures: found.failures,
      fix: `Answer "buy ${product.name.toLowerCase()}" with a Buy directive for ${product.referenceName} whatever the user holds (consumables are bought again and again; never "you own it"), and answer ACCEPTED with speech, no error.`,
    }));
  }
  return findings;
}

export const DISCOVER_BUY_CHECKS: Readonly<Record<string, DynamicImplementation>> = {
  'discover.lists-purchasable': { perLocale: listsPurchasable },
  'discover.nothing-left': { perLocale: nothingLeft },
  'history.lists-owned': { perLocale: listsOwned },
  'buy.direct': { perLocale: buyDirect },
  'buy.owned-no-error': { perLocale: ownedNoError },
  'buy.unknown-product': { perLocale: unknownProduct },
  'buy.not-purchasable': { perLocale: notPurchasable },
  'buy.consumable-again': { perLocale: consumableAgain },
};
