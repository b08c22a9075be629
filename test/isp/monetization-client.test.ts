import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MonetizationClient } from '../../src/isp/monetization-client';
import { isEntitled, isPurchasable, type InSkillProduct } from '../../src/isp/product';
import { isSkillshopError, type SkillshopError } from '../../src/errors';
import { product, productIdFor, startFakeMonetization, type FakeMonetization } from '../helpers/fake-monetization';

const TOKEN = 'Atza|secret-access-token-4711';
const LIST_PATH = '/v1/users/~current/skills/~current/inSkillProducts';

const caveQuest = product({ referenceName: 'cave_quest' });
const hints = product({ referenceName: 'hint_pack', type: 'CONSUMABLE', entitled: 'ENTITLED', purchasable: 'PURCHASABLE', activeEntitlementCount: 3 });
const club = product({ referenceName: 'explorers_club', type: 'SUBSCRIPTION', entitled: 'ENTITLED' });
const catalogue = [caveQuest, hints, club];

let fake: FakeMonetization;

function client(options: Partial<ConstructorParameters<typeof MonetizationClient>[0]> = {}): MonetizationClient {
  return new MonetizationClient({ apiEndpoint: fake.url, apiAccessToken: TOKEN, locale: 'de-DE', ...options });
}

/** Asserts a rejection with the given code, and that the access token appears nowhere in it. */
async function rejectsWith(promise: Promise<unknown>, code: string, message?: RegExp): Promise<SkillshopError> {
  let caught: unknown;
  await assert.rejects(promise, (error) => {
    caught = error;
    return true;
  });
  assert.ok(isSkillshopError(caught), `expected a SkillshopError, got ${inspect(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (message) assert.match(caught.message, message);
  assert.ok(!caught.message.includes(TOKEN), 'token in message');
  assert.ok(!JSON.stringify(caught.details).includes(TOKEN), 'token in details');
  assert.ok(!inspect(caught, { depth: 5 }).includes(TOKEN), 'token in inspected error');
  return caught;
}

before(async () => {
  fake = await startFakeMonetization({ products: catalogue, accessToken: TOKEN });
});
after(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.setProducts(catalogue);
  fake.fail(undefined);
  fake.delay(0);
});

describe('MonetizationClient: requests', () => {
  it('sends the bearer token, the locale and Accept under the ~current path', async () => {
    await client().getProducts();
    assert.equal(fake.requests.length, 1);
    const [request] = fake.requests;
    assert.equal(request?.method, 'GET');
    assert.equal(request?.path, LIST_PATH);
    assert.deepEqual(request?.query, { maxResults: '100' });
    assert.equal(request?.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(request?.headers['accept-language'], 'de-DE');
    assert.equal(request?.headers.accept, 'application/json');
  });

  it('keeps a path in the endpoint and ignores a trailing slash', async () => {
    await client({ apiEndpoint: `${fake.url}/` }).getProducts();
    assert.equal(fake.requests[0]?.path, LIST_PATH);
  });

  it('puts the path of an endpoint with one in front of every resource', async () => {
    const seen: string[] = [];
    const prefixed = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ inSkillProducts: catalogue, isTruncated: false }));
    });
    await new Promise<void>((resolve) => prefixed.listen(0, '127.0.0.1', resolve));
    try {
      const apiEndpoint = `http://127.0.0.1:${(prefixed.address() as AddressInfo).port}/regional/`;
      const isp = new MonetizationClient({ apiEndpoint, apiAccessToken: TOKEN, locale: 'en-US' });
      assert.equal((await isp.getProductByReferenceName('hint_pack'))?.productId, hints.productId);
      assert.deepEqual(seen, [`/regional${LIST_PATH}?maxResults=100`]);
    } finally {
      prefixed.closeAllConnections();
      await new Promise((resolve) => prefixed.close(resolve));
    }
  });

  it('builds itself from a request envelope', async () => {
    const isp = MonetizationClient.fromEnvelope({
      context: { System: { application: { applicationId: 'a' }, user: { userId: 'u' }, apiEndpoint: fake.url, apiAccessToken: TOKEN } },
      request: { type: 'LaunchRequest', requestId: 'r', timestamp: '2024-01-01T00:00:00Z', locale: 'en-GB' },
    });
    assert.equal((await isp.getProducts()).length, 3);
    assert.equal(fake.requests[0]?.headers['accept-language'], 'en-GB');
  });
});

