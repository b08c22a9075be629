/** Helpers for the language model tests: products without files, and problem lookups. */
import type { CatalogProduct } from '../../src/isp/catalog';
import type { InSkillProductDefinition } from '../../src/isp/product-definition';
import type { Problem } from '../../src/problems';
import { compileLanguageModel } from '../../src/model/compile-model';

export const FIXTURES = `${__dirname}/../../../shared/fixtures/amazon-samples/premium-hello-world`;

/** A catalog product with a name per locale (only what the model code reads). */
export function product(referenceName: string, names: Record<string, string>, type: CatalogProduct['type'] = 'ENTITLEMENT'): CatalogProduct {
  const locales = Object.fromEntries(Object.entries(names).map(([locale, name]) => [locale, { name }]));
  return {
    referenceName, type, file: `platforms/alexaSkill/isps/${type.toLowerCase()}/${referenceName}.json`,
    definition: { version: '1.0', type, referenceName, publishingInformation: { locales } } as unknown as InSkillProductDefinition,
  };
}

/** The seed document's cave-quest language model, with an invocation name, as an object to vary. */
export function caveQuest(): Record<string, unknown> {
  return {
    invocation: 'cave quest',
    intents: [
      {
        name: 'BuySkillItemIntent',
        phrases: ['buy', 'shop', 'buy {ProductName}', 'purchase {ProductName}', 'want {ProductName}', 'would like {ProductName}'],
        inputs: [{ name: 'ProductName', type: 'LIST_OF_PRODUCT_NAMES' }],
      },
      {
        name: 'RefundSkillItemIntent',
        phrases: ['return {ProductName}', 'refund {ProductName}', 'want a refund for {ProductName}', 'would like to return {ProductName}'],
        inputs: [{ name: 'ProductName', type: 'LIST_OF_PRODUCT_NAMES' }],
      },
    ],
    inputTypes: [{ name: 'LIST_OF_PRODUCT_NAMES', values: [{ value: 'Cave Quest', id: 'cave_quest' }] }],
  };
}

export const CAVE_QUEST = product('cave_quest', { 'en-US': 'Cave Quest' });

export function compile(model: unknown, locale = 'en-US', products: CatalogProduct[] = [CAVE_QUEST]) {
  return compileLanguageModel(model, locale, `models/${locale}.json`, products);
}

/** Problems of a severity (notices are left out unless asked for). */
export function only(problems: readonly Problem[], severity: Problem['severity']): Problem[] {
  return problems.filter((problem) => problem.severity === severity);
}

/** The problems with this rule. */
export function withRule(problems: readonly Problem[], rule: string): Problem[] {
  return problems.filter((problem) => problem.rule === rule);
}

/** Errors and warnings as "severity rule path" lines, sorted: compact assertions. */
export function summary(problems: readonly Problem[]): string[] {
  return problems.filter((problem) => problem.severity !== 'notice').map((problem) => `${problem.severity} ${problem.rule} ${problem.path}`).sort();
}

type Json = Record<string, unknown>;
const byName = (a: Json, b: Json) => String(a.name ?? a.id).localeCompare(String(b.name ?? b.id));

/**
 * An interaction model with its ordering normalized and its defaults made explicit (a missing
 * `slots` is no slots, a missing `samples` no samples): two models that mean the same compare equal.
 */
export function semanticModel(file: unknown, options: { without?: string[] } = {}): Json {
  const model = structuredClone(file) as { interactionModel: Json & { languageModel: Json } };
  const languageModel = model.interactionModel.languageModel;
  languageModel.intents = (languageModel.intents as Json[])
    .filter((intent) => !(options.without ?? []).includes(String(intent.name)))
    .map((intent) => ({ ...intent, slots: (intent.slots as Json[] | undefined) ?? [], samples: [...((intent.samples as string[] | undefined) ?? [])].sort() }))
    .sort(byName);
  languageModel.types = ((languageModel.types as Json[] | undefined) ?? [])
    .map((type) => ({ ...type, values: [...((type.values as Json[] | undefined) ?? [])].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) }))
    .sort(byName);
  const dialog = model.interactionModel.dialog as Json | undefined;
  if (dialog?.intents) dialog.intents = [...(dialog.intents as Json[])].sort(byName);
  if (model.interactionModel.prompts) model.interactionModel.prompts = [...(model.interactionModel.prompts as Json[])].sort(byName);
  return model;
}
