/**
 * Reading `models/<locale>.json`: the JSON (errors name the line and column), its format (the
 * seed's Jovo v1–v3 format, or Jovo v4), its schema, and the normalized model the rest of the build
 * works on. Never throws for bad input: everything wrong comes back as problems.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { readJsonFile } from '../files';
import { hasErrors, jsonPath, type Problem } from '../problems';
import { isJovoV4, JovoV4ModelSchema, type JovoV4Model } from './jovo-v4';
import { normalizeJovoV4Model, normalizeSeedModel, type NormalizedModel } from './normalized-model';
import { schemaProblems } from './schema-problems';
import { LanguageModelSchema, type LanguageModel } from './schema';

const seedCheck = TypeCompiler.Compile(LanguageModelSchema);
const jovoV4Check = TypeCompiler.Compile(JovoV4ModelSchema);

/** Alexa's locales for custom skills (https://developer.amazon.com/en-US/docs/alexa/custom-skills/develop-skills-in-multiple-languages.html). */
export const ALEXA_LOCALES = [
  'ar-SA', 'de-DE', 'en-AU', 'en-CA', 'en-GB', 'en-IN', 'en-US', 'es-ES', 'es-MX', 'es-US',
  'fr-CA', 'fr-FR', 'hi-IN', 'it-IT', 'ja-JP', 'nl-NL', 'pt-BR',
] as const;

export interface ReadModelResult {
  /** Undefined when the file could not be read or has the wrong shape. */
  model: NormalizedModel | undefined;
  problems: Problem[];
}

/** Checks the locale a model file is named after. */
export function localeProblems(locale: string, file: string): Problem[] {
  if (!/^[a-z]{2}-[A-Z]{2}$/.test(locale)) {
    return [{
      severity: 'error', file, path: '$', rule: 'model/locale',
      message: `"${locale}" is not a locale: model files are named after the Alexa locale they are for.`,
      fix: 'Rename the file to the locale, e.g. models/en-US.json (a Jovo v4 "en.json" becomes en-US.json, en-GB.json, …).',
    }];
  }
  if (!(ALEXA_LOCALES as readonly string[]).includes(locale)) {
    return [{
      severity: 'warning', file, path: '$', rule: 'model/locale',
      message: `Alexa has no custom-skill locale "${locale}" that skillshop knows of.`,
      fix: `Use one of ${ALEXA_LOCALES.join(', ')}.`,
    }];
  }
  return [];
}

/** A parsed model file's content (seed or Jovo v4) as a normalized model. */
export function parseLanguageModel(value: unknown, locale: string, file: string): ReadModelResult {
  const problems: Problem[] = localeProblems(locale, file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push({
      severity: 'error', file, path: '$', rule: 'model/wrong-type',
      message: 'A language model file holds a JSON object ({ "invocation": …, "intents": [ … ] }).',
      fix: 'See the seed format in the README: invocation, intents, inputTypes.',
    });
    return { model: undefined, problems };
  }
  if ('interactionModel' in value) {
    problems.push({
      severity: 'error', file, path: jsonPath('interactionModel'), rule: 'model/alexa-format',
      message: 'This is an Alexa interaction model (ASK CLI format), not a skillshop language model.',
      fix: 'Convert the project with `skillshop import <ask-project-dir>`, which writes models/<locale>.json in the seed format.',
    });
    return { model: undefined, problems };
  }
  if (isJovoV4(value)) {
    problems.push(...schemaProblems(jovoV4Check, value, file, 'model'));
    if (hasErrors(problems)) return { model: undefined, problems };
    return { model: normalizeJovoV4Model(value as JovoV4Model, locale, file, problems), problems };
  }
  problems.push(...schemaProblems(seedCheck, value, file, 'model'));
  if (hasErrors(problems)) return { model: undefined, problems };
  return { model: normalizeSeedModel(value as LanguageModel, locale, file, problems), problems };
}

/** Reads a model file's JSON; a problem (with line and column) when it cannot. */
export function readModelJson(path: string, file: string): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  const read = readJsonFile(path);
  if (read.ok) return { ok: true, value: read.value };
  return {
    ok: false,
    problem: {
      severity: 'error', file, path: '$', rule: read.missing ? 'model/missing' : 'model/invalid-json',
      message: read.missing ? 'The file does not exist.' : read.message,
      fix: read.missing ? 'Create it, or check the path.' : 'Fix the JSON syntax at the position shown.',
    },
  };
}
