/**
 * deploy() against the fake SMAPI over real HTTP: first deploy creates, second is a no-op, an edit
 * updates with If-Match, 412, 429, token expiry mid-deploy, a failing import, dry runs, interrupted
 * deploys run again, live products and links left alone.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploy, type DeployOptions } from '../../src/deploy/deploy';
import { isSkillshopError, type SkillshopError } from '../../src/errors';
import { readZip } from '../../src/deploy/zip';
import type { ProductAction } from '../../src/deploy/plan';
import { startFakeSmapi, type FakeSmapi } from './fake-smapi';
import { askHome, CAVE_CLUB_FILE, CAVE_QUEST_FILE, caveQuestProject, editJson, fakeSession, HINT_PACK_FILE, readJson, snapshot } from './support';

let fake: FakeSmapi;
// A fresh Amazon for each test: products are matched by reference name within a vendor.
beforeEach(async () => {
  fake = await startFakeSmapi();
});
afterEach(() => fake.close());

function setup(options: { expiresInMs?: number } = {}) {
  const project = caveQuestProject();
  const { home, configFile, text } = askHome(fake, options);
  const session = fakeSession(fake, home);
  const run = (extra: Partial<DeployOptions> = {}) => deploy({ projectDir: project, client: session.client, profile: session.profile, vendorId: session.vendorId, onEvent: (e) => session.events.push(e), ...extra });
  return { project, home, configFile, text, session, run };
}

async function rejects(promise: Promise<unknown>, code: string): Promise<SkillshopError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isSkillshopError(error), String(error));
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}`);
}

function state(project: string) {
  return readJson<{ profiles: Record<string, { skillId?: string; skillPackage?: { hash?: string; pendingImportId?: string }; products: Record<string, { productId: string; hash?: string; eTag?: string }> }> }>(project, '.skillshop/state.json');
}

const countBefore = () => fake.requests.length;
const since = (from: number) => fake.requests.slice(from);

describe('deploy', () => {
  it('creates the skill and the products on the first deploy, then does nothing on the second, then updates an edited product with If-Match', async () => {
    const { project, run } = setup();
    const skillsBefore = fake.skills.size;
    const first = await run();
    assert.ok(first.skillId?.startsWith('amzn1.ask.skill.'));
    assert.equal(fake.skills.size, skillsBefore + 1);
    const skill = fake.skills.get(first.skillId!)!;
    assert.equal(skill.imports, 1);
    assert.equal(skill.enabled, true);
    assert.deepEqual(Object.keys(skill.models), ['en-US']);
    assert.equal((skill.manifest as { manifest: { publishingInformation: { locales: Record<string, { name: string }> } } }).manifest.publishingInformation.locales['en-US']!.name, 'Cave Quest');
    assert.equal(skill.linked.size, 3);
    const recorded = state(project).profiles.default!;
    assert.equal(recorded.skillId, first.skillId);
    assert.ok(recorded.skillPackage?.hash);
    assert.equal(recorded.skillPackage?.pendingImportId, undefined);
    assert.deepEqual(Object.keys(recorded.products), ['cave_club', 'cave_quest', 'hint_pack']);
    for (const [name, record] of Object.entries(recorded.products)) {
      const product = fake.products.get(record.productId)!;
      assert.equal(product.definition.referenceName, name);
      assert.equal(record.eTag, product.eTag);
      assert.ok(!('$schema' in product.definition), 'the $schema key is never sent');
      assert.ok(skill.linked.has(record.productId));
    }
    assert.ok(existsSync(join(project, 'platforms/alexaSkill/skill-package/skill.json')), 'deploy builds first');
    // The imports polled a few times; the uploaded zip has skill.json at its root.
    const upload = fake.requests.find((request) => request.op === 'upload');
    assert.equal(upload?.authorized, false, 'no Authorization header on the pre-signed upload');

    const from = countBefore();
    const second = await run();
    assert.deepEqual(since(from).filter((request) => request.method !== 'GET'), [], 'a second deploy changes nothing');
    assert.ok(second.actions.every((action) => action.action === 'unchanged'), JSON.stringify(second.actions));
    assert.equal(skill.imports, 1);

    editJson(project, HINT_PACK_FILE, (definition) => {
      (definition.publishingInformation as { locales: Record<string, { summary: string }> }).locales['en-US']!.summary = 'Five hints for the hardest riddles.';
    });
    const eTagBefore = recorded.products.hint_pack!.eTag;
    const from3 = countBefore();
    const third = await run();
    const writes = since(from3).filter((request) => request.method !== 'GET');
    assert.deepEqual(writes.map((request) => request.op), ['update-product']);
    assert.equal(writes[0]!.ifMatch, eTagBefore, 'the update carries the ETag recorded at the last deploy');
    const hintPack = fake.products.get(recorded.products.hint_pack!.productId)!;
    assert.match(JSON.stringify(hintPack.definition), /Five hints/);
    assert.equal(state(project).profiles.default!.products.hint_pack!.eTag, hintPack.eTag);
    assert.deepEqual(third.actions.filter((action) => action.action !== 'unchanged').map((action) => `${action.kind}:${action.action}`), ['product:update']);
  });

  it('refuses to overwrite a product changed in the console (412): names the file, offers isp pull; --force overwrites', async () => {
    const { project, run } = setup();
    await run();
    const id = state(project).profiles.default!.products.cave_quest!.productId;
    fake.consoleEdit(id, (definition) => {
      definition.testingInstructions = 'Edited in the console.';
    });
    editJson(project, CAVE_QUEST_FILE, (definition) => {
      definition.testingInstructions = 'Edited in the file.';
    });
    editJson(project, CAVE_CLUB_FILE, (definition) => {
      definition.testingInstructions = 'The club, edited in the file.';
    });
    const error = await rejects(run(), 'SKILLSHOP_DEPLOY_CONFLICT');
    assert.match(error.message, /platforms\/alexaSkill\/isps\/entitlement\/cave_quest\.json: cave_quest changed at Amazon/);
    assert.match(error.message, /skillshop isp pull cave_quest/);
    assert.equal(fake.products.get(id)!.definition.testingInstructions, 'Edited in the console.');
    assert.match(JSON.stringify(fake.productByName('cave_club')!.definition), /The club, edited in the file/, 'the other products were still deployed');

    await run({ force: true });
    assert.equal(fake.products.get(id)!.definition.testingInstructions, 'Edited in the file.');
  });

  it('retries 429 (honouring Retry-After) and 5xx with bounded backoff', async () => {
    const { session, run } = setup();
    fake.fault('create-product', { status: 429, times: 2, retryAfter: '3' });
    fake.fault('list-products', { status: 503, times: 1 });
    const result = await run();
    assert.equal(result.actions.filter((action) => action.kind === 'product' && action.action === 'create').length, 3);
    assert.deepEqual(session.sleeps.slice(0, 1), [1000], 'exponential backoff for a 503 without Retry-After');
    assert.ok(session.sleeps.includes(3000), `Retry-After: 3 → 3 s (${session.sleeps.join(', ')})`);
    const retries = session.events.filter((event) => event.type === 'retry');
    assert.equal(retries.length, 3);

  });

  it('gives up after a bounded number of tries', async () => {
    const { run } = setup();
    await run();
    const from = countBefore();
    fake.fault('list-products', { status: 500, times: 10 });
    const error = await rejects(run(), 'SKILLSHOP_DEPLOY_HTTP');
    assert.equal(since(from).filter((request) => request.op === 'list-products').length, 5);
    assert.match(error.message, /run the command again/);
    fake.clearFaults();
  });

  it('refreshes an expired token before the first call and again when Amazon refuses it mid-deploy, writing cli_config back', async () => {
    const { project, configFile, text, run, session } = setup({ expiresInMs: 30_000 }); // within the minute: refreshed first
    let expired = false;
    const original = session.client.createProduct.bind(session.client);
    session.client.createProduct = async (...args) => {
      if (!expired) {
        expired = true;
        fake.expireAccessTokens(); // Amazon stops accepting the token in the middle of the deploy
      }
      return original(...args);
    };
    await run();
    assert.equal(Object.keys(state(project).profiles.default!.products).length, 3);
    const refreshes = fake.requests.filter((request) => request.op === 'lwa-token');
    assert.ok(refreshes.length >= 2, `refreshed ${refreshes.length} times`);
    const after = readFileSync(configFile, 'utf8');
    const before = JSON.parse(text) as { profiles: { default: { token: unknown } } };
    const now = JSON.parse(after) as { profiles: { default: { token: { access_token: string; expires_at: string } } } };
    assert.notEqual(now.profiles.default.token.access_token, (before.profiles.default.token as { access_token: string }).access_token);
    before.profiles.default.token = now.profiles.default.token;
    assert.equal(after, JSON.stringify(before, null, 2), 'byte for byte what the ASK CLI writes, only the token changed');
  });

  it('reports an import that FAILS, with each error and its file; the skill is not created twice', async () => {
    const { project, run } = setup();
    fake.failNextImport = [{ code: 'INVALID_SAMPLE', message: 'Sample utterance "buy {ProductName" in intent BuySkillItemIntent is invalid.' }];
    const skills = fake.skills.size;
    const error = await rejects(run(), 'SKILLSHOP_DEPLOY_IMPORT_FAILED');
    assert.match(error.message, /ended FAILED/);
    assert.match(error.message, /interactionModels\/custom\/en-US\.json \(from models\/en-US\.json\): Sample utterance .* is invalid\. \[INVALID_SAMPLE\]/);
    assert.equal(fake.skills.size, skills + 1);
    assert.ok(state(project).profiles.default!.skillId, 'the skill the failed import created is recorded');
    await run();
    assert.equal(fake.skills.size, skills + 1, 'the next deploy updates it');
  });

  it('--dry-run prints the plan and changes nothing, here or at Amazon', async () => {
    const { project, run } = setup();
    const before = snapshot(project);
    const from = countBefore();
    const result = await run({ dryRun: true });
    assert.deepEqual(since(from).filter((request) => request.method !== 'GET' && request.op !== 'lwa-token'), []);
    assert.deepEqual(snapshot(project), before);
    assert.deepEqual(result.actions.map((action) => `${action.kind}:${action.action}`), [
      'skill-package:create', 'product:create', 'product:create', 'product:create', 'link:link', 'link:link', 'link:link', 'enablement:enable',
    ]);

    await run();
    editJson(project, CAVE_CLUB_FILE, (definition) => {
      definition.testingInstructions = 'Changed.';
    });
    const again = await run({ dryRun: true });
    assert.deepEqual(again.actions.filter((action) => action.action !== 'unchanged').map((action) => `${action.kind}:${action.action}:${'referenceName' in action ? action.referenceName : ''}`), ['product:update:cave_club']);
  });

  it('converges after a deploy interrupted after a product was created but before its id was seen', async () => {
    const { project, run } = setup();
    fake.fault('create-product', { drop: 'after', times: 1 });
    const error = await rejects(run(), 'SKILLSHOP_DEPLOY_HTTP');
    assert.match(error.message, /may or may not have been done/);
    const created = [...fake.products.values()].filter((product) => product.definition.referenceName === 'cave_club');
    await run();
    const ids = state(project).profiles.default!.products;
    assert.equal(Object.keys(ids).length, 3);
    assert.ok(created.some((product) => product.productId === ids.cave_club!.productId), 'the product created before the interruption is adopted');
    const skill = fake.skills.get(state(project).profiles.default!.skillId!)!;
    assert.equal(skill.linked.size, 3);
  });

  it('converges after a deploy interrupted while Amazon imported the new skill', async () => {
    const { project, run } = setup();
    const skills = fake.skills.size;
    fake.fault('get-import', { status: 500, times: 5 });
    await rejects(run(), 'SKILLSHOP_DEPLOY_HTTP');
    assert.ok(state(project).profiles.default!.skillPackage?.pendingImportId, 'the import id is recorded before polling');
    assert.equal(state(project).profiles.default!.skillId, undefined);
    const result = await run();
    assert.equal(fake.skills.size, skills + 1, 'no second skill');
    assert.equal(state(project).profiles.default!.skillId, result.skillId);
    assert.equal(state(project).profiles.default!.skillPackage?.pendingImportId, undefined);
  });

  it('never touches a live product or a live skill\'s links; --prune unlinks only what is not live', async () => {
    const { project, run } = setup();
    const first = await run();
    const ids = state(project).profiles.default!.products;
    fake.publish(ids.cave_quest!.productId, first.skillId!);
    editJson(project, CAVE_QUEST_FILE, (definition) => {
      definition.testingInstructions = 'Edited after going live.';
    });
    const from = countBefore();
    const result = await run();
    assert.deepEqual(since(from).filter((request) => request.method !== 'GET'), []);
    const action = result.actions.find((a) => a.kind === 'product' && a.referenceName === 'cave_quest') as ProductAction;
    assert.equal(action.action, 'skip-live');
    assert.match(action.reason!, /PUBLISHED at Amazon: skillshop never changes a live product/);

    rmSync(join(project, CAVE_QUEST_FILE));
    rmSync(join(project, CAVE_CLUB_FILE));
    editJson(project, 'models/en-US.json', () => {}); // the model names products from the catalog; still builds
    const orphans = await run();
    assert.deepEqual(orphans.actions.filter((a) => a.kind === 'link').map((a) => `${a.action}:${'referenceName' in a ? a.referenceName : ''}`).sort(), ['orphan:cave_club', 'skip-live:cave_quest']);
    const from2 = countBefore();
    const pruned = await run({ prune: true });
    assert.deepEqual(pruned.actions.filter((a) => a.kind === 'link').map((a) => `${a.action}:${'referenceName' in a ? a.referenceName : ''}`).sort(), ['skip-live:cave_quest', 'unlink:cave_club']);
    assert.deepEqual(since(from2).filter((request) => request.method !== 'GET').map((request) => request.op), ['disassociate']);
    const skill = fake.skills.get(first.skillId!)!;
    assert.ok(skill.linked.has(ids.cave_quest!.productId), 'the live link stays');
    assert.ok(!skill.linked.has(ids.cave_club!.productId));
  });

  it('lists Amazon\'s violations one per line with the product file and field', async () => {
    const { run } = setup();
    fake.rejectNextProduct = [
      { code: 'INVALID_FIELD', message: 'Price must be greater than zero.', validationDetails: { originalInstance: { propertyPath: 'inSkillProductDefinition.publishingInformation.pricing.amazon.com.defaultPriceListing.price' } } },
      { message: 'publishingInformation.locales.en-US.summary must not exceed 160 characters' },
    ];
    const error = await rejects(run(), 'SKILLSHOP_DEPLOY_REJECTED');
    const lines = error.message.split('\n');
    assert.ok(lines.includes(`  ${CAVE_CLUB_FILE}: publishingInformation.pricing.amazon.com.defaultPriceListing.price: Price must be greater than zero. [INVALID_FIELD]`), error.message);
    assert.ok(lines.includes(`  ${CAVE_CLUB_FILE}: publishingInformation.locales.en-US.summary: publishingInformation.locales.en-US.summary must not exceed 160 characters`), error.message);
  });

  it('explains that an INCOMPLETE product cannot be linked', async () => {
    const { project, run } = setup();
    editJson(project, HINT_PACK_FILE, (definition) => {
      delete definition.testingInstructions;
    });
    const error = await rejects(run(), 'SKILLSHOP_DEPLOY_REJECTED');
    assert.match(error.message, /hint_pack\.json: Amazon refused to link hint_pack \(400: Invalid request\) — an INCOMPLETE product can be saved but not linked/);
    assert.match(error.message, /INCOMPLETE in-skill product cannot be associated/);
  });

  it('uploads a zip with skill.json at its root and the interaction models', async () => {
    const { run } = setup();
    let zip: Buffer | undefined;
    const original = globalThis.fetch;
    globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      if (String(input).includes('/upload/')) zip = Buffer.from(init!.body as Uint8Array);
      return original(input, init);
    }) as typeof fetch;
    try {
      await run();
    } finally {
      globalThis.fetch = original;
    }
    assert.ok(zip);
    assert.deepEqual(readZip(zip).map((entry) => entry.name), ['interactionModels/custom/en-US.json', 'skill.json']);
  });

  it('keeps the skill id in the ASK CLI\'s .ask/ask-states.json when the project has one, editing nothing else in it', async () => {
    const { project, run } = setup();
    mkdirSync(join(project, '.ask'));
    const askStates = JSON.stringify({ askcliStatesVersion: '2020-03-31', profiles: { default: { skillMetadata: { lastDeployHash: 'abc' }, code: {} } } }, null, 2);
    writeFileSync(join(project, '.ask', 'ask-states.json'), askStates);
    const first = await run();
    const written = readFileSync(join(project, '.ask', 'ask-states.json'), 'utf8');
    const expected = JSON.parse(askStates) as { profiles: { default: Record<string, unknown> } };
    expected.profiles.default.skillId = first.skillId;
    assert.equal(written, JSON.stringify(expected, null, 2));
    assert.equal(state(project).profiles.default!.skillId, undefined, 'one place for the skill id');
    assert.equal(Object.keys(state(project).profiles.default!.products).length, 3, 'product ids in .skillshop/state.json');
    const skills = fake.skills.size;
    editJson(project, 'skillshop.json', (settings) => {
      (settings.manifest as Record<string, unknown>).summary = 'A new summary.';
    });
    const second = await run();
    assert.equal(second.skillId, first.skillId);
    assert.equal(fake.skills.size, skills);
    assert.equal(fake.skills.get(first.skillId!)!.imports, 2);
  });
});
