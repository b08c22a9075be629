/** consumable.* (see consumable-locale-kids.ts for how each is checked). */
import type { LocaleTester, ProductUnderTest } from '../../explore/explorer';
import { offers, skip, verdict } from '../../explore/judge';
import type { Step, Visit } from '../../explore/visit';
import type { CertifyContext, Finding } from '../../types';
import { balanceIn, notGraceful, purchaseDirective } from './consumable-locale-kids-speech';
import type { DynamicImplementation } from './define';

/** Above this many units a purchase, the inventory query at 1 is not driven down unit by unit. */
const MAX_USES_PER_VISIT = 10;

/** A consumable with what the `certify.consumables` settings tell about it. */
interface Consumable {
  product: ProductUnderTest;
  unit: string;
  units: string;
  /** What the user says to use one, and to ask for the balance. */
  use: string;
  count: string;
  /** Units one purchase gives (N). */
  n: number;
  /** Evidence lines about the settings (unitsPerPurchase taken as 1…). */
  notes: string[];
}

function settingsPath(tester: LocaleTester): string {
  return tester.locale.startsWith('en-') ? '"certify": { "consumables": { … } }' : `"certify": { "locales": { "${tester.locale}": { "consumables": { … } } } }`;
}

function example(reference: string): string {
  return `"${reference}": { "unit": "<one unit, e.g. hint>", "units": "<plural>", "useUtterance": "<what the user says to use one>", "countUtterance": "<what the user says to ask how many are left>", "unitsPerPurchase": <units one purchase gives> }`;
}

/** The locale's consumables with their settings, and a skipped finding for each one that has none. */
function consumablesOf(tester: LocaleTester, context: CertifyContext): { consumables: Consumable[]; skipped: Finding[] } {
  const consumables: Consumable[] = [];
  const skipped: Finding[] = [];
  const products = tester.ofType('CONSUMABLE');
  if (products.length === 0) return { consumables, skipped: [skip(tester, `No consumable is sold in ${tester.locale}.`)] };
  const english = tester.locale.startsWith('en-');
  for (const product of products) {
    if (!product.forSale) {
      skipped.push(skip(tester, `${product.referenceName} is not purchasable (purchasableState NOT_PURCHASABLE), so no purchase of it can be simulated.`, product));
      continue;
    }
    const entry = tester.content.consumables?.[product.referenceName];
    if (!entry) {
      skipped.push(skip(tester, `No certify settings for the consumable ${product.referenceName} in ${tester.locale}: add ${settingsPath(tester).replace('…', example(product.referenceName))} to skillshop.json.`, product));
      continue;
    }
    const missing = english ? [] : (['useUtterance', 'countUtterance'] as const).filter((key) => entry[key] === undefined);
    if (missing.length > 0) {
      skipped.push(skip(tester, `The ${tester.locale} settings of ${product.referenceName} have no ${missing.join(' and ')} (only English ones have defaults): add ${missing.map((key) => `"${key}": "…"`).join(', ')} under "certify": { "locales": { "${tester.locale}": { "consumables": { "${product.referenceName}": … } } } } in skillshop.json.`, product));
      continue;
    }
    const unit = entry.unit;
    const units = entry.units ?? `${unit}s`;
    const fill = (template: string) => template.replace(/\{units\}/g, units).replace(/\{unit\}/g, unit);
    const notes: string[] = [];
    // A locale's entry takes unitsPerPurchase from the top-level (English) one, as settings.ts documents.
    const n = entry.unitsPerPurchase ?? context.settings.consumables?.[product.referenceName]?.unitsPerPurchase;
    if (n === undefined) {
      notes.push(`note: certify.consumables.${product.referenceName}.unitsPerPurchase is not set, so one purchase is taken to give 1 ${unit}; set it if a purchase gives more.`);
    }
    consumables.push({
      product, unit, units, notes,
      use: fill(entry.useUtterance ?? 'use a {unit}'),
      count: fill(entry.countUtterance ?? 'how many {units} do I have'),
      n: n ?? 1,
    });
  }
  return { consumables, skipped };
}

