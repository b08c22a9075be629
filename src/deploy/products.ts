/**
 * The product side of Amazon, beyond deploy: `isp status` (each local file against Amazon),
 * `isp pull` (Amazon's definitions into local files, for products made or changed in the
 * developer console) and `isp reset` (the developer's own test purchases).
 *
 * @example
 * const { products } = await productStatus({ projectDir, client, profile, vendorId });
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { skillshopError } from '../errors';
import { formatJson, readJsonFile, writeJsonAtomic } from '../files';
import { loadCatalog, productFile, SCHEMA_FILE, SCHEMA_REFERENCE } from '../isp/catalog';
import { productJsonSchema, PRODUCT_TYPES, type ProductDefinitionType } from '../isp/product-definition';
import { closestMatch, validateProduct } from '../isp/validate-product';
import type { Problem } from '../problems';
import { productHash } from './hash';
import { isLiveProduct, matchProduct } from './plan';
import { localProducts, readRemote } from './remote';
import type { ProductSummary, SmapiClient } from './smapi-client';
import { DeployState } from './state';

export interface ProductsOptions {
  projectDir: string;
  client: SmapiClient;
  profile: string;
  vendorId: string;
}

export interface ProductStatus {
  referenceName: string;
  /** The local file; absent for a product only at Amazon. */
  file?: string;
  type?: string;
  /** Absent when the product is not at Amazon. */
  productId?: string;
  /** INCOMPLETE | COMPLETE | CERTIFICATION | PUBLISHED | SUPPRESSED */
  status?: string;
  linked: boolean;
  live: boolean;
  /** The file's content differs from Amazon's; null when one side is missing. */
  differs: boolean | null;
  /** Amazon's ETag is not the one recorded at the last deploy (changed in the console?). */
  changedAtAmazon: boolean;
}

export interface StatusResult {
  profile: string;
  skillId?: string;
  products: ProductStatus[];
}

export async function productStatus(options: ProductsOptions): Promise<StatusResult> {
  const { projectDir, client, vendorId, profile } = options;
  const catalog = loadCatalog(projectDir);
  const local = localProducts(catalog);
  const state = DeployState.load(projectDir, profile);
  const skillId = state.skillId;
  const recorded = state.products();
  const remote = await readRemote({ client, vendorId, skillId, products: local, recorded, allDefinitions: true });
  const linked = new Set((remote.linked ?? []).map((product) => product.productId));
  const products: ProductStatus[] = [];
  const seen = new Set<string>();
  for (const product of local) {
    const match = matchProduct(product.referenceName, recorded, remote.vendorProducts);
    const summary = match?.summary;
    const definition = summary ? remote.remoteDefinitions[summary.productId] : undefined;
    const record = recorded[product.referenceName];
    if (summary) seen.add(summary.productId);
    products.push({
      referenceName: product.referenceName,
      file: product.file,
      type: product.type,
      ...(summary ? { productId: summary.productId, ...(summary.status ? { status: summary.status } : {}) } : {}),
      linked: summary ? linked.has(summary.productId) : false,
      live: isLiveProduct(summary),
      differs: definition ? definition.hash !== product.hash : null,
      changedAtAmazon: Boolean(definition && record?.productId === summary?.productId && record?.eTag && definition.eTag && record.eTag !== definition.eTag),
    });
  }
  const onlyRemote = new Map<string, ProductSummary>();
  for (const summary of remote.linked ?? []) onlyRemote.set(summary.productId, summary);
  for (const record of Object.values(recorded)) {
    const summary = remote.vendorProducts.find((product) => product.productId === record.productId);
    if (summary) onlyRemote.set(summary.productId, summary);
  }
  for (const summary of onlyRemote.values()) {
    if (seen.has(summary.productId)) continue;
    products.push({
      referenceName: summary.referenceName,
      ...(summary.type ? { type: summary.type } : {}),
      productId: summary.productId,
      ...(summary.status ? { status: summary.status } : {}),
      linked: linked.has(summary.productId),
      live: isLiveProduct(summary),
      differs: null,
      changedAtAmazon: false,
    });
  }
  products.sort((a, b) => (a.referenceName < b.referenceName ? -1 : a.referenceName > b.referenceName ? 1 : 0));
  return { profile, ...(skillId ? { skillId } : {}), products };
}

export interface PulledProduct {
  referenceName: string;
  productId: string;
  file: string;
  outcome: 'created' | 'updated' | 'unchanged';
  /** What skillshop's checks say about Amazon's definition (it is written anyway). */
  problems: Problem[];
}

/**
 * Writes Amazon's development definitions into the product files and records them as deployed
 * (so the next deploy sends nothing for them). Without names: every product linked to the skill,
 * and every local product Amazon has.
 */
