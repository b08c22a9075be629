/**
 * `skillshop login [--profile p] [--no-browser] [--port 9090] [--client-id … --client-confirmation …] [--vendor-id …]`:
 * signs in with Login with Amazon and writes an ASK CLI profile to ~/.ask/cli_config, for users
 * without the ASK CLI. Uses your own LWA security profile: the flags (saved to
 * ~/.skillshop/config.json, mode 0600, for later refreshes), else ASK_LWA_CLIENT_ID and
 * ASK_LWA_CLIENT_CONFIRMATION, else the saved one.
 */
import { createInterface } from 'node:readline';
import { skillshopError } from '../errors';
import { readLwaClientConfig, skillshopConfigPath, writeLwaClientConfig, type LwaClientConfig } from '../deploy/config-files';
import { DEFAULT_LOGIN_PORT, login } from '../deploy/login';
import { parseCommandArgs, portOption } from './args';
import type { CommandModule } from './main';

const usage = 'skillshop login [--profile <name>] [--no-browser] [--port 9090] [--client-id <id> --client-confirmation <secret>] [--vendor-id <id>]';

function firstLine(): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin });
    let done = false;
    rl.on('line', (line) => {
      if (done || line.trim() === '') return;
      done = true;
      rl.close();
      resolve(line);
    });
    rl.on('close', () => {
      if (!done) reject(skillshopError('LOGIN_FAILED', 'The input ended before the address (or code) was pasted.'));
    });
  });
}

function lwaClient(values: Record<string, string | boolean | undefined>): { client: LwaClientConfig; fromFlags: boolean } {
  const id = values['client-id'] as string | undefined;
  const confirmation = values['client-confirmation'] as string | undefined;
  if ((id === undefined) !== (confirmation === undefined)) throw skillshopError('CLI_USAGE', `Pass --client-id and --client-confirmation together.\nUsage: ${usage}`);
  if (id && confirmation) return { client: { clientId: id, clientConfirmation: confirmation }, fromFlags: true };
  const envId = process.env.ASK_LWA_CLIENT_ID?.trim();
  const envConfirmation = process.env.ASK_LWA_CLIENT_CONFIRMATION?.trim();
  if (envId && envConfirmation) return { client: { clientId: envId, clientConfirmation: envConfirmation }, fromFlags: false };
  const saved = readLwaClientConfig(skillshopConfigPath());
  if (saved) return { client: saved, fromFlags: false };
  throw skillshopError('CLI_USAGE',
    'skillshop login signs in with your own Login with Amazon security profile. Create one in the developer console ' +
    '(Login with Amazon → Create a New Security Profile), add http://127.0.0.1:9090/cb to its Web Settings → Allowed Return URLs, ' +
    'then pass --client-id and --client-confirmation (saved for later), or set ASK_LWA_CLIENT_ID and ASK_LWA_CLIENT_CONFIRMATION. ' +
    `Already using the ASK CLI? Run \`ask configure\` instead: skillshop reads its profiles.\nUsage: ${usage}`);
}

export const command: CommandModule = {
  summary: 'Sign in with Amazon (LWA) and save an ASK CLI profile in ~/.ask/cli_config, for deploy',
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      profile: { type: 'string', short: 'p' },
      'no-browser': { type: 'boolean' },
      port: { type: 'string' },
      'client-id': { type: 'string' },
      'client-confirmation': { type: 'string' },
      'vendor-id': { type: 'string' },
    }, usage);
    if (positionals.length > 0) throw skillshopError('CLI_USAGE', `Unexpected argument ${positionals.join(' ')}.\nUsage: ${usage}`);
    const { client, fromFlags } = lwaClient(values);
    const profile = (values.profile as string | undefined) || process.env.ASK_DEFAULT_PROFILE?.trim() || 'default';
    const result = await login({
      profile,
      client,
      port: portOption(values.port as string | undefined, DEFAULT_LOGIN_PORT),
      noBrowser: Boolean(values['no-browser']),
      ...(values['vendor-id'] ? { vendorId: values['vendor-id'] as string } : {}),
      readPasted: firstLine,
      output: (line) => console.log(line),
    });
    if (fromFlags) writeLwaClientConfig(skillshopConfigPath(), client);
    console.log(`Signed in. Saved profile "${result.profile}" (vendor ${result.vendorId}) in ${result.configFile}.`);
    if (result.vendors.length > 1) {
      console.log(`This account has ${result.vendors.length} vendors: ${result.vendors.map((v) => `${v.id} (${v.name ?? '?'})`).join(', ')}; pass --vendor-id to pick another.`);
    }
    console.log(`Next: skillshop deploy${profile === 'default' ? '' : ` --profile ${profile}`}`);
    return 0;
  },
};
