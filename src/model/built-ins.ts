/**
 * The built-in intents every skill should declare. Alexa sends Stop, Cancel and Help whatever the
 * model says only when they are declared; NavigateHome is needed on screen devices; and with
 * FallbackIntent declared, an utterance that matches nothing goes there instead of to the nearest
 * custom intent (for a selling skill: instead of "buy"). Certification checks Stop, Cancel and Help.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/standard-built-in-intents.html
 *
 * `skillshop build` adds the missing ones, each with a notice — also to imported models, whose
 * round trip then differs only by these additions (documented in the README). Declare one in the
 * model's `alexa` section (with or without samples) to own it.
 */
import type { Problem } from '../problems';
import { jsonPath } from '../problems';
import type { NormalizedModel } from './normalized-model';

export const REQUIRED_BUILT_IN_INTENTS = [
  'AMAZON.CancelIntent',
  'AMAZON.HelpIntent',
  'AMAZON.StopIntent',
  'AMAZON.NavigateHomeIntent',
  'AMAZON.FallbackIntent',
] as const;

/** Adds the required built-in intents the model lacks; one notice each. */
export function addMissingBuiltIns(model: NormalizedModel): Problem[] {
  const declared = new Set(model.intents.map((intent) => intent.name));
  const problems: Problem[] = [];
  for (const name of REQUIRED_BUILT_IN_INTENTS) {
    if (declared.has(name)) continue;
    model.intents.push({ name, path: ['intents'], samples: [], slots: [], extra: {}, origin: 'built-in' });
    problems.push({
      severity: 'notice', file: model.file, path: jsonPath('intents'), rule: 'model/built-in-added',
      message: `${name} was added to the built interaction model.`,
      fix: `Declare it under alexa.interactionModel.languageModel.intents ({ "name": "${name}", "samples": [] }) to make this explicit.`,
    });
  }
  return problems;
}
