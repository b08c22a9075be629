/**
 * `skillshop certify` as a library call: every rule of the registry run against a project, the
 * findings turned into one report. Deterministic: the same project gives the same report.
 *
 * @example
 * import { certify } from 'skillshop/testing';
 * const report = await certify({ project: __dirname + '/..', locale: 'en-US' });
 * assert.equal(report.summary.fail, 0, JSON.stringify(report.checks.filter((c) => c.status === 'fail'), null, 2));
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { skillshopError } from '../errors';
import { loadCatalog, productName, type CatalogProduct } from '../isp/catalog';
import { ISP_LOCALES, isIspLocale } from '../isp/product-definition';
import { INTERACTION_MODELS_DIR, MODELS_DIR } from '../model/build-skill-package';
import { compileModel, type InteractionModelFile } from '../simulator/nlu';
import { loadSimulationProject, SIMULATOR_SKILL_ID } from '../simulator/project';
import type { App } from '../app/app';
import { Exploration } from './explore/explorer';
import type { IconFetch } from './icons';
import { readManifestView } from './manifest-view';
import { RULES } from './rules';
import { readCertifySettings } from './settings';
import type { CertifyContext, CertifyReport, Check, Finding, ModelLocale, Rule } from './types';

export interface CertifyOptions {
  /** The project folder; default the current directory. */
  project?: string;
  /** One ISP locale, or `all` (the default): every ISP locale the skill has. */
  locale?: string;
  /** Rule ids to run (or prefixes like `model.`); default every rule. */
  only?: readonly string[];
  /** Explore the skill at this URL (any Alexa skill that accepts unsigned requests) instead of the project's app/app.*. */
  endpoint?: string;
  /** Fetch the product icons and check they are PNG or JPEG images of 108×108 and 512×512 (a function: fetch with it). */
  checkIcons?: boolean | IconFetch;
  /** Explore this skillshop App in process instead of the project's app/app.* (tests of your own). */
  app?: App;
}

/** The rules `only` selects; throws CONFIG_INVALID for an id that names no rule. */
export function selectRules(only: readonly string[] | undefined): Rule[] {
  if (!only || only.length === 0) return [...RULES];
  const matches = (rule: Rule, id: string) => rule.id === id || (id.endsWith('.') || id.endsWith('*') ? rule.id.startsWith(id.replace(/\*$/, '')) : false);
  const unknown = only.filter((id) => !RULES.some((rule) => matches(rule, id)));
  if (unknown.length > 0) {
    throw skillshopError('CONFIG_INVALID', `certify: no rule ${unknown.map((id) => `"${id}"`).join(', ')}. Rules: ${RULES.map((rule) => rule.id).join(', ')} (a prefix like "model." selects a group).`);
  }
  return RULES.filter((rule) => only.some((id) => matches(rule, id)));
}

function selectedLocales(locale: string | undefined): readonly string[] {
  if (locale === undefined || locale === 'all') return ISP_LOCALES;
  if (!isIspLocale(locale)) throw skillshopError('CONFIG_INVALID', `certify: "${locale}" is not an in-skill purchasing locale; use all or one of ${ISP_LOCALES.join(', ')}.`);
  return [locale];
}

/** referenceName → the words the model lists under it (values whose id is the referenceName, with synonyms). */
function modelNames(model: InteractionModelFile, products: readonly CatalogProduct[]): Record<string, string[]> {
  const names: Record<string, string[]> = {};
  const references = new Set(products.map((product) => product.referenceName));
  for (const type of model.interactionModel.languageModel.types ?? []) {
    for (const value of type.values ?? []) {
      if (value.id === undefined || !references.has(value.id)) continue;
      (names[value.id] ??= []).push(value.name.value, ...(value.name.synonyms ?? []));
    }
  }
  return names;
}