/** How 0 may be said, for failure lines: "no hints" in English, words of the locale's table elsewhere. */
function zeroWords(c: Consumable, locale: string): string {
  return locale.startsWith('en-') ? `"no ${c.units}"` : 'a word for none';
}

function amount(c: Consumable, count: number): string {
  return `${count} ${count === 1 ? c.unit : c.units}`;
}

/** Runs `check` for every consumable that has settings; the others are skipped with the JSON to add. */
function perConsumable(check: (tester: LocaleTester, c: Consumable) => Promise<Finding>): DynamicImplementation {
  return {
    async perLocale(tester, context) {
      const { consumables, skipped } = consumablesOf(tester, context);
      const findings = [...skipped];
      for (const c of consumables) findings.push(await check(tester, c));
      return findings;
    },
  };
}

/** Says the use utterance; a failure when it does not use a unit (a purchase directive, an error). */
async function use(visit: Visit, c: Consumable, left: number, failures: string[]): Promise<Step> {
  if (!visit.sessionOpen) await visit.launch();
  const step = await visit.say(c.use);
  const what = `"${c.use}" with ${amount(c, left)}`;
  const directive = purchaseDirective(step.reply);
  if (directive) failures.push(`${what} answers ${directive} instead of using one`);
  failures.push(...notGraceful(step.reply, what));
  if (visit.awaitingAnswer) await visit.leave();
  return step;
}

/** Asks for the balance; returns what was heard. */
async function count(visit: Visit, c: Consumable): Promise<ReturnType<typeof balanceIn>> {
  if (!visit.sessionOpen) await visit.launch();
  const step = await visit.say(c.count);
  if (visit.awaitingAnswer) await visit.leave();
  const heard = balanceIn(step.reply, [c.unit, c.units], visit.locale);
  const fallback = step.reply?.request.endsWith('AMAZON.FallbackIntent');
  return fallback && heard.value === undefined ? { ...heard, how: `"${c.count}" reaches AMAZON.FallbackIntent — add it to the model, or set certify.consumables.${c.product.referenceName}.countUtterance` } : heard;
}

/** A failure when the balance heard is not exactly `expected` (or is negative). */
function exactly(heard: ReturnType<typeof balanceIn>, expected: number, what: string, c: Consumable): string | undefined {
  if (heard.negative) return `${what}: says "${heard.negative}", a negative balance (expected ${expected})`;
  if (heard.value === undefined) return `${what}: the answer says no balance (${heard.how}), expected ${amount(c, expected)}`;
  if (heard.value !== expected) return `${what}: says ${heard.value}, not ${expected}`;
  return undefined;
}

const BALANCE_FIX = (c: Consumable) => `derive the balance from Amazon, available = activeEntitlementCount × ${c.n} − used (this.isp.getInventory('${c.product.referenceName}').available)`;