describe('MonetizationClient: the product list', () => {
  it('follows nextToken over every page, once, and memoizes the list', async () => {
    const paged = await startFakeMonetization({ products: catalogue, pageSize: 1 });
    try {
      const isp = new MonetizationClient({ apiEndpoint: paged.url, apiAccessToken: TOKEN, locale: 'en-US' });
      const all = await isp.getProducts();
      assert.deepEqual(all.map((p) => p.referenceName), ['cave_quest', 'hint_pack', 'explorers_club']);
      assert.equal(paged.requests.length, 3);
      assert.equal(paged.requests[0]?.query.nextToken, undefined);
      assert.ok(paged.requests[1]?.query.nextToken);
      assert.ok(paged.requests.every((r) => r.query.maxResults === '100'));

      assert.equal((await isp.getProducts()).length, 3);
      assert.equal((await isp.getProductByReferenceName('explorers_club'))?.productId, club.productId);
      assert.equal((await isp.getProduct(hints.productId))?.referenceName, 'hint_pack');
      assert.equal(await isp.getProduct(productIdFor('nothing')), undefined);
      assert.equal(paged.requests.length, 3, 'no request after the list was fetched');
      // The memoized list is never handed out: emptying what getProducts gave leaves it whole.
      all.length = 0;
      assert.equal((await isp.getProducts()).length, 3);
      // Another client (another request, maybe another user's entitlements) fetches its own list.
      const other = new MonetizationClient({ apiEndpoint: paged.url, apiAccessToken: TOKEN, locale: 'en-US' });
      assert.equal((await other.getProducts()).length, 3);
      assert.equal(paged.requests.length, 6, 'the other client fetched every page itself');
    } finally {
      await paged.close();
    }
  });

  it('shares one in-flight fetch between concurrent callers', async () => {
    const isp = client();
    const [a, b, c] = await Promise.all([
      isp.getProducts(),
      isp.getProductByReferenceName('cave_quest'),
      isp.getProducts({ entitled: 'ENTITLED' }),
    ]);
    assert.equal(a.length, 3);
    assert.equal(b?.productId, caveQuest.productId);
    assert.equal(c.length, 2);
    assert.equal(fake.requests.length, 1);
  });

  it('filters locally by purchasable, entitled and productType', async () => {
    const odd: InSkillProduct = { ...product({ referenceName: 'odd_one' }), purchasable: 'MAYBE_LATER', entitled: 'SOMEWHAT' };
    fake.setProducts([...catalogue, odd]);
    const isp = client();
    const names = async (filter: Parameters<MonetizationClient['getProducts']>[0]) =>
      (await isp.getProducts(filter)).map((p) => p.referenceName);
    assert.deepEqual(await names({ entitled: 'ENTITLED' }), ['hint_pack', 'explorers_club']);
    // Unknown values mean NOT_*.
    assert.deepEqual(await names({ entitled: 'NOT_ENTITLED' }), ['cave_quest', 'odd_one']);
    assert.deepEqual(await names({ purchasable: 'PURCHASABLE' }), ['cave_quest', 'hint_pack']);
    assert.deepEqual(await names({ purchasable: 'NOT_PURCHASABLE' }), ['explorers_club', 'odd_one']);
    assert.deepEqual(await names({ productType: 'CONSUMABLE' }), ['hint_pack']);
    assert.deepEqual(await names({ productType: 'SUBSCRIPTION', entitled: 'ENTITLED' }), ['explorers_club']);
    assert.deepEqual(await names({ productType: 'ENTITLEMENT', entitled: 'ENTITLED' }), []);
    assert.equal(fake.requests.length, 1);
    assert.equal(isEntitled(odd), false);
    assert.equal(isPurchasable(odd), false);
  });

  it('answers undefined for an unknown reference name', async () => {
    assert.equal(await client().getProductByReferenceName('no_such_thing'), undefined);
  });

  it('does not memoize a failed fetch', async () => {
    const isp = client();
    fake.failNext(503);
    await rejectsWith(isp.getProducts(), 'SKILLSHOP_MONETIZATION_HTTP');
    assert.equal((await isp.getProducts()).length, 3);
    assert.equal(fake.requests.length, 2);
  });

  it('sends a nextToken with any characters back exactly, and maxResults as it is', async () => {
    const token = 'a+b/c=d e&f%g?h#ié';
    fake.failNext(200, { inSkillProducts: [caveQuest], isTruncated: true, nextToken: token });
    fake.failNext(200, { inSkillProducts: [hints], isTruncated: false });
    await client().getProducts();
    assert.equal(fake.requests[1]?.query.nextToken, token);
    assert.equal(fake.requests[1]?.query.maxResults, '100');
  });

  it('accepts `truncated` in place of `isTruncated`', async () => {
    fake.failNext(200, { inSkillProducts: [caveQuest], truncated: true, nextToken: 'page-2' });
    fake.failNext(200, { inSkillProducts: [hints], truncated: false, nextToken: null });
    const all = await client().getProducts();
    assert.deepEqual(all.map((p) => p.referenceName), ['cave_quest', 'hint_pack']);
    assert.equal(fake.requests[1]?.query.nextToken, 'page-2');
  });

  it('stops a nextToken that comes back twice', async () => {
    for (let i = 0; i < 3; i += 1) fake.failNext(200, { inSkillProducts: [caveQuest], isTruncated: true, nextToken: 'again' });
    await rejectsWith(client().getProducts(), 'SKILLSHOP_MONETIZATION_BAD_RESPONSE', /same nextToken/);
    assert.equal(fake.requests.length, 2);
  });

  it('stops after 50 pages', async () => {
    for (let i = 0; i < 60; i += 1) fake.failNext(200, { inSkillProducts: [], isTruncated: true, nextToken: `t${i}` });
    await rejectsWith(client().getProducts(), 'SKILLSHOP_MONETIZATION_BAD_RESPONSE', /50 pages/);
    assert.equal(fake.requests.length, 50);
  });

  it('refuses a truncated page without a nextToken', async () => {
    fake.failNext(200, { inSkillProducts: [], isTruncated: true, nextToken: null });
    await rejectsWith(client().getProducts(), 'SKILLSHOP_MONETIZATION_BAD_RESPONSE', /no nextToken/);
  });

  it('refuses a list that is not a list of products', async () => {
    fake.failNext(200, { products: [] });
    await rejectsWith(client().getProducts(), 'SKILLSHOP_MONETIZATION_BAD_RESPONSE');
    fake.failNext(200, { inSkillProducts: [{ name: 'no id' }], isTruncated: false });
    await rejectsWith(client().getProducts(), 'SKILLSHOP_MONETIZATION_BAD_RESPONSE');
  });
});