export async function pullProducts(options: ProductsOptions & { referenceNames?: readonly string[] }): Promise<PulledProduct[]> {
  const { projectDir, client, vendorId, profile } = options;
  const catalog = loadCatalog(projectDir);
  const state = DeployState.load(projectDir, profile);
  const recorded = state.products();
  const vendorProducts = await client.listVendorProducts(vendorId, { stage: 'development' });
  const wanted = new Map<string, ProductSummary>();
  if (options.referenceNames && options.referenceNames.length > 0) {
    for (const name of options.referenceNames) {
      const match = matchProduct(name, recorded, vendorProducts);
      if (!match) {
        const hint = closestMatch(name, vendorProducts.map((product) => product.referenceName));
        throw skillshopError('ISP_PRODUCT_UNKNOWN', `Amazon has no product "${name}" for this vendor.${hint ? ` Did you mean "${hint}"?` : ''}`, { details: { referenceName: name } });
      }
      wanted.set(match.summary.productId, match.summary);
    }
  } else {
    const skillId = state.skillId;
    for (const summary of (skillId ? await client.listSkillProducts(skillId, 'development') : undefined) ?? []) wanted.set(summary.productId, summary);
    for (const product of catalog.products) {
      const match = matchProduct(product.referenceName, recorded, vendorProducts);
      if (match) wanted.set(match.summary.productId, match.summary);
    }
  }
  const pulled: PulledProduct[] = [];
  for (const summary of wanted.values()) {
    const { definition, eTag } = await client.getProduct(summary.productId);
    const referenceName = typeof definition.referenceName === 'string' ? definition.referenceName : summary.referenceName;
    const type = (PRODUCT_TYPES as readonly string[]).includes(String(definition.type)) ? (definition.type as ProductDefinitionType) : undefined;
    const existing = catalog.products.find((product) => product.referenceName === referenceName);
    const file = existing?.file ?? (type ? productFile(type, referenceName) : `platforms/alexaSkill/isps/${String(definition.type ?? 'unknown').toLowerCase()}/${referenceName}.json`);
    const hash = productHash(definition);
    let outcome: PulledProduct['outcome'] = existing ? 'updated' : 'created';
    const current = readJsonFile(join(projectDir, file));
    if (current.ok && current.value !== null && typeof current.value === 'object' && !Array.isArray(current.value) && productHash(current.value as Record<string, unknown>) === hash) {
      outcome = 'unchanged';
    } else {
      const schema = current.ok && typeof (current.value as { $schema?: unknown }).$schema === 'string' ? (current.value as { $schema: string }).$schema : SCHEMA_REFERENCE;
      if (schema === SCHEMA_REFERENCE && !existsSync(join(projectDir, SCHEMA_FILE))) writeJsonAtomic(join(projectDir, SCHEMA_FILE), productJsonSchema());
      const content = { $schema: schema, ...definition };
      if (!current.ok || formatJson(content) !== current.text) writeJsonAtomic(join(projectDir, file), content);
    }
    state.setProduct(referenceName, { productId: summary.productId, hash, ...(eTag ? { eTag } : {}) });
    pulled.push({ referenceName, productId: summary.productId, file, outcome, problems: validateProduct(definition, file) });
  }
  return pulled.sort((a, b) => (a.referenceName < b.referenceName ? -1 : 1));
}

export interface ResetProduct {
  referenceName: string;
  productId: string;
}

/** Resets the caller's own test purchases of the named products (all local products without names). */
export async function resetTestPurchases(options: ProductsOptions & { referenceNames?: readonly string[] }): Promise<ResetProduct[]> {
  const { projectDir, client, vendorId, profile } = options;
  const catalog = loadCatalog(projectDir);
  const state = DeployState.load(projectDir, profile);
  const recorded = state.products();
  const vendorProducts = await client.listVendorProducts(vendorId, { stage: 'development' });
  const names = options.referenceNames && options.referenceNames.length > 0 ? [...options.referenceNames] : catalog.products.map((product) => product.referenceName);
  const targets: ResetProduct[] = [];
  for (const name of names) {
    const match = matchProduct(name, recorded, vendorProducts);
    if (!match) {
      const known = [...new Set([...catalog.products.map((product) => product.referenceName), ...vendorProducts.map((product) => product.referenceName)])];
      const hint = closestMatch(name, known);
      throw skillshopError('ISP_PRODUCT_UNKNOWN', `No product "${name}" at Amazon for this vendor${hint ? ` (did you mean "${hint}"?)` : ''}: deploy it first (skillshop deploy).`, { details: { referenceName: name } });
    }
    targets.push({ referenceName: name, productId: match.summary.productId });
  }
  for (const target of targets) await client.resetEntitlement(target.productId, target.referenceName);
  return targets;
}
