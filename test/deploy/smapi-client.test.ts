import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SmapiClient } from '../../src/deploy/smapi-client';
import type { TokenSource } from '../../src/deploy/credentials';
import { redactTokens, violationField } from '../../src/deploy/smapi-errors';
import { startFakeSmapi, type FakeSmapi } from './fake-smapi';

let fake: FakeSmapi;
beforeEach(async () => {
  fake = await startFakeSmapi();
});
afterEach(() => fake.close());

function client(options: { renewable?: boolean } = {}): { smapi: SmapiClient; sleeps: number[]; token: () => string } {
  let token = fake.issueTokens().access_token;
  const credentials: TokenSource = {
    profile: 'default',
    vendorId: fake.vendorId,
    accessToken: async () => token,
    renew: async () => {
      if (!options.renewable) return false;
      token = fake.issueTokens().access_token;
      return true;
    },
    loginHint: () => 'Log in again: `skillshop login --profile default`.',
  };
  const sleeps: number[] = [];
  const smapi = new SmapiClient({ credentials, baseUrl: fake.url, sleep: async (ms) => void sleeps.push(ms), delayScale: 1 });
  return { smapi, sleeps, token: () => token };
}

const definition = (referenceName: string) => ({ version: '1.0', type: 'ENTITLEMENT', referenceName, publishingInformation: { locales: { 'en-US': { name: referenceName } } } });

async function rejected(work: () => Promise<unknown>): Promise<Error & { code?: string; details?: Record<string, unknown> }> {
  try {
    await work();
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected an error');
}

describe('SmapiClient', () => {
  it('reads every page of a list: the paging fields are nested', async () => {
    const { smapi } = client();
    for (let i = 0; i < 5; i++) await smapi.createProduct(definition(`product_${i}`));
    const all = await smapi.listVendorProducts(fake.vendorId, { stage: 'development' });
    assert.deepEqual(all.map((p) => p.referenceName), ['product_0', 'product_1', 'product_2', 'product_3', 'product_4']);
    assert.equal(fake.count('list-products'), 3, 'pages of 2');
  });

  it('creates, reads with an ETag, updates with If-Match (412 when stale), links and resets', async () => {
    const { smapi } = client();
    const id = await smapi.createProduct(definition('sword'));
    const { definition: read, eTag } = await smapi.getProduct(id);
    assert.equal(read.referenceName, 'sword');
    assert.ok(eTag);
    await smapi.updateProduct(id, { ...definition('sword'), testingInstructions: 'x' }, eTag);
    const stale = await rejected(() => smapi.updateProduct(id, definition('sword'), eTag));
    assert.equal(stale.code, 'SKILLSHOP_DEPLOY_CONFLICT');
    assert.equal(stale.details?.status, 412);
    assert.equal((await smapi.getProductSummary(id)).referenceName, 'sword');
    await smapi.resetEntitlement(id);
    assert.equal(fake.products.get(id)!.resets, 1);
    assert.equal(fake.requests.find((r) => r.op === 'get-product')?.authorized, true);
  });

  it('does not retry a create after a 500 (it may have been done), but retries a read', async () => {
    const { smapi, sleeps } = client();
    fake.fault('create-product', { status: 500 });
    const error = await rejected(() => smapi.createProduct(definition('once')));
    assert.equal(error.code, 'SKILLSHOP_DEPLOY_HTTP');
    assert.equal(fake.count('create-product'), 1);
    fake.fault('list-products', { drop: 'before', times: 2 });
    assert.deepEqual(await smapi.listVendorProducts(), []);
    assert.deepEqual(sleeps, [1000, 2000]);
  });

  it('honours Retry-After as seconds or a date, capped', async () => {
    const { smapi, sleeps } = client();
    fake.fault('list-vendors', { status: 429, retryAfter: '0' });
    fake.fault('list-vendors', { status: 429, retryAfter: new Date(Date.now() + 5000).toUTCString() });
    fake.fault('list-vendors', { status: 429, retryAfter: '3600' });
    assert.equal((await smapi.listVendors())[0]!.id, fake.vendorId);
    assert.equal(sleeps[0], 0);
    assert.ok(sleeps[1]! > 3000 && sleeps[1]! <= 5000, String(sleeps[1]));
    assert.equal(sleeps[2], 60_000);
  });

  it('renews the token once after a 401; explains how to log in when that is not possible', async () => {
    const renewable = client({ renewable: true });
    fake.expireAccessTokens();
    assert.equal((await renewable.smapi.listVendors()).length, 1);
    const stuck = client();
    fake.expireAccessTokens();
    const error = await rejected(() => stuck.smapi.listVendors());
    assert.equal(error.code, 'SKILLSHOP_DEPLOY_AUTH_FAILED');
    assert.match(error.message, /Amazon refused the credentials to list your vendors \(401: Token is invalid\/expired\)\. Log in again: `skillshop login --profile default`\./);
    assert.ok(!error.message.includes(stuck.token()) && !JSON.stringify(error).includes(stuck.token()));
  });

  it('maps error answers: 404, and 400 with violations', async () => {
    const { smapi } = client();
    const missing = await rejected(() => smapi.getProduct('amzn1.adg.product.nope'));
    assert.equal(missing.code, 'SKILLSHOP_DEPLOY_HTTP');
    assert.match(missing.message, /Could not read product amzn1\.adg\.product\.nope: Amazon answered 404/);
    fake.rejectNextProduct = [{ code: 'X', message: 'bad' }];
    const refused = await rejected(() => smapi.createProduct(definition('bad_one'), fake.vendorId, 'product bad_one'));
    assert.equal(refused.code, 'SKILLSHOP_DEPLOY_REJECTED');
    assert.equal(refused.message, 'Amazon refused to create product bad_one (400: Invalid request)\n  bad [X]');
    assert.deepEqual(refused.details?.violations, [{ message: 'bad', code: 'X' }]);
  });

  it('never lets an LWA token into a message; finds the field a violation names', () => {
    assert.equal(redactTokens('token Atza|IwEBIabc-123 and "Atzr|xyz"'), 'token [token] and "[token]"');
    assert.equal(violationField({ message: 'x', validationDetails: { originalInstance: { propertyPath: 'inSkillProductDefinition.testingInstructions' } } }), 'testingInstructions');
    assert.equal(violationField({ message: 'The value of publishingInformation.locales.en-US.name is too long' }), 'publishingInformation.locales.en-US.name');
    assert.equal(violationField({ message: 'Something else' }), undefined);
  });
});
