/**
 * The model rules: what testers say must reach the skill, checked with the simulator's NLU on the
 * interaction model of every ISP locale (in the --locale selection).
 */
import type { CatalogProduct } from '../../isp/catalog';
import { productName } from '../../isp/catalog';
import type { NluResult } from '../../simulator/nlu';
import { utterancesFor, type UtteranceKey, type Utterances } from '../settings';
import type { CertifyContext, Finding, ModelLocale, Rule } from '../types';

/** What an utterance reached, for evidence: `"buy hints" → BuyHintsIntent (ProductName="hints" → hint_pack)`. */
export function reached(result: NluResult): string {
  if (result.kind !== 'intent' || !result.intent) return result.kind === 'end' ? 'ends the session' : result.kind === 'launch' ? 'a LaunchRequest' : 'nothing (no intent matched)';
  const slots = Object.values(result.intent.slots ?? {}).filter((slot) => slot.value !== undefined).map((slot) => {
    const resolution = slot.resolutions?.resolutionsPerAuthority[0];
    const target = resolution?.status.code === 'ER_SUCCESS_MATCH' ? ` → ${resolution.values?.map((v) => v.value.id ?? v.value.name).join('|')}` : resolution ? ' → no match' : '';
    return `${slot.name}="${slot.value}"${target}`;
  });
  return `${result.intent.name}${slots.length > 0 ? ` (${slots.join(', ')})` : ''}${result.oneShot ? ' [one-shot]' : ''}`;
}

function isCustom(result: NluResult): boolean {
  return result.kind === 'intent' && result.intent !== null && !result.intent.name.startsWith('AMAZON.');
}

function resolvesTo(result: NluResult, referenceName: string, name: string): boolean {
  if (!isCustom(result)) return false;
  return Object.values(result.intent!.slots ?? {}).some((slot) => slot.resolutions?.resolutionsPerAuthority.some((authority) =>
    authority.status.code === 'ER_SUCCESS_MATCH' && authority.values?.some((v) => v.value.id === referenceName || (v.value.id === undefined && v.value.name.toLowerCase() === name.toLowerCase()))));
}

function fill(template: string, model: ModelLocale, product?: string): string {
  return template.replace(/\{invocation\}/g, model.nlu.invocationName).replace(/\{product\}/g, product ?? '');
}

interface Probe {
  utterance: string;
  ok: boolean;
  result: NluResult;
}

function line(model: ModelLocale, probe: Probe, wanted: string): string {
  return `${model.file}: "${probe.utterance}" → ${reached(probe.result)}${probe.ok ? '' : ` — expected ${wanted}`}`;
}

/**
 * Runs a rule over every selected ISP locale with a model: skipped for locales without products
 * or without tester utterances, and when the model could not be read.
 */
function perLocale(context: CertifyContext, check: (model: ModelLocale, utterances: Utterances) => Finding[]): Finding[] {
  if ('error' in context.models) return [{ status: 'fail', evidence: [context.models.error], fix: 'Fix the language model so the project builds (skillshop build shows every problem).' }];
  if (context.models.length === 0) return [{ status: 'skipped', evidence: [], fix: `No model for an ISP locale in the selection (${context.locales.join(', ')}).` }];
  return context.models.flatMap((model) => {
    if (model.products.length === 0) return [{ status: 'skipped', locale: model.locale, evidence: [], fix: `No product is published in ${model.locale}: the model rules apply where products are sold.` }];
    const utterances = utterancesFor(context.settings, model.locale);
    if (!utterances) {
      return [{ status: 'skipped', locale: model.locale, evidence: [], fix: `No tester utterances for ${model.locale} yet: add them under "certify": { "utterances": { "${model.locale}": { … } } } in skillshop.json.` }];
    }
    return check(model, utterances);
  });
}

function intentRule(id: string, title: string, source: string, keys: UtteranceKey[], fix: string): Rule {
  return {
    id, title, source, kind: 'model',
    run: (context) => perLocale(context, (model, utterances) => {
      const probes = keys.flatMap((key) => utterances[key].map((template) => {
        const utterance = fill(template, model);
        const result = model.nlu.understand(utterance);
        const ok = isCustom(result) && (key !== 'oneShot' || result.oneShot);
        return { utterance, ok, result };
      }));
      const failed = probes.some((probe) => !probe.ok);
      return [{
        status: failed ? 'fail' : 'pass',
        locale: model.locale,
        evidence: probes.map((probe) => line(model, probe, 'a custom intent')),
        ...(failed ? { fix } : {}),
      }];
    }),
  };
}

