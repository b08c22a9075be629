/**
 * One language model, from parsed JSON to the Alexa interaction model, with every problem: the
 * schema, catalog-generated types and product-type checks, the built-ins build adds, and Alexa's
 * rules. No disk access: build, tests and the simulator call it with what they have.
 *
 * @example
 * const { interactionModel, problems } = compileLanguageModel(JSON.parse(text), 'en-US', 'models/en-US.json', catalog.products);
 */
import type { CatalogProduct } from '../isp/catalog';
import type { Problem } from '../problems';
import { addMissingBuiltIns } from './built-ins';
import { expandCatalogTypes, productTypeProblems } from './catalog-types';
import type { InteractionModelFile } from './interaction-model';
import type { NormalizedModel } from './normalized-model';
import { parseLanguageModel } from './read-model';
import { toInteractionModel } from './to-interaction-model';
import { validateModel } from './validate-model';

export interface CompiledModel {
  /** Undefined when the file has the wrong shape; present (but not to be used) when other errors were found. */
  interactionModel: InteractionModelFile | undefined;
  model: NormalizedModel | undefined;
  problems: Problem[];
}

export function compileLanguageModel(value: unknown, locale: string, file: string, products: readonly CatalogProduct[] = []): CompiledModel {
  const { model, problems } = parseLanguageModel(value, locale, file);
  if (!model) return { interactionModel: undefined, model, problems };
  problems.push(...expandCatalogTypes(model, products));
  problems.push(...productTypeProblems(model, products));
  problems.push(...addMissingBuiltIns(model));
  problems.push(...validateModel(model));
  return { interactionModel: toInteractionModel(model), model, problems };
}
