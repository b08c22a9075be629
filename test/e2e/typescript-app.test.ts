/** A TypeScript app (the README's example) loads and runs without a build step. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadProject } from '../../src/app/project';
import type { App } from '../../src/app/app';
import type { ResponseEnvelope } from '../../src/alexa/response';
import { startFakeMonetization, product, type FakeMonetization } from '../helpers/fake-monetization';
import { intentRequest, purchaseResponse, speechOf } from '../helpers/requests';
import { REPO } from '../helpers/cli';

describe('a TypeScript skill (app/app.ts)', () => {
  let fake: FakeMonetization;
  let app: App;
  const caveQuest = product({ referenceName: 'cave_quest' });

  before(async () => {
    fake = await startFakeMonetization({ products: [caveQuest] });
    app = (await loadProject(join(REPO, 'test', 'fixtures', 'ts-skill'))).app;
    app.applyProjectSettings({ storage: { type: 'memory' } });
  });
  after(async () => {
    await app?.close();
    await fake?.close();
  });

  it('buys with await', async () => {
    const response = await app.handle(intentRequest('BuySkillItemIntent', { ProductName: { value: 'cave quest', id: 'cave_quest' } }, { apiEndpoint: fake.url }));
    assert.equal(response.response.directives?.[0]?.name, 'Buy');
  });

  it('asks again when the slot did not resolve to a product', async () => {
    const response: ResponseEnvelope = await app.handle(
      intentRequest('BuySkillItemIntent', { ProductName: { value: 'dragons', match: false } }, { apiEndpoint: fake.url }),
    );
    assert.equal(speechOf(response), 'Which product would you like?');
    assert.equal(response.response.shouldEndSession, false);
  });

  it('answers the purchase result', async () => {
    const response = await app.handle(purchaseResponse('Buy', 'DECLINED', caveQuest.productId, { apiEndpoint: fake.url }));
    assert.equal(speechOf(response), 'Maybe another time.');
  });
});