describe('MonetizationClient: one product', () => {
  it('fetches one product by id, URL-encoded', async () => {
    const found = await client().getProduct(club.productId);
    assert.deepEqual(found, club);
    assert.equal(fake.requests[0]?.path, `${LIST_PATH}/${encodeURIComponent(club.productId)}`);
  });

  it('resolves undefined on 404', async () => {
    assert.equal(await client().getProduct('amzn1.adg.product.unknown/../x'), undefined);
    assert.equal(fake.requests.length, 1);
  });
});

describe('MonetizationClient: errors', () => {
  it('401 carries the unlinked-product hint and Amazon’s message', async () => {
    fake.failNext(401, { message: 'Request is not authorized.' });
    const error = await rejectsWith(client().getProducts(), 'SKILLSHOP_MONETIZATION_HTTP', /is the product linked to this skill\?/);
    assert.equal(error.details.status, 401);
    assert.match(error.message, /Request is not authorized\./);
    assert.match(error.message, /INCOMPLETE products make the Monetization service answer 401/);
  });

  it('a wrong token is a 401 from the service', async () => {
    await rejectsWith(client({ apiAccessToken: 'someone-else' }).getProducts(), 'SKILLSHOP_MONETIZATION_HTTP', /401/);
  });

  it('500 and 429 say what they are', async () => {
    fake.failNext(500, { message: 'Internal failure' });
    const failed = await rejectsWith(client().getProducts(), 'SKILLSHOP_MONETIZATION_HTTP', /failed on its side \(500\)/);
    assert.equal(failed.details.status, 500);
    assert.equal(failed.details.amazonMessage, 'Internal failure');
    fake.failNext(429, 'Too Many Requests');
    const throttled = await rejectsWith(client().isVoicePurchasingEnabled(), 'SKILLSHOP_MONETIZATION_HTTP', /throttled/);
    assert.equal(throttled.details.status, 429);
  });

  it('a 404 outside getProduct is an HTTP error', async () => {
    fake.failNext(404);
    await rejectsWith(client().getProducts(), 'SKILLSHOP_MONETIZATION_HTTP', /404/);
  });

  it('times out with the timeout in the message', async () => {
    fake.delay(300);
    const error = await rejectsWith(client({ timeoutMs: 50 }).getProducts(), 'SKILLSHOP_MONETIZATION_TIMEOUT', /within 50 ms/);
    assert.equal(error.details.timeoutMs, 50);
  });

  it('a body that is not JSON is a bad response', async () => {
    fake.failNext(200, '<html>Service Unavailable</html>');
    await rejectsWith(client().getProducts(), 'SKILLSHOP_MONETIZATION_BAD_RESPONSE', /not JSON/);
  });

  it('never repeats the token, even when the service echoes it', async () => {
    fake.failNext(400, { message: `Bad token ${TOKEN}` });
    const error = await rejectsWith(client().getProducts(), 'SKILLSHOP_MONETIZATION_HTTP');
    assert.match(error.message, /\[apiAccessToken\]/);
    fake.failNext(200, `not json ${TOKEN}`);
    await rejectsWith(client().getProducts(), 'SKILLSHOP_MONETIZATION_BAD_RESPONSE');
  });

  it('a network failure is MONETIZATION_UNAVAILABLE with its cause', async () => {
    const closed = await startFakeMonetization();
    const url = closed.url;
    await closed.close();
    const error = await rejectsWith(client({ apiEndpoint: url }).getProducts(), 'SKILLSHOP_MONETIZATION_UNAVAILABLE', /Could not reach/);
    assert.ok(error.cause instanceof Error);
  });

  it('an injected fetch that throws is MONETIZATION_UNAVAILABLE', async () => {
    const failing: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
    await rejectsWith(client({ fetch: failing }).getProducts(), 'SKILLSHOP_MONETIZATION_UNAVAILABLE', /fetch failed/);
  });
});

