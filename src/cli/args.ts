/** Flag parsing for every command, in one place (node:util parseArgs, strict). */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}
import { skillshopError } from '../errors';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs(args: string[], options: Options, usage: string): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (cause) {
    throw skillshopError('CLI_USAGE', `${(cause as Error).message}\nUsage: ${usage}`, { cause });
  }
}

export function portOption(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw skillshopError('CLI_USAGE', `--port must be a number from 0 to 65535, got "${value}".`);
  }
  return port;
}
