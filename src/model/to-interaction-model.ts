/**
 * The normalized model as the Alexa interaction model file (ASK CLI v2
 * `skill-package/interactionModels/custom/<locale>.json`). Deterministic: the same model gives the
 * same object, key by key — the model's intents in their order, then the `alexa` section's, then
 * the built-ins build added; types in declaration order; then the rest of the `alexa` section
 * (dialog, prompts, modelConfiguration, …) merged in as jovo-model-alexa does.
 */
import type { AlexaIntent, AlexaSlot, AlexaSlotType, InteractionModelFile } from './interaction-model';
import type { ModelIntent, ModelType, NormalizedModel } from './normalized-model';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Objects merge key by key; anything else in `override` replaces what `base` has. */
export function deepMerge(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return merged;
}

function intentJson(intent: ModelIntent): AlexaIntent {
  if (intent.raw) return intent.raw as AlexaIntent;
  const slots = intent.slots.map((slot): AlexaSlot => ({
    name: slot.name,
    type: slot.type ?? '',
    ...(slot.samples.length > 0 ? { samples: slot.samples.map((sample) => sample.text) } : {}),
    ...slot.extra,
  }));
  return {
    name: intent.name,
    ...(slots.length > 0 ? { slots } : {}),
    samples: intent.samples.map((sample) => sample.text),
    ...intent.extra,
  };
}

function typeJson(type: ModelType): AlexaSlotType {
  if (type.raw) return type.raw as AlexaSlotType;
  return {
    name: type.name,
    values: (type.values ?? []).map((value) => ({
      ...(value.id !== undefined ? { id: value.id } : {}),
      name: { value: value.value ?? '', ...(value.synonyms.length > 0 ? { synonyms: [...value.synonyms] } : {}) },
    })),
  };
}

/** The interaction model file for a (validated) normalized model. */
export function toInteractionModel(model: NormalizedModel): InteractionModelFile {
  const types = model.types.map(typeJson);
  const languageModel: Record<string, unknown> = {
    invocationName: model.invocation ?? '',
    intents: model.intents.map(intentJson),
    ...(types.length > 0 ? { types } : {}),
  };
  const interactionModel = deepMerge({ languageModel }, model.alexaExtra);
  return { interactionModel } as InteractionModelFile;
}
