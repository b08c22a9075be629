/**
 * End to end: `skillshop run` serves examples/cave-quest (the seed's handlers, verbatim) and real
 * Alexa request JSON goes to it over HTTP; the Monetization service is a real HTTP server on loopback.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeMonetization, product, type FakeMonetization } from '../helpers/fake-monetization';
import { intentRequest, launchRequest, purchaseResponse, sessionEndedRequest, speechOf } from '../helpers/requests';
import { post, postTruncated } from '../helpers/http';
import { startCli, REPO, type RunningServer } from '../helpers/cli';
import type { ResponseEnvelope } from '../../src/alexa/response';

const EXAMPLE = join(REPO, 'examples', 'cave-quest');
const CAVE_QUEST = { value: 'cave quest', id: 'cave_quest', name: 'Cave Quest' };
const caveQuest = product({ referenceName: 'cave_quest', name: 'Cave Quest' });
const ERROR_SPEECH = 'Sorry, something went wrong. Please try again later.';

describe('skillshop run: the cave-quest example over HTTP', () => {
  let fake: FakeMonetization;
  let server: RunningServer;
  let dataDir: string;

  before(async () => {
    fake = await startFakeMonetization({ products: [caveQuest] });
    dataDir = mkdtempSync(join(tmpdir(), 'skillshop-e2e-'));
    server = await startCli(['run', '--cwd', EXAMPLE, '--port', '0', '--no-verify'], {
      SKILLSHOP_STORAGE: `sqlite:${join(dataDir, 'skillshop.db')}`,
    });
  });
  after(async () => {
    await server?.stop();
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    fake.setProducts([caveQuest]);
    fake.fail(undefined);
    fake.delay(0);
  });

  async function send(envelope: unknown): Promise<ResponseEnvelope> {
    const result = await post(server.url, JSON.stringify(envelope));
    assert.equal(result.status, 200, result.body);
    return result.json() as ResponseEnvelope;
  }

  it('warns loudly that verification is off', () => {
    assert.match(server.output(), /verification is OFF/);
  });

  it('launches', async () => {
    const response = await send(launchRequest({ apiEndpoint: fake.url }));
    assert.equal(speechOf(response), 'Welcome to Cave Quest. Would you like to buy the Cave Quest expansion?');
    assert.equal(response.response.shouldEndSession, false);
  });

  it('buy, not owned → one Buy directive with the service\'s productId, nothing else', async () => {
    const response = await send(intentRequest('BuySkillItemIntent', { ProductName: CAVE_QUEST }, { apiEndpoint: fake.url }));
    assert.deepEqual(response.response, {
      directives: [{
        type: 'Connections.SendRequest',
        name: 'Buy',
        payload: { InSkillProduct: { productId: caveQuest.productId } },
        token: `Buy:${caveQuest.productId}`,
      }],
    });
    const calls = fake.requests.filter((r) => r.path.endsWith('/inSkillProducts'));
    assert.equal(calls.length, 1);
    assert.equal(calls.at(-1)!.headers['accept-language'], 'en-US');
    assert.match(String(calls.at(-1)!.headers.authorization), /^Bearer /);
  });

  it('buy, owned → "You own it already"', async () => {
    fake.setProducts([{ ...caveQuest, entitled: 'ENTITLED', purchasable: 'NOT_PURCHASABLE' }]);
    const response = await send(intentRequest('BuySkillItemIntent', { ProductName: CAVE_QUEST }, { apiEndpoint: fake.url }));
    assert.equal(speechOf(response), 'You own it already');
    assert.equal(response.response.shouldEndSession, true);
    assert.equal(response.response.directives, undefined);
  });

  it('refund → one Cancel directive', async () => {
    const response = await send(intentRequest('RefundSkillItemIntent', { ProductName: CAVE_QUEST }, { apiEndpoint: fake.url }));
    assert.deepEqual(response.response.directives, [{
      type: 'Connections.SendRequest',
      name: 'Cancel',
      payload: { InSkillProduct: { productId: caveQuest.productId } },
      token: `Cancel:${caveQuest.productId}`,
    }]);
    assert.equal(response.response.outputSpeech, undefined);
  });

  for (const result of ['ACCEPTED', 'DECLINED', 'ALREADY_PURCHASED', 'ERROR']) {
    it(`Connections.Response ${result} → ON_PURCHASE speaks the result`, async () => {
      const response = await send(purchaseResponse('Buy', result, caveQuest.productId, { apiEndpoint: fake.url }));
      assert.equal(speechOf(response), result);
      assert.equal(response.response.shouldEndSession, true);
      await server.waitForOutput(new RegExp(`purchaseResult: '${result}'`)); // ON_PURCHASE logged getPayloads()
    });
  }

  it('a non-200 Connections.Response without payload → ON_PURCHASE hears ERROR', async () => {
    const response = await send(purchaseResponse('Upsell', 'ERROR', caveQuest.productId, {
      apiEndpoint: fake.url, statusCode: '500', statusMessage: 'Internal Server Error', noPayload: true,
    }));
    assert.equal(speechOf(response), 'ERROR');
  });

  it('finds the product in a list served over two pages', async () => {
    const other = product({ referenceName: 'dragon_pack', name: 'Dragon Pack' });
    fake.setProducts([other, caveQuest]);
    const stop = await startFakeMonetization({ products: [other, caveQuest], pageSize: 1 });
    try {
      const response = await send(intentRequest('BuySkillItemIntent', { ProductName: CAVE_QUEST }, { apiEndpoint: stop.url }));
      assert.deepEqual((response.response.directives?.[0]?.payload as { InSkillProduct: unknown }).InSkillProduct, { productId: caveQuest.productId });
      const pages = stop.requests.filter((r) => r.path.endsWith('/inSkillProducts'));
      assert.equal(pages.length, 2);
      assert.ok(pages[1]!.query.nextToken, 'the second call carries nextToken');
    } finally {
      await stop.close();
    }
  });

  for (const status of [401, 500]) {
    it(`Monetization ${status} → a spoken error, never a crash`, async () => {
      fake.fail(status);
      const response = await send(intentRequest('BuySkillItemIntent', { ProductName: CAVE_QUEST }, { apiEndpoint: fake.url }));
      assert.equal(speechOf(response), ERROR_SPEECH);
      if (status === 401) await server.waitForOutput(/linked to this skill/);
    });
  }

  it('Monetization timeout → a spoken error in time', async () => {
    fake.delay(6000);
    const started = Date.now();
    const response = await send(intentRequest('BuySkillItemIntent', { ProductName: CAVE_QUEST }, { apiEndpoint: fake.url }));
    assert.equal(speechOf(response), ERROR_SPEECH);
    assert.ok(Date.now() - started < 5500, 'answered before the service did');
  });

  it('SessionEndedRequest → an empty response', async () => {
    assert.deepEqual(await send(sessionEndedRequest('USER_INITIATED', { apiEndpoint: fake.url })), { version: '1.0', response: {} });
  });

  it('a truncated body → 400, and the server keeps serving', async () => {
    const body = JSON.stringify(launchRequest({ apiEndpoint: fake.url }));
    const bad = await post(server.url, body.slice(0, 200));
    assert.equal(bad.status, 400);
    await postTruncated(server.url, body.slice(0, 200), body.length);
    const good = await send(launchRequest({ apiEndpoint: fake.url }));
    assert.ok(speechOf(good));
  });
});

describe('skillshop run with verification on (the default)', () => {
  let server: RunningServer;
  before(async () => {
    server = await startCli(['run', '--cwd', EXAMPLE, '--port', '0'], { SKILLSHOP_STORAGE: 'memory' });
  });
  after(async () => {
    const code = await server?.stop();
    assert.equal(code, 0, 'SIGTERM shuts down cleanly');
  });

  it('refuses unsigned requests with 400', async () => {
    const result = await post(server.url, JSON.stringify(launchRequest()));
    assert.equal(result.status, 400);
    assert.match(result.body, /SKILLSHOP_SIGNATURE_HEADERS_MISSING/);
  });

  it('refuses a certificate URL off Amazon with 400', async () => {
    const result = await post(server.url, JSON.stringify(launchRequest()), {
      SignatureCertChainUrl: 'https://notamazon.com/echo.api/echo-api-cert.pem',
      'Signature-256': Buffer.from('forged').toString('base64'),
    });
    assert.equal(result.status, 400);
    assert.match(result.body, /SKILLSHOP_CERT_URL_INVALID/);
  });

  it('does not print the OFF warning', () => {
    assert.doesNotMatch(server.output(), /verification is OFF/);
    assert.match(server.output(), /verification: on/);
  });
});
