/**
 * `skillshop import <dir>` as a library call: an ASK CLI project becomes a skillshop project.
 *
 * | ASK CLI v2 (`ask-resources.json`)                 | ASK CLI v1                | skillshop                                           |
 * |---------------------------------------------------|---------------------------|-----------------------------------------------------|
 * | `skill-package/interactionModels/custom/<l>.json` | `models/<l>.json`         | `models/<l>.json` in the seed's format              |
 * | `skill-package/isps/**\/*.json`                   | `isps/**\/*.json`         | `platforms/alexaSkill/isps/<type>/<referenceName>.json` (bytes unchanged) |
 * | `skill-package/skill.json`                        | `skill.json`              | skillshop.json `endpoint` + `manifest.alexa` (the rest of the manifest, merged back by build) |
 * | `.ask/ask-states.json` skillId                    | `.ask/config` skill_id    | skillshop.json `skillId`                            |
 *
 * A folder that is itself a v2 skill package (holding `interactionModels/`) works too. The import
 * is planned in full first; nothing is written when the source has errors, nor over existing files
 * unless `force` (skillshop.json is then merged into, not replaced).
 *
 * @example
 * const plan = planAskImport('../old-skill', process.cwd());
 * if (!hasErrors(plan.problems)) writeAskImport(plan, process.cwd(), { force: false });
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { skillshopError } from '../errors';
import { formatJson, readJsonFile, writeFileAtomic } from '../files';
import { productFile } from '../isp/catalog';
import { PRODUCT_TYPES, type ProductDefinitionType } from '../isp/product-definition';
import { hasErrors, jsonPath, sortProblems, type Problem } from '../problems';
import { toSeedModel } from './from-interaction-model';
import { InteractionModelFileSchema, type InteractionModelFile } from './interaction-model';
import { localeProblems } from './read-model';
import { schemaProblems } from './schema-problems';

const modelCheck = TypeCompiler.Compile(InteractionModelFileSchema);
const SETTINGS_FILE = 'skillshop.json';

export interface PlannedFile {
  /** Target, relative to the project, with forward slashes. */
  file: string;
  content: string;
  /** Where it comes from, relative to the source folder. */
  from: string;
  notes: string[];
}

export interface ImportPlan {
  layout: 'ask-cli-v2' | 'ask-cli-v1';
  files: PlannedFile[];
  problems: Problem[];
}

