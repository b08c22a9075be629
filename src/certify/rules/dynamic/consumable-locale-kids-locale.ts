/** locale.no-premium-without-isp (see consumable-locale-kids.ts for how it is checked). */
import { productName } from '../../../isp/catalog';
import { ISP_LOCALES } from '../../../isp/product-definition';
import { tableFor } from '../../../simulator/nlu';
import { mentions, purchaseWordIn } from '../../explore/answers';
import type { Visit } from '../../explore/visit';
import type { CertifyContext, Finding } from '../../types';
import { hasPurchaseWords, notGraceful, withoutInvocation } from './consumable-locale-kids-speech';
import type { DynamicImplementation } from './define';

/** Every name a product has in any locale (not the model's synonyms, often plain words): none may be heard where nothing is sold. */
function allProductNames(context: CertifyContext): { name: string; reference: string }[] {
  const seen = new Set<string>();
  const names: { name: string; reference: string }[] = [];
  const add = (name: string, reference: string) => {
    const key = name.toLowerCase();
    if (name.trim() === '' || seen.has(key)) return;
    seen.add(key);
    names.push({ name, reference });
  };
  for (const product of context.products) {
    for (const locale of ISP_LOCALES) {
      const name = productName(product, locale);
      if (name !== undefined) add(name, product.referenceName);
    }
  }
  return names;
}

async function check(context: CertifyContext, locale: string): Promise<Finding> {
  const exploration = await context.exploration();
  if ('unavailable' in exploration) return { status: 'skipped', locale, evidence: [], fix: exploration.unavailable };
  const tester = exploration.testerForLocale(context, locale);
  const names = allProductNames(context);
  const failures: string[] = [];
  const notes: string[] = [];
  const visit = tester.visit(`${locale}, where no product is sold`);
  const judge = async (visit: Visit, utterance: string | undefined, what: string) => {
    if (utterance !== undefined && !visit.sessionOpen) await visit.launch();
    const step = utterance === undefined ? await visit.launch() : await visit.say(utterance);
    const reply = step.reply;
    if (!reply) {
      // Not understood in this locale's model: nothing the skill says, so nothing to judge here (the model rules cover it).
      notes.push(`note: ${what} reaches no request of the skill in ${locale}, so its answer is not checked.`);
      return;
    }
    failures.push(...notGraceful(reply, what));
    if (reply.directive) failures.push(`${what}: the skill answers a ${reply.directive.name} directive for ${reply.directive.referenceName ?? reply.directive.productId}`);
    // The skill's own name is no product talk (Cave Quest sells "Cave Quest"): it is left out of both checks.
    const spoken = withoutInvocation(`${reply.speech} ${reply.reprompt}`, tester.invocation);
    const named = names.find((entry) => mentions(spoken, entry.name));
    if (named) failures.push(`${what}: the skill names the product "${named.name}" (${named.reference})`);
    if (hasPurchaseWords(locale)) {
      const word = purchaseWordIn(spoken, locale);
      if (word) failures.push(`${what}: the skill says "${word}"`);
    }
    if (visit.awaitingAnswer || reply.directive) await visit.leave();
  };
  await judge(visit, undefined, 'the launch');
  if (visit.steps[0]?.reply === undefined) {
    return { status: 'skipped', locale, evidence: visit.transcript, fix: `The skill could not be opened in ${locale} with "${tester.launchPhrase()}", so its answers there could not be checked.` };
  }
  const help = tester.utterances?.help[0] ?? tableFor(locale).builtIns['AMAZON.HelpIntent']?.[0];
  if (help) await judge(visit, help, `"${help}"`);
  else notes.push(`note: help is not checked in ${locale}: there is no help utterance for it (certify.utterances.${locale}.help).`);
  const whatCanIBuy = tester.utterances?.whatCanIBuy ?? [];
  for (const utterance of whatCanIBuy) await judge(visit, utterance, `"${utterance}"`);
  if (whatCanIBuy.length === 0) notes.push(`note: "what can I buy" is not checked in ${locale}: add certify.utterances.${locale}.whatCanIBuy to skillshop.json.`);
  const free = tester.content.freeUtterances ?? [];
  for (const utterance of free) await judge(visit, utterance, `"${utterance}"`);
  if (free.length === 0) notes.push(`note: no free content is checked in ${locale}: add ${locale.startsWith('en-') ? 'certify.freeUtterances' : `certify.locales.${locale}.freeUtterances`} to skillshop.json.`);
  if (!hasPurchaseWords(locale)) notes.push(`note: no table of purchase words for ${locale}: only directives and product names are checked.`);
  await visit.leave();
  return {
    status: failures.length > 0 ? 'fail' : 'pass',
    locale,
    evidence: [...failures.map((failure) => `✗ ${failure}`), ...notes, ...visit.transcript],
    ...(failures.length > 0 ? {
      fix: `In ${locale} nothing is sold: check the request's locale (this.getLocale()) against the locales your products are published in before any purchase talk, and leave buying, premium and product names out of the launch, help and "what can I buy" answers there; never send a purchase directive there.`,
    } : {}),
  };
}

export const LOCALE_CHECKS: Readonly<Record<string, DynamicImplementation>> = {
  'locale.no-premium-without-isp': {
    async wholeSkill(context) {
      const exploration = await context.exploration();
      if ('unavailable' in exploration) return [{ status: 'skipped', evidence: [], fix: exploration.unavailable }];
      // With --locale all, every modelled locale (non-ISP ones too); otherwise only the selected ones.
      const all = ISP_LOCALES.every((locale) => context.locales.includes(locale));
      const candidates = exploration.modelledLocales.filter((locale) => all || context.locales.includes(locale));
      const bare = candidates.filter((locale) => !context.products.some((product) => productName(product, locale) !== undefined));
      if (bare.length === 0) {
        const scope = all ? '' : ` (of the selected ${context.locales.join(', ')}; run with --locale all to include the locales without in-skill purchasing)`;
        return [{ status: 'skipped', evidence: [`modelled locales: ${exploration.modelledLocales.join(', ')}`], fix: `every modelled locale sells products${scope}.` }];
      }
      const findings: Finding[] = [];
      for (const locale of bare) {
        try {
          findings.push(await check(context, locale));
        } catch (error) {
          findings.push({ status: 'skipped', locale, evidence: [], fix: `The exploration stopped with an error, so this rule could not be checked: ${(error as Error)?.message ?? String(error)}` });
        }
      }
      return findings;
    },
  },
};
