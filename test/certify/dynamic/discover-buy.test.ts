/** The dynamic discovery and buying rules: a shop that breaks each (caught, with evidence) and one that keeps it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allPass, certifyShop, failures, shopApp, shows } from './shop';

describe('certify: discovery and buying', () => {
  it('buy.direct', async () => {
    allPass(await certifyShop('buy.direct'));
    const broken = failures(await certifyShop('buy.direct', {
      app: shopApp({
        async BuyIntent(productName) {
          const product = await this.isp.getProductByReferenceName(productName?.id);
          this.isp.upsell(product!.productId, 'Want to hear about it?');
        },
      }),
    }));
    assert.deepEqual(broken.map((check) => check.product).sort(), ['explorer_club', 'hint_pack', 'treasure_map']);
    shows(broken[0]!, '✗', 'gets Upsell, not Buy');
    shows(broken[0]!, 'skill → Upsell');
    assert.ok(broken[0]!.evidence.at(-1)!.startsWith('fix: '));
  });
});
