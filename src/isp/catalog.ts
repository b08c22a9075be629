/**
 * The product catalog: every `platforms/alexaSkill/isps/<type>/<referenceName>.json` of a project,
 * read, checked and sorted. A file that cannot be read or does not have the product shape is
 * reported and left out; loading never throws for bad files, so one broken product does not hide
 * the others.
 *
 * Catalog rules on top of each file's own checks: reference names are unique, a file is named
 * after its referenceName, and it sits in the folder of its type. The ASK CLI (v1) used the same
 * layout, and deploy tools rely on it to find a product from its name.
 *
 * @example
 * const { products, problems } = loadCatalog(process.cwd());
 * for (const product of products) console.log(product.referenceName, productName(product, 'en-US'));
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import { readJsonFile, writeJsonAtomic } from '../files';
import { skillshopError } from '../errors';
import { formatProblem, sortProblems, type Problem } from '../problems';
import {
  isIspLocale,
  productJsonSchema,
  PRODUCT_TYPES,
  toAmazonDefinition,
  type InSkillProductDefinition,
  type IspLocale,
  type ProductDefinitionType,
} from './product-definition';
import { checkProduct, closestMatch } from './validate-product';

export const ISP_DIR = 'platforms/alexaSkill/isps';
/** The JSON Schema `isp add` keeps next to the products, so editors work offline. */
export const SCHEMA_FILE = `${ISP_DIR}/.schema/in-skill-product.schema.json`;
/** `$schema` as written in a product file: relative to `isps/<type>/`. */
export const SCHEMA_REFERENCE = '../.schema/in-skill-product.schema.json';

export type ProductFolder = 'entitlement' | 'subscription' | 'consumable';

export interface CatalogProduct {
  referenceName: string;
  type: ProductDefinitionType;
  /** Relative to the project, with forward slashes. */
  file: string;
  definition: InSkillProductDefinition;
}

export interface Catalog {
  /** Sorted by referenceName. */
  products: CatalogProduct[];
  /** Sorted by file, errors first. */
  problems: Problem[];
}

export function typeFolder(type: ProductDefinitionType): ProductFolder {
  return type.toLowerCase() as ProductFolder;
}

const FOLDERS = PRODUCT_TYPES.map(typeFolder);

/** Where a product's file belongs, relative to the project. */
export function productFile(type: ProductDefinitionType, referenceName: string): string {
  return posix.join(ISP_DIR, typeFolder(type), `${referenceName}.json`);
}

/** Reads every product of the project. A missing isps folder is an empty catalog, not an error. */
export function loadCatalog(projectDir: string): Catalog {
  const problems: Problem[] = [];
  const products: CatalogProduct[] = [];
  const byName = new Map<string, string>();
  for (const { file, folder } of productFiles(projectDir, problems)) {
    const read = readJsonFile(join(projectDir, file));
    if (!read.ok) {
      problems.push({
        severity: 'error', file, path: '$', rule: 'isp/json', message: read.message,
        fix: read.line === undefined ? 'Check that the file is readable.' : `Fix the JSON at line ${read.line}, column ${read.column} (often a missing comma or quote, or a trailing comma).`,
      });
      continue;
    }
    const { definition, problems: found } = checkProduct(read.value, file);
    problems.push(...found);
    if (!definition) continue;
    const { referenceName, type } = definition;
    if (folder !== typeFolder(type)) {
      problems.push({
        severity: 'error', file, path: '$.type', rule: 'catalog/folder',
        message: `a ${type} belongs in ${typeFolder(type)}/, not ${folder}/`,
        fix: `Move the file to ${productFile(type, referenceName)}, or change "type".`,
      });
    }
    const stem = basename(file, '.json');
    if (stem !== referenceName) {
      problems.push({
        severity: 'error', file, path: '$.referenceName', rule: 'catalog/file-name',
        message: `the file is named ${stem}.json but the referenceName is "${referenceName}"`,
        fix: `Rename the file to ${referenceName}.json, or set "referenceName": "${stem}".`,
      });
    }
    const first = byName.get(referenceName);
    if (first) {
      problems.push({
        severity: 'error', file, path: '$.referenceName', rule: 'catalog/duplicate',
        message: `referenceName "${referenceName}" is already used by ${first}; this file is ignored`,
        fix: 'Reference names are unique within a skill: rename one of the products (and its file).',
      });
      continue;
    }
    byName.set(referenceName, file);
    products.push({ referenceName, type, file, definition });
  }
  products.sort((a, b) => (a.referenceName < b.referenceName ? -1 : a.referenceName > b.referenceName ? 1 : 0));
  return { products, problems: sortProblems(problems) };
}

