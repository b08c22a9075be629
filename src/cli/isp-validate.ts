/**
 * `skillshop isp validate [--json]`: every problem of every product file, with its file, JSON path
 * and fix. Exits 1 when there is an error; warnings alone (what certification still needs) exit 0.
 */
import { loadCatalog } from '../isp/catalog';
import { formatProblem, hasErrors } from '../problems';
import { skillshopError } from '../errors';
import { parseCommandArgs } from './args';
import { NO_PRODUCTS } from './isp-list';

const usage = 'skillshop isp validate [--json]';

export async function ispValidate(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, usage);
  if (positionals.length > 0) throw skillshopError('CLI_USAGE', `Unexpected argument ${positionals.join(' ')}.\nUsage: ${usage}`);
  const { products, problems } = loadCatalog(process.cwd());
  const valid = !hasErrors(problems);
  if (values.json) {
    console.log(JSON.stringify({ valid, problems }, null, 2));
    return valid ? 0 : 1;
  }
  if (products.length === 0 && problems.length === 0) {
    console.log(NO_PRODUCTS);
    return 0;
  }
  for (const problem of problems) console.log(formatProblem(problem));
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.filter((problem) => problem.severity === 'warning').length;
  const summary = `${products.length} product(s): ${errors} error(s), ${warnings} warning(s)`;
  if (problems.length > 0) console.log('');
  console.log(valid ? `${summary}${warnings > 0 ? ' — fix the warnings before certification' : ''}` : `${summary} — fix the errors, Amazon would reject them`);
  return valid ? 0 : 1;
}
