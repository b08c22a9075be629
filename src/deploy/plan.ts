/**
 * The deploy plan: what is local, what skillshop recorded, and what Amazon has, turned into one
 * action per resource. Pure: no I/O, the same input always gives the same plan; `--dry-run`
 * prints it and the executor carries it out.
 *
 * Rules:
 * - a product is matched by its recorded id, else by its referenceName among the vendor's
 *   products (unique per vendor: a product created by an interrupted deploy, or in the console,
 *   is adopted, never duplicated);
 * - unchanged content (hash of what Amazon gets) is skipped; an update carries the ETag recorded
 *   at the last deploy as If-Match, so a change made in the console since is refused (412), not
 *   overwritten (`force` takes Amazon's current ETag instead);
 * - a live product (in certification, published, suppressed or not editable) is never changed;
 * - products linked to the skill but gone locally are reported, and unlinked only with `prune`;
 *   a product linked to the live skill is never unlinked.
 */
import type { ProductRecord } from './state';
import type { ProductSummary } from './smapi-client';

export interface LocalProduct {
  referenceName: string;
  type: string;
  /** Relative to the project. */
  file: string;
  hash: string;
  /** As Amazon gets it ($schema removed). */
  definition: Record<string, unknown>;
}

export interface PlanInput {
  /** Absent for `skillshop isp deploy` (products only). */
  skillPackage?: { hash: string; recordedHash?: string };
  skillId?: string;
  /** Whether the skill is enabled for testing; unknown for a skill to create. */
  enabled?: boolean;
  products: readonly LocalProduct[];
  recorded: Readonly<Record<string, ProductRecord>>;
  /** The vendor's products (development stage). */
  vendorProducts: readonly ProductSummary[];
  /** Amazon's current definition hash and ETag, for the products the plan needs them for. */
  remoteDefinitions: Readonly<Record<string, { hash: string; eTag?: string }>>;
  /** Products linked to the skill's development stage; undefined when there is no skill yet. */
  linked?: readonly ProductSummary[];
  /** Product ids linked to the skill's live stage. */
  liveLinked: readonly string[];
  prune?: boolean;
  force?: boolean;
}

export type SkillPackageAction = { kind: 'skill-package'; action: 'create' | 'update' | 'unchanged'; hash: string; skillId?: string };
export type ProductAction = {
  kind: 'product';
  action: 'create' | 'update' | 'unchanged' | 'skip-live';
  referenceName: string;
  file: string;
  hash: string;
  productId?: string;
  /** If-Match for an update. */
  eTag?: string;
  /** Amazon's status (INCOMPLETE, COMPLETE, PUBLISHED, …) when known. */
  status?: string;
  /** Found at Amazon by referenceName, not in the state file. */
  adopted?: boolean;
  /** For unchanged products not recorded yet: what to record. */
  record?: ProductRecord;
  reason?: string;
};
export type LinkAction = {
  kind: 'link';
  action: 'link' | 'unlink' | 'orphan' | 'skip-live';
  referenceName: string;
  productId?: string;
  file?: string;
  reason?: string;
};
export type EnablementAction = { kind: 'enablement'; action: 'enable' | 'unchanged' };
export type PlanAction = SkillPackageAction | ProductAction | LinkAction | EnablementAction;

const LOCKED_STATUSES = new Set(['CERTIFICATION', 'PUBLISHED', 'SUPPRESSED']);

/** A product Amazon (or certification) holds: skillshop never changes it. */
export function isLiveProduct(summary: ProductSummary | undefined): boolean {
  if (!summary) return false;
  return LOCKED_STATUSES.has(summary.status ?? '') || summary.editableState === 'NOT_EDITABLE';
}

/** The product id a local product maps to at Amazon (recorded, else by referenceName). */
export function matchProduct(
  referenceName: string,
  recorded: Readonly<Record<string, ProductRecord>>,
  vendorProducts: readonly ProductSummary[],
): { summary: ProductSummary; adopted: boolean } | undefined {
  const id = recorded[referenceName]?.productId;
  const byId = id === undefined ? undefined : vendorProducts.find((product) => product.productId === id);
  if (byId) return { summary: byId, adopted: false };
  const byName = vendorProducts.find((product) => product.referenceName === referenceName);
  return byName ? { summary: byName, adopted: true } : undefined;
}