/** The product files in type folders, plus an error for each JSON file anywhere else. Sorted. */
function productFiles(projectDir: string, problems: Problem[]): { file: string; folder: string }[] {
  const root = join(projectDir, ISP_DIR);
  const entries = listDir(root);
  if (entries === 'missing') return [];
  if (entries === 'not-a-folder') {
    problems.push({ severity: 'error', file: ISP_DIR, path: '$', rule: 'catalog/folder', message: 'is a file, not a folder', fix: `Move the file away; ${ISP_DIR}/ holds one folder per product type.` });
    return [];
  }
  const files: { file: string; folder: string }[] = [];
  const misplaced = (file: string) => problems.push({
    severity: 'error', file, path: '$', rule: 'catalog/folder',
    message: `not in a product type folder, so it is not loaded`,
    fix: `Move it to ${ISP_DIR}/<${FOLDERS.join('|')}>/<referenceName>.json.`,
  });
  for (const entry of entries) {
    if (entry.startsWith('.')) continue; // .schema/, editor and temporary files
    const path = posix.join(ISP_DIR, entry);
    const inside = listDir(join(root, entry));
    if (inside === 'not-a-folder') {
      if (entry.endsWith('.json')) misplaced(path);
      continue;
    }
    if (inside === 'missing') continue;
    for (const name of inside) {
      if (name.startsWith('.') || !name.endsWith('.json')) continue;
      if (!isFile(join(root, entry, name))) continue;
      if ((FOLDERS as string[]).includes(entry)) files.push({ file: posix.join(path, name), folder: entry });
      else misplaced(posix.join(path, name));
    }
  }
  return files;
}

function listDir(dir: string): string[] | 'missing' | 'not-a-folder' {
  try {
    return readdirSync(dir).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') return 'not-a-folder';
    throw error;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The product's name in exactly this locale; undefined when the product is not published there. */
export function productName(product: CatalogProduct, locale: string): string | undefined {
  if (!isIspLocale(locale)) return undefined;
  return product.definition.publishingInformation.locales[locale]?.name;
}

/** The locales the product is published in, in the file's order. */
export function productLocales(product: CatalogProduct): IspLocale[] {
  return Object.keys(product.definition.publishingInformation.locales).filter(isIspLocale);
}

/** The name to show in one-line listings: en-US when there is one, else the first locale's. */
export function defaultProductName(product: CatalogProduct): string {
  const locale = productLocales(product).includes('en-US') ? 'en-US' : productLocales(product)[0];
  return (locale && productName(product, locale)) ?? product.referenceName;
}

export interface WriteProductOptions {
  /** Replace a product with the same referenceName (in whichever type folder it is). */
  force?: boolean;
}

/**
 * Writes a new product file (and the JSON Schema editors use) atomically; returns the file,
 * relative to the project. Refuses an invalid definition, and an existing product unless `force`.
 */
export function writeProduct(projectDir: string, definition: InSkillProductDefinition, options: WriteProductOptions = {}): string {
  const file = productFile(definition.type, definition.referenceName);
  const { problems } = checkProduct(definition, file);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    throw skillshopError('ISP_PRODUCT_INVALID', `The product definition has ${errors.length} error(s):\n${errors.map(formatProblem).join('\n')}`);
  }
  const existing = existingFiles(projectDir, definition.referenceName);
  if (existing.length > 0 && !options.force) {
    throw skillshopError('ISP_PRODUCT_EXISTS', `Product "${definition.referenceName}" already exists: ${existing.join(', ')}. Choose another reference name, or pass --force to replace it.`, {
      details: { referenceName: definition.referenceName, files: existing },
    });
  }
  writeJsonAtomic(join(projectDir, SCHEMA_FILE), productJsonSchema());
  writeJsonAtomic(join(projectDir, file), { $schema: SCHEMA_REFERENCE, ...toAmazonDefinition(definition) });
  for (const old of existing) if (old !== file) rmSync(join(projectDir, old), { force: true });
  return file;
}

/** Deletes the product's file(s); returns them. Throws ISP_PRODUCT_UNKNOWN when there is none. */
export function removeProduct(projectDir: string, referenceName: string): string[] {
  const files = existingFiles(projectDir, referenceName);
  if (files.length === 0) {
    const known = loadCatalog(projectDir).products.map((product) => product.referenceName);
    const hint = closestMatch(referenceName, known);
    const help = hint ? ` Did you mean "${hint}"?` : known.length > 0 ? ` Products: ${known.join(', ')}.` : ' The catalog is empty.';
    throw skillshopError('ISP_PRODUCT_UNKNOWN', `No product "${referenceName}" in ${ISP_DIR}.${help}`, { details: { referenceName } });
  }
  for (const file of files) rmSync(join(projectDir, file), { force: true });
  return files;
}

/** Files holding this product: the catalog's entry, and any `<type>/<referenceName>.json` (even a broken one). */
function existingFiles(projectDir: string, referenceName: string): string[] {
  const files = new Set<string>();
  for (const type of PRODUCT_TYPES) {
    const file = productFile(type, referenceName);
    if (isFile(join(projectDir, file))) files.add(file);
  }
  for (const product of loadCatalog(projectDir).products) if (product.referenceName === referenceName) files.add(product.file);
  return [...files].sort();
}
