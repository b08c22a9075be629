/** The simulator's local NLU: interaction model in, the request Alexa would send out. */
export { compileModel, CompiledNlu, type CompiledIntent } from './compiled-nlu';
export { tableFor, type PhraseTable, type BuiltInIntent } from './locales';
export type {
  CompileOptions,
  Considered,
  InteractionModelFile,
  InteractionModelIntent,
  InteractionModelSlot,
  InteractionModelType,
  InteractionModelTypeValue,
  LanguageModel,
  NluIntent,
  NluKind,
  NluReason,
  NluResolution,
  NluResult,
  NluSlot,
  ResolutionCode,
  UnderstandOptions,
} from './types';
