/**
 * `skillshop import`, run as a user would: ASK CLI v1 (Amazon's premium-hello-world sample, read from
 * the shared fixtures) and v2 projects become skillshop projects, and `skillshop build` gives back
 * the same interaction models.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { FIXTURES, semanticModel } from '../model/support';

const BUILT = 'platforms/alexaSkill/skill-package/interactionModels/custom';
const PRODUCTS = ['consumable/Goodbyes_Pack.json', 'entitlement/Greetings_Pack.json', 'subscription/Premium_Subscription.json'];

function tempDir(prefix = 'skillshop-import-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function write(dir: string, file: string, value: unknown): void {
  mkdirSync(join(dir, file, '..'), { recursive: true });
  writeFileSync(join(dir, file), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

/** premium-hello-world laid out as an ASK CLI v2 project, with a skill.json and a skill id. */
function askV2Project(): string {
  const dir = tempDir('skillshop-ask-v2-');
  write(dir, 'ask-resources.json', { askcliResourcesVersion: '2020-03-31', profiles: { default: { skillMetadata: { src: './skill-package' } } } });
  cpSync(join(FIXTURES, 'models'), join(dir, 'skill-package', 'interactionModels', 'custom'), { recursive: true });
  cpSync(join(FIXTURES, 'isps'), join(dir, 'skill-package', 'isps'), { recursive: true });
  write(dir, 'skill-package/skill.json', { manifest: {
    publishingInformation: { locales: { 'en-US': { name: 'Premium Hello World', summary: 'Sample', examplePhrases: ['Alexa, open premium hello world'] }, 'fr-FR': { name: 'Le Génie des Salutations Premium' } }, isAvailableWorldwide: true, category: 'EDUCATION_AND_REFERENCE' },
    apis: { custom: { endpoint: { uri: 'arn:aws:lambda:us-east-1:123456789012:function:premium-hello-world' }, interfaces: [] } },
    privacyAndCompliance: { allowsPurchases: true, isExportCompliant: true },
    manifestVersion: '1.0',
  } });
  write(dir, '.ask/ask-states.json', { askcliStatesVersion: '2020-03-31', profiles: { default: { skillId: 'amzn1.ask.skill.00000000-0000-0000-0000-000000000001' } } });
  return dir;
}

