/** isp status, isp pull (round trip with deploy) and isp reset, against the fake SMAPI. */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploy } from '../../src/deploy/deploy';
import { productStatus, pullProducts, resetTestPurchases } from '../../src/deploy/products';
import { startFakeSmapi, type FakeSmapi } from './fake-smapi';
import { askHome, CAVE_QUEST_FILE, caveQuestProject, editJson, fakeSession, HINT_PACK_FILE, readJson } from './support';

let fake: FakeSmapi;
beforeEach(async () => {
  fake = await startFakeSmapi();
});
afterEach(() => fake.close());

async function deployed() {
  const project = caveQuestProject();
  const { home } = askHome(fake);
  const session = fakeSession(fake, home);
  const options = { projectDir: project, client: session.client, profile: session.profile, vendorId: session.vendorId };
  const result = await deploy(options);
  return { project, options, skillId: result.skillId! };
}

describe('isp status, pull and reset', () => {
  it('compares each file with Amazon: id, status, linked, differs', async () => {
    const { project, options, skillId } = await deployed();
    editJson(project, HINT_PACK_FILE, (definition) => {
      definition.testingInstructions = 'Local change.';
    });
    const consoleId = fake.consoleCreate({ version: '1.0', type: 'CONSUMABLE', referenceName: 'torch_pack', publishingInformation: { locales: { 'en-US': { name: 'Torches' } } } }, skillId);
    const status = await productStatus(options);
    assert.equal(status.skillId, skillId);
    const by = Object.fromEntries(status.products.map((p) => [p.referenceName, p]));
    assert.deepEqual(Object.keys(by), ['cave_club', 'cave_quest', 'hint_pack', 'torch_pack']);
    assert.equal(by.cave_quest!.differs, false);
    assert.equal(by.cave_quest!.linked, true);
    assert.equal(by.cave_quest!.status, 'COMPLETE');
    assert.equal(by.hint_pack!.differs, true);
    assert.equal(by.hint_pack!.changedAtAmazon, false);
    assert.deepEqual(by.torch_pack, { referenceName: 'torch_pack', type: 'CONSUMABLE', productId: consoleId, status: 'INCOMPLETE', linked: true, live: false, differs: null, changedAtAmazon: false });
  });

  it('pulls Amazon\'s definitions into files (a console edit, a console product); the next deploy sends nothing', async () => {
    const { project, options, skillId } = await deployed();
    const questId = fake.productByName('cave_quest')!.productId;
    fake.consoleEdit(questId, (definition) => {
      definition.testingInstructions = 'Edited in the console.';
    });
    fake.consoleCreate({ version: '1.0', type: 'CONSUMABLE', referenceName: 'torch_pack', publishingInformation: { locales: { 'en-US': { name: 'Torches' } } } }, skillId);
    const pulled = await pullProducts(options);
    assert.deepEqual(pulled.map((p) => `${p.referenceName}:${p.outcome}`), ['cave_club:unchanged', 'cave_quest:updated', 'hint_pack:unchanged', 'torch_pack:created']);
    const quest = readJson(project, CAVE_QUEST_FILE);
    assert.equal(quest.testingInstructions, 'Edited in the console.');
    assert.equal(quest.$schema, '../.schema/in-skill-product.schema.json');
    assert.ok(existsSync(join(project, 'platforms/alexaSkill/isps/consumable/torch_pack.json')));
    assert.ok(pulled.find((p) => p.referenceName === 'torch_pack')!.problems.length > 0, 'the console product is incomplete: reported');
    const clubBefore = readFileSync(join(project, 'platforms/alexaSkill/isps/subscription/cave_club.json'), 'utf8');

    const from = fake.requests.length;
    const result = await deploy({ ...options, skillPackage: false });
    assert.deepEqual(fake.requests.slice(from).filter((r) => r.method !== 'GET'), [], JSON.stringify(result.actions));
    assert.equal(readFileSync(join(project, 'platforms/alexaSkill/isps/subscription/cave_club.json'), 'utf8'), clubBefore, 'an unchanged file is not rewritten');

    const named = await pullProducts({ ...options, referenceNames: ['cave_quest'] });
    assert.deepEqual(named.map((p) => `${p.referenceName}:${p.outcome}`), ['cave_quest:unchanged']);
    await assert.rejects(pullProducts({ ...options, referenceNames: ['cave_qest'] }), /no product "cave_qest".*Did you mean "cave_quest"/);
  });

  it('resets my test purchases of the named products, or all of them', async () => {
    const { options } = await deployed();
    const one = await resetTestPurchases({ ...options, referenceNames: ['hint_pack'] });
    assert.deepEqual(one.map((p) => p.referenceName), ['hint_pack']);
    assert.equal(fake.productByName('hint_pack')!.resets, 1);
    const all = await resetTestPurchases(options);
    assert.deepEqual(all.map((p) => p.referenceName), ['cave_club', 'cave_quest', 'hint_pack']);
    assert.equal(fake.productByName('hint_pack')!.resets, 2);
    await assert.rejects(resetTestPurchases({ ...options, referenceNames: ['nope'] }), /No product "nope" at Amazon/);
  });
});