/** Whether the plan needs Amazon's current definition of this product to decide. */
export function needsRemoteDefinition(local: LocalProduct, recorded: ProductRecord | undefined, productId: string, force = false): boolean {
  return force || !(recorded && recorded.productId === productId && recorded.hash === local.hash);
}

export function planDeploy(input: PlanInput): PlanAction[] {
  const actions: PlanAction[] = [];
  if (input.skillPackage) {
    const { hash, recordedHash } = input.skillPackage;
    const action = !input.skillId ? 'create' : recordedHash === hash ? 'unchanged' : 'update';
    actions.push({ kind: 'skill-package', action, hash, ...(input.skillId ? { skillId: input.skillId } : {}) });
  }

  const localIds = new Map<string, LocalProduct>();
  const productActions: ProductAction[] = [];
  for (const local of input.products) {
    const base = { kind: 'product' as const, referenceName: local.referenceName, file: local.file, hash: local.hash };
    const match = matchProduct(local.referenceName, input.recorded, input.vendorProducts);
    if (!match) {
      const gone = input.recorded[local.referenceName]?.productId;
      productActions.push({ ...base, action: 'create', ...(gone ? { reason: `recorded product ${gone} is not at Amazon any more` } : {}) });
      continue;
    }
    const { summary, adopted } = match;
    const productId = summary.productId;
    localIds.set(productId, local);
    const known = { productId, ...(summary.status ? { status: summary.status } : {}), ...(adopted ? { adopted } : {}) };
    const record = input.recorded[local.referenceName];
    const recordedSame = record?.productId === productId ? record : undefined;
    const remote = input.remoteDefinitions[productId];
    if (recordedSame && recordedSame.hash === local.hash && !(input.force && remote && remote.hash !== local.hash)) {
      productActions.push({ ...base, ...known, action: 'unchanged' });
    } else if (remote && remote.hash === local.hash) {
      productActions.push({ ...base, ...known, action: 'unchanged', record: { productId, hash: local.hash, ...(remote.eTag ? { eTag: remote.eTag } : {}) } });
    } else if (isLiveProduct(summary)) {
      productActions.push({ ...base, ...known, action: 'skip-live', reason: `${summary.status ?? 'not editable'} at Amazon: skillshop never changes a live product; change it in the developer console` });
    } else {
      const eTag = input.force ? remote?.eTag : (recordedSame?.eTag ?? remote?.eTag);
      productActions.push({ ...base, ...known, action: 'update', ...(eTag ? { eTag } : {}) });
    }
  }
  actions.push(...productActions);

  const linkedIds = new Set((input.linked ?? []).map((product) => product.productId));
  const live = new Set(input.liveLinked);
  for (const action of productActions) {
    if (action.productId && linkedIds.has(action.productId)) continue;
    actions.push({ kind: 'link', action: 'link', referenceName: action.referenceName, file: action.file, ...(action.productId ? { productId: action.productId } : {}) });
  }
  const localNames = new Set(input.products.map((product) => product.referenceName));
  for (const linked of input.linked ?? []) {
    if (localIds.has(linked.productId) || localNames.has(linked.referenceName)) continue;
    const base = { kind: 'link' as const, referenceName: linked.referenceName, productId: linked.productId };
    if (live.has(linked.productId)) actions.push({ ...base, action: 'skip-live', reason: 'linked to the live skill: left alone' });
    else if (input.prune) actions.push({ ...base, action: 'unlink', reason: 'no file in the project' });
    else actions.push({ ...base, action: 'orphan', reason: 'linked at Amazon but no file in the project: `--prune` unlinks it, `skillshop isp pull` makes it a file' });
  }

  if (input.skillPackage) actions.push({ kind: 'enablement', action: input.skillId && input.enabled ? 'unchanged' : 'enable' });
  return actions;
}
