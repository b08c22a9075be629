/**
 * `skillshop isp …` as a user runs it: the built CLI (npm run build first) in a temporary project.
 * runCli gives the child no terminal, so `isp add` runs non-interactively there; the questions are
 * tested in-process with streams.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../helpers/cli';
import { ispAdd } from '../../src/cli/isp-add';

const ISPS = 'platforms/alexaSkill/isps';
const AMAZON_ISPS = join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'amazon-samples', 'premium-hello-world', 'isps');

const projects: string[] = [];
function newProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skillshop-isp-cli-'));
  projects.push(dir);
  return dir;
}
after(() => projects.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const isp = (dir: string, ...args: string[]) => runCli(['--cwd', dir, 'isp', ...args]);
const ADD = ['add', '--type', 'entitlement', '--reference-name', 'cave_quest', '--name', 'Cave Quest', '--price', '1.99', '--yes'];

function put(dir: string, file: string, content: string): void {
  mkdirSync(join(dir, ISPS, file, '..'), { recursive: true });
  writeFileSync(join(dir, ISPS, file), content);
}

function noStack(output: string): void {
  assert.doesNotMatch(output, /\n\s+at /, 'no stack trace');
}

describe('skillshop isp add (flags, no terminal)', () => {
  it('writes the product and its schema, and says what to do next', async () => {
    const dir = newProject();
    const result = await isp(dir, ...ADD, '--locale', 'en-US', '--locale', 'de-DE');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Created platforms\/alexaSkill\/isps\/entitlement\/cave_quest\.json/);
    assert.match(result.stdout, /Next steps/);
    const written = JSON.parse(readFileSync(join(dir, ISPS, 'entitlement', 'cave_quest.json'), 'utf8'));
    assert.equal(written.$schema, '../.schema/in-skill-product.schema.json');
    assert.deepEqual(Object.keys(written.publishingInformation.locales), ['en-US', 'de-DE']);
    assert.deepEqual(written.publishingInformation.pricing['amazon.de'].defaultPriceListing, { price: 1.99, currency: 'EUR' });
    assert.ok(existsSync(join(dir, ISPS, '.schema', 'in-skill-product.schema.json')));

    const validate = await isp(dir, 'validate');
    assert.equal(validate.code, 0, 'a new product has warnings only');
    assert.match(validate.stdout, /1 product\(s\): 0 error\(s\), \d+ warning\(s\)/);
  });

  it('adds a subscription with its billing', async () => {
    const dir = newProject();
    const result = await isp(dir, 'add', '--type', 'subscription', '--reference-name', 'gold', '--name', 'Gold', '--price', '4.99', '--frequency', 'yearly', '--trial-days', '14');
    assert.equal(result.code, 0, result.stderr);
    const written = JSON.parse(readFileSync(join(dir, ISPS, 'subscription', 'gold.json'), 'utf8'));
    assert.deepEqual(written.subscriptionInformation, { subscriptionPaymentFrequency: 'YEARLY', subscriptionTrialPeriodDays: 14 });
  });

  it('names the missing flags when it cannot ask (exit 2)', async () => {
    const dir = newProject();
    const result = await isp(dir, 'add', '--type', 'subscription', '--name', 'Gold');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Missing --reference-name, --price, --frequency/);
    assert.match(result.stderr, /SKILLSHOP_CLI_USAGE/);
    assert.equal(existsSync(join(dir, ISPS)), false);
    noStack(result.stderr);
  });

  it('refuses bad flag values with a usage error (exit 2)', async () => {
    const dir = newProject();
    for (const [flag, value, pattern] of [
      ['--reference-name', 'cave quest', /3 to 50 letters, digits or underscores \(e\.g\. "cave_quest"\)/],
      ['--price', '$1.99', /--price must be a number above 0/],
      ['--locale', 'en-AU', /does not support in-skill purchasing/],
      ['--currency', 'EUR', /--currency EUR is not used by the marketplaces/],
      ['--type', 'bundle', /--type must be entitlement, subscription or consumable/],
    ] as const) {
      const args = [...ADD];
      const index = args.indexOf(flag);
      if (index >= 0) args[index + 1] = value;
      else args.push(flag, value);
      const result = await isp(dir, ...args);
      assert.equal(result.code, 2, `${flag} ${value}`);
      assert.match(result.stderr, pattern);
    }
  });

  it('refuses to overwrite an existing product (exit 1) unless --force', async () => {
    const dir = newProject();
    assert.equal((await isp(dir, ...ADD)).code, 0);
    const refused = await isp(dir, ...ADD, '--price', '2.99');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Product "cave_quest" already exists \(platforms\/alexaSkill\/isps\/entitlement\/cave_quest\.json\)\..*--force to replace it\. \[SKILLSHOP_ISP_PRODUCT_EXISTS\]/);
    const file = join(dir, ISPS, 'entitlement', 'cave_quest.json');
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).publishingInformation.pricing['amazon.com'].defaultPriceListing.price, 1.99);
    const forced = await isp(dir, ...ADD, '--price', '2.99', '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).publishingInformation.pricing['amazon.com'].defaultPriceListing.price, 2.99);
  });
});

describe('skillshop isp add (questions in a terminal)', () => {
  const cwd = process.cwd();
  let dir: string;
  before(() => {
    dir = newProject();
  });

  async function answer(lines: string[], args: string[] = []): Promise<{ code: number; asked: string }> {
    const input = new PassThrough();
    const output = new PassThrough();
    let asked = '';
    output.on('data', (chunk: Buffer) => (asked += chunk.toString()));
    input.end(lines.map((line) => `${line}\n`).join(''));
    const log = console.log;
    console.log = () => {};
    process.chdir(dir);
    try {
      return { code: await ispAdd(args, { input, output, interactive: true }), asked };
    } finally {
      process.chdir(cwd);
      console.log = log;
    }
  }

  it('asks for each value, explains a bad answer and asks again', async () => {
    const { code, asked } = await answer(['2', 'no good', 'gold_club', '', 'free', '4.99', 'en-US, en-GB', 'YEARLY', '7']);
    assert.equal(code, 0);
    assert.match(asked, /Type: 1\) entitlement/);
    assert.match(asked, /must be 3 to 50 letters, digits or underscores \(e\.g\. "no_good"\)/);
    assert.match(asked, /Name customers hear \(Gold Club\)/);
    assert.match(asked, /--price must be a number above 0/);
    const written = JSON.parse(readFileSync(join(dir, ISPS, 'subscription', 'gold_club.json'), 'utf8'));
    assert.equal(written.publishingInformation.locales['en-GB'].name, 'Gold Club');
    assert.deepEqual(written.subscriptionInformation, { subscriptionPaymentFrequency: 'YEARLY', subscriptionTrialPeriodDays: 7 });
    assert.deepEqual(written.publishingInformation.pricing['amazon.co.uk'].defaultPriceListing, { price: 4.99, currency: 'GBP' });
  });

  it('asks only for what the flags did not give, and will not reuse a taken name', async () => {
    const { code, asked } = await answer(['gold_club', 'hints', ''], ['--type', 'consumable', '--price', '0.99', '--locale', 'fr-FR']);
    assert.equal(code, 0);
    assert.doesNotMatch(asked, /Type:|Price|Locales/);
    assert.match(asked, /Product "gold_club" already exists/);
    assert.ok(existsSync(join(dir, ISPS, 'consumable', 'hints.json')));
  });

  it('stops with a usage error when the answers run out', async () => {
    await assert.rejects(answer(['1']), /input ended before every question was answered/);
  });
});

describe('skillshop isp list, validate, remove, schema', () => {
  it('says there are no products yet in an empty project', async () => {
    const dir = newProject();
    for (const command of ['list', 'validate']) {
      const result = await isp(dir, command);
      assert.equal(result.code, 0);
      assert.match(result.stdout, /No products yet — add one with skillshop isp add/);
    }
    assert.deepEqual(JSON.parse((await isp(dir, 'list', '--json')).stdout), []);
    assert.deepEqual(JSON.parse((await isp(dir, 'validate', '--json')).stdout), { valid: true, problems: [] });
  });

  it('lists the products as a table and as JSON', async () => {
    const dir = newProject();
    await isp(dir, ...ADD);
    await isp(dir, 'add', '--type', 'consumable', '--reference-name', 'hints', '--name', 'Hint Pack', '--price', '0.99', '--locale', 'de-DE');
    const table = await isp(dir, 'list');
    assert.equal(table.code, 0);
    const lines = table.stdout.trim().split('\n');
    assert.match(lines[0]!, /REFERENCE NAME\s+TYPE\s+NAME\s+PRICE\s+FILE/);
    assert.match(lines[1]!, /cave_quest\s+ENTITLEMENT\s+Cave Quest\s+1\.99 USD\s+platforms\/alexaSkill\/isps\/entitlement\/cave_quest\.json/);
    assert.match(lines[2]!, /hints\s+CONSUMABLE\s+Hint Pack\s+0\.99 EUR/);
    const json = JSON.parse((await isp(dir, 'list', '--json')).stdout);
    assert.deepEqual(json[1], {
      referenceName: 'hints', type: 'CONSUMABLE', name: 'Hint Pack', file: `${ISPS}/consumable/hints.json`,
      locales: ['de-DE'], prices: { 'amazon.de': { price: 0.99, currency: 'EUR' } },
    });
  });

  it('validates Amazon\'s sample products with no errors', { skip: !existsSync(AMAZON_ISPS) && 'fixtures not available' }, async () => {
    const dir = newProject();
    cpSync(AMAZON_ISPS, join(dir, ISPS), { recursive: true });
    const result = await isp(dir, 'validate', '--json');
    assert.equal(result.code, 0, result.stdout);
    const report = JSON.parse(result.stdout) as { valid: boolean; problems: { severity: string }[] };
    assert.equal(report.valid, true);
    assert.ok(report.problems.every((problem) => problem.severity === 'warning'));
    assert.equal((await isp(dir, 'list', '--json')).code, 0);
  });

  it('reports invalid JSON with line and column, wrong types, unknown fields, duplicates and misplaced files (exit 1)', async () => {
    const dir = newProject();
    await isp(dir, ...ADD);
    const good = JSON.parse(readFileSync(join(dir, ISPS, 'entitlement', 'cave_quest.json'), 'utf8'));
    put(dir, 'entitlement/broken.json', '{\n  "version": "1.0",\n  "type": "ENTITLEMENT",\n}\n');
    put(dir, 'consumable/typed.json', JSON.stringify({ ...good, type: 'CONSUMABLE', referenceName: 'typed', testingInstructions: ['say buy'] }));
    put(dir, 'subscription/cave_quest.json', JSON.stringify({ ...good, type: 'SUBSCRIPTION', subscriptionInformation: { subscriptionPaymentFrequency: 'MONTHLY', subscriptionTrialPeriodDays: 7 } }));
    put(dir, 'entitlement/renamed.json', JSON.stringify({ ...good, referenceName: 'other', promotableStat: 'IN_SKILL_ONLY' }));
    put(dir, 'consumable/wrong_folder.json', JSON.stringify({ ...good, referenceName: 'wrong_folder' }));

    const result = await isp(dir, 'validate');
    assert.equal(result.code, 1);
    noStack(result.stdout + result.stderr);
    const out = result.stdout;
    assert.match(out, /entitlement\/broken\.json \$: error: invalid JSON at line 4, column 1/);
    assert.match(out, /consumable\/typed\.json \$\.testingInstructions: error: "testingInstructions" must be a string, not a list/);
    assert.match(out, /subscription\/cave_quest\.json \$\.referenceName: error: referenceName "cave_quest" is already used by platforms\/alexaSkill\/isps\/entitlement\/cave_quest\.json/);
    assert.match(out, /entitlement\/renamed\.json \$\.referenceName: error: the file is named renamed\.json but the referenceName is "other"/);
    assert.match(out, /entitlement\/renamed\.json \$\.promotableStat: warning: unknown field "promotableStat" \(did you mean promotableState\?\)/);
    assert.match(out, /consumable\/wrong_folder\.json \$\.type: error: a ENTITLEMENT belongs in entitlement\/, not consumable\//);
    assert.match(out, /fix: /);
    assert.match(out, /error\(s\).*fix the errors/);

    const json = JSON.parse((await isp(dir, 'validate', '--json')).stdout) as { valid: boolean; problems: { file: string; path: string; message: string; severity: string; fix: string }[] };
    assert.equal(json.valid, false);
    const broken = json.problems.find((problem) => problem.file.endsWith('broken.json'))!;
    assert.deepEqual([broken.path, broken.severity], ['$', 'error']);
    assert.ok(json.problems.every((problem) => problem.file && problem.path.startsWith('$') && problem.message && problem.fix));

    const list = await isp(dir, 'list');
    assert.equal(list.code, 1, 'errors make list fail too');
    assert.match(list.stdout, /cave_quest/);
    assert.match(list.stderr, /invalid JSON at line 4, column 1/);
  });

  it('exits 0 when only warnings are left', async () => {
    const dir = newProject();
    await isp(dir, ...ADD);
    const file = join(dir, ISPS, 'entitlement', 'cave_quest.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), colour: 'red' }));
    const result = await isp(dir, 'validate');
    assert.equal(result.code, 0);
    assert.match(result.stdout, /\$\.colour: warning: unknown field "colour"/);
  });

  it('removes a product, and explains an unknown name (exit 1)', async () => {
    const dir = newProject();
    await isp(dir, ...ADD);
    const unknown = await isp(dir, 'remove', 'cave_qest');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No product "cave_qest" in platforms\/alexaSkill\/isps\. Did you mean "cave_quest"\? \[SKILLSHOP_ISP_PRODUCT_UNKNOWN\]/);
    noStack(unknown.stderr);
    const removed = await isp(dir, 'remove', 'cave_quest');
    assert.equal(removed.code, 0);
    assert.match(removed.stdout, /Removed platforms\/alexaSkill\/isps\/entitlement\/cave_quest\.json/);
    assert.equal(existsSync(join(dir, ISPS, 'entitlement', 'cave_quest.json')), false);
    assert.equal((await isp(dir, 'remove')).code, 2);
  });

  it('prints the JSON Schema', async () => {
    const result = await isp(newProject(), 'schema');
    assert.equal(result.code, 0);
    const schema = JSON.parse(result.stdout);
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.ok(schema.properties.publishingInformation);
  });

  it('rejects an unknown subcommand with the usage (exit 2), and is listed in help', async () => {
    const result = await isp(newProject(), 'publish');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Unknown subcommand "publish"\. Subcommands: add, list, validate, remove, schema/);
    const help = await runCli(['help']);
    assert.match(help.stdout, /isp\s+Manage in-skill products/);
    const usage = await runCli(['isp', '--help']);
    assert.match(usage.stdout, /skillshop isp <subcommand>/);
  });

  it('says clearly when the project folder does not exist', async () => {
    const result = await runCli(['--cwd', join(newProject(), 'missing'), 'isp', 'list']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--cwd .*missing: ENOENT/);
    noStack(result.stderr);
  });
});
