/**
 * `skillshop isp <subcommand>`: the product catalog in platforms/alexaSkill/isps. Each subcommand
 * is a plain async function in its own file, loaded only when run.
 */
import { skillshopError } from '../errors';
import type { CommandModule } from './main';

export const usage = `skillshop isp <subcommand>

  add        Create a product file (asks when run in a terminal; flags for scripts):
             [--type entitlement|subscription|consumable] [--reference-name <name>] [--name <display name>]
             [--price <amount>] [--currency USD|GBP|EUR|JPY] [--locale en-US]... (repeatable)
             [--frequency MONTHLY|YEARLY] [--trial-days N] (subscriptions) [--yes] [--force]
  list       List the products [--json]
  validate   Check every product file; exits 1 on errors, 0 on warnings only [--json]
  remove     Delete a product's file: skillshop isp remove <referenceName>
  schema     Print the JSON Schema of a product file (for editors; isp add also keeps a copy in
             platforms/alexaSkill/isps/.schema/, which new product files name in "$schema")

  At Amazon (credentials: ~/.ask/cli_config profile, --profile p; see skillshop login):
  deploy     Create or update the products and link them to the skill (no build, no skill package)
             [--profile p] [--dry-run] [--prune] [--force] [--json]
  status     Each product file against Amazon: id, status, linked, differs [--profile p] [--json]
  pull       Amazon's definitions into the product files (products made in the console)
             [referenceName…] [--profile p] [--json]
  reset      Reset your own test purchases [referenceName…] [--profile p] [--json]`;

type Subcommand = (args: string[]) => Promise<number>;

const SUBCOMMANDS: Record<string, () => Promise<Subcommand>> = {
  add: async () => (await import('./isp-add.js')).ispAdd,
  list: async () => (await import('./isp-list.js')).ispList,
  validate: async () => (await import('./isp-validate.js')).ispValidate,
  remove: async () => (await import('./isp-remove.js')).ispRemove,
  schema: async () => (await import('./isp-schema.js')).ispSchema,
  deploy: async () => (await import('./isp-deploy.js')).ispDeploy,
  status: async () => (await import('./isp-status.js')).ispStatus,
  pull: async () => (await import('./isp-pull.js')).ispPull,
  reset: async () => (await import('./isp-reset.js')).ispReset,
};

export const command: CommandModule = {
  summary: 'Manage in-skill products: add, list, validate, remove, schema; deploy, status, pull, reset at Amazon',
  usage,
  async run(args) {
    const [name, ...rest] = args;
    const load = name === undefined ? undefined : SUBCOMMANDS[name];
    if (!load) {
      const what = name === undefined ? 'Missing subcommand.' : `Unknown subcommand "${name}".`;
      throw skillshopError('CLI_USAGE', `${what} Subcommands: ${Object.keys(SUBCOMMANDS).join(', ')}.\nUsage: ${usage}`);
    }
    return (await load())(rest);
  },
};
