/** `skillshop isp remove <referenceName>`: deletes a product's file from the catalog. */
import { removeProduct } from '../isp/catalog';
import { skillshopError } from '../errors';
import { parseCommandArgs } from './args';

const usage = 'skillshop isp remove <referenceName>';

export async function ispRemove(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(args, {}, usage);
  if (positionals.length !== 1) {
    throw skillshopError('CLI_USAGE', `${positionals.length === 0 ? 'Name the product to remove.' : 'Remove one product at a time.'}\nUsage: ${usage}`);
  }
  for (const file of removeProduct(process.cwd(), positionals[0]!)) console.log(`Removed ${file}`);
  // Deleting the file does not touch Amazon: a deployed product stays there until deleted there.
  console.log('A product already deployed to Amazon stays there; delete it in the developer console or with SMAPI.');
  return 0;
}
