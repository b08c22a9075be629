/**
 * One in-memory shape for every model format (the seed's Jovo v1–v3 arrays, Jovo v4 maps, and the
 * `alexa` section's raw Alexa intents and types). Every element remembers where it came from in the
 * file, so that validation can name the exact JSON path whatever the format was.
 */
import type { Problem } from '../problems';
import { jsonPath } from '../problems';
import type { AlexaIntent, AlexaSlotType } from './interaction-model';
import type { JovoV4Model } from './jovo-v4';
import type { AlexaSection, InputTypeRef, InputTypeValue, LanguageModel } from './schema';

export type PathParts = (string | number)[];

export interface ModelSample {
  text: string;
  path: PathParts;
}

export interface ModelSlot {
  name: string;
  /** The Alexa type; undefined when an input's type names no Alexa type. */
  type: string | undefined;
  path: PathParts;
  /** Where the type is written (for "unknown type" problems). */
  typePath: PathParts;
  /** Slot elicitation utterances (`alexa.samples`). */
  samples: ModelSample[];
  /** Other Alexa slot properties, merged into the Alexa slot. */
  extra: Record<string, unknown>;
}

export interface ModelIntent {
  name: string;
  path: PathParts;
  samples: ModelSample[];
  slots: ModelSlot[];
  /** Other Alexa intent properties, assigned onto the Alexa intent. */
  extra: Record<string, unknown>;
  /** model: the model's intents; alexa: the `alexa` section (written as is); built-in: added by build. */
  origin: 'model' | 'alexa' | 'built-in';
  raw?: Record<string, unknown>;
}

export interface ModelValue {
  value: string | undefined;
  id: string | undefined;
  synonyms: string[];
  path: PathParts;
}

export interface ModelType {
  name: string;
  path: PathParts;
  /** undefined: no `values` key at all. */
  values: ModelValue[] | undefined;
  fromCatalog: boolean;
  /** model: input/entity types; alexa: the `alexa` section (written as is). */
  origin: 'model' | 'alexa';
  raw?: Record<string, unknown>;
}

export interface NormalizedModel {
  locale: string;
  /** The file, as problems name it (relative to the project). */
  file: string;
  format: 'jovo-v3' | 'jovo-v4';
  invocation: string | undefined;
  invocationPath: PathParts;
  intents: ModelIntent[];
  types: ModelType[];
  /** `alexa.interactionModel` without its languageModel intents and types: merged into the output. */
  alexaExtra: Record<string, unknown>;
}

const ALEXA_LM: PathParts = ['alexa', 'interactionModel', 'languageModel'];

/** The Alexa invocation name; undefined when there is none (validation reports it). */
function invocationOf(invocation: LanguageModel['invocation']): string | undefined {
  if (invocation === undefined || typeof invocation === 'string') return invocation;
  return typeof invocation.alexa === 'string' ? invocation.alexa : undefined;
}

function typeName(type: InputTypeRef): string | undefined {
  return typeof type === 'string' ? type : typeof type.alexa === 'string' ? type.alexa : undefined;
}

function samplesAt(texts: readonly string[] | undefined, path: PathParts): ModelSample[] {
  return (texts ?? []).map((text, index) => ({ text, path: [...path, index] }));
}

/** An input's or entity's `alexa` object: `samples` are elicitation samples, the rest goes into the slot. */
function slotFrom(name: string, type: InputTypeRef, alexa: Record<string, unknown> | undefined, path: PathParts, file: string, problems: Problem[]): ModelSlot {
  const extra: Record<string, unknown> = { ...(alexa ?? {}) };
  let samples: ModelSample[] = [];
  if (Array.isArray(extra.samples) && extra.samples.every((s) => typeof s === 'string')) {
    samples = samplesAt(extra.samples as string[], [...path, 'alexa', 'samples']);
    delete extra.samples;
  }
  for (const key of ['name', 'type'] as const) {
    if (key in extra) {
      problems.push({
        severity: 'warning', file, path: jsonPath(...path, 'alexa', key), rule: 'model/ignored-field',
        message: `"alexa.${key}" is ignored: the input's own ${key} is used.`, fix: `Set the input's ${key} instead.`,
      });
      delete extra[key];
    }
  }
  const resolved = typeName(type);
  if (resolved === undefined) {
    problems.push({
      severity: 'error', file, path: jsonPath(...path, 'type'), rule: 'model/type-missing',
      message: `Input "${name}" has no Alexa type.`, fix: 'Add "alexa": "<type>" to the type object, or make the type a string.',
    });
  }
  return { name, type: resolved, path, typePath: [...path, 'type'], samples, extra };
}

function intentFrom(name: string, phrases: string[] | undefined, alexa: Record<string, unknown> | undefined, path: PathParts, file: string, problems: Problem[]): ModelIntent {
  const extra: Record<string, unknown> = { ...(alexa ?? {}) };
  let samples = samplesAt(phrases, [...path, 'phrases']);
  // jovo-model-alexa assigns the intent's `alexa` object onto the Alexa intent: its samples win.
  if (Array.isArray(extra.samples) && extra.samples.every((s) => typeof s === 'string')) {
    samples = samplesAt(extra.samples as string[], [...path, 'alexa', 'samples']);
    delete extra.samples;
  }
  for (const key of ['name', 'slots'] as const) {
    if (key in extra) {
      problems.push({
        severity: 'warning', file, path: jsonPath(...path, 'alexa', key), rule: 'model/ignored-field',
        message: `"alexa.${key}" is ignored.`, fix: key === 'slots' ? 'Declare slots as inputs.' : 'Set the intent\'s name instead.',
      });
      delete extra[key];
    }
  }
  return { name, path, samples, slots: [], extra, origin: 'model' };
}

