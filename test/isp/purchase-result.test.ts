import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PURCHASE_CONNECTION_NAMES, PurchaseResult, isPurchaseResult } from '../../src/isp/purchase-result';
import type { ConnectionsResponse } from '../../src/alexa/request';
import { isSkillshopError } from '../../src/errors';

const ID = 'amzn1.adg.product.0e5a8b1c-2f3d-4e5f-8a9b-0c1d2e3f4a5b';

function response(overrides: Partial<ConnectionsResponse> = {}): ConnectionsResponse {
  return {
    type: 'Connections.Response',
    requestId: 'amzn1.echo-api.request.1',
    timestamp: '2024-05-01T10:00:00Z',
    locale: 'en-US',
    name: 'Buy',
    status: { code: '200', message: 'OK' },
    payload: { purchaseResult: 'ACCEPTED', productId: ID, message: 'optional' },
    token: `Buy:${ID}`,
    ...overrides,
  };
}

describe('PurchaseResult', () => {
  it('reads every field of a successful Buy', () => {
    const result = PurchaseResult.fromRequest(response());
    assert.equal(result.requestId, 'amzn1.echo-api.request.1');
    assert.equal(result.name, 'Buy');
    assert.equal(result.statusCode, '200');
    assert.equal(result.statusMessage, 'OK');
    assert.equal(result.isSuccessStatus, true);
    assert.equal(result.purchaseResult, 'ACCEPTED');
    assert.equal(result.productId, ID);
    assert.equal(result.token, `Buy:${ID}`);
    assert.equal(result.message, 'optional');
    assert.deepEqual(result.payload, { purchaseResult: 'ACCEPTED', productId: ID, message: 'optional' });
    assert.equal(result.isEntitledAfter(), true);
  });

  it('a failed flow (status "500") without a purchaseResult reads ERROR, not entitled', () => {
    const result = new PurchaseResult(response({ status: { code: '500', message: 'Internal Server Error' }, payload: undefined, token: undefined }));
    assert.equal(result.statusCode, '500');
    assert.equal(result.statusMessage, 'Internal Server Error');
    assert.equal(result.isSuccessStatus, false);
    assert.equal(result.purchaseResult, 'ERROR');
    assert.equal(result.productId, undefined);
    assert.equal(result.token, undefined);
    assert.deepEqual(result.payload, {});
    assert.equal(result.isEntitledAfter(), false);
  });

  it('a failed flow is not an entitlement even if the payload says ACCEPTED', () => {
    assert.equal(new PurchaseResult(response({ status: { code: '400' } })).isEntitledAfter(), false);
  });

  const cases: Array<[string, string, boolean]> = [
    ['Buy', 'ACCEPTED', true],
    ['Upsell', 'ACCEPTED', true],
    ['Cancel', 'ACCEPTED', false],
    ['Buy', 'ALREADY_PURCHASED', true],
    ['Upsell', 'ALREADY_PURCHASED', true],
    ['Buy', 'DECLINED', false],
    ['Upsell', 'DECLINED', false],
    ['Cancel', 'NOT_ENTITLED', false],
    ['Buy', 'ERROR', false],
    ['Buy', 'PENDING_PURCHASE', false],
    ['Buy', 'SOMETHING_AMAZON_ADDS_LATER', false],
    ['Buy', 'accepted', false],
  ];
  for (const [name, purchaseResult, entitled] of cases) {
    it(`${name} ${purchaseResult} → entitled after: ${entitled}`, () => {
      const result = new PurchaseResult(response({ name, payload: { purchaseResult, productId: ID } }));
      assert.equal(result.purchaseResult, purchaseResult);
      assert.equal(result.isEntitledAfter(), entitled);
    });
  }

  it('ERROR can arrive with status "200"', () => {
    const result = new PurchaseResult(response({ payload: { purchaseResult: 'ERROR', productId: ID } }));
    assert.equal(result.isSuccessStatus, true);
    assert.equal(result.isEntitledAfter(), false);
  });

  it('refuses requests that are not purchase results', () => {
    assert.throws(
      () => PurchaseResult.fromRequest({ type: 'LaunchRequest', requestId: 'r', timestamp: 't' }),
      (error) => isSkillshopError(error, 'NOT_A_PURCHASE_RESULT') && /LaunchRequest/.test(error.message),
    );
    assert.throws(
      () => PurchaseResult.fromRequest(response({ name: 'AskFor' })),
      (error) => isSkillshopError(error, 'NOT_A_PURCHASE_RESULT') && /AskFor/.test(error.message),
    );
    assert.equal(isPurchaseResult(response({ name: 'Upsell' })), true);
    assert.equal(isPurchaseResult({ type: 'IntentRequest' }), false);
  });

  it('names the three purchase connections', () => {
    assert.deepEqual([...PURCHASE_CONNECTION_NAMES], ['Buy', 'Upsell', 'Cancel']);
    assert.ok(Object.isFrozen(PURCHASE_CONNECTION_NAMES));
  });
});
