/**
 * Jovo v4's model format, so Jovo users can bring their `models/<locale>.json` as they are
 * (https://github.com/jovotech/jovo-model/blob/v4/latest/docs/model-schema.md):
 *
 * ```json
 * { "version": "4.0", "invocation": "my test app",
 *   "intents": { "MyNameIsIntent": { "phrases": ["my name is {name}"],
 *                                    "entities": { "name": { "type": { "alexa": "AMAZON.US_FIRST_NAME" } } } } },
 *   "entityTypes": { "myCityEntityType": { "values": ["Berlin", { "value": "New York", "synonyms": ["NYC"] }] } },
 *   "alexa": { "interactionModel": { … } } }
 * ```
 *
 * The same concepts as the seed's format (schema.ts) with maps instead of arrays; an entity type
 * may also say `"fromCatalog": true`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AlexaSectionSchema, InputTypeRefSchema, InputTypeValueSchema, InvocationSchema } from './schema';

const strict = { additionalProperties: false } as const;
const otherPlatforms = {
  dialogflow: Type.Optional(Type.Unknown()),
  googleAssistant: Type.Optional(Type.Unknown()),
  lex: Type.Optional(Type.Unknown()),
  luis: Type.Optional(Type.Unknown()),
  rasa: Type.Optional(Type.Unknown()),
  nlpjs: Type.Optional(Type.Unknown()),
  snips: Type.Optional(Type.Unknown()),
};

export const JovoV4EntitySchema = Type.Object({
  type: InputTypeRefSchema,
  /** Jovo v4: an example text for some NLUs; not used by Alexa. */
  text: Type.Optional(Type.String()),
  alexa: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  ...otherPlatforms,
}, strict);

export const JovoV4IntentSchema = Type.Object({
  phrases: Type.Optional(Type.Array(Type.String())),
  entities: Type.Optional(Type.Record(Type.String(), JovoV4EntitySchema)),
  alexa: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  ...otherPlatforms,
}, strict);

export const JovoV4EntityTypeSchema = Type.Object({
  values: Type.Optional(Type.Array(InputTypeValueSchema)),
  fromCatalog: Type.Optional(Type.Boolean()),
  ...otherPlatforms,
}, strict);

export const JovoV4ModelSchema = Type.Object({
  version: Type.String(),
  invocation: Type.Optional(InvocationSchema),
  intents: Type.Optional(Type.Record(Type.String(), JovoV4IntentSchema)),
  entityTypes: Type.Optional(Type.Record(Type.String(), JovoV4EntityTypeSchema)),
  alexa: Type.Optional(AlexaSectionSchema),
  ...otherPlatforms,
}, strict);
export type JovoV4Model = Static<typeof JovoV4ModelSchema>;

/** A v4 file says `"version": "4.0"`, or has `intents` as a map. */
export function isJovoV4(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (typeof record.version === 'string' && record.version.startsWith('4')) return true;
  const intents = record.intents;
  return intents !== null && typeof intents === 'object' && !Array.isArray(intents);
}