function productRule(id: string, title: string, source: string, key: UtteranceKey, withSynonyms: boolean, fix: string): Rule {
  return {
    id, title, source, kind: 'model',
    run: (context) => perLocale(context, (model, utterances) => model.products.map((product: CatalogProduct): Finding => {
      const name = productName(product, model.locale) ?? product.referenceName;
      const words = withSynonyms ? unique([name, ...(model.names[product.referenceName] ?? [])]) : [name];
      const probes = words.flatMap((word) => utterances[key].map((template) => {
        const utterance = fill(template, model, word.toLowerCase());
        const result = model.nlu.understand(utterance);
        return { utterance, ok: resolvesTo(result, product.referenceName, name), result };
      }));
      const failed = probes.some((probe) => !probe.ok);
      return {
        status: failed ? 'fail' : 'pass',
        locale: model.locale,
        product: product.referenceName,
        evidence: probes.map((probe) => line(model, probe, `a custom intent with a slot resolved to ${product.referenceName}`)),
        ...(failed ? { fix: fix.replaceAll('{name}', name).replaceAll('{ref}', product.referenceName) } : {}),
      };
    })),
  };
}

function unique(words: string[]): string[] {
  const seen = new Set<string>();
  return words.filter((word) => {
    const key = word.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const refundEach: Rule = {
  id: 'model.refund-each',
  title: '"refund {product}" and "cancel my subscription" reach a custom intent',
  source: 'certification tips, tip 2',
  kind: 'model',
  run: (context) => {
    const perProduct = productRule('model.refund-each', '', '', 'refund', false,
      'Add refund samples ("refund {ProductName}", "return {ProductName}", "cancel {ProductName}") to a refund intent whose slot lists "{name}" with id {ref}, and answer it with a Cancel directive.').run(context) as Finding[];
    const subscriptions = perLocale(context, (model, utterances) => {
      if (!model.products.some((product) => product.type === 'SUBSCRIPTION')) return [];
      const probes = utterances.cancelSubscription.map((template) => {
        const utterance = fill(template, model);
        const result = model.nlu.understand(utterance);
        return { utterance, ok: isCustom(result), result };
      });
      const failed = probes.some((probe) => !probe.ok);
      return [{
        status: failed ? 'fail' : 'pass',
        locale: model.locale,
        evidence: probes.map((probe) => line(model, probe, 'a custom intent')),
        ...(failed ? { fix: 'Add "cancel my subscription" and "cancel subscription" to the refund / cancel intent (without a product name it targets the subscription).' } : {}),
      }];
    }).filter((finding) => finding.status !== 'skipped' && finding.locale !== undefined);
    return [...perProduct, ...subscriptions];
  },
};

const cancelStopExit: Rule = {
  id: 'model.cancel-stop-exit',
  title: 'Bare "cancel" and "stop" stay AMAZON.CancelIntent / AMAZON.StopIntent',
  source: 'Alexa skill submission checklist (general)',
  kind: 'model',
  run: (context) => perLocale(context, (model, utterances) => {
    const probes = [
      ...utterances.cancel.map((utterance) => ({ utterance, wanted: 'AMAZON.CancelIntent' })),
      ...utterances.stop.map((utterance) => ({ utterance, wanted: 'AMAZON.StopIntent' })),
    ].map(({ utterance, wanted }) => {
      const result = model.nlu.understand(utterance);
      return { utterance, wanted, result, ok: result.intent?.name === wanted };
    });
    const failed = probes.some((probe) => !probe.ok);
    return [{
      status: failed ? 'fail' : 'pass',
      locale: model.locale,
      evidence: probes.map((probe) => line(model, probe, probe.wanted)),
      ...(failed ? { fix: 'Remove bare "cancel" / "stop" samples from custom intents (a purchase-cancel intent needs a product or "subscription" in its samples), and declare AMAZON.CancelIntent and AMAZON.StopIntent.' } : {}),
    }];
  }),
};

export const MODEL_RULES: readonly Rule[] = [
  intentRule('model.what-can-i-buy', '"What can I buy" (also one-shot) reaches a custom intent',
    'ISP certification guide (first test row); premium checklist item 1', ['whatCanIBuy', 'oneShot'],
    'Add these utterances as samples of the intent that lists what is for sale (e.g. WhatCanIBuyIntent: "what can I buy", "tell me what I can buy", "what can I shop for").'),
  intentRule('model.what-did-i-buy', '"What did I buy" reaches a custom intent', 'premium checklist item 2', ['whatDidIBuy'],
    'Add an intent that lists the user\'s purchases (e.g. WhatDidIBuyIntent: "what did I buy", "what have I bought", "what have I purchased").'),
  productRule('model.tell-me-about', '"Tell me more about {product}" resolves every product\'s name',
    'certification feedback (alexa/skill-sample-nodejs-fact-in-skill-purchases #15)', 'tellMeAbout', false,
    'Add a product-detail intent ("tell me more about {ProductName}", "what is {ProductName}") whose slot lists "{name}" with id {ref}.'),
  productRule('model.buy-each', '"Buy {product}" resolves each product\'s name and synonyms to its referenceName',
    'voice-search blog; seed', 'buy', true,
    'Make "buy <name>" reach the buy intent with its product slot resolved to {ref}: list "{name}" and every synonym under the value with id {ref}, and remove samples that catch them without the slot.'),
  refundEach,
  cancelStopExit,
];
