/**
 * `skillshop isp deploy [--profile p] [--dry-run] [--prune] [--force] [--json]`: the products only —
 * create or update each one (If-Match), link it to the skill; no build, no skill package.
 */
import { runDeploy } from './deploy';

const usage = 'skillshop isp deploy [--profile <name>] [--dry-run] [--prune] [--force] [--json]';

export function ispDeploy(args: string[]): Promise<number> {
  return runDeploy(args, { skillPackage: false, usage });
}