describe('skillshop import', () => {
  it('imports the ASK CLI v1 premium-hello-world sample; build reproduces its interaction models', async () => {
    const dir = tempDir();
    const imported = await runCli(['import', FIXTURES, '--cwd', dir]);
    assert.equal(imported.code, 0, imported.stdout + imported.stderr);
    assert.match(imported.stdout, /Imported the ASK CLI v1 project/);
    assert.match(imported.stdout, /models\/en-US\.json ← models\/en-US\.json \(kept in the alexa section: 6 built-in intents, dialog, prompts/);
    assert.match(imported.stdout, /platforms\/alexaSkill\/isps\/consumable\/Goodbyes_Pack\.json ← isps\/consumable\/Goodbyes_Pack\.json/);
    for (const product of PRODUCTS) {
      assert.equal(readFileSync(join(dir, 'platforms/alexaSkill/isps', product), 'utf8').trim(), readFileSync(join(FIXTURES, 'isps', product), 'utf8').trim());
    }
    const model = readJson(join(dir, 'models/en-US.json')) as { invocation: string; intents: { name: string }[] };
    assert.equal(model.invocation, 'premium hello world');
    assert.ok(model.intents.every((intent) => !intent.name.startsWith('AMAZON.')));

    const built = await runCli(['build', '--cwd', dir]);
    assert.equal(built.code, 0, built.stdout + built.stderr);
    assert.doesNotMatch(built.stdout, /models\/[^ ]+ [^ ]+: (warning|error)/); // the model itself is clean; the product files have certification warnings
    for (const locale of ['en-US', 'fr-FR']) {
      // The only difference: the built-in intents build adds (each reported as a notice).
      const added = [...built.stdout.matchAll(new RegExp(`models/${locale}\\.json \\$\\.intents: notice: (AMAZON\\.\\w+) was added`, 'g'))].map((match) => match[1]!);
      assert.deepEqual(added, ['AMAZON.FallbackIntent']);
      assert.deepEqual(
        semanticModel(readJson(join(dir, BUILT, `${locale}.json`)), { without: added }),
        semanticModel(readJson(join(FIXTURES, 'models', `${locale}.json`))),
      );
    }
  });

  it('imports an ASK CLI v2 project with its manifest and skill id', async () => {
    const source = askV2Project();
    const dir = tempDir();
    const imported = await runCli(['import', source, '--cwd', dir]);
    assert.equal(imported.code, 0, imported.stdout + imported.stderr);
    assert.match(imported.stdout, /ASK CLI v2/);
    assert.match(imported.stdout, /models\/fr-FR\.json ← skill-package\/interactionModels\/custom\/fr-FR\.json/);
    const settings = readJson(join(dir, 'skillshop.json')) as { skillId: string; endpoint: string; manifest: { alexa: { apis: unknown; publishingInformation: unknown } } };
    assert.equal(settings.skillId, 'amzn1.ask.skill.00000000-0000-0000-0000-000000000001');
    assert.equal(settings.endpoint, 'arn:aws:lambda:us-east-1:123456789012:function:premium-hello-world');
    assert.deepEqual(settings.manifest.alexa.apis, { custom: { interfaces: [] } });
    for (const product of PRODUCTS) assert.ok(existsSync(join(dir, 'platforms/alexaSkill/isps', product)), product);

    const built = await runCli(['build', '--cwd', dir]);
    assert.equal(built.code, 0, built.stdout + built.stderr);
    const manifest = readJson(join(dir, 'platforms/alexaSkill/skill-package/skill.json')) as { manifest: Record<string, unknown> };
    const original = readJson(join(source, 'skill-package/skill.json')) as { manifest: Record<string, unknown> };
    assert.deepEqual(manifest.manifest.apis, original.manifest.apis);
    assert.deepEqual(manifest.manifest.publishingInformation, original.manifest.publishingInformation);
    assert.deepEqual(manifest.manifest.privacyAndCompliance, { usesPersonalInfo: false, isChildDirected: false, containsAds: false, ...(original.manifest.privacyAndCompliance as object) });
    assert.deepEqual(semanticModel(readJson(join(dir, BUILT, 'en-US.json')), { without: ['AMAZON.FallbackIntent'] }), semanticModel(readJson(join(FIXTURES, 'models/en-US.json'))));
  });

  it('accepts the skill-package folder itself', async () => {
    const source = askV2Project();
    const dir = tempDir();
    const imported = await runCli(['import', join(source, 'skill-package'), '--cwd', dir]);
    assert.equal(imported.code, 0, imported.stdout + imported.stderr);
    assert.ok(existsSync(join(dir, 'models/en-US.json')));
  });

  it('refuses to overwrite existing files unless --force, and then merges skillshop.json', async () => {
    const source = askV2Project();
    const dir = tempDir();
    write(dir, 'models/en-US.json', '{ "mine": true }');
    write(dir, 'skillshop.json', { storage: { kind: 'memory' } });
    const refused = await runCli(['import', source, '--cwd', dir]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /These files exist already: models\/en-US\.json, skillshop\.json\. Nothing was imported; pass --force/);
    assert.match(refused.stderr, /\[SKILLSHOP_IMPORT_CONFLICT\]/);
    assert.equal(readFileSync(join(dir, 'models/en-US.json'), 'utf8'), '{ "mine": true }');
    assert.ok(!existsSync(join(dir, 'models/fr-FR.json')));

    const forced = await runCli(['import', source, '--force', '--cwd', dir]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal((readJson(join(dir, 'models/en-US.json')) as { invocation: string }).invocation, 'premium hello world');
    const settings = readJson(join(dir, 'skillshop.json')) as Record<string, unknown>;
    assert.deepEqual(settings.storage, { kind: 'memory' });
    assert.ok(settings.endpoint);
  });
});

describe('skillshop import with bad input', () => {
  it('says clearly when the folder is no ASK CLI project, or does not exist', async () => {
    const empty = tempDir();
    const dir = tempDir();
    let result = await runCli(['import', empty, '--cwd', dir]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /No ASK CLI project in .*: expected skill-package\/interactionModels\/custom\/<locale>\.json \(ASK CLI v2\) or models\/<locale>\.json \(ASK CLI v1\)\. \[SKILLSHOP_IMPORT_SOURCE_INVALID\]/);
    result = await runCli(['import', join(empty, 'nowhere'), '--cwd', dir]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /is not a folder/);
    assert.doesNotMatch(result.stdout + result.stderr, /\n\s+at /);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('names the line and column of invalid JSON and writes nothing', async () => {
    const source = askV2Project();
    write(source, 'skill-package/interactionModels/custom/de-DE.json', '{\n  "interactionModel": {\n    "languageModel": {,\n  }\n}\n');
    write(source, 'skill-package/isps/entitlement/Broken.json', { type: 'GADGET', referenceName: 'Broken' });
    const dir = tempDir();
    const result = await runCli(['import', source, '--cwd', dir]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /skill-package\/interactionModels\/custom\/de-DE\.json \$: error: invalid JSON at line 3, column 23/);
    assert.match(result.stdout, /skill-package\/isps\/entitlement\/Broken\.json \$\.type: error: Not an in-skill product/);
    assert.match(result.stderr, /2 error\(s\); nothing was imported\. \[SKILLSHOP_IMPORT_SOURCE_INVALID\]/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('reports interaction models of the wrong shape', async () => {
    const source = tempDir();
    write(source, 'models/en-US.json', { interactionModel: { languageModel: { invocationName: 'x y', intents: {} } } });
    const result = await runCli(['import', source, '--cwd', tempDir()]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /models\/en-US\.json \$\.interactionModel\.languageModel\.intents: error: Expected an array, got an object/);
  });

  it('needs a folder argument', async () => {
    const result = await runCli(['import', '--cwd', tempDir()]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Usage: skillshop import <ask-project-dir> \[--force\]/);
  });
});
