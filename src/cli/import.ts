/**
 * `skillshop import <dir> [--force]`: turns the ASK CLI project (v1 or v2) in <dir> into a skillshop
 * project in the current folder: models/<locale>.json in the seed's format, the product files in
 * platforms/alexaSkill/isps/, and skill.json's endpoint and manifest in skillshop.json. Refuses to
 * overwrite existing files unless --force; writes nothing when the source has errors.
 */
import { planAskImport, writeAskImport } from '../model/import-ask-project';
import { skillshopError } from '../errors';
import { formatProblem } from '../problems';
import { parseCommandArgs } from './args';
import type { CommandModule } from './main';

const usage = 'skillshop import <ask-project-dir> [--force]';

export const command: CommandModule = {
  summary: 'Turn an ASK CLI (v1 or v2) project into a skillshop project',
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { force: { type: 'boolean' } }, usage);
    const [source, ...extra] = positionals;
    if (source === undefined || extra.length > 0) {
      throw skillshopError('CLI_USAGE', `${source === undefined ? 'Which ASK CLI project? Give its folder.' : `Unexpected argument ${extra.join(' ')}.`}\nUsage: ${usage}`);
    }
    const target = process.cwd();
    const plan = planAskImport(source, target);
    for (const problem of plan.problems) console.log(formatProblem(problem));
    const written = writeAskImport(plan, target, { force: values.force === true });
    console.log(`Imported the ${plan.layout === 'ask-cli-v2' ? 'ASK CLI v2' : 'ASK CLI v1'} project in ${source}:`);
    for (const planned of plan.files) {
      const notes = planned.notes.length > 0 ? ` (${planned.notes.join('; ')})` : '';
      console.log(`  ${planned.file} ← ${planned.from}${notes}`);
    }
    console.log(`\n${written.length} file(s) written. Next: skillshop build`);
    return 0;
  },
};