function valuesFrom(values: readonly InputTypeValue[] | undefined, path: PathParts): ModelValue[] | undefined {
  if (values === undefined) return undefined;
  return values.map((value, index) => typeof value === 'string'
    ? { value, id: undefined, synonyms: [], path: [...path, 'values', index] }
    : {
        value: value.value,
        id: value.id === undefined ? undefined : String(value.id),
        synonyms: value.synonyms ?? [],
        path: [...path, 'values', index],
      });
}

function alexaParts(alexa: AlexaSection | undefined): { intents: ModelIntent[]; types: ModelType[]; extra: Record<string, unknown> } {
  const interactionModel = alexa?.interactionModel;
  const languageModel = interactionModel?.languageModel;
  const intents = (languageModel?.intents ?? []).map((intent: AlexaIntent, index): ModelIntent => {
    const path = [...ALEXA_LM, 'intents', index];
    const { name, slots, samples, ...extra } = intent;
    return {
      name, path, samples: samplesAt(samples, [...path, 'samples']), extra, origin: 'alexa', raw: intent,
      slots: (slots ?? []).map((slot, slotIndex) => {
        const slotPath = [...path, 'slots', slotIndex];
        const { name: slotName, type, samples: slotSamples, ...slotExtra } = slot;
        return { name: slotName, type, path: slotPath, typePath: [...slotPath, 'type'], samples: samplesAt(slotSamples, [...slotPath, 'samples']), extra: slotExtra };
      }),
    };
  });
  const types = (languageModel?.types ?? []).map((type: AlexaSlotType, index): ModelType => {
    const path = [...ALEXA_LM, 'types', index];
    return {
      name: type.name, path, fromCatalog: false, origin: 'alexa', raw: type,
      values: type.values?.map((value, valueIndex) => ({
        value: value.name.value, id: value.id, synonyms: value.name.synonyms ?? [], path: [...path, 'values', valueIndex, 'name'],
      })),
    };
  });
  const extra: Record<string, unknown> = { ...(interactionModel ?? {}) };
  if (languageModel) {
    const { intents: _intents, types: _types, ...rest } = languageModel;
    if (Object.keys(rest).length > 0) extra.languageModel = rest;
    else delete extra.languageModel;
  }
  return { intents, types, extra };
}

/** The seed's format (Jovo v1–v3). */
export function normalizeSeedModel(model: LanguageModel, locale: string, file: string, problems: Problem[]): NormalizedModel {
  const intents = (model.intents ?? []).map((intent, index) => {
    const path: PathParts = ['intents', index];
    const normalized = intentFrom(intent.name, intent.phrases, intent.alexa, path, file, problems);
    normalized.slots = (intent.inputs ?? []).map((input, inputIndex) =>
      slotFrom(input.name, input.type, input.alexa, [...path, 'inputs', inputIndex], file, problems));
    return normalized;
  });
  const types = (model.inputTypes ?? []).map((type, index): ModelType => {
    const path: PathParts = ['inputTypes', index];
    return { name: type.name, path, values: valuesFrom(type.values, path), fromCatalog: type.fromCatalog === true, origin: 'model' };
  });
  return assemble(model.invocation, model.alexa, intents, types, locale, file, 'jovo-v3', problems);
}

/** Jovo v4's format. */
export function normalizeJovoV4Model(model: JovoV4Model, locale: string, file: string, problems: Problem[]): NormalizedModel {
  const intents = Object.entries(model.intents ?? {}).map(([name, intent]) => {
    const path: PathParts = ['intents', name];
    const normalized = intentFrom(name, intent.phrases, intent.alexa, path, file, problems);
    normalized.slots = Object.entries(intent.entities ?? {}).map(([entityName, entity]) =>
      slotFrom(entityName, entity.type, entity.alexa, [...path, 'entities', entityName], file, problems));
    return normalized;
  });
  const types = Object.entries(model.entityTypes ?? {}).map(([name, type]): ModelType => {
    const path: PathParts = ['entityTypes', name];
    return { name, path, values: valuesFrom(type.values, path), fromCatalog: type.fromCatalog === true, origin: 'model' };
  });
  return assemble(model.invocation, model.alexa, intents, types, locale, file, 'jovo-v4', problems);
}

function assemble(
  invocation: LanguageModel['invocation'], alexa: AlexaSection | undefined, intents: ModelIntent[], types: ModelType[],
  locale: string, file: string, format: NormalizedModel['format'], problems: Problem[],
): NormalizedModel {
  const fromAlexa = alexaParts(alexa);
  // As in jovo-model-alexa: the alexa section's types replace input types of the same name.
  const alexaTypeNames = new Set(fromAlexa.types.map((type) => type.name));
  for (const type of types) {
    if (alexaTypeNames.has(type.name)) {
      problems.push({
        severity: 'notice', file, path: jsonPath(...type.path), rule: 'model/type-replaced',
        message: `Type "${type.name}" is replaced by the type of the same name in alexa.interactionModel.languageModel.types.`,
      });
    }
  }
  return {
    locale, file, format,
    invocation: invocationOf(invocation),
    invocationPath: typeof invocation === 'object' && typeof invocation.alexa === 'string' ? ['invocation', 'alexa'] : ['invocation'],
    intents: [...intents, ...fromAlexa.intents],
    types: [...types.filter((type) => !alexaTypeNames.has(type.name)), ...fromAlexa.types],
    alexaExtra: fromAlexa.extra,
  };
}
