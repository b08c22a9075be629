/**
 * `skillshop build [--json]`: models/<locale>.json → the Alexa interaction models and skill.json in
 * platforms/alexaSkill/skill-package/, every problem reported at once. Errors stop the build with
 * nothing written (exit 1); warnings and notices are printed and the build goes on (exit 0).
 */
import { buildSkillPackage, writeSkillPackage } from '../model/build-skill-package';
import { skillshopError } from '../errors';
import { formatProblem, hasErrors, type Problem } from '../problems';
import { parseCommandArgs } from './args';
import type { CommandModule } from './main';

const usage = 'skillshop build [--json]';

function count(problems: readonly Problem[], severity: Problem['severity']): number {
  return problems.filter((problem) => problem.severity === severity).length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const command: CommandModule = {
  summary: 'Build the Alexa interaction models (and skill.json) from models/<locale>.json, checking everything',
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, usage);
    if (positionals.length > 0) throw skillshopError('CLI_USAGE', `Unexpected argument ${positionals.join(' ')}.\nUsage: ${usage}`);
    const projectDir = process.cwd();
    const result = buildSkillPackage(projectDir);
    const failed = hasErrors(result.problems);
    const written = failed ? [] : writeSkillPackage(projectDir, result);
    if (values.json) {
      console.log(JSON.stringify({ ok: !failed, written, problems: result.problems }, null, 2));
      return failed ? 1 : 0;
    }
    for (const problem of result.problems) console.log(formatProblem(problem));
    if (result.problems.length > 0) console.log('');
    const tally = `${plural(count(result.problems, 'error'), 'error')}, ${plural(count(result.problems, 'warning'), 'warning')}, ${plural(count(result.problems, 'notice'), 'notice')}`;
    if (failed) {
      throw skillshopError('BUILD_FAILED', `${tally}; nothing was written. Fix the errors above.`);
    }
    console.log(`Built ${result.locales.join(', ')} (${tally}):`);
    for (const file of written) console.log(`  ${file}`);
    return 0;
  },
};
