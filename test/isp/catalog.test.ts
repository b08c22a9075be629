import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ISP_DIR,
  SCHEMA_FILE,
  defaultProductName,
  loadCatalog,
  productFile,
  productLocales,
  productName,
  removeProduct,
  writeProduct,
} from '../../src/isp/catalog';
import { productTemplate } from '../../src/isp/templates';
import { isSkillshopError } from '../../src/errors';

const AMAZON_ISPS = join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'amazon-samples', 'premium-hello-world', 'isps');

let project: string;
beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'skillshop-catalog-'));
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

function put(file: string, content: unknown): void {
  const path = join(project, ISP_DIR, file);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

const product = (referenceName: string, type: 'ENTITLEMENT' | 'SUBSCRIPTION' | 'CONSUMABLE' = 'ENTITLEMENT') =>
  productTemplate({ type, referenceName, name: referenceName.replace(/_/g, ' '), price: 0.99, releaseDate: '2026-01-01', frequency: 'MONTHLY', trialDays: 7 });

describe('loadCatalog', () => {
  it('is empty, without problems, when there is no isps folder', () => {
    assert.deepEqual(loadCatalog(project), { products: [], problems: [] });
  });

  it('loads Amazon\'s sample products, sorted by reference name', { skip: !existsSync(AMAZON_ISPS) && 'fixtures not available' }, () => {
    cpSync(AMAZON_ISPS, join(project, ISP_DIR), { recursive: true });
    const { products, problems } = loadCatalog(project);
    assert.deepEqual(products.map((item) => [item.referenceName, item.type, item.file]), [
      ['Goodbyes_Pack', 'CONSUMABLE', `${ISP_DIR}/consumable/Goodbyes_Pack.json`],
      ['Greetings_Pack', 'ENTITLEMENT', `${ISP_DIR}/entitlement/Greetings_Pack.json`],
      ['Premium_Subscription', 'SUBSCRIPTION', `${ISP_DIR}/subscription/Premium_Subscription.json`],
    ]);
    assert.deepEqual(problems.filter((problem) => problem.severity === 'error'), []);
    const greetings = products[1]!;
    assert.equal(productName(greetings, 'it-IT'), 'Pacchetto di saluti');
    assert.equal(productName(greetings, 'en-US'), 'Greetings Pack');
    assert.equal(productName(greetings, 'ja-JP'), undefined, 'no fallback to another language');
    assert.equal(productName(greetings, 'xx-XX'), undefined);
    assert.deepEqual(productLocales(greetings), ['it-IT', 'en-US', 'es-ES', 'es-US', 'en-GB', 'fr-FR']);
    assert.equal(defaultProductName(greetings), 'Greetings Pack');
  });

  it('reports invalid JSON with its line and column, and still loads the other products', () => {
    put('entitlement/good_one.json', product('good_one'));
    put('entitlement/broken.json', '{\n  "version": "1.0",\n  "type": "ENTITLEMENT"\n  "referenceName": "broken"\n}\n');
    const { products, problems } = loadCatalog(project);
    assert.deepEqual(products.map((item) => item.referenceName), ['good_one']);
    const [problem] = problems.filter((item) => item.severity === 'error');
    assert.equal(problem!.file, `${ISP_DIR}/entitlement/broken.json`);
    assert.equal(problem!.rule, 'isp/json');
    assert.match(problem!.message, /line 4, column 3/);
    assert.match(problem!.fix!, /line 4, column 3/);
  });

  it('leaves out a product of the wrong shape and says why', () => {
    put('entitlement/bad_types.json', { ...product('bad_types'), referenceName: 42 });
    const { products, problems } = loadCatalog(project);
    assert.deepEqual(products, []);
    assert.equal(problems[0]!.path, '$.referenceName');
    assert.match(problems[0]!.message, /must be a string/);
  });

  it('keeps the first of two products with the same reference name', () => {
    put('entitlement/twin.json', product('twin'));
    put('consumable/twin.json', product('twin', 'CONSUMABLE'));
    const { products, problems } = loadCatalog(project);
    assert.deepEqual(products.map((item) => item.file), [`${ISP_DIR}/consumable/twin.json`]);
    const duplicate = problems.find((item) => item.rule === 'catalog/duplicate')!;
    assert.equal(duplicate.file, `${ISP_DIR}/entitlement/twin.json`);
    assert.match(duplicate.message, /already used by platforms\/alexaSkill\/isps\/consumable\/twin\.json/);
  });

  it('wants the file named after the reference name, in the folder of its type', () => {
    put('entitlement/other_name.json', product('real_name'));
    put('consumable/gold.json', product('gold', 'SUBSCRIPTION'));
    const { products, problems } = loadCatalog(project);
    assert.deepEqual(products.map((item) => item.referenceName), ['gold', 'real_name'], 'still loaded: the definition itself is fine');
    const name = problems.find((item) => item.rule === 'catalog/file-name')!;
    assert.equal(name.severity, 'error');
    assert.equal(name.path, '$.referenceName');
    assert.match(name.fix!, /Rename the file to real_name\.json/);
    const folder = problems.find((item) => item.rule === 'catalog/folder')!;
    assert.equal(folder.file, `${ISP_DIR}/consumable/gold.json`);
    assert.match(folder.message, /a SUBSCRIPTION belongs in subscription\/, not consumable\//);
  });

  it('reports product files outside the type folders, and ignores dot folders and other files', () => {
    put('loose.json', product('loose'));
    put('entitlements/typo.json', product('typo'));
    put('.schema/in-skill-product.schema.json', { type: 'object' });
    put('entitlement/README.md', 'notes');
    const { products, problems } = loadCatalog(project);
    assert.deepEqual(products, []);
    assert.deepEqual(problems.map((item) => [item.file, item.rule]), [
      [`${ISP_DIR}/entitlements/typo.json`, 'catalog/folder'],
      [`${ISP_DIR}/loose.json`, 'catalog/folder'],
    ]);
  });

  it('says so when the isps folder is a file', () => {
    mkdirSync(join(project, 'platforms', 'alexaSkill'), { recursive: true });
    writeFileSync(join(project, ISP_DIR), '');
    assert.match(loadCatalog(project).problems[0]!.message, /is a file, not a folder/);
  });
});

describe('writeProduct and removeProduct', () => {
  it('writes the product atomically with $schema, and the schema next to it', () => {
    const file = writeProduct(project, product('cave_quest'));
    assert.equal(file, productFile('ENTITLEMENT', 'cave_quest'));
    const written = JSON.parse(readFileSync(join(project, file), 'utf8'));
    assert.equal(Object.keys(written)[0], '$schema');
    assert.equal(written.$schema, '../.schema/in-skill-product.schema.json');
    const schema = JSON.parse(readFileSync(join(project, SCHEMA_FILE), 'utf8'));
    assert.equal(schema.title, 'Alexa in-skill product');
    assert.deepEqual(readdirSync(join(project, ISP_DIR, 'entitlement')), ['cave_quest.json'], 'no temporary file left behind');
    const { products, problems } = loadCatalog(project);
    assert.equal(products[0]!.definition.$schema, '../.schema/in-skill-product.schema.json');
    assert.equal(problems.filter((item) => item.severity === 'error').length, 0);
  });

  it('refuses to overwrite a product unless forced; forced, it replaces it even in another type folder', () => {
    writeProduct(project, product('gold'));
    assert.throws(() => writeProduct(project, product('gold', 'SUBSCRIPTION')), (error) => isSkillshopError(error, 'ISP_PRODUCT_EXISTS') && /--force/.test(error.message));
    writeProduct(project, product('gold', 'SUBSCRIPTION'), { force: true });
    const { products } = loadCatalog(project);
    assert.deepEqual(products.map((item) => item.file), [`${ISP_DIR}/subscription/gold.json`]);
  });

  it('refuses an invalid definition', () => {
    assert.throws(() => writeProduct(project, { ...product('x'), referenceName: 'x' }), (error) => isSkillshopError(error, 'ISP_PRODUCT_INVALID') && /reference name/.test(error.message));
    assert.equal(existsSync(join(project, ISP_DIR)), false);
  });

  it('removes a product, even a broken one, and names the known ones for an unknown name', () => {
    writeProduct(project, product('cave_quest'));
    put('consumable/hints.json', '{ not json');
    assert.deepEqual(removeProduct(project, 'hints'), [`${ISP_DIR}/consumable/hints.json`]);
    assert.throws(() => removeProduct(project, 'cave_qest'), (error) => isSkillshopError(error, 'ISP_PRODUCT_UNKNOWN') && /Did you mean "cave_quest"/.test(error.message));
    assert.deepEqual(removeProduct(project, 'cave_quest'), [`${ISP_DIR}/entitlement/cave_quest.json`]);
    assert.throws(() => removeProduct(project, 'cave_quest'), /The catalog is empty/);
  });
});
