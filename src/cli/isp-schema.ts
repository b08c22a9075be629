/** `skillshop isp schema`: the JSON Schema of a product file, for editors and other tools. */
import { productJsonSchema } from '../isp/product-definition';
import { skillshopError } from '../errors';
import { parseCommandArgs } from './args';

const usage = 'skillshop isp schema';

export async function ispSchema(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(args, {}, usage);
  if (positionals.length > 0) throw skillshopError('CLI_USAGE', `Unexpected argument ${positionals.join(' ')}.\nUsage: ${usage}`);
  console.log(JSON.stringify(productJsonSchema(), null, 2));
  return 0;
}
