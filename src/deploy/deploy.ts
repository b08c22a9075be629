/**
 * `skillshop deploy` as a library call: build, then the skill package (upload + import, creating
 * the skill on the first deploy), then the products (create or update with If-Match, link), then
 * enable the skill for testing. Every finished step is recorded at once in .skillshop/state.json,
 * so a deploy interrupted anywhere can be run again and converges: no second skill, no second
 * product. `dryRun` reads Amazon, returns the plan, and changes nothing anywhere.
 *
 * @example
 * const credentials = Credentials.resolve({ profile: 'default' });
 * const result = await deploy({ projectDir, client: new SmapiClient({ credentials }), profile: credentials.profile, vendorId: credentials.vendorId });
 */
import { skillshopError, type SkillshopError } from '../errors';
import { buildSkillPackage, writeSkillPackage } from '../model/build-skill-package';
import { formatProblem, hasErrors, type Problem } from '../problems';
import type { DeployEventHandler } from './events';
import { importSkillPackage, waitForImport } from './import-package';
import { planDeploy, type PlanAction, type ProductAction } from './plan';
import { loadValidCatalog, localProducts, readRemote } from './remote';
import { collectSkillPackage } from './skill-package';
import { formatViolations, type SmapiErrorDetails } from './smapi-errors';
import type { SmapiClient } from './smapi-client';
import { DeployState } from './state';

export interface DeployOptions {
  projectDir: string;
  client: SmapiClient;
  /** The ASK profile: the key of the state file's entry. */
  profile: string;
  vendorId: string;
  /** Read Amazon and plan; change nothing. */
  dryRun?: boolean;
  /** Unlink products linked at Amazon that have no file any more. */
  prune?: boolean;
  /** Overwrite products changed at Amazon since the last deploy (no 412). */
  force?: boolean;
  /** false: products only (`skillshop isp deploy`): no build, no package, no enablement. */
  skillPackage?: boolean;
  onEvent?: DeployEventHandler;
}

export interface DeployResult {
  profile: string;
  vendorId: string;
  skillId?: string;
  dryRun: boolean;
  /** The plan; after a deploy, creates carry the new product ids. */
  actions: PlanAction[];
  problems: Problem[];
}

export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const { projectDir, client, vendorId, profile } = options;
  const dryRun = Boolean(options.dryRun);
  const withPackage = options.skillPackage !== false;
  const onEvent = options.onEvent ?? (() => {});

  // 1. Local: build (written unless dry-run), catalog, package.
  const catalog = loadValidCatalog(projectDir);
  let problems: Problem[] = [];
  let pkg: ReturnType<typeof collectSkillPackage> | undefined;
  if (withPackage) {
    const built = buildSkillPackage(projectDir, { catalog });
    problems = built.problems;
    if (hasErrors(built.problems)) {
      const errors = built.problems.filter((problem) => problem.severity === 'error');
      throw skillshopError('BUILD_FAILED', `The build found ${errors.length} error(s); nothing was deployed:\n${errors.map(formatProblem).join('\n')}`);
    }
    const written = dryRun ? [] : writeSkillPackage(projectDir, built);
    onEvent({ type: 'build', locales: built.locales, problems: built.problems, written });
    pkg = collectSkillPackage(projectDir, dryRun ? built.files : []);
  }
  const products = localProducts(catalog);
  const state = DeployState.load(projectDir, profile);
  if (!dryRun) state.setVendorId(vendorId);

  // 2. A skill created by an import we did not see finish.
  let skillId = state.skillId;
  if (withPackage && state.pendingImportId) skillId = await resumeImport(client, state, skillId, dryRun, onEvent);
  if (skillId) {
    const from = state.skillIdFrom();
    if (from?.source === 'skillshop.json') onEvent({ type: 'note', message: `Deploying to the skill in skillshop.json (${skillId}): nothing recorded for profile "${profile}" yet.` });
  }

  // 3. Amazon's side, and the plan.
  const remote = await readRemote({ client, vendorId, skillId, products, recorded: state.products(), ...(options.force ? { force: true } : {}) });
  const enabled = withPackage && skillId ? await client.isEnabled(skillId) : undefined;
  const actions = planDeploy({
    ...(pkg ? { skillPackage: { hash: pkg.hash, ...(state.skillPackageHash ? { recordedHash: state.skillPackageHash } : {}) } } : {}),
    ...(skillId ? { skillId } : {}),
    ...(enabled !== undefined ? { enabled } : {}),
    products,
    recorded: state.products(),
    vendorProducts: remote.vendorProducts,
    remoteDefinitions: remote.remoteDefinitions,
    ...(remote.linked ? { linked: remote.linked } : {}),
    liveLinked: remote.liveLinked,
    prune: Boolean(options.prune),
    force: Boolean(options.force),
  });
  onEvent({ type: 'plan', actions });
  const result: DeployResult = { profile, vendorId, ...(skillId ? { skillId } : {}), dryRun, actions, problems };
  if (dryRun) return result;

  // 4. Carry it out.
  const failures: { error: SkillshopError; lines: string[] }[] = [];
  const byName = new Map(products.map((product) => [product.referenceName, product]));
  for (const action of actions) {
    if (action.kind === 'skill-package') {
      if (action.action === 'unchanged') continue;
      skillId = await importSkillPackage({ client, state, pkg: pkg!, skillId, vendorId, onEvent });
      result.skillId = skillId;
      onEvent({ type: 'done', action });
    } else if (action.kind === 'product') {
      await applyProduct(client, state, action, byName.get(action.referenceName)!.definition, vendorId, onEvent, failures);
    } else if (action.kind === 'link') {
      if (action.action === 'orphan' || action.action === 'skip-live') {
        onEvent({ type: 'note', message: `${action.referenceName} (${action.productId}): ${action.reason}` });
        continue;
      }
      const productId = action.productId ?? state.product(action.referenceName)?.productId;
      if (!productId) continue; // its create failed, reported above
      if (!skillId) {
        onEvent({ type: 'note', message: `${action.referenceName} is not linked: there is no skill yet. Run skillshop deploy to create it (and link the products).` });
        continue;
      }
      await guarded(failures, action, onEvent, async () => {
        if (action.action === 'link') await client.associate(productId, skillId!, `${action.referenceName} (${action.file})`);
        else await client.disassociate(productId, skillId!, action.referenceName);
        action.productId = productId;
        onEvent({ type: 'done', action });
      });
    } else if (action.kind === 'enablement' && action.action === 'enable' && skillId) {
      await client.enable(skillId);
      onEvent({ type: 'done', action });
    }
  }
  if (failures.length > 0) {
    const lines = failures.flatMap((failure) => failure.lines);
    throw skillshopError(failures[0]!.error.code === 'SKILLSHOP_DEPLOY_CONFLICT' ? 'DEPLOY_CONFLICT' : 'DEPLOY_REJECTED',
      `${failures.length} product change(s) failed; everything else was deployed:\n${lines.join('\n')}`,
      { details: { failures: failures.map((failure) => failure.error.toJSON()) } });
  }
  return result;
}