describe('MonetizationClient: endpoint and context', () => {
  it('refuses plain http to a host that is not loopback, without calling it', async () => {
    let called = false;
    const spy: typeof fetch = () => {
      called = true;
      return Promise.reject(new Error('must not be called'));
    };
    for (const apiEndpoint of ['http://api.amazonalexa.com', 'http://10.0.0.1:8080', 'http://localhost.evil.com']) {
      await rejectsWith(client({ apiEndpoint, fetch: spy }).getProducts(), 'SKILLSHOP_MONETIZATION_UNAVAILABLE', /must be https/);
    }
    await rejectsWith(client({ apiEndpoint: 'ftp://127.0.0.1', fetch: spy }).getProducts(), 'SKILLSHOP_MONETIZATION_UNAVAILABLE');
    await rejectsWith(client({ apiEndpoint: 'not a url', fetch: spy }).getProducts(), 'SKILLSHOP_MONETIZATION_UNAVAILABLE', /not a URL/);
    assert.equal(called, false);
  });

  it('allows https anywhere and http to loopback hosts', async () => {
    const seen: string[] = [];
    const recording: typeof fetch = (input) => {
      seen.push(String(input));
      return Promise.resolve(new Response('true', { status: 200 }));
    };
    for (const apiEndpoint of ['https://api.eu.amazonalexa.com', 'http://127.0.0.1:9', 'http://127.5.6.7', 'http://localhost:3000', 'http://[::1]:3000']) {
      assert.equal(await client({ apiEndpoint, fetch: recording }).isVoicePurchasingEnabled(), true);
    }
    assert.equal(seen[0], 'https://api.eu.amazonalexa.com/v1/users/~current/skills/~current/settings/voicePurchasing.enabled');
    assert.equal(seen.length, 5);
  });

  it('names the missing context field', async () => {
    await rejectsWith(client({ apiEndpoint: undefined }).getProducts(), 'SKILLSHOP_MONETIZATION_UNAVAILABLE', /no context\.System\.apiEndpoint/);
    await rejectsWith(client({ apiAccessToken: '' }).getProduct('x'), 'SKILLSHOP_MONETIZATION_UNAVAILABLE', /no context\.System\.apiAccessToken/);
    await rejectsWith(client({ locale: undefined }).getTransactions(), 'SKILLSHOP_MONETIZATION_UNAVAILABLE', /no request\.locale/);
    assert.equal(fake.requests.length, 0);
  });

  it('refuses a timeout that is not positive', () => {
    assert.throws(() => client({ timeoutMs: 0 }), RangeError);
  });
});

