/**
 * `skillshop build`, run as a user would (the built CLI in a child process, `npm run build` first),
 * in temporary copies of projects.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { InteractionModelFileSchema, type InteractionModelFile } from '../../src/model/interaction-model';
import { REPO, runCli } from '../helpers/cli';
import { caveQuest } from '../model/support';

const MODEL = 'platforms/alexaSkill/skill-package/interactionModels/custom/en-US.json';
const MANIFEST = 'platforms/alexaSkill/skill-package/skill.json';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'skillshop-build-'));
}

/**
 * A copy of examples/cave-quest (without run-time data or earlier builds) cut back to the seed: its
 * language model and its one product.
 */
function caveQuestCopy(): string {
  const dir = tempDir();
  cpSync(join(REPO, 'examples', 'cave-quest'), dir, { recursive: true, filter: (source) => !source.includes('.skillshop') && !source.includes('skill-package') });
  rmSync(join(dir, 'platforms/alexaSkill/isps/consumable'), { recursive: true, force: true });
  rmSync(join(dir, 'platforms/alexaSkill/isps/subscription'), { recursive: true, force: true });
  write(dir, 'models/en-US.json', caveQuest());
  return dir;
}

function write(dir: string, file: string, value: unknown): void {
  mkdirSync(join(dir, file, '..'), { recursive: true });
  writeFileSync(join(dir, file), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

const seedModel = () => caveQuest() as { invocation: string; intents: { name: string; phrases: string[]; inputs?: unknown[] }[]; inputTypes: Record<string, unknown>[] };

describe('skillshop build', () => {
  it('builds the full cave-quest example with no errors', async () => {
    const { code, stdout, stderr } = await runCli(['build', '--cwd', join(REPO, 'examples', 'cave-quest')]);
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout, /Built en-US \(0 errors, \d+ warnings, 0 notices\)/);
  });

  it('builds the seed\'s cave-quest project into an interaction model Alexa accepts, and skill.json', async () => {
    const dir = caveQuestCopy();
    const { code, stdout, stderr } = await runCli(['build', '--cwd', dir]);
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout, /Built en-US \(0 errors/);
    assert.match(stdout, /notice: AMAZON\.FallbackIntent was added/);
    const model = JSON.parse(read(dir, MODEL)) as InteractionModelFile;
    assert.ok(TypeCompiler.Compile(InteractionModelFileSchema).Check(model));
    const languageModel = model.interactionModel.languageModel;
    assert.equal(languageModel.invocationName, 'cave quest');
    assert.deepEqual(languageModel.intents.map((intent) => intent.name), [
      'BuySkillItemIntent', 'RefundSkillItemIntent',
      'AMAZON.CancelIntent', 'AMAZON.HelpIntent', 'AMAZON.StopIntent', 'AMAZON.NavigateHomeIntent', 'AMAZON.FallbackIntent',
    ]);
    assert.deepEqual(languageModel.types, [{ name: 'LIST_OF_PRODUCT_NAMES', values: [{ id: 'cave_quest', name: { value: 'Cave Quest' } }] }]);
    // Every sample references a slot its intent declares; no digits or punctuation.
    for (const intent of languageModel.intents) {
      for (const sample of intent.samples ?? []) {
        for (const [, slot] of sample.matchAll(/\{([^}]*)\}/g)) assert.ok(intent.slots?.some((s) => s.name === slot), `${intent.name}: ${sample}`);
        assert.match(sample, /^[\p{L}\s{}'.\-_]+$/u);
      }
    }
    const manifest = JSON.parse(read(dir, MANIFEST)) as { manifest: { apis: { custom: { endpoint: { uri: string } } }; publishingInformation: { locales: Record<string, { name: string }> } } };
    assert.equal(manifest.manifest.apis.custom.endpoint.uri, 'https://cave-quest.example.com/webhook');
    assert.equal(manifest.manifest.publishingInformation.locales['en-US']?.name, 'Cave Quest');
  });

  it('is deterministic: building twice gives byte-identical files', async () => {
    const dir = caveQuestCopy();
    assert.equal((await runCli(['build', '--cwd', dir])).code, 0);
    const first = [read(dir, MODEL), read(dir, MANIFEST)];
    assert.equal((await runCli(['build', '--cwd', dir])).code, 0);
    assert.deepEqual([read(dir, MODEL), read(dir, MANIFEST)], first);
    const other = caveQuestCopy();
    assert.equal((await runCli(['build', '--cwd', other])).code, 0);
    assert.deepEqual([read(other, MODEL), read(other, MANIFEST)], first);
  });

  it('reports every error at once with file, path and fix, exits 1 and writes nothing', async () => {
    const dir = caveQuestCopy();
    assert.equal((await runCli(['build', '--cwd', dir])).code, 0);
    const before = read(dir, MODEL);
    const model = seedModel();
    model.invocation = 'Cave Quest 2';
    model.intents[0]!.phrases.push('buy {Product}', 'buy 2 {ProductName}');
    model.intents[1]!.phrases.push('buy');
    model.intents[1]!.inputs = [{ name: 'ProductName', type: 'PRODUCTS' }];
    write(dir, 'models/en-US.json', model);
    const { code, stdout, stderr } = await runCli(['build', '--cwd', dir]);
    assert.equal(code, 1);
    for (const expected of [
      'models/en-US.json $.invocation: error:',
      'models/en-US.json $.intents[0].phrases[6]: error: "buy {Product}" references {Product}',
      'models/en-US.json $.intents[0].phrases[7]: error: "buy 2 {ProductName}" has digits',
      'models/en-US.json $.intents[1].phrases[4]: error: "buy" is a sample of both BuySkillItemIntent and RefundSkillItemIntent',
      'models/en-US.json $.intents[1].inputs[0].type: error:',
    ]) assert.ok(stdout.includes(expected), `${expected}\n${stdout}`);
    assert.match(stdout, /fix: /);
    assert.match(stderr, /skillshop build: \d+ errors.*nothing was written.*\[SKILLSHOP_BUILD_FAILED\]/);
    assert.doesNotMatch(stdout + stderr, /\n\s+at /); // no stack trace
    assert.equal(read(dir, MODEL), before);
  });

  it('prints warnings but succeeds', async () => {
    const dir = caveQuestCopy();
    const model = seedModel();
    model.intents[1]!.phrases = ['refund', 'return it'];
    write(dir, 'models/en-US.json', model);
    const { code, stdout } = await runCli(['build', '--cwd', dir]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /\$\.intents\[1\]\.inputs\[0\]: warning: No phrase of RefundSkillItemIntent uses the slot \{ProductName\}/);
    assert.ok(existsSync(join(dir, MODEL)));
  });

  it('generates the product-name type from the catalog', async () => {
    const dir = caveQuestCopy();
    const model = seedModel();
    model.inputTypes = [{ name: 'LIST_OF_PRODUCT_NAMES', fromCatalog: true, values: [{ id: 'cave_quest', synonyms: ['the expansion'] }] }];
    write(dir, 'models/en-US.json', model);
    const product = JSON.parse(read(dir, 'platforms/alexaSkill/isps/entitlement/cave_quest.json')) as Record<string, unknown> & { referenceName: string; publishingInformation: { locales: Record<string, { name: string }> } };
    product.referenceName = 'dragon_pack';
    product.publishingInformation.locales['en-US']!.name = 'Dragon Pack';
    write(dir, 'platforms/alexaSkill/isps/entitlement/dragon_pack.json', product);
    const { code, stdout } = await runCli(['build', '--cwd', dir]);
    assert.equal(code, 0, stdout);
    const types = (JSON.parse(read(dir, MODEL)) as InteractionModelFile).interactionModel.languageModel.types;
    assert.deepEqual(types, [{ name: 'LIST_OF_PRODUCT_NAMES', values: [
      { id: 'cave_quest', name: { value: 'Cave Quest', synonyms: ['the expansion'] } },
      { id: 'dragon_pack', name: { value: 'Dragon Pack' } },
    ] }]);
  });

  it('warns when the seed\'s hand-written product type misses a product of the catalog', async () => {
    const dir = caveQuestCopy();
    const product = JSON.parse(read(dir, 'platforms/alexaSkill/isps/entitlement/cave_quest.json')) as { referenceName: string };
    product.referenceName = 'dragon_pack';
    write(dir, 'platforms/alexaSkill/isps/entitlement/dragon_pack.json', product);
    const { code, stdout } = await runCli(['build', '--cwd', dir]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /\$\.inputTypes\[0\]: warning: The product type LIST_OF_PRODUCT_NAMES has no value for product dragon_pack/);
  });

  it('builds Jovo v4 models and a German model with umlauts', async () => {
    const dir = tempDir();
    write(dir, 'models/de-DE.json', {
      version: '4.0',
      invocation: 'höhlen abenteuer',
      intents: { KaufIntent: { phrases: ['kaufe {Produkt}', 'ich möchte {Produkt} kaufen'], entities: { Produkt: { type: 'PRODUKTE' } } } },
      entityTypes: { PRODUKTE: { values: [{ value: 'Höhlenabenteuer', id: 'cave_quest', synonyms: ['die erweiterung'] }] } },
    });
    const { code, stdout } = await runCli(['build', '--cwd', dir]);
    assert.equal(code, 0, stdout);
    assert.doesNotMatch(stdout, /: warning:/);
    const model = JSON.parse(read(dir, 'platforms/alexaSkill/skill-package/interactionModels/custom/de-DE.json')) as InteractionModelFile;
    assert.equal(model.interactionModel.languageModel.invocationName, 'höhlen abenteuer');
    assert.deepEqual(model.interactionModel.languageModel.intents[0], { name: 'KaufIntent', slots: [{ name: 'Produkt', type: 'PRODUKTE' }], samples: ['kaufe {Produkt}', 'ich möchte {Produkt} kaufen'] });
    assert.ok(!existsSync(join(dir, MANIFEST))); // no skillshop.json manifest, no skill.json
  });

  it('warns about an interaction model no model builds any more', async () => {
    const dir = caveQuestCopy();
    write(dir, 'platforms/alexaSkill/skill-package/interactionModels/custom/de-DE.json', '{}');
    const { code, stdout } = await runCli(['build', '--cwd', dir]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /interactionModels\/custom\/de-DE\.json \$: warning: No models\/de-DE\.json builds this file any more/);
  });

  it('--json prints the problems and what was written', async () => {
    const dir = caveQuestCopy();
    const { code, stdout } = await runCli(['build', '--json', '--cwd', dir]);
    assert.equal(code, 0);
    const result = JSON.parse(stdout) as { ok: boolean; written: string[]; problems: { severity: string }[] };
    assert.equal(result.ok, true);
    assert.deepEqual(result.written, [MODEL, MANIFEST]);
    assert.ok(result.problems.some((problem) => problem.severity === 'notice'));
  });
});

describe('skillshop build with bad input', () => {
  it('says clearly that there is no models/ folder', async () => {
    const dir = tempDir();
    const { code, stdout, stderr } = await runCli(['build', '--cwd', dir]);
    assert.equal(code, 1);
    assert.match(stdout, /models\/ \$: error: No models\/ folder in /);
    assert.match(stdout, /skillshop import/);
    assert.match(stderr, /SKILLSHOP_BUILD_FAILED/);
    assert.doesNotMatch(stdout + stderr, /\n\s+at /);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('names the line and column of invalid JSON, in a model and in skillshop.json', async () => {
    const dir = caveQuestCopy();
    write(dir, 'models/en-US.json', '{\n  "invocation": "cave quest",\n  "intents": [\n}\n');
    write(dir, 'skillshop.json', '{ "endpoint": "https://x.example.com", }');
    const { code, stdout } = await runCli(['build', '--cwd', dir]);
    assert.equal(code, 1);
    assert.match(stdout, /models\/en-US\.json \$: error: invalid JSON at line 4, column 1/);
    assert.match(stdout, /skillshop\.json \$: error: invalid JSON at line 1, column \d+/);
    assert.ok(!existsSync(join(dir, MODEL)));
  });

  it('reports wrong types as errors and unknown fields as warnings', async () => {
    const dir = caveQuestCopy();
    const model = seedModel() as unknown as Record<string, unknown> & { intents: Record<string, unknown>[] };
    model.intents[0]!.phrases = 'buy';
    model.invocatoin = 'typo';
    write(dir, 'models/en-US.json', model);
    write(dir, 'skillshop.json', { endpoint: 'http://insecure.example.com', manifest: { name: 1 } });
    const { code, stdout } = await runCli(['build', '--cwd', dir]);
    assert.equal(code, 1);
    assert.match(stdout, /models\/en-US\.json \$\.intents\[0\]\.phrases: error: Expected an array, got string "buy"\./);
    assert.match(stdout, /models\/en-US\.json \$\.invocatoin: warning: Unknown field "invocatoin"/);
    assert.match(stdout, /skillshop\.json \$\.endpoint: error: Alexa calls only https endpoints/);
    assert.match(stdout, /skillshop\.json \$\.manifest\.name: error: Expected a string/);
  });

  it('reports a model file that is not named after a locale, and an empty models folder', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'models'));
    let result = await runCli(['build', '--cwd', dir]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /models\/ holds no <locale>\.json model/);
    write(dir, 'models/en.json', seedModel());
    result = await runCli(['build', '--cwd', dir]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /models\/en\.json \$: error: "en" is not a locale/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses stray arguments as a usage error', async () => {
    const { code, stderr } = await runCli(['build', 'extra', '--cwd', tempDir()]);
    assert.equal(code, 2);
    assert.match(stderr, /Usage: skillshop build/);
  });
});