async function resumeImport(client: SmapiClient, state: DeployState, skillId: string | undefined, dryRun: boolean, onEvent: DeployEventHandler): Promise<string | undefined> {
  const importId = state.pendingImportId!;
  let status;
  try {
    status = dryRun ? await client.getImportStatus(importId) : await waitForImport(client, importId, () => {});
  } catch (error) {
    if ((error as { details?: { status?: number } }).details?.status !== 404) throw error;
    if (!dryRun) state.setSkillPackage({ pendingImportId: undefined });
    return skillId;
  }
  const found = status.skill?.skillId;
  if (found && !skillId) {
    onEvent({ type: 'note', message: `Found the skill ${found} that an interrupted deploy created; updating it.` });
    if (!dryRun) state.setSkillId(found);
    skillId = found;
  }
  if (!dryRun) state.setSkillPackage({ pendingImportId: undefined });
  return skillId;
}

/** Runs one product change; Amazon refusing it (violations, 412) is collected, anything else stops the deploy. */
async function guarded(failures: { error: SkillshopError; lines: string[] }[], action: PlanAction, onEvent: DeployEventHandler, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const code = (error as SkillshopError).code;
    if (code !== 'SKILLSHOP_DEPLOY_REJECTED' && code !== 'SKILLSHOP_DEPLOY_CONFLICT') throw error;
    const lines = failureLines(action, error as SkillshopError);
    failures.push({ error: error as SkillshopError, lines });
    onEvent({ type: 'failed', action, message: lines.join('\n') });
  }
}

function failureLines(action: PlanAction, error: SkillshopError): string[] {
  const details = error.details as Partial<SmapiErrorDetails>;
  const file = 'file' in action ? action.file : undefined;
  const name = 'referenceName' in action ? action.referenceName : '';
  if (error.code === 'SKILLSHOP_DEPLOY_CONFLICT') {
    return [`${file}: ${name} changed at Amazon since skillshop last deployed it (someone edited it in the developer console?). ` +
      `\`skillshop isp pull ${name}\` takes Amazon's version into the file (then re-apply your change and deploy again), or \`skillshop deploy --force\` overwrites Amazon's.`];
  }
  const violations = details.violations ?? [];
  const verb = action.kind === 'link' ? `${action.action} ${name}` : `${'action' in action ? action.action : ''} ${name}`;
  const head = `${file ?? name}: Amazon refused to ${verb} (${details.status ?? '?'}${details.amazonMessage ? `: ${details.amazonMessage}` : ''})`;
  const hint = action.kind === 'link' ? ' — an INCOMPLETE product can be saved but not linked: `skillshop isp validate` lists what it lacks' : '';
  return [head + hint, ...formatViolations(violations, file)];
}

async function applyProduct(
  client: SmapiClient,
  state: DeployState,
  action: ProductAction,
  definition: Record<string, unknown>,
  vendorId: string,
  onEvent: DeployEventHandler,
  failures: { error: SkillshopError; lines: string[] }[],
): Promise<void> {
  const name = `product ${action.referenceName} (${action.file})`;
  if (action.action === 'unchanged') {
    if (action.record) state.setProduct(action.referenceName, action.record);
    return;
  }
  if (action.action === 'skip-live') {
    onEvent({ type: 'note', message: `${action.file}: ${action.referenceName} is ${action.reason}.` });
    return;
  }
  await guarded(failures, action, onEvent, async () => {
    let productId = action.productId;
    if (action.action === 'create') {
      productId = await client.createProduct(definition, vendorId, name);
      action.productId = productId;
      state.setProduct(action.referenceName, { productId }); // before anything else can fail
    } else {
      await client.updateProduct(productId!, definition, action.eTag, name);
    }
    const { eTag } = await client.getProduct(productId!);
    state.setProduct(action.referenceName, { productId: productId!, hash: action.hash, ...(eTag ? { eTag } : {}) });
    onEvent({ type: 'done', action });
  });
}
