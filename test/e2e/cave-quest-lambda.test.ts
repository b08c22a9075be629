/**
 * End to end: the cave-quest example as an AWS Lambda handler — the direct Alexa trigger (event =
 * request envelope) and an API Gateway / function URL event (verified like the web service).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadProject } from '../../src/app/project';
import type { App } from '../../src/app/app';
import type { ResponseEnvelope } from '../../src/alexa/response';
import { startFakeMonetization, product, type FakeMonetization } from '../helpers/fake-monetization';
import { intentRequest, launchRequest, purchaseResponse, SKILL_ID, speechOf } from '../helpers/requests';
import { REPO } from '../helpers/cli';

const caveQuest = product({ referenceName: 'cave_quest', name: 'Cave Quest' });
const CAVE_QUEST = { value: 'cave quest', id: 'cave_quest', name: 'Cave Quest' };

describe('the cave-quest example as an AWS Lambda handler', () => {
  let fake: FakeMonetization;
  let app: App;

  before(async () => {
    fake = await startFakeMonetization({ products: [caveQuest] });
    const project = await loadProject(join(REPO, 'examples', 'cave-quest'));
    app = project.app;
    app.applyProjectSettings({ storage: { type: 'memory' }, applicationIds: [SKILL_ID] });
  });
  after(async () => {
    await app?.close();
    await fake?.close();
  });

  it('answers through the callback, as Lambda\'s Node runtime expects', async () => {
    const context = { callbackWaitsForEmptyEventLoop: true };
    const response = await new Promise<ResponseEnvelope>((resolve, reject) => {
      void app.handleLambda(launchRequest({ apiEndpoint: fake.url }), context, (error, result) =>
        error ? reject(error) : resolve(result as ResponseEnvelope));
    });
    assert.match(speechOf(response) ?? '', /^Welcome to Cave Quest/);
    assert.equal(context.callbackWaitsForEmptyEventLoop, false, 'open sockets must not hold the invocation');
  });

  it('resolves the response for async handlers, and buys with a Buy directive', async () => {
    const response = (await app.handleLambda(
      intentRequest('BuySkillItemIntent', { ProductName: CAVE_QUEST }, { apiEndpoint: fake.url }),
    )) as ResponseEnvelope;
    assert.equal(response.response.directives?.[0]?.name, 'Buy');
    assert.deepEqual(response.response.directives?.[0]?.payload, { InSkillProduct: { productId: caveQuest.productId } });
  });

  it('ON_PURCHASE gets the purchase result', async () => {
    const response = (await app.handleLambda(purchaseResponse('Buy', 'ACCEPTED', caveQuest.productId, { apiEndpoint: fake.url }))) as ResponseEnvelope;
    assert.equal(speechOf(response), 'ACCEPTED');
  });

  it('a malformed event fails the invocation with a clear error', async () => {
    const error = await new Promise<Error | null>((resolve) => {
      void app.handleLambda({ version: '1.0', request: { type: 'LaunchRequest' } }, {}, (e) => resolve(e));
    });
    assert.match(String(error?.message), /context/);
    assert.equal((error as { code?: string }).code, 'SKILLSHOP_REQUEST_INVALID');
  });

  it('refuses an event for another skill', async () => {
    await assert.rejects(app.handleLambda(launchRequest({ skillId: 'amzn1.ask.skill.other' })), { code: 'SKILLSHOP_APPLICATION_ID_MISMATCH' });
  });

  it('verifies API Gateway / function URL events like the web service', async () => {
    const body = JSON.stringify(launchRequest({ apiEndpoint: fake.url }));
    const unsigned = (await app.handleLambda({
      requestContext: { http: { method: 'POST' } }, headers: { 'content-type': 'application/json' }, body, isBase64Encoded: false,
    })) as { statusCode: number; body: string };
    assert.equal(unsigned.statusCode, 400);
    assert.match(unsigned.body, /SKILLSHOP_SIGNATURE_HEADERS_MISSING/);
    const encoded = (await app.handleLambda({
      requestContext: {}, headers: {}, body: Buffer.from('{"truncated":').toString('base64'), isBase64Encoded: true,
    })) as { statusCode: number };
    assert.equal(encoded.statusCode, 400);
  });
});
