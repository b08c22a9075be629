/**
 * The request envelope Alexa sends, as one TypeBox schema: the TypeScript types and the compiled
 * validator both derive from it (and its JSON Schema can be exported for editors).
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-and-response-json-reference.html
 *
 * Only what skillshop relies on is required; everything else passes through untouched.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Str = Type.String();
/** Ids and keys Alexa always fills: an empty one is not a request from Alexa. */
const Id = Type.String({ minLength: 1 });
const open = { additionalProperties: true } as const;

function Obj<T extends Record<string, TSchema>>(properties: T) {
  return Type.Object(properties, open);
}

/**
 * Any JSON object, its keys and values unchecked (session attributes, a payload). Spelled as an open
 * object: its compiled check is one type test, where `Type.Record(Type.String(), Type.Unknown())`
 * lists every key and tests it against a pattern that accepts all of them, on every request.
 */
const AnyObject = Type.Unsafe<Record<string, unknown>>(Type.Object({}, open));

export const ApplicationSchema = Obj({ applicationId: Id });
export const UserSchema = Obj({
  userId: Id,
  accessToken: Type.Optional(Str),
  permissions: Type.Optional(Obj({ consentToken: Type.Optional(Str) })),
});

export const SessionSchema = Obj({
  new: Type.Boolean(),
  sessionId: Id,
  application: ApplicationSchema,
  attributes: Type.Optional(AnyObject),
  user: UserSchema,
});

export const SystemSchema = Obj({
  application: ApplicationSchema,
  user: UserSchema,
  device: Type.Optional(Obj({
    deviceId: Type.Optional(Str),
    supportedInterfaces: Type.Optional(AnyObject),
  })),
  apiEndpoint: Type.Optional(Str),
  apiAccessToken: Type.Optional(Str),
});

export const ContextSchema = Obj({ System: SystemSchema });

const ResolutionValueSchema = Obj({ value: Obj({ name: Str, id: Type.Optional(Str) }) });
export const ResolutionSchema = Obj({
  authority: Str,
  status: Obj({ code: Str }),
  values: Type.Optional(Type.Array(ResolutionValueSchema)),
});

export const SlotSchema = Obj({
  name: Str,
  value: Type.Optional(Str),
  confirmationStatus: Type.Optional(Str),
  source: Type.Optional(Str),
  resolutions: Type.Optional(Obj({ resolutionsPerAuthority: Type.Optional(Type.Array(ResolutionSchema)) })),
});

export const IntentSchema = Obj({
  name: Str,
  confirmationStatus: Type.Optional(Str),
  slots: Type.Optional(Type.Record(Type.String(), SlotSchema)),
});

const base = { requestId: Id, timestamp: Str, locale: Type.Optional(Str) };

export const LaunchRequestSchema = Obj({ type: Type.Literal('LaunchRequest'), ...base });
export const IntentRequestSchema = Obj({
  type: Type.Literal('IntentRequest'),
  ...base,
  dialogState: Type.Optional(Str),
  intent: IntentSchema,
});
export const SessionEndedRequestSchema = Obj({
  type: Type.Literal('SessionEndedRequest'),
  ...base,
  reason: Type.Optional(Str),
  error: Type.Optional(Obj({ type: Type.Optional(Str), message: Type.Optional(Str) })),
});
/** The purchase result: `status.code` is a STRING ("200"). */
export const ConnectionsResponseSchema = Obj({
  type: Type.Literal('Connections.Response'),
  ...base,
  name: Str,
  status: Obj({ code: Str, message: Type.Optional(Str) }),
  payload: Type.Optional(AnyObject),
  token: Type.Optional(Str),
});
/** Any other request type (AudioPlayer, System.ExceptionEncountered, skill events, …). */
export const OtherRequestSchema = Obj({ type: Str, ...base });

export const KnownRequestSchema = Type.Union([
  LaunchRequestSchema,
  IntentRequestSchema,
  SessionEndedRequestSchema,
  ConnectionsResponseSchema,
]);

export const RequestEnvelopeSchema = Obj({
  version: Str,
  session: Type.Optional(SessionSchema),
  context: ContextSchema,
  request: OtherRequestSchema,
});

export type Slot = Static<typeof SlotSchema>;
export type Intent = Static<typeof IntentSchema>;
export type LaunchRequest = Static<typeof LaunchRequestSchema>;
export type IntentRequest = Static<typeof IntentRequestSchema>;
export type SessionEndedRequest = Static<typeof SessionEndedRequestSchema>;
export type ConnectionsResponse = Static<typeof ConnectionsResponseSchema>;
export type OtherRequest = Static<typeof OtherRequestSchema>;
export type AlexaRequest = LaunchRequest | IntentRequest | SessionEndedRequest | ConnectionsResponse | OtherRequest;
export type Session = Static<typeof SessionSchema>;
export type SystemContext = Static<typeof SystemSchema>;

export interface RequestEnvelope {
  version: string;
  session?: Session;
  context: { System: SystemContext; [key: string]: unknown };
  request: AlexaRequest;
  [key: string]: unknown;
}
