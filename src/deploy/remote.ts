/**
 * Reading both sides before a deploy, status or pull: the project's products (as Amazon gets them,
 * with their hashes) and Amazon's (the vendor's products, the skill's links, the definitions the
 * plan needs). Read-only at Amazon.
 */
import { skillshopError } from '../errors';
import { loadCatalog, type Catalog } from '../isp/catalog';
import { formatProblem, hasErrors } from '../problems';
import { amazonProductDefinition, productHash } from './hash';
import { matchProduct, needsRemoteDefinition, type LocalProduct } from './plan';
import type { ProductSummary, SmapiClient } from './smapi-client';
import type { ProductRecord } from './state';

export function localProducts(catalog: Catalog): LocalProduct[] {
  return catalog.products.map((product) => ({
    referenceName: product.referenceName,
    type: product.type,
    file: product.file,
    hash: productHash(product.definition),
    definition: amazonProductDefinition(product.definition),
  }));
}

/** The catalog, or ISP_PRODUCT_INVALID listing its errors (nothing is sent with a broken file). */
export function loadValidCatalog(projectDir: string): Catalog {
  const catalog = loadCatalog(projectDir);
  if (hasErrors(catalog.problems)) {
    const errors = catalog.problems.filter((problem) => problem.severity === 'error');
    throw skillshopError('ISP_PRODUCT_INVALID', `The product catalog has ${errors.length} error(s); nothing was sent:\n${errors.map(formatProblem).join('\n')}`);
  }
  return catalog;
}

export interface RemoteState {
  vendorProducts: ProductSummary[];
  remoteDefinitions: Record<string, { hash: string; eTag?: string; definition: Record<string, unknown> }>;
  linked?: ProductSummary[];
  liveLinked: string[];
}

export async function readRemote(params: {
  client: SmapiClient;
  vendorId: string;
  skillId: string | undefined;
  products: readonly LocalProduct[];
  recorded: Readonly<Record<string, ProductRecord>>;
  /** Fetch the definition of every matched product (status, pull), not only those the plan needs. */
  allDefinitions?: boolean;
  force?: boolean;
}): Promise<RemoteState> {
  const { client, skillId } = params;
  const vendorProducts = await client.listVendorProducts(params.vendorId, { stage: 'development' });
  const remoteDefinitions: RemoteState['remoteDefinitions'] = {};
  for (const local of params.products) {
    const match = matchProduct(local.referenceName, params.recorded, vendorProducts);
    if (!match) continue;
    const id = match.summary.productId;
    if (params.allDefinitions || needsRemoteDefinition(local, params.recorded[local.referenceName], id, params.force)) {
      const { definition, eTag } = await client.getProduct(id);
      remoteDefinitions[id] = { hash: productHash(definition), definition, ...(eTag ? { eTag } : {}) };
    }
  }
  if (!skillId) return { vendorProducts, remoteDefinitions, liveLinked: [] };
  const linked = (await client.listSkillProducts(skillId, 'development')) ?? [];
  let live: ProductSummary[] = [];
  try {
    live = (await client.listSkillProducts(skillId, 'live')) ?? [];
  } catch (error) {
    // A skill never published has no live stage: Amazon answers 404 (or 400/403) for it.
    const status = (error as { details?: { status?: number } }).details?.status;
    if (status !== 400 && status !== 403 && status !== 404) throw error;
  }
  return { vendorProducts, remoteDefinitions, linked, liveLinked: live.map((product) => product.productId) };
}