interface Layout {
  layout: ImportPlan['layout'];
  modelsDir: string;
  ispsDir: string;
  manifestFile: string;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function jsonFiles(dir: string): string[] {
  if (!isDirectory(dir)) return [];
  return readdirSync(dir).filter((entry) => entry.endsWith('.json') && !entry.startsWith('.')).sort();
}

function detectLayout(source: string): Layout {
  if (!isDirectory(source)) {
    throw skillshopError('IMPORT_SOURCE_INVALID', `${source} is not a folder.`, { details: { source } });
  }
  for (const skillPackage of [join(source, 'skill-package'), source]) {
    const modelsDir = join(skillPackage, 'interactionModels', 'custom');
    if (jsonFiles(modelsDir).length > 0) {
      return { layout: 'ask-cli-v2', modelsDir, ispsDir: join(skillPackage, 'isps'), manifestFile: join(skillPackage, 'skill.json') };
    }
  }
  const modelsDir = join(source, 'models');
  if (jsonFiles(modelsDir).length > 0) {
    return { layout: 'ask-cli-v1', modelsDir, ispsDir: join(source, 'isps'), manifestFile: join(source, 'skill.json') };
  }
  throw skillshopError('IMPORT_SOURCE_INVALID',
    `No ASK CLI project in ${source}: expected skill-package/interactionModels/custom/<locale>.json (ASK CLI v2) or models/<locale>.json (ASK CLI v1).`,
    { details: { source } });
}

function allJsonFiles(dir: string): string[] {
  if (!isDirectory(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (isDirectory(path)) found.push(...allJsonFiles(path));
    else if (entry.endsWith('.json')) found.push(path);
  }
  return found;
}

function planModels(layout: Layout, source: string, problems: Problem[]): PlannedFile[] {
  const planned: PlannedFile[] = [];
  for (const entry of jsonFiles(layout.modelsDir)) {
    const path = join(layout.modelsDir, entry);
    const from = posix.normalize(relative(source, path).split('\\').join('/'));
    const locale = entry.slice(0, -'.json'.length);
    problems.push(...localeProblems(locale, from));
    const read = readJsonFile(path);
    if (!read.ok) {
      problems.push({ severity: 'error', file: from, path: '$', rule: 'import/invalid-json', message: read.message, fix: 'Fix the JSON syntax at the position shown.' });
      continue;
    }
    const found = schemaProblems(modelCheck, read.value, from, 'import');
    problems.push(...found);
    if (hasErrors(found)) continue;
    const { model, notes } = toSeedModel(read.value as InteractionModelFile);
    planned.push({ file: `models/${entry}`, content: formatJson(model), from, notes });
  }
  return planned;
}

function planProducts(layout: Layout, source: string, problems: Problem[]): PlannedFile[] {
  const planned: PlannedFile[] = [];
  const seen = new Map<string, string>();
  for (const path of allJsonFiles(layout.ispsDir)) {
    const from = relative(source, path).split('\\').join('/');
    const read = readJsonFile(path);
    if (!read.ok) {
      problems.push({ severity: 'error', file: from, path: '$', rule: 'import/invalid-json', message: read.message, fix: 'Fix the JSON syntax at the position shown.' });
      continue;
    }
    const product = read.value as { type?: unknown; referenceName?: unknown } | null;
    const type = product?.type;
    const referenceName = product?.referenceName;
    if (typeof type !== 'string' || !(PRODUCT_TYPES as readonly string[]).includes(type)) {
      problems.push({ severity: 'error', file: from, path: jsonPath('type'), rule: 'import/product', message: `Not an in-skill product: "type" must be one of ${PRODUCT_TYPES.join(', ')}.`, fix: 'Fix the file, or move it out of the isps folder.' });
      continue;
    }
    if (typeof referenceName !== 'string' || !/^[A-Za-z0-9_]{1,50}$/.test(referenceName)) {
      problems.push({ severity: 'error', file: from, path: jsonPath('referenceName'), rule: 'import/product', message: 'The product has no valid "referenceName" (letters, digits and underscores).', fix: 'Fix the referenceName.' });
      continue;
    }
    const earlier = seen.get(referenceName);
    if (earlier !== undefined) {
      problems.push({ severity: 'error', file: from, path: jsonPath('referenceName'), rule: 'import/product', message: `The referenceName "${referenceName}" is also used by ${earlier}.`, fix: 'Reference names are unique within a skill: rename or remove one.' });
      continue;
    }
    seen.set(referenceName, from);
    planned.push({ file: productFile(type as ProductDefinitionType, referenceName), content: read.text.endsWith('\n') ? read.text : `${read.text}\n`, from, notes: [] });
  }
  return planned;
}

function readSkillId(source: string, layout: Layout): string | undefined {
  if (layout.layout === 'ask-cli-v2') {
    const states = readJsonFile(join(source, '.ask', 'ask-states.json'));
    const profiles = states.ok ? (states.value as { profiles?: Record<string, { skillId?: unknown }> }).profiles : undefined;
    const ids = Object.entries(profiles ?? {}).sort(([a], [b]) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b))).map(([, profile]) => profile?.skillId);
    return ids.find((id): id is string => typeof id === 'string' && id.startsWith('amzn1.ask.skill.'));
  }
  const config = readJsonFile(join(source, '.ask', 'config'));
  const id = config.ok ? (config.value as { deploy_settings?: { default?: { skill_id?: unknown } } }).deploy_settings?.default?.skill_id : undefined;
  return typeof id === 'string' && id.startsWith('amzn1.ask.skill.') ? id : undefined;
}

