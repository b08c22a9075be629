/**
 * `skillshop isp reset [referenceName…] [--profile p] [--json]`: resets your own test purchases
 * of the products (all the project's products without names), so you can buy them again.
 */
import { resetTestPurchases } from '../deploy/products';
import { parseCommandArgs } from './args';
import { sessionFor, withJsonErrors } from './deploy';

const usage = 'skillshop isp reset [referenceName…] [--profile <name>] [--json]';

export async function ispReset(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { profile: { type: 'string', short: 'p' }, json: { type: 'boolean' } }, usage);
  const json = Boolean(values.json);
  return withJsonErrors(json, async () => {
    const session = sessionFor(values, true);
    const reset = await resetTestPurchases({ projectDir: process.cwd(), client: session.client, profile: session.profile, vendorId: session.vendorId, referenceNames: positionals });
    if (json) console.log(JSON.stringify({ ok: true, reset }, null, 2));
    else if (reset.length === 0) console.log('No products to reset.');
    else for (const product of reset) console.log(`Reset your test purchases of ${product.referenceName} (${product.productId}).`);
    return 0;
  });
}