export const CONSUMABLE_CHECKS: Readonly<Record<string, DynamicImplementation>> = {
  'consumable.persists': perConsumable(async (tester, c) => {
    // One purchase, unless it gives one unit: then two, so that something is left to lose.
    const packs = c.n === 1 ? 2 : 1;
    const total = packs * c.n;
    const failures: string[] = [];
    const notes = [...c.notes];
    const visit = tester.visit(`${packs} purchase${packs === 1 ? '' : 's'} of ${c.product.label} (${amount(c, total)}), one used, then a new session, then the skill disabled and re-enabled`);
    visit.own(c.product, packs);
    await visit.launch();
    await use(visit, c, total, failures);
    await visit.leave();
    await visit.launch();
    const next = await count(visit, c);
    const nextWhat = `in a new session after using one of ${amount(c, total)}, "${c.count}"`;
    if (next.value === total && !next.negative) failures.push(`${nextWhat}: says ${total}, not ${total - 1}: the ${c.unit} used in the last session is forgotten`);
    else {
      const wrong = exactly(next, total - 1, nextWhat, c);
      if (wrong) failures.push(wrong);
    }
    await visit.leave();
    visit.reenable();
    await visit.launch();
    const after = await count(visit, c);
    const afterWhat = `after the skill is disabled and re-enabled (a new user id), "${c.count}"`;
    if (after.negative) failures.push(`${afterWhat}: says "${after.negative}", a negative balance`);
    else if (after.value === undefined) failures.push(`${afterWhat}: the answer says no balance (${after.how}), expected at least ${amount(c, total - 1)}`);
    else if (after.value < total - 1) failures.push(`${afterWhat}: says ${after.value}, fewer than the ${amount(c, total - 1)} still paid for: the purchases are lost with the old user id`);
    else if (after.value > total - 1) notes.push(`note: ${afterWhat} says ${after.value} where ${total - 1} are left: the ${c.unit} used under the old user id is forgotten, so the skill gives units away (allowed: Amazon keeps only the purchases).`);
    await visit.leave();
    return verdict({
      tester, product: c.product, visits: [visit], failures, notes,
      fix: `Keep the units used in persistent storage (this.user().data, or this.isp.consume), never in session attributes, and ${BALANCE_FIX(c)}, so a new session keeps the count and a new user id (disable/re-enable) still gets every unit paid for.`,
    });
  }),

  'consumable.reconciles': perConsumable(async (tester, c) => {
    const failures: string[] = [];
    const notes = [...c.notes];
    // Two purchases, one unit used, one purchase refunded: N − 1 are left of what is still paid for.
    const two = tester.visit(`2 purchases of ${c.product.label} (${amount(c, 2 * c.n)}), one used, then Amazon refunds one purchase`);
    two.own(c.product, 2);
    await two.launch();
    await use(two, c, 2 * c.n, failures);
    const before = await count(two, c);
    await two.leave();
    two.revoke(c.product);
    await two.launch();
    const after = await count(two, c);
    const was = before.value ?? 2 * c.n - 1;
    const what = `after Amazon refunds one of 2 purchases (1 ${c.unit} used), "${c.count}"`;
    if (after.negative) failures.push(`${what}: says "${after.negative}", a negative balance`);
    else if (after.value === undefined) failures.push(`${what}: the answer says no balance (${after.how}), expected ${amount(c, c.n - 1)}`);
    else if (after.value >= was) failures.push(`${what}: says ${after.value}, not fewer than the ${was} before the refund: the refund is not taken off the balance`);
    else if (after.value > c.n) failures.push(`${what}: says ${after.value}, more than the ${amount(c, c.n)} the purchase still standing gives`);
    else if (after.value === c.n && c.n - 1 >= 0) notes.push(`note: ${what} says ${c.n} where ${c.n - 1} are expected: the ${c.unit} used is forgiven after the refund; allowed.`);
    else if (after.value < c.n - 1) notes.push(`note: ${what} says ${after.value}, fewer than the ${c.n - 1} still paid for and unused.`);
    await two.leave();

    // One purchase, one unit used, that purchase refunded: nothing is left, and nothing below zero.
    const one = tester.visit(`1 purchase of ${c.product.label} (${amount(c, c.n)}), one used, then Amazon refunds it`);
    one.own(c.product, 1);
    await one.launch();
    await use(one, c, c.n, failures);
    await one.leave();
    one.revoke(c.product);
    await one.launch();
    const none = await count(one, c);
    const noneWhat = `after Amazon refunds the only purchase (1 ${c.unit} used), "${c.count}"`;
    if (none.negative) failures.push(`${noneWhat}: says "${none.negative}", a negative balance: more ${c.units} were used than are paid for now, and the balance must stop at 0`);
    else if (none.value === undefined) failures.push(`${noneWhat}: the answer says no balance (${none.how}), expected 0 (or ${zeroWords(c, tester.locale)})`);
    else if (none.value !== 0) failures.push(`${noneWhat}: says ${none.value}, not 0: nothing is paid for any more`);
    await one.leave();
    return verdict({
      tester, product: c.product, visits: [two, one], failures, notes,
      fix: `When Amazon's count falls (a refund), ${BALANCE_FIX(c)} and lower the stored \`used\` to what is still purchased, so the balance drops with the refund and never goes below 0 (this.isp.getInventory does both, refundPolicy "clamp").`,
    });
  }),

  'consumable.inventory-query': perConsumable(async (tester, c) => {
    const failures: string[] = [];
    const notes = [...c.notes];
    const zero = tester.visit(`nothing bought: "${c.count}" at 0`);
    await zero.launch();
    const atZero = await count(zero, c);
    const zeroProblem = exactly(atZero, 0, `with nothing bought, "${c.count}"`, c);
    if (zeroProblem) failures.push(zeroProblem);
    await zero.leave();

    const full = tester.visit(`1 purchase of ${c.product.label}: "${c.count}" at ${c.n}${c.n > 1 && c.n <= MAX_USES_PER_VISIT ? ', then at 1' : ''}`);
    full.own(c.product, 1);
    await full.launch();
    const atN = await count(full, c);
    const nProblem = exactly(atN, c.n, `with 1 purchase (${amount(c, c.n)}), "${c.count}"`, c);
    if (nProblem) failures.push(nProblem);
    if (c.n === 1) notes.push(`note: one purchase gives 1 ${c.unit}, so the count at 1 is the count at N.`);
    else if (c.n > MAX_USES_PER_VISIT) notes.push(`note: the count at 1 is not checked: one purchase gives ${c.n} ${c.units}, and using ${c.n - 1} of them would take too many turns.`);
    else {
      for (let left = c.n; left > 1; left--) await use(full, c, left, failures);
      const atOne = await count(full, c);
      const oneProblem = exactly(atOne, 1, `after using ${c.n - 1} of ${amount(c, c.n)}, "${c.count}"`, c);
      if (oneProblem) failures.push(oneProblem);
    }
    await full.leave();
    return verdict({
      tester, product: c.product, visits: [zero, full], failures, notes,
      fix: `Answer "${c.count}" with the number the user has: ${BALANCE_FIX(c)}; say 0 as a number or as ${zeroWords(c, tester.locale)}.`,
    });
  }),

  'consumable.empty-offers': perConsumable(async (tester, c) => {
    const failures: string[] = [];
    const visit = tester.visit(`nothing bought: "${c.use}" at 0`);
    await visit.launch();
    const { reply } = await visit.say(c.use);
    const what = `"${c.use}" with no ${c.units}`;
    failures.push(...notGraceful(reply, what));
    if (reply && reply.invalid === undefined) {
      const directive = reply.directive;
      const offered = directive && directive.name !== 'Cancel' && directive.referenceName === c.product.referenceName;
      if (directive && !offered) failures.push(`${what}: answers a ${directive.name} directive for ${directive.referenceName ?? directive.productId}, not an offer of ${c.product.referenceName}`);
      else if (!offers(reply, c.product, tester.locale)) failures.push(`${what}: offers no ${c.product.name} (no Buy/Upsell directive for ${c.product.referenceName}, no speech naming it with a purchase word)`);
    }
    if (visit.awaitingAnswer) await visit.no();
    const heard = await count(visit, c);
    const afterWhat = `then "${c.count}"`;
    if (heard.negative) failures.push(`${afterWhat}: says "${heard.negative}", a negative balance`);
    else if (heard.value === undefined) failures.push(`${afterWhat}: the answer says no balance (${heard.how}), expected 0 (or ${zeroWords(c, tester.locale)})`);
    else if (heard.value !== 0) failures.push(`${afterWhat}: says ${heard.value}, not 0`);
    await visit.leave();
    return verdict({
      tester, product: c.product, visits: [visit], failures, notes: c.notes,
      fix: `When no ${c.unit} is left, answer "${c.use}" with an offer of ${c.product.name} (this.isp.upsell(productId, 'You are out of ${c.units}. Want to hear about ${c.product.name}?')) instead of an error, and never use a ${c.unit} below zero (this.isp.consume throws InsufficientInventoryError then).`,
    });
  }),
};
