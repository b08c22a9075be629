/**
 * The shapes the NLU reads and writes.
 *
 * In: an Alexa interaction model exactly as ASK CLI v2 stores it
 * (skill-package/interactionModels/custom/<locale>.json; ASK CLI v1 `models/<locale>.json` holds
 * the same `interactionModel` object).
 * https://developer.amazon.com/en-US/docs/alexa/smapi/interaction-model-schema.html
 *
 * Out: what the simulator needs to build the request Alexa would send, plus the explanation a
 * developer wants when the answer surprises them (like the NLU evaluation tool / utterance profiler).
 */

export interface InteractionModelSlot {
  name: string;
  type: string;
  /** Slot elicitation samples: used by Alexa only while it elicits this slot in a dialog. */
  samples?: string[];
}

export interface InteractionModelIntent {
  name: string;
  slots?: InteractionModelSlot[];
  samples?: string[];
}

export interface InteractionModelTypeValue {
  id?: string;
  name: { value: string; synonyms?: string[] };
}

export interface InteractionModelType {
  name: string;
  values?: InteractionModelTypeValue[];
}

export interface LanguageModel {
  invocationName: string;
  intents: InteractionModelIntent[];
  types?: InteractionModelType[];
}

export interface InteractionModelFile {
  interactionModel: {
    languageModel: LanguageModel;
    dialog?: unknown;
    prompts?: unknown;
  };
}

export interface CompileOptions {
  /** Goes into entity-resolution authorities: amzn1.er-authority.echo-sdk.<skillId>.<SlotType>. */
  skillId?: string;
  /** Picks the built-in phrase table (en-US, en-GB, de-DE, fr-FR, es-ES, it-IT, ja-JP, …). Default en-US. */
  locale?: string;
}

export interface UnderstandOptions {
  /**
   * No session is open: the utterance must invoke the skill ("open cave quest", "ask cave quest
   * to …"); anything else is not for this skill (`kind: 'none'`, reason `not-invoked`).
   * In a session (the default) invocation phrases are still recognised, and everything else is
   * matched against the intents.
   */
  launch?: boolean;
}

// The request format (src/alexa/request.ts), narrowed to what this NLU always produces.

export type ResolutionCode = 'ER_SUCCESS_MATCH' | 'ER_SUCCESS_NO_MATCH';

export interface NluResolution {
  authority: string;
  status: { code: ResolutionCode };
  values?: Array<{ value: { name: string; id?: string } }>;
}

export interface NluSlot {
  name: string;
  /** The words as heard, lower case; digits for AMAZON.NUMBER. Absent when the slot is unfilled. */
  value?: string;
  confirmationStatus: 'NONE';
  source?: 'USER';
  resolutions?: { resolutionsPerAuthority: NluResolution[] };
}

export interface NluIntent {
  name: string;
  confirmationStatus: 'NONE';
  /** Every slot the intent declares, filled or not; absent when it declares none (as Alexa sends it). */
  slots?: Record<string, NluSlot>;
}

/** One intent the NLU weighed, with its best sample. */
export interface Considered {
  intent: string;
  /** The sample as the model writes it, e.g. "buy {ProductName}". */
  sample: string;
  /** 0..1, see `NluResult.confidence`. */
  score: number;
  /** What each slot of that sample would have captured (as heard). */
  slots: Record<string, string>;
}

/**
 * - `launch`: Alexa sends a LaunchRequest.
 * - `intent`: Alexa sends an IntentRequest with `intent` (also for one-shot "ask … to …").
 * - `end`: Alexa ends the session itself and sends a SessionEndedRequest, reason USER_INITIATED
 *   (the user said "exit" or "quit").
 * - `none`: nothing to send: no sample matched and the model declares no AMAZON.FallbackIntent,
 *   the utterance was empty, or (with `launch: true`) it does not invoke this skill. The
 *   simulator decides what Alexa does then (reprompt, or end the session).
 */
export type NluKind = 'launch' | 'intent' | 'end' | 'none';

export type NluReason =
  | 'sample' // a sample (the model's or a built-in phrase) matched
  | 'fallback' // nothing matched; the model declares AMAZON.FallbackIntent
  | 'launch-phrase' // "open cave quest"
  | 'exit-phrase' // "exit", "quit"
  | 'no-match' // nothing matched and there is no FallbackIntent, or there were no words at all
  | 'not-invoked'; // launch: true, but the utterance does not name the skill

export interface NluResult {
  kind: NluKind;
  /** The IntentRequest's `intent`, exactly as Alexa sends it; null unless kind is `intent`. */
  intent: NluIntent | null;
  /**
   * 0..1: how much of the utterance the chosen sample explains. Every word a literal word of the
   * sample counts 1, a slot word resolved to a listed value (or a valid number) 0.9, a free slot
   * word 0.5, a skipped filler word ("please", "i") 0.6; the sum is divided by the word count.
   * Launch and exit phrases are 1; a fallback is 0.
   */
  confidence: number;
  reason: NluReason;
  /** The winning sample as written in the model, or null. */
  sample: string | null;
  /** The skill was invoked and asked in one breath ("ask cave quest to buy cave quest"). */
  oneShot: boolean;
  /** The normalized words the intents were matched against (wake word and invocation removed). */
  heard: string;
  /** The best intents, best first (at most five), each with its best sample. */
  considered: Considered[];
}
