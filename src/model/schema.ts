/**
 * The language model file `models/<locale>.json` in the seed's format — Jovo v1–v3's
 * "Jovo Language Model" (https://github.com/jovotech/jovo-framework/blob/v3/latest/docs/basic-concepts/model/README.md):
 *
 * ```json
 * { "invocation": "cave quest",
 *   "intents": [ { "name": "BuySkillItemIntent", "phrases": ["buy {ProductName}"],
 *                  "inputs": [ { "name": "ProductName", "type": "LIST_OF_PRODUCT_NAMES" } ] } ],
 *   "inputTypes": [ { "name": "LIST_OF_PRODUCT_NAMES", "values": [ { "value": "Cave Quest", "id": "cave_quest" } ] } ],
 *   "alexa": { "interactionModel": { "languageModel": { "intents": [ { "name": "AMAZON.HelpIntent", "samples": [] } ] },
 *                                    "dialog": {…}, "prompts": […] } } }
 * ```
 *
 * Semantics follow jovo-model-alexa's `fromJovoModel`: an input `type` is a type name or
 * `{ "alexa": "AMAZON.NUMBER" }`; an intent's `alexa` object is assigned onto the Alexa intent, an
 * input's `alexa` object is merged into the Alexa slot (e.g. `samples` for slot elicitation); the
 * model's `alexa.interactionModel` is merged into the Alexa model (its intents appended, its types
 * replacing input types of the same name, everything else — dialog, prompts, modelConfiguration —
 * copied as is).
 *
 * skillshop's one addition, the catalog-generated slot type:
 * `{ "name": "LIST_OF_PRODUCT_NAMES", "fromCatalog": true, "values": [ { "id": "cave_quest", "synonyms": ["the expansion"] } ] }`
 * — every product of `platforms/alexaSkill/isps/` becomes a value (its name in the model's locale as
 * value, its referenceName as id); `values` (optional) only add synonyms to the product with that id.
 *
 * Objects are strict (`additionalProperties: false`) so that a misspelt key is reported; the
 * reader turns those findings into warnings, not errors.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AlexaIntentSchema, AlexaSlotTypeSchema } from './interaction-model';

const strict = { additionalProperties: false } as const;

/** Other platforms' settings that Jovo models carry; skillshop ignores them without a warning. */
const otherPlatforms = {
  dialogflow: Type.Optional(Type.Unknown()),
  googleAssistant: Type.Optional(Type.Unknown()),
};

/** `"invocation": "cave quest"` or `{ "alexa": "cave quest", "googleAssistant": … }`. */
export const InvocationSchema = Type.Union([
  Type.String(),
  Type.Object({ alexa: Type.Optional(Type.String()) }, { additionalProperties: Type.Unknown() }),
]);

/** A type name, or a type per platform: `{ "alexa": "AMAZON.NUMBER", "dialogflow": "@sys.number" }`. */
export const InputTypeRefSchema = Type.Union([
  Type.String(),
  Type.Object({ alexa: Type.Optional(Type.String()) }, { additionalProperties: Type.Unknown() }),
]);
export type InputTypeRef = Static<typeof InputTypeRefSchema>;

/** Extra Alexa slot or intent properties, copied into the Alexa model. */
const AlexaExtrasSchema = Type.Record(Type.String(), Type.Unknown());

export const InputSchema = Type.Object({
  name: Type.String(),
  type: InputTypeRefSchema,
  alexa: Type.Optional(AlexaExtrasSchema),
  ...otherPlatforms,
}, strict);
export type Input = Static<typeof InputSchema>;

export const IntentSchema = Type.Object({
  name: Type.String(),
  phrases: Type.Optional(Type.Array(Type.String())),
  inputs: Type.Optional(Type.Array(InputSchema)),
  alexa: Type.Optional(AlexaExtrasSchema),
  ...otherPlatforms,
}, strict);
export type Intent = Static<typeof IntentSchema>;

/** A value: `"Berlin"`, or `{ "value": "New York", "id": "NYC", "synonyms": ["new york city"] }`. */
export const InputTypeValueSchema = Type.Union([
  Type.String(),
  Type.Object({
    /** Optional only in catalog-generated types, where the product's name is the value. */
    value: Type.Optional(Type.String()),
    id: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    synonyms: Type.Optional(Type.Array(Type.String())),
    ...otherPlatforms,
  }, strict),
]);
export type InputTypeValue = Static<typeof InputTypeValueSchema>;

export const InputTypeSchema = Type.Object({
  name: Type.String(),
  values: Type.Optional(Type.Array(InputTypeValueSchema)),
  /** skillshop: generate the values from the product catalog (see above). */
  fromCatalog: Type.Optional(Type.Boolean()),
  ...otherPlatforms,
}, strict);
export type InputType = Static<typeof InputTypeSchema>;

/** The `alexa` section: parts of the Alexa interaction model, merged into it as they are. */
export const AlexaSectionSchema = Type.Object({
  interactionModel: Type.Optional(Type.Object({
    languageModel: Type.Optional(Type.Object({
      intents: Type.Optional(Type.Array(AlexaIntentSchema)),
      types: Type.Optional(Type.Array(AlexaSlotTypeSchema)),
    }, { additionalProperties: true })),
    dialog: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    prompts: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
  }, { additionalProperties: true })),
}, strict);
export type AlexaSection = Static<typeof AlexaSectionSchema>;

export const LanguageModelSchema = Type.Object({
  /** Jovo v1–v3 files carry no version; "4.0" means the v4 format (see jovo-v4.ts). */
  version: Type.Optional(Type.String()),
  invocation: Type.Optional(InvocationSchema),
  intents: Type.Optional(Type.Array(IntentSchema)),
  inputTypes: Type.Optional(Type.Array(InputTypeSchema)),
  alexa: Type.Optional(AlexaSectionSchema),
  ...otherPlatforms,
}, strict);
/** The seed's language model format (Jovo v1–v3). */
export type LanguageModel = Static<typeof LanguageModelSchema>;
