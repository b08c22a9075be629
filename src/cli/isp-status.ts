/**
 * `skillshop isp status [--profile p] [--json]`: each product file against Amazon — its id, status
 * (INCOMPLETE, COMPLETE, PUBLISHED, …), whether it is linked to the skill, and whether the file
 * differs from what Amazon has. Products at Amazon without a file are listed too.
 */
import { skillshopError } from '../errors';
import { productStatus, type ProductStatus } from '../deploy/products';
import { parseCommandArgs } from './args';
import { profileLabel, sessionFor, withJsonErrors } from './deploy';

const usage = 'skillshop isp status [--profile <name>] [--json]';

function differs(product: ProductStatus): string {
  if (!product.file) return 'only at Amazon (skillshop isp pull)';
  if (!product.productId) return 'not deployed';
  if (product.differs) return product.changedAtAmazon ? 'differs (changed at Amazon)' : 'differs (deploy sends it)';
  return 'same';
}

export async function ispStatus(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { profile: { type: 'string', short: 'p' }, json: { type: 'boolean' } }, usage);
  if (positionals.length > 0) throw skillshopError('CLI_USAGE', `Unexpected argument ${positionals.join(' ')}.\nUsage: ${usage}`);
  const json = Boolean(values.json);
  return withJsonErrors(json, async () => {
    const session = sessionFor(values, true);
    const result = await productStatus({ projectDir: process.cwd(), client: session.client, profile: session.profile, vendorId: session.vendorId });
    if (json) {
      console.log(JSON.stringify(result, null, 2));
      return 0;
    }
    console.log(`${profileLabel(session.profile)}, vendor ${session.vendorId}, skill ${result.skillId ?? '(not deployed yet)'}`);
    if (result.products.length === 0) {
      console.log('No products, here or at Amazon.');
      return 0;
    }
    const rows = [['REFERENCE NAME', 'PRODUCT ID', 'STATUS', 'LINKED', 'FILE VS AMAZON']];
    for (const product of result.products) {
      rows.push([product.referenceName, product.productId ?? '-', `${product.status ?? '-'}${product.live ? ' (live)' : ''}`, product.linked ? 'yes' : 'no', differs(product)]);
    }
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
    for (const row of rows) console.log(row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '));
    if (result.products.some((product) => product.status === 'INCOMPLETE')) {
      console.log('\nAn INCOMPLETE product cannot be linked, and a skill answers 401 for it at run time: `skillshop isp validate` lists what it lacks.');
    }
    return 0;
  });
}
