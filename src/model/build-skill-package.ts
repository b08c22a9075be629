/**
 * `skillshop build` as a library call: every `models/<locale>.json` (seed or Jovo v4 format) becomes
 * `platforms/alexaSkill/skill-package/interactionModels/custom/<locale>.json`, and skillshop.json's
 * `manifest` becomes `platforms/alexaSkill/skill-package/skill.json` (ASK CLI v2 layout).
 *
 * Everything is computed and checked first; files are written only when no problem is an error,
 * each one atomically. The same input gives byte-identical output.
 *
 * @example
 * const result = buildSkillPackage(projectDir);
 * for (const problem of result.problems) console.error(formatProblem(problem));
 * if (!hasErrors(result.problems)) writeSkillPackage(projectDir, result);
 */
import { readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { readProjectSettings } from '../app/project';
import { formatJson, readJsonFile, writeFileAtomic } from '../files';
import { loadCatalog, type Catalog } from '../isp/catalog';
import { hasErrors, sortProblems, type Problem } from '../problems';
import { compileLanguageModel } from './compile-model';
import { InteractionModelFileSchema } from './interaction-model';
import { buildManifest, buildSettingsProblems, type BuildSettings } from './manifest';
import { localeProblems, readModelJson } from './read-model';
import { schemaProblems } from './schema-problems';

export const MODELS_DIR = 'models';
export const SKILL_PACKAGE_DIR = 'platforms/alexaSkill/skill-package';
export const INTERACTION_MODELS_DIR = `${SKILL_PACKAGE_DIR}/interactionModels/custom`;
export const SKILL_MANIFEST_FILE = `${SKILL_PACKAGE_DIR}/skill.json`;
const SETTINGS_FILE = 'skillshop.json';

const outputCheck = TypeCompiler.Compile(InteractionModelFileSchema);

export interface BuiltFile {
  /** Relative to the project, with forward slashes. */
  file: string;
  content: string;
}

export interface BuildResult {
  /** What build would write; empty when an error stops it. */
  files: BuiltFile[];
  /** Every problem found, sorted (errors first within each file). */
  problems: Problem[];
  locales: string[];
}

export interface BuildOptions {
  /** The product catalog; loaded from the project when not given. */
  catalog?: Catalog;
}

function modelFiles(projectDir: string, problems: Problem[]): string[] {
  const dir = join(projectDir, MODELS_DIR);
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    entries = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push({
      severity: 'error', file: `${MODELS_DIR}/`, path: '$', rule: 'model/folder',
      message: code === 'ENOENT' ? `No ${MODELS_DIR}/ folder in ${projectDir}.` : `${MODELS_DIR} is not a readable folder (${(error as Error).message}).`,
      fix: 'Run build in the project folder (or pass --cwd <dir>); the language model lives in models/<locale>.json. To convert an ASK CLI project, run `skillshop import <dir>`.',
    });
    return [];
  }
  const files = entries.filter((entry) => entry.endsWith('.json') && !entry.startsWith('.')).sort();
  if (files.length === 0) {
    problems.push({
      severity: 'error', file: `${MODELS_DIR}/`, path: '$', rule: 'model/folder',
      message: `${MODELS_DIR}/ holds no <locale>.json model.`, fix: 'Add models/en-US.json (invocation, intents, inputTypes).',
    });
  }
  return files;
}

function readSettings(projectDir: string, problems: Problem[]): BuildSettings | undefined {
  const read = readJsonFile(join(projectDir, SETTINGS_FILE));
  if (!read.ok) {
    if (read.missing) return {};
    problems.push({ severity: 'error', file: SETTINGS_FILE, path: '$', rule: 'settings/invalid-json', message: read.message, fix: 'Fix the JSON syntax at the position shown.' });
    return undefined;
  }
  try {
    readProjectSettings(projectDir); // its own checks (skillId, …)
  } catch (error) {
    problems.push({ severity: 'error', file: SETTINGS_FILE, path: '$', rule: 'settings/invalid', message: (error as Error).message, fix: 'Fix the setting the message names.' });
    return undefined;
  }
  const found = buildSettingsProblems(read.value, SETTINGS_FILE);
  problems.push(...found);
  return hasErrors(found) ? undefined : (read.value as BuildSettings);
}

function staleModels(projectDir: string, locales: readonly string[]): Problem[] {
  let entries: string[];
  try {
    entries = readdirSync(join(projectDir, INTERACTION_MODELS_DIR));
  } catch {
    return [];
  }
  return entries.filter((entry) => entry.endsWith('.json') && !locales.includes(entry.slice(0, -'.json'.length))).sort().map((entry) => ({
    severity: 'warning' as const, file: `${INTERACTION_MODELS_DIR}/${entry}`, path: '$', rule: 'build/stale',
    message: `No models/${entry} builds this file any more, but a deploy would still upload it.`,
    fix: `Delete ${INTERACTION_MODELS_DIR}/${entry}, or add models/${entry} again.`,
  }));
}

/** Reads, checks and converts the project; writes nothing. */
export function buildSkillPackage(projectDir: string, options: BuildOptions = {}): BuildResult {
  const problems: Problem[] = [];
  const settings = readSettings(projectDir, problems);
  const catalog = options.catalog ?? loadCatalog(projectDir);
  problems.push(...catalog.problems);

  const files: BuiltFile[] = [];
  const invocations: Record<string, string | undefined> = {};
  const entries = modelFiles(projectDir, problems);
  for (const entry of entries) {
    const locale = entry.slice(0, -'.json'.length);
    const file = posix.join(MODELS_DIR, entry);
    const read = readModelJson(join(projectDir, MODELS_DIR, entry), file);
    if (!read.ok) {
      problems.push(...localeProblems(locale, file), read.problem);
      continue;
    }
    const { model, interactionModel: output, problems: found } = compileLanguageModel(read.value, locale, file, catalog.products);
    problems.push(...found);
    if (!model || !output) continue;
    invocations[locale] = model.invocation;
    const outputFile = `${INTERACTION_MODELS_DIR}/${locale}.json`;
    // A safety net for the conversion itself, e.g. an `alexa` section that breaks the shape.
    problems.push(...schemaProblems(outputCheck, output, outputFile, 'build').filter((problem) => problem.severity === 'error'));
    files.push({ file: outputFile, content: formatJson(output) });
  }
  const locales = Object.keys(invocations);
  problems.push(...staleModels(projectDir, entries.map((entry) => entry.slice(0, -'.json'.length))));

  if (settings?.manifest !== undefined && locales.length > 0) {
    const { manifest, problems: found } = buildManifest({ settings, invocations, hasProducts: catalog.products.length > 0, file: SETTINGS_FILE });
    problems.push(...found);
    files.push({ file: SKILL_MANIFEST_FILE, content: formatJson(manifest) });
  }
  const sorted = sortProblems(problems);
  return { files: hasErrors(sorted) ? [] : files, problems: sorted, locales };
}

/** Writes a build result's files (each atomically); returns them. Writes nothing for a result with errors. */
export function writeSkillPackage(projectDir: string, result: BuildResult): string[] {
  if (hasErrors(result.problems)) return [];
  for (const built of result.files) writeFileAtomic(join(projectDir, built.file), built.content);
  return result.files.map((built) => built.file);
}
