import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buyDirective, cancelDirective, upsellDirective } from '../../src/isp/directives';
import { isSkillshopError } from '../../src/errors';

const ID = 'amzn1.adg.product.0e5a8b1c-2f3d-4e5f-8a9b-0c1d2e3f4a5b';

describe('purchase directives', () => {
  it('Buy has the exact wire shape, with a correlating default token', () => {
    assert.equal(
      JSON.stringify(buyDirective(ID)),
      JSON.stringify({ type: 'Connections.SendRequest', name: 'Buy', payload: { InSkillProduct: { productId: ID } }, token: `Buy:${ID}` }),
    );
  });

  it('Upsell carries the upsell message', () => {
    assert.deepEqual(upsellDirective(ID, 'Want to hear about the expansion?', 'launch-upsell'), {
      type: 'Connections.SendRequest',
      name: 'Upsell',
      payload: { InSkillProduct: { productId: ID }, upsellMessage: 'Want to hear about the expansion?' },
      token: 'launch-upsell',
    });
  });

  it('Cancel has no upsell message', () => {
    const directive = cancelDirective(ID, 'state:{"level":3}');
    assert.deepEqual(directive, {
      type: 'Connections.SendRequest',
      name: 'Cancel',
      payload: { InSkillProduct: { productId: ID } },
      token: 'state:{"level":3}',
    });
    assert.equal('upsellMessage' in directive.payload, false);
  });

  it('an empty productId is PRODUCT_NOT_FOUND', () => {
    for (const build of [() => buyDirective(''), () => cancelDirective('  '), () => upsellDirective('', 'Want it?')]) {
      assert.throws(build, (error) => isSkillshopError(error, 'PRODUCT_NOT_FOUND') && /productId/.test(error.message));
    }
    // A lookup that found nothing, from plain JavaScript.
    assert.throws(() => buyDirective(undefined as unknown as string), (error) => isSkillshopError(error, 'PRODUCT_NOT_FOUND'));
  });

  it('a missing upsell message is a TypeError', () => {
    assert.throws(() => upsellDirective(ID, ''), { name: 'TypeError', message: /upsellMessage/ });
    assert.throws(() => upsellDirective(ID, undefined as unknown as string), TypeError);
  });
});