/** The skill.json manifest as skillshop.json settings: endpoint apart, everything else as `manifest.alexa`. */
function settingsFromManifest(manifest: Record<string, unknown>, notes: string[]): Record<string, unknown> {
  const rest = structuredClone(manifest);
  delete rest.manifestVersion;
  const custom = ((rest.apis as Record<string, unknown> | undefined)?.custom ?? undefined) as Record<string, unknown> | undefined;
  const endpoint = custom?.endpoint as Record<string, unknown> | undefined;
  const settings: Record<string, unknown> = {};
  const manifestSettings: Record<string, unknown> = {};
  if (endpoint && custom) {
    const uri = endpoint.uri;
    if (typeof uri === 'string' && (uri.startsWith('https://') || uri.startsWith('arn:aws:lambda:'))) {
      settings.endpoint = uri;
      if (typeof endpoint.sslCertificateType === 'string') manifestSettings.sslCertificateType = endpoint.sslCertificateType;
      delete endpoint.uri;
      delete endpoint.sslCertificateType;
    } else if (uri !== undefined) {
      notes.push(`the endpoint ${JSON.stringify(uri)} is neither https nor a Lambda ARN: kept in manifest.alexa; set "endpoint" in skillshop.json`);
    }
    if ('sourceDir' in endpoint) {
      delete endpoint.sourceDir;
      notes.push('dropped the ASK CLI v1 endpoint.sourceDir (a deploy setting, not part of the manifest)');
    }
    if (Object.keys(endpoint).length === 0) delete custom.endpoint;
  }
  if (Object.keys(rest).length > 0) manifestSettings.alexa = rest;
  settings.manifest = manifestSettings;
  return settings;
}

function planSettings(source: string, target: string, layout: Layout, problems: Problem[]): PlannedFile | undefined {
  const notes: string[] = [];
  let settings: Record<string, unknown> = {};
  const from = relative(source, layout.manifestFile).split('\\').join('/');
  const read = readJsonFile(layout.manifestFile);
  if (read.ok) {
    const manifest = (read.value as { manifest?: unknown } | null)?.manifest;
    if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
      problems.push({ severity: 'error', file: from, path: jsonPath('manifest'), rule: 'import/manifest', message: 'skill.json has no "manifest" object.', fix: 'Fix skill.json, or remove it to import only the models and products.' });
      return undefined;
    }
    settings = settingsFromManifest(manifest as Record<string, unknown>, notes);
  } else if (!read.missing) {
    problems.push({ severity: 'error', file: from, path: '$', rule: 'import/invalid-json', message: read.message, fix: 'Fix the JSON syntax at the position shown.' });
    return undefined;
  }
  const skillId = readSkillId(source, layout);
  if (skillId !== undefined) settings = { skillId, ...settings };
  if (Object.keys(settings).length === 0) return undefined;
  const existing = readJsonFile(join(target, SETTINGS_FILE));
  const base = existing.ok && existing.value !== null && typeof existing.value === 'object' && !Array.isArray(existing.value) ? existing.value as Record<string, unknown> : {};
  return { file: SETTINGS_FILE, content: formatJson({ ...base, ...settings }), from: read.ok ? from : '.ask', notes: [`${Object.keys(settings).join(', ')}`, ...notes] };
}

/** Reads the ASK CLI project at `sourceDir` and plans what import writes into `targetDir`. */
export function planAskImport(sourceDir: string, targetDir: string): ImportPlan {
  const source = resolve(sourceDir);
  const layout = detectLayout(source);
  const problems: Problem[] = [];
  const files = [
    ...planModels(layout, source, problems),
    ...planProducts(layout, source, problems),
  ];
  const settings = planSettings(source, resolve(targetDir), layout, problems);
  if (settings) files.push(settings);
  return { layout: layout.layout, files, problems: sortProblems(problems) };
}

export interface WriteImportOptions {
  /** Overwrite existing files. */
  force?: boolean;
}

/** Writes a plan (each file atomically); throws IMPORT_SOURCE_INVALID or IMPORT_CONFLICT before writing anything. */
export function writeAskImport(plan: ImportPlan, targetDir: string, options: WriteImportOptions = {}): string[] {
  const errors = plan.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    throw skillshopError('IMPORT_SOURCE_INVALID', `The ASK CLI project has ${errors.length} error(s); nothing was imported.`, { details: { errors: errors.length } });
  }
  const target = resolve(targetDir);
  const existing = plan.files.map((planned) => planned.file).filter((file) => existsSync(join(target, file)));
  if (existing.length > 0 && !options.force) {
    throw skillshopError('IMPORT_CONFLICT', `These files exist already: ${existing.join(', ')}. Nothing was imported; pass --force to overwrite them.`, { details: { files: existing } });
  }
  for (const planned of plan.files) writeFileAtomic(join(target, planned.file), planned.content);
  return plan.files.map((planned) => planned.file);
}
