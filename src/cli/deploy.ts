/**
 * `skillshop deploy [--profile p] [--dry-run] [--prune] [--force] [--json]`: build, then the skill
 * package (creating the skill on the first deploy), the products, their links, and enablement
 * for testing. Progress goes to stdout as it happens; `--json` prints only the result (or the
 * error) as JSON. Also the shared printing of the other deploy commands (isp deploy|status|pull|reset).
 */
import { isSkillshopError, skillshopError, type SkillshopError } from '../errors';
import { deploy, type DeployResult } from '../deploy/deploy';
import { ENVIRONMENT_PROFILE } from '../deploy/credentials';
import type { DeployEvent } from '../deploy/events';
import type { PlanAction } from '../deploy/plan';
import { openSession, type Session } from '../deploy/session';
import { parseCommandArgs, type ParsedArgs } from './args';
import type { CommandModule } from './main';

const usage = 'skillshop deploy [--profile <name>] [--dry-run] [--prune] [--force] [--json]';

export const DEPLOY_OPTIONS = {
  profile: { type: 'string', short: 'p' },
  'dry-run': { type: 'boolean' },
  prune: { type: 'boolean' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export function profileLabel(profile: string): string {
  return profile === ENVIRONMENT_PROFILE ? 'the ASK_* environment variables' : `profile "${profile}"`;
}

/** Credentials and client for the command's `--profile`; progress lines unless `quiet`. */
export function sessionFor(values: ParsedArgs['values'], quiet: boolean): Session {
  const profile = values.profile as string | undefined;
  return openSession({ ...(profile !== undefined ? { profile } : {}), ...(quiet ? {} : { onEvent: printEvent }) });
}

const VERBS: Record<string, string> = { 'skip-live': 'live', orphan: 'orphan', enable: 'enable', unchanged: 'unchanged' };

export function describeAction(action: PlanAction): string {
  const verb = (VERBS[action.action] ?? action.action).padEnd(10);
  switch (action.kind) {
    case 'skill-package':
      return `${verb} skill package${action.skillId ? ` of ${action.skillId}` : ' (a new skill)'}`;
    case 'product':
      return `${verb} product ${action.referenceName}  ${action.file}${action.productId ? `  ${action.productId}` : ''}${action.status ? ` [${action.status}]` : ''}${action.adopted ? ' (found at Amazon by its reference name)' : ''}${action.reason ? ` — ${action.reason}` : ''}`;
    case 'link':
      return `${verb} ${action.action === 'link' ? 'link' : 'linked'} ${action.referenceName}${action.productId ? ` (${action.productId})` : ''}${action.reason && action.action !== 'link' ? ` — ${action.reason}` : ''}`;
    case 'enablement':
      return `${verb} enablement for testing`;
  }
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** Progress, one line per step. */
export function printEvent(event: DeployEvent): void {
  switch (event.type) {
    case 'build': {
      const errors = event.problems.filter((p) => p.severity === 'error').length;
      const warnings = event.problems.filter((p) => p.severity === 'warning').length;
      console.log(`Built ${event.locales.join(', ')} (${errors} errors, ${warnings} warnings${warnings > 0 ? ': see skillshop build' : ''}).`);
      return;
    }
    case 'plan':
      console.log('Plan:');
      for (const action of event.actions) console.log(`  ${describeAction(action)}`);
      return;
    case 'upload':
      console.log(`Uploading the skill package (${event.files} files, ${size(event.bytes)})…`);
      return;
    case 'import':
      console.log(`Importing it ${event.newSkill ? 'as a new skill' : 'into the skill'} (import ${event.importId})…`);
      return;
    case 'import-status':
      console.log(`  ${event.status}${event.resources.length > 0 ? `: ${event.resources.map((r) => `${r.name} ${r.status}`).join(', ')}` : ''}`);
      return;
    case 'skill':
      console.log(`Skill ${event.skillId} ${event.created ? 'created' : 'found'}.`);
      return;
    case 'done':
      console.log(`✓ ${describeAction(event.action).replace(/\s{2,}/, ' ')}`);
      return;
    case 'failed':
      console.log(`✗ ${event.message}`);
      return;
    case 'retry':
      console.log(`  Amazon answered ${event.notice.status ?? 'nothing'} to ${event.notice.operation}; trying again in ${(event.notice.delayMs / 1000).toFixed(1)} s (try ${event.notice.attempt + 1}).`);
      return;
    case 'note':
      console.log(`  ${event.message}`);
      return;
  }
}

export function summarize(result: DeployResult): string {
  const count = (kind: string, action: string) => result.actions.filter((a) => a.kind === kind && a.action === action).length;
  const products = `${count('product', 'create')} created, ${count('product', 'update')} updated, ${count('product', 'unchanged')} unchanged, ${count('product', 'skip-live')} live (left alone)`;
  const links = `${count('link', 'link')} linked, ${count('link', 'unlink')} unlinked`;
  return `products: ${products}; ${links}`;
}

/** Runs a deploy command: the whole deploy, or products only (`skillshop isp deploy`). */
export async function runDeploy(args: string[], options: { skillPackage: boolean; usage: string }): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, DEPLOY_OPTIONS, options.usage);
  if (positionals.length > 0) throw skillshopError('CLI_USAGE', `Unexpected argument ${positionals.join(' ')}.\nUsage: ${options.usage}`);
  const json = Boolean(values.json);
  return withJsonErrors(json, async () => {
    const session = sessionFor(values, json);
    if (!json) console.log(`Deploying with ${profileLabel(session.profile)} (vendor ${session.vendorId})${values['dry-run'] ? ' — dry run' : ''}.`);
    const result = await deploy({
      projectDir: process.cwd(),
      client: session.client,
      profile: session.profile,
      vendorId: session.vendorId,
      dryRun: Boolean(values['dry-run']),
      prune: Boolean(values.prune),
      force: Boolean(values.force),
      skillPackage: options.skillPackage,
      ...(json ? {} : { onEvent: printEvent }),
    });
    if (json) {
      console.log(JSON.stringify({ ok: true, ...result }, null, 2));
      return 0;
    }
    if (result.dryRun) {
      console.log('Dry run: nothing was changed, here or at Amazon.');
      return 0;
    }
    const changed = result.actions.some((action) => action.action !== 'unchanged' && action.action !== 'orphan' && action.action !== 'skip-live');
    console.log(changed ? `Deployed${result.skillId ? ` to ${result.skillId}` : ''}: ${summarize(result)}.` : `Everything is up to date${result.skillId ? ` (${result.skillId})` : ''}: nothing was sent.`);
    if (options.skillPackage && result.skillId) {
      console.log('Next: test it in the developer console (Test tab) or on a device signed in to your developer account; `skillshop isp reset` clears your test purchases.');
    }
    return 0;
  });
}

/** With --json, a SkillshopError is printed as `{ ok: false, error }` on stdout (exit 1). */
export async function withJsonErrors(json: boolean, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!json || !isSkillshopError(error)) throw error;
    console.log(JSON.stringify({ ok: false, error: (error as SkillshopError).toJSON() }, null, 2));
    return error.code === 'SKILLSHOP_CLI_USAGE' ? 2 : 1;
  }
}

export const command: CommandModule = {
  summary: 'Build, then deploy the skill and its products to Amazon and enable it for testing (--dry-run shows the plan)',
  usage,
  run: (args) => runDeploy(args, { skillPackage: true, usage }),
};
