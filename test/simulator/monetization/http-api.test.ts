import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSkillshopError } from '../../../src/errors';
import { MonetizationClient } from '../../../src/isp/monetization-client';
import { isEntitled } from '../../../src/isp/product';
import { productIdFor } from '../../helpers/fake-monetization';
import { ALICE, BOB, authorized, clientFor, get, rawGet, startEmulator, type TestEmulator } from './support';

describe('monetization emulator: the HTTP API, driven by the project’s MonetizationClient', () => {
  let emulator: TestEmulator;
  before(async () => {
    emulator = await startEmulator({ pageSize: 1 });
  });
  after(() => emulator.close());
  afterEach(() => {
    emulator.reset();
    emulator.setFault(undefined);
    emulator.setLatency(0);
    emulator.setVoicePurchasing(true);
  });

  it('serves on loopback with stable, name-derived product ids', () => {
    assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(emulator.productIdOf('cave_quest'), productIdFor('cave_quest'));
    assert.match(emulator.productIdOf('hint_pack') ?? '', /^amzn1\.adg\.product\.[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('lists every product across pages of one (the client follows nextToken)', async () => {
    const products = await clientFor(emulator, ALICE).getProducts();
    assert.deepEqual(products.map((p) => p.referenceName), ['cave_quest', 'explorers_club', 'hint_pack']);
    assert.deepEqual(products[0], {
      productId: productIdFor('cave_quest'),
      referenceName: 'cave_quest',
      name: 'Cave Quest',
      type: 'ENTITLEMENT',
      summary: 'Cave Quest for your adventure.',
      purchasable: 'PURCHASABLE',
      entitled: 'NOT_ENTITLED',
      entitlementReason: 'NOT_PURCHASED',
      activeEntitlementCount: 0,
      purchaseMode: 'TEST',
    });
  });

  it('pages with isTruncated and an opaque nextToken, and refuses a foreign token', async () => {
    const headers = authorized(emulator, ALICE);
    const first = await get(emulator, 'inSkillProducts', headers);
    assert.equal(first.status, 200);
    const page = first.body as { inSkillProducts: unknown[]; isTruncated: boolean; nextToken: string | null };
    assert.equal(page.inSkillProducts.length, 1);
    assert.equal(page.isTruncated, true);
    assert.equal(typeof page.nextToken, 'string');
    const last = await get(emulator, `inSkillProducts?nextToken=${page.nextToken}&maxResults=5`, headers);
    assert.equal((last.body as { inSkillProducts: unknown[] }).inSkillProducts.length, 1, 'pageSize caps maxResults');
    const bad = await get(emulator, 'inSkillProducts?nextToken=not-a-token', headers);
    assert.equal(bad.status, 400);
    const foreign = await get(emulator, `inSkillProductsTransactions?nextToken=${page.nextToken}`, headers);
    assert.equal(foreign.status, 400);
  });

  it('filters the list by purchasable, entitled and productType on the server', async () => {
    emulator.buy(ALICE, emulator.productIdOf('cave_quest')!);
    const headers = authorized(emulator, ALICE);
    const names = async (query: string) => {
      const all: string[] = [];
      let token: string | null = null;
      do {
        const answer = await get(emulator, `inSkillProducts?${query}${token ? `&nextToken=${token}` : ''}`, headers);
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        const body = answer.body as { inSkillProducts: { referenceName: string }[]; nextToken: string | null };
        all.push(...body.inSkillProducts.map((p) => p.referenceName));
        token = body.nextToken;
      } while (token !== null);
      return all;
    };
    assert.deepEqual(await names('entitled=ENTITLED'), ['cave_quest']);
    assert.deepEqual(await names('entitled=NOT_ENTITLED'), ['explorers_club', 'hint_pack']);
    assert.deepEqual(await names('purchasable=NOT_PURCHASABLE'), ['cave_quest']);
    assert.deepEqual(await names('productType=CONSUMABLE&purchasable=PURCHASABLE'), ['hint_pack']);
    // and the client's local filter agrees
    assert.deepEqual((await clientFor(emulator, ALICE).getProducts({ entitled: 'ENTITLED' })).map((p) => p.referenceName), ['cave_quest']);
  });

  it('answers 400 with { message } for a bad filter or maxResults', async () => {
    const headers = authorized(emulator, ALICE);
    for (const query of ['entitled=YES', 'productType=BUNDLE', 'purchasable=', 'maxResults=0', 'maxResults=101', 'maxResults=abc', 'maxResults=1.5']) {
      const answer = await get(emulator, `inSkillProducts?${query}`, headers);
      assert.equal(answer.status, 400, query);
      assert.equal(typeof (answer.body as { message: unknown }).message, 'string', query);
    }
    assert.equal((await get(emulator, 'inSkillProducts?maxResults=100', headers)).status, 200);
  });

  it('gets one product, and 404 (client: undefined) for an unknown id', async () => {
    const client = clientFor(emulator, ALICE);
    const quest = await client.getProduct(emulator.productIdOf('cave_quest')!);
    assert.equal(quest?.referenceName, 'cave_quest');
    assert.equal(await client.getProduct('amzn1.adg.product.00000000-0000-4000-8000-000000000000'), undefined);
    const raw = await get(emulator, 'inSkillProducts/amzn1.adg.product.unknown', authorized(emulator, ALICE));
    assert.equal(raw.status, 404);
    assert.match((raw.body as { message: string }).message, /amzn1\.adg\.product\.unknown/);
  });

  it('answers 401 without a token, with an unknown token, and with a token signed elsewhere', async () => {
    const other = await startEmulator({ tokenSecret: 'another secret' });
    try {
      for (const authorization of [undefined, 'Basic abc', 'Bearer ', 'Bearer not-a-token', `Bearer ${other.tokenFor(ALICE)}`]) {
        const headers: Record<string, string> = { 'Accept-Language': 'en-US' };
        if (authorization !== undefined) headers.Authorization = authorization;
        const answer = await get(emulator, 'inSkillProducts', headers);
        assert.equal(answer.status, 401, String(authorization));
        assert.equal(typeof (answer.body as { message: unknown }).message, 'string');
      }
      const forged = new MonetizationClient({
        apiEndpoint: emulator.url,
        apiAccessToken: other.tokenFor(ALICE),
        locale: 'en-US',
      });
      await assert.rejects(forged.getProducts(), (error) => isSkillshopError(error, 'MONETIZATION_HTTP') && error.details.status === 401);
    } finally {
      await other.close();
    }
  });

  it('issues tokens that are stable for a given secret and differ per user', async () => {
    const one = await startEmulator({ tokenSecret: 'fixed' });
    const two = await startEmulator({ tokenSecret: 'fixed' });
    try {
      assert.equal(one.tokenFor(ALICE), two.tokenFor(ALICE));
      assert.notEqual(one.tokenFor(ALICE), one.tokenFor(BOB));
      assert.match(one.tokenFor(ALICE), /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('answers 400 without Accept-Language, 405 for other methods, 404 off the API', async () => {
    const bearer = { Authorization: `Bearer ${emulator.tokenFor(ALICE)}` };
    const noLocale = await rawGet(emulator, 'inSkillProducts', bearer);
    assert.equal(noLocale.status, 400);
    assert.match((noLocale.body as { message: string }).message, /Accept-Language/);
    // fetch's default `Accept-Language: *`, and an empty one, name no locale either
    assert.equal((await get(emulator, 'inSkillProducts', bearer)).status, 400);
    assert.equal((await rawGet(emulator, 'inSkillProducts', { ...bearer, 'Accept-Language': '' })).status, 400);
    const post = await fetch(`${emulator.url}/v1/users/~current/skills/~current/inSkillProducts`, { method: 'POST', headers: authorized(emulator, ALICE) });
    assert.equal(post.status, 405);
    assert.equal((await get(emulator, 'somethingElse', authorized(emulator, ALICE))).status, 404);
    assert.equal((await fetch(`${emulator.url}/v2/other`)).status, 404);
  });

  it('keeps users apart: the token decides whose entitlements are read', async () => {
    emulator.buy(ALICE, emulator.productIdOf('cave_quest')!);
    const alice = await clientFor(emulator, ALICE).getProductByReferenceName('cave_quest');
    const bob = await clientFor(emulator, BOB).getProductByReferenceName('cave_quest');
    assert.equal(alice?.entitled, 'ENTITLED');
    assert.equal(bob?.entitled, 'NOT_ENTITLED');
  });

  it('localizes name and summary by Accept-Language, falling back to the language, then en-US', async () => {
    const french = await clientFor(emulator, ALICE, 'fr-FR').getProductByReferenceName('explorers_club');
    assert.equal(french?.name, 'Club des Explorateurs');
    assert.equal(french?.summary, 'Club des Explorateurs pour votre aventure.');
    assert.equal((await clientFor(emulator, ALICE, 'fr-CA').getProductByReferenceName('explorers_club'))?.name, 'Club des Explorateurs');
    assert.equal((await clientFor(emulator, ALICE, 'de-DE').getProductByReferenceName('explorers_club'))?.name, 'Explorers Club');
    const listed = await get(emulator, 'inSkillProducts', { ...authorized(emulator, ALICE), 'Accept-Language': 'fr-FR,fr;q=0.9' });
    assert.equal((listed.body as { inSkillProducts: { name: string }[] }).inSkillProducts[0]?.name, 'La Quête de la Grotte');
  });

  it('reports voice purchasing as a bare JSON boolean', async () => {
    const client = clientFor(emulator, ALICE);
    assert.equal(await client.isVoicePurchasingEnabled(), true);
    emulator.setVoicePurchasing(false);
    assert.equal(await clientFor(emulator, ALICE).isVoicePurchasingEnabled(), false);
    const raw = await fetch(`${emulator.url}/v1/users/~current/skills/~current/settings/voicePurchasing.enabled`, { headers: authorized(emulator, ALICE) });
    assert.equal(await raw.text(), 'false');
  });

  it('fails on demand: 401 once, then normal again', async () => {
    emulator.setFault({ status: 401, times: 1 });
    await assert.rejects(clientFor(emulator, ALICE).getProducts(), (error) => {
      assert.ok(isSkillshopError(error, 'MONETIZATION_HTTP'));
      assert.equal(error.details.status, 401);
      assert.match(error.message, /not linked/);
      return true;
    });
    assert.equal((await clientFor(emulator, ALICE).getProducts()).length, 3);
  });

  it('fails on demand: 500 and 429 until cleared, with Amazon-like messages', async () => {
    emulator.setFault({ status: 500 });
    for (let i = 0; i < 3; i += 1) {
      const answer = await get(emulator, 'inSkillProducts', authorized(emulator, ALICE));
      assert.equal(answer.status, 500);
      assert.equal(typeof (answer.body as { message: unknown }).message, 'string');
    }
    emulator.setFault({ status: 429, message: 'Slow down.' });
    await assert.rejects(clientFor(emulator, ALICE).isVoicePurchasingEnabled(), (error) => {
      assert.ok(isSkillshopError(error, 'MONETIZATION_HTTP'));
      assert.equal(error.details.status, 429);
      assert.equal(error.details.amazonMessage, 'Slow down.');
      return true;
    });
    emulator.setFault(undefined);
    assert.equal(await clientFor(emulator, ALICE).isVoicePurchasingEnabled(), true);
    assert.throws(() => emulator.setFault({ status: 200 }), RangeError);
    assert.throws(() => emulator.setFault({ status: 500, times: 0 }), RangeError);
  });

  it('answers slowly on demand, so the client times out', async () => {
    emulator.setLatency(150);
    await assert.rejects(clientFor(emulator, ALICE, 'en-US', 40).isVoicePurchasingEnabled(), (error) => isSkillshopError(error, 'MONETIZATION_TIMEOUT'));
    const started = Date.now();
    assert.equal(await clientFor(emulator, ALICE, 'en-US', 2000).isVoicePurchasingEnabled(), true);
    assert.ok(Date.now() - started >= 140, 'the answer was held back');
    assert.throws(() => emulator.setLatency(-1), RangeError);
  });

  it('the client and the engine agree after a purchase', async () => {
    const id = emulator.productIdOf('explorers_club')!;
    assert.equal(emulator.buy(BOB, id), 'ACCEPTED');
    const product = await clientFor(emulator, BOB).getProduct(id);
    assert.ok(isEntitled(product));
    assert.deepEqual(product, emulator.productFor(BOB, id, 'en-US'));
  });
});
