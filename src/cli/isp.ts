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
             platforms/alexaSkill/isps/.schema/, which new product files name in "$schema")`;

type Subcommand = (args: string[]) => Promise<number>;

const SUBCOMMANDS: Record<string, () => Promise<Subcommand>> = {
  add: async () => (await import('./isp-add.js')).ispAdd,
  list: async () => (await import('./isp-list.js')).ispList,
  validate: async () => (await import('./isp-validate.js')).ispValidate,
  remove: async () => (await import('./isp-remove.js')).ispRemove,
  schema: async () => (await import('./isp-schema.js')).ispSchema,
};

export const command: CommandModule = {
  summary: 'Manage in-skill products: add, list, validate, remove, schema',
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
