/** `skillshop certify`: the checks Amazon's certification runs on a skill that sells, offline. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { certify, exitCode, formatHtml, formatJson, formatTerminal, selectRules } from '../certify';
import { skillshopError } from '../errors';
import { ISP_LOCALES, isIspLocale } from '../isp/product-definition';
import { parseCommandArgs } from './args';
import type { CommandModule } from './main';

const usage = 'skillshop certify [--endpoint <url>] [--locale en-US|all] [--only <id,…>] [--json] [--report report.html] [--check-icons]';

export const command: CommandModule = {
  summary: 'Check the catalog, manifest and model against Amazon\'s ISP certification rules',
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      endpoint: { type: 'string' },
      locale: { type: 'string' },
      only: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      report: { type: 'string' },
      'check-icons': { type: 'boolean' },
    }, usage);
    if (positionals.length > 0) throw skillshopError('CLI_USAGE', `Unexpected argument "${positionals[0]}".\nUsage: ${usage}`);
    const locale = (values.locale as string | undefined) ?? 'all';
    if (locale !== 'all' && !isIspLocale(locale)) throw skillshopError('CLI_USAGE', `--locale must be all or one of ${ISP_LOCALES.join(', ')}, got "${locale}".`);
    const only = ((values.only as unknown as string[] | undefined) ?? []).flatMap((list) => list.split(',')).map((id) => id.trim()).filter((id) => id !== '');
    try {
      selectRules(only);
    } catch (error) {
      throw skillshopError('CLI_USAGE', (error as Error).message.replace(/^certify: /, '--only: '));
    }
    const report = await withSkillOutputOnStderr(() => certify({
      project: process.cwd(), locale, only,
      ...(values.endpoint ? { endpoint: values.endpoint as string } : {}),
      ...(values['check-icons'] === true ? { checkIcons: true } : {}),
    }));
    if (values.report) {
      const file = resolve(values.report as string);
      writeFileSync(file, formatHtml(report));
      if (values.json !== true) process.stderr.write(`Report written to ${file}\n`);
    }
    process.stdout.write(values.json === true ? formatJson(report) : formatTerminal(report));
    return exitCode(report);
  },
};

/**
 * The skill runs in this process and may print (console.log in a handler): its output goes to
 * stderr while certify runs, so stdout holds the report alone (`--json` stays parseable).
 */
async function withSkillOutputOnStderr<T>(run: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, debug: console.debug };
  console.log = console.info = console.debug = (...items: unknown[]) => console.error(...items);
  try {
    return await run();
  } finally {
    Object.assign(console, saved);
  }
}