function loadModels(dir: string, locales: readonly string[], products: CatalogProduct[]): { models: CertifyContext['models']; modelLocales: string[]; invocation?: string; skillId: string } {
  let project;
  try {
    project = loadSimulationProject(dir);
  } catch (error) {
    return { models: { error: `the language model cannot be read: ${(error as Error).message}` }, modelLocales: [], skillId: SIMULATOR_SKILL_ID };
  }
  const modelLocales = Object.keys(project.models).sort();
  const models: ModelLocale[] = [];
  for (const locale of modelLocales) {
    if (!isIspLocale(locale) || !locales.includes(locale)) continue;
    const model = project.models[locale]!;
    const file = existsSync(join(dir, MODELS_DIR, `${locale}.json`)) ? `${MODELS_DIR}/${locale}.json` : `${INTERACTION_MODELS_DIR}/${locale}.json`;
    models.push({
      locale, file,
      nlu: compileModel(model, { locale, skillId: project.skillId }),
      products: products.filter((product) => productName(product, locale) !== undefined),
      names: modelNames(model, products),
    });
  }
  const first = modelLocales[0];
  const invocation = first ? project.models[first]!.interactionModel.languageModel.invocationName : undefined;
  return { models, modelLocales, skillId: project.skillId, ...(invocation !== undefined ? { invocation } : {}) };
}

/** A rule's finding as a report line: guidance failures become warnings; the fix (or note) ends the evidence. */
function toCheck(rule: Rule, finding: Finding): Check {
  const status = finding.status === 'fail' && rule.guidance ? 'warn' : finding.status;
  const tail = finding.fix === undefined || status === 'pass' ? [] : [status === 'skipped' ? `note: ${finding.fix}` : `fix: ${finding.fix}`];
  return {
    id: rule.id,
    title: rule.title,
    status,
    ...(finding.locale !== undefined ? { locale: finding.locale } : {}),
    ...(finding.product !== undefined ? { product: finding.product } : {}),
    evidence: [...finding.evidence, ...tail],
    source: rule.source,
  };
}

export async function certify(options: CertifyOptions = {}): Promise<CertifyReport> {
  const dir = resolve(options.project ?? process.cwd());
  const rules = selectRules(options.only);
  const locales = selectedLocales(options.locale);
  const settings = readCertifySettings(dir);
  const { products } = loadCatalog(dir);
  const { models, modelLocales, invocation, skillId } = loadModels(dir, locales, products);
  const manifest = readManifestView(dir, modelLocales, products.length > 0);
  let started: Promise<Exploration | { unavailable: string }> | undefined;
  const context: CertifyContext = {
    dir, products, settings, manifest, models, locales,
    exploration: () => (started ??= startExploration(context, options)),
    ...(options.checkIcons ? { fetchIcon: typeof options.checkIcons === 'function' ? options.checkIcons : (url, init) => fetch(url, init) } : {}),
  };

  const checks: Check[] = [];
  try {
    for (const rule of rules) {
      for (const finding of await rule.run(context)) checks.push(toCheck(rule, finding));
    }
  } finally {
    const exploration = await started;
    if (exploration && !('unavailable' in exploration)) await exploration.close();
  }
  const summary = { pass: 0, fail: 0, warn: 0, skipped: 0 };
  for (const check of checks) summary[check.status] += 1;
  const name = manifest?.locales.find((entry) => entry.locale === 'en-US')?.name?.value ?? manifest?.locales.find((entry) => entry.name)?.name?.value ?? invocation ?? 'skill';
  return {
    skill: { name, skillId, locales: modelLocales.filter(isIspLocale), products: products.map((product) => product.referenceName) },
    checks,
    summary,
  };
}

async function startExploration(context: CertifyContext, options: CertifyOptions): Promise<Exploration | { unavailable: string }> {
  if ('error' in context.models) return { unavailable: `The skill cannot be explored: ${context.models.error}` };
  try {
    return await Exploration.start(context, { ...(options.endpoint ? { endpoint: options.endpoint } : {}), ...(options.app ? { app: options.app } : {}) });
  } catch (error) {
    return { unavailable: `The skill cannot be explored in the simulator: ${(error as Error)?.message ?? String(error)}` };
  }
}

/** 1 when anything fails (what the CLI exits with), else 0. */
export function exitCode(report: CertifyReport): number {
  return report.summary.fail > 0 ? 1 : 0;
}
