/**
 * The Alexa interaction model file: what `skillshop build` writes to
 * `platforms/alexaSkill/skill-package/interactionModels/custom/<locale>.json` (ASK CLI v2) and what
 * `skillshop import` reads from ASK CLI v1 `models/<locale>.json` and v2 skill packages.
 * https://developer.amazon.com/en-US/docs/alexa/smapi/interaction-model-schema.html
 *
 * Only the parts skillshop reads or writes are spelled out; everything else Alexa knows (dialog,
 * prompts, modelConfiguration, slot value suppliers, …) passes through untouched, so the objects
 * allow additional properties.
 */
import { Type, type Static } from '@sinclair/typebox';

const open = { additionalProperties: true } as const;

export const AlexaSlotSchema = Type.Object({
  name: Type.String(),
  type: Type.String(),
  /** Utterances for slot elicitation ("the {product}"). */
  samples: Type.Optional(Type.Array(Type.String())),
}, open);
export type AlexaSlot = Static<typeof AlexaSlotSchema>;

export const AlexaIntentSchema = Type.Object({
  name: Type.String(),
  slots: Type.Optional(Type.Array(AlexaSlotSchema)),
  samples: Type.Optional(Type.Array(Type.String())),
}, open);
export type AlexaIntent = Static<typeof AlexaIntentSchema>;

export const AlexaSlotValueSchema = Type.Object({
  id: Type.Optional(Type.String()),
  name: Type.Object({
    value: Type.String(),
    synonyms: Type.Optional(Type.Array(Type.String())),
  }, open),
}, open);
export type AlexaSlotValue = Static<typeof AlexaSlotValueSchema>;

export const AlexaSlotTypeSchema = Type.Object({
  name: Type.String(),
  /** Absent when the type has a `valueSupplier` (catalog-based types). */
  values: Type.Optional(Type.Array(AlexaSlotValueSchema)),
}, open);
export type AlexaSlotType = Static<typeof AlexaSlotTypeSchema>;

export const AlexaLanguageModelSchema = Type.Object({
  invocationName: Type.String(),
  intents: Type.Array(AlexaIntentSchema),
  types: Type.Optional(Type.Array(AlexaSlotTypeSchema)),
}, open);
export type AlexaLanguageModel = Static<typeof AlexaLanguageModelSchema>;

export const InteractionModelFileSchema = Type.Object({
  interactionModel: Type.Object({
    languageModel: AlexaLanguageModelSchema,
    dialog: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    prompts: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
  }, open),
}, open);
/** `{ "interactionModel": { "languageModel": …, "dialog"?, "prompts"? } }` */
export type InteractionModelFile = Static<typeof InteractionModelFileSchema>;

export const BUILT_IN_PREFIX = 'AMAZON.';

export function isBuiltIn(name: string): boolean {
  return name.startsWith(BUILT_IN_PREFIX);
}
