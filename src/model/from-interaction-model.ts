/**
 * An Alexa interaction model in the seed's format, as jovo-model-alexa's `toJovoModel` does it:
 * custom intents become `intents` (samples → phrases, slots → inputs, built-in slot types written
 * `{ "alexa": "AMAZON.X" }`), plain custom types become `inputTypes`, and everything the seed's
 * format has no words for goes into the `alexa` section, where build merges it back unchanged:
 * built-in intents (with or without samples), types with a value supplier or extra fields, dialog,
 * prompts, modelConfiguration, and extra slot or intent fields (slot elicitation samples, …).
 */
import { isBuiltIn, type AlexaIntent, type AlexaSlotType, type InteractionModelFile } from './interaction-model';
import type { InputType, Intent, LanguageModel } from './schema';

export interface SeedConversion {
  model: LanguageModel;
  /** What went where, for people: "3 built-in intents kept in the alexa section", … */
  notes: string[];
}

function onlyKeys(value: object, keys: readonly string[]): boolean {
  return Object.keys(value).every((key) => keys.includes(key));
}

/** A type the seed's `inputTypes` can say exactly: a name and values of id, value and synonyms. */
function isPlainType(type: AlexaSlotType): boolean {
  return onlyKeys(type, ['name', 'values']) && Array.isArray(type.values) &&
    type.values.every((value) => onlyKeys(value, ['id', 'name']) && onlyKeys(value.name, ['value', 'synonyms']));
}

function toIntent(intent: AlexaIntent): Intent {
  const { name, samples, slots, ...rest } = intent;
  const inputs = (slots ?? []).map((slot) => {
    const { name: slotName, type, ...slotRest } = slot;
    return {
      name: slotName,
      type: isBuiltIn(type) ? { alexa: type } : type,
      ...(Object.keys(slotRest).length > 0 ? { alexa: slotRest } : {}),
    };
  });
  return {
    name,
    phrases: [...(samples ?? [])],
    ...(inputs.length > 0 ? { inputs } : {}),
    ...(Object.keys(rest).length > 0 ? { alexa: rest } : {}),
  };
}

function toInputType(type: AlexaSlotType): InputType {
  return {
    name: type.name,
    values: (type.values ?? []).map((value) => ({
      value: value.name.value,
      ...(value.id !== undefined ? { id: value.id } : {}),
      ...(value.name.synonyms !== undefined && value.name.synonyms.length > 0 ? { synonyms: [...value.name.synonyms] } : {}),
    })),
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The seed-format model for an interaction model file. */
export function toSeedModel(file: InteractionModelFile): SeedConversion {
  const { languageModel, ...interactionRest } = file.interactionModel;
  const { invocationName, intents, types, ...languageRest } = languageModel;
  const builtIns = intents.filter((intent) => isBuiltIn(intent.name));
  const customTypes = types ?? [];
  const plainTypes = customTypes.filter(isPlainType);
  const otherTypes = customTypes.filter((type) => !isPlainType(type));

  const alexaLanguageModel: Record<string, unknown> = {
    ...(builtIns.length > 0 ? { intents: builtIns } : {}),
    ...(otherTypes.length > 0 ? { types: otherTypes } : {}),
    ...languageRest,
  };
  const alexaInteractionModel: Record<string, unknown> = {
    ...(Object.keys(alexaLanguageModel).length > 0 ? { languageModel: alexaLanguageModel } : {}),
    ...interactionRest,
  };
  const model: LanguageModel = {
    invocation: invocationName,
    intents: intents.filter((intent) => !isBuiltIn(intent.name)).map(toIntent),
    ...(plainTypes.length > 0 ? { inputTypes: plainTypes.map(toInputType) } : {}),
    ...(Object.keys(alexaInteractionModel).length > 0 ? { alexa: { interactionModel: alexaInteractionModel } } : {}),
  };

  const kept = [
    ...(builtIns.length > 0 ? [plural(builtIns.length, 'built-in intent')] : []),
    ...(otherTypes.length > 0 ? [`${plural(otherTypes.length, 'slot type')} with fields the seed format lacks (${otherTypes.map((type) => type.name).join(', ')})`] : []),
    ...Object.keys(languageRest).map((key) => `languageModel.${key}`),
    ...Object.keys(interactionRest),
  ];
  const notes = kept.length > 0 ? [`kept in the alexa section: ${kept.join(', ')}`] : [];
  const elicitation = model.intents?.flatMap((intent) => intent.inputs ?? []).filter((input) => input.alexa !== undefined).length ?? 0;
  if (elicitation > 0) notes.push(`${plural(elicitation, 'input')} with Alexa slot settings (elicitation samples, …) in the input's alexa field`);
  return { model, notes };
}