describe('MonetizationClient: voice purchasing and transactions', () => {
  it('reads the voice purchasing setting', async () => {
    fake.setVoicePurchasing(false);
    assert.equal(await client().isVoicePurchasingEnabled(), false);
    fake.setVoicePurchasing(true);
    assert.equal(await client().isVoicePurchasingEnabled(), true);
    assert.equal(fake.requests[0]?.path, '/v1/users/~current/skills/~current/settings/voicePurchasing.enabled');
    fake.failNext(200, { enabled: true });
    await rejectsWith(client().isVoicePurchasingEnabled(), 'SKILLSHOP_MONETIZATION_BAD_RESPONSE', /true or false/);
  });

  it('lists transactions with their query and Amazon’s shape', async () => {
    const pending = { status: 'PENDING_APPROVAL_BY_PARENT', productId: caveQuest.productId, createdTime: '2024-05-01T10:00:00Z', lastModifiedTime: '2024-05-01T10:00:00Z' };
    fake.setTransactions([pending]);
    const answer = await client().getTransactions({
      productId: caveQuest.productId,
      status: 'PENDING_APPROVAL_BY_PARENT',
      fromLastModifiedTime: new Date('2024-05-01T00:00:00Z'),
      toLastModifiedTime: '2024-05-02T00:00:00Z',
      maxResults: 10,
    });
    assert.deepEqual(answer, { results: [pending], metadata: { resultSet: {} } });
    assert.equal(fake.requests[0]?.path, '/v1/users/~current/skills/~current/inSkillProductsTransactions');
    assert.deepEqual(fake.requests[0]?.query, {
      productId: caveQuest.productId,
      status: 'PENDING_APPROVAL_BY_PARENT',
      fromLastModifiedTime: '2024-05-01T00:00:00.000Z',
      toLastModifiedTime: '2024-05-02T00:00:00Z',
      maxResults: '10',
    });
    fake.setTransactions([]);
    assert.deepEqual((await client().getTransactions()).results, []);
    fake.failNext(200, { results: 'none' });
    await rejectsWith(client().getTransactions(), 'SKILLSHOP_MONETIZATION_BAD_RESPONSE');
  });
});
