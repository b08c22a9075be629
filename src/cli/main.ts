/**
 * The `skillshop` command: one file per command, loaded only when run. Flags are parsed in one
 * place (parseCommandArgs); only bin/skillshop.js turns the returned code into the exit status.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSkillshopError } from '../errors';

export interface CommandModule {
  /** One line for `skillshop help`. */
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  run: async () => (await import('./run.js')).command,
  isp: async () => (await import('./isp.js')).command,
  build: async () => (await import('./build.js')).command,
  import: async () => (await import('./import.js')).command,
  simulate: async () => (await import('./simulate.js')).command,
  certify: async () => (await import('./certify.js')).command,
  deploy: async () => (await import('./deploy.js')).command,
  login: async () => (await import('./login.js')).command,
  debug: async () => (await import('./debug.js')).command,
  db: async () => (await import('./db.js')).command,
};

function version(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

async function help(): Promise<void> {
  const lines = [`skillshop ${version()} — Alexa skills that sell, with an offline purchase simulator`, '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${(await load()).summary}`);
  lines.push('', 'Every command works on the project in the current directory (or --cwd <dir>).', 'skillshop <command> --help for its flags.');
  console.log(lines.join('\n'));
}

export async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  const cwdAt = args.indexOf('--cwd');
  if (cwdAt >= 0) {
    const dir = args[cwdAt + 1];
    if (!dir) {
      console.error('--cwd needs a directory.');
      return 2;
    }
    args.splice(cwdAt, 2);
    try {
      process.chdir(dir);
    } catch (error) {
      console.error(`--cwd ${dir}: ${(error as Error).message}`);
      return 2;
    }
  }
  const [name, ...rest] = args;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    await help();
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(version());
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`Unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (isSkillshopError(error)) {
      console.error(`skillshop ${name}: ${error.message} [${error.code}]`);
      return error.code === 'SKILLSHOP_CLI_USAGE' ? 2 : 1;
    }
    throw error;
  }
}
