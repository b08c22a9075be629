/**
 * `skillshop isp pull [referenceName…] [--profile p] [--json]`: Amazon's definitions into the
 * product files — for products made or changed in the developer console. Without names: every
 * product linked to the skill, and every local product Amazon has.
 */
import { pullProducts } from '../deploy/products';
import { formatProblem } from '../problems';
import { parseCommandArgs } from './args';
import { sessionFor, withJsonErrors } from './deploy';

const usage = 'skillshop isp pull [referenceName…] [--profile <name>] [--json]';

export async function ispPull(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { profile: { type: 'string', short: 'p' }, json: { type: 'boolean' } }, usage);
  const json = Boolean(values.json);
  return withJsonErrors(json, async () => {
    const session = sessionFor(values, true);
    const pulled = await pullProducts({ projectDir: process.cwd(), client: session.client, profile: session.profile, vendorId: session.vendorId, referenceNames: positionals });
    if (json) {
      console.log(JSON.stringify({ ok: true, products: pulled }, null, 2));
      return 0;
    }
    if (pulled.length === 0) console.log('Nothing to pull: no product linked to the skill or matching a product file.');
    for (const product of pulled) {
      console.log(`${product.outcome.padEnd(9)} ${product.file}  (${product.productId})`);
      for (const problem of product.problems.filter((p) => p.severity === 'error')) console.log(`  ${formatProblem(problem)}`);
    }
    const warnings = pulled.reduce((sum, product) => sum + product.problems.filter((p) => p.severity === 'warning').length, 0);
    if (warnings > 0) console.log(`${warnings} warning(s): see skillshop isp validate`);
    return 0;
  });
}
