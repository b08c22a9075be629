import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  InSkillProductDefinitionSchema,
  ISP_LOCALES,
  productJsonSchema,
  toAmazonDefinition,
  type InSkillProductDefinition,
} from '../../src/isp/product-definition';
import { checkProduct, closestMatch, validateProduct } from '../../src/isp/validate-product';
import type { Problem } from '../../src/problems';

const REPO = join(__dirname, '..', '..');
/** Amazon's premium-hello-world sample products, read where they are (never copied into the repo). */
const AMAZON_ISPS = join(REPO, '..', 'shared', 'fixtures', 'amazon-samples', 'premium-hello-world', 'isps');
const CAVE_QUEST = join(REPO, 'examples', 'cave-quest', 'platforms', 'alexaSkill', 'isps', 'entitlement', 'cave_quest.json');
const FILE = 'platforms/alexaSkill/isps/entitlement/cave_quest.json';

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const errors = (problems: Problem[]) => problems.filter((problem) => problem.severity === 'error');
const warnings = (problems: Problem[]) => problems.filter((problem) => problem.severity === 'warning');
const at = (problems: Problem[], path: string) => problems.filter((problem) => problem.path === path);

/** A complete, certification-ready entitlement; tests break one thing at a time. */
function complete(): Record<string, unknown> & InSkillProductDefinition {
  return {
    version: '1.0',
    type: 'ENTITLEMENT',
    referenceName: 'cave_quest',
    purchasableState: 'PURCHASABLE',
    publishingInformation: {
      locales: {
        'en-US': {
          name: 'Cave Quest',
          smallIconUri: 'https://cdn.cavequest.test/icon-108.png',
          largeIconUri: 'https://cdn.cavequest.test/icon-512.png',
          summary: 'Ten new levels deep below the mountain.',
          description: 'The Cave Quest expansion adds ten levels with riddles, treasure and a dragon.',
          examplePhrases: ['Alexa, ask cave quest to buy the expansion'],
          keywords: ['cave', 'adventure'],
          customProductPrompts: {
            purchasePromptDescription: 'The expansion takes you ten levels deeper.',
            boughtCardDescription: 'You now own the Cave Quest expansion.',
          },
        },
      },
      distributionCountries: ['US'],
      pricing: { 'amazon.com': { releaseDate: '2026-01-01', defaultPriceListing: { price: 1.99, currency: 'USD' } } },
      taxInformation: { category: 'SOFTWARE' },
    },
    privacyAndCompliance: { locales: { 'en-US': { privacyPolicyUrl: 'https://cavequest.test/privacy' } } },
    testingInstructions: 'Say "buy cave quest" after launching the skill.',
  };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const enUS = (product: Json): Json => product.publishingInformation.locales['en-US'];

describe('the product definition schema', () => {
  it('passes a complete product without a single problem', () => {
    assert.deepEqual(validateProduct(complete(), FILE), []);
  });

  it('validates Amazon\'s premium-hello-world products with no errors', { skip: !existsSync(AMAZON_ISPS) && 'fixtures not available' }, () => {
    const files = readdirSync(AMAZON_ISPS).flatMap((folder) => readdirSync(join(AMAZON_ISPS, folder)).map((name) => join(AMAZON_ISPS, folder, name)));
    assert.equal(files.length, 3);
    for (const file of files) {
      const problems = validateProduct(readJson(file), file);
      assert.deepEqual(errors(problems), [], file);
      // Justified warnings only: the samples have no testingInstructions, and most of their
      // privacy policy URLs are http.
      for (const problem of warnings(problems)) {
        assert.ok(
          (problem.path === '$.testingInstructions' && problem.rule === 'isp/incomplete') || (problem.rule === 'isp/https' && problem.path.endsWith('.privacyPolicyUrl')),
          `${file}: unexpected ${problem.path} ${problem.message}`,
        );
      }
    }
  });

  it('validates the cave-quest example with no errors; its example.com URLs are flagged as placeholders', () => {
    const problems = validateProduct(readJson(CAVE_QUEST), FILE);
    assert.deepEqual(errors(problems), []);
    assert.deepEqual(problems.map((problem) => problem.rule), ['isp/placeholder', 'isp/placeholder', 'isp/placeholder']);
    assert.ok(problems.some((problem) => problem.path === '$.publishingInformation.locales["en-US"].smallIconUri'));
  });

  it('toAmazonDefinition drops $schema and leaves the rest (and the input) alone', () => {
    const definition = { $schema: '../.schema/in-skill-product.schema.json', ...complete() };
    const amazon = toAmazonDefinition(definition);
    assert.equal('$schema' in amazon, false);
    assert.deepEqual(amazon, complete());
    assert.equal(definition.$schema, '../.schema/in-skill-product.schema.json');
  });

  it('exports a draft-07 JSON Schema that editors can use', () => {
    const schema = productJsonSchema() as Json;
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.type, 'object');
    assert.deepEqual(schema.required, ['version', 'type', 'referenceName', 'publishingInformation']);
    assert.equal(schema.properties.referenceName.pattern, '^[A-Za-z0-9_]{3,50}$');
    assert.deepEqual(schema.properties.type.anyOf.map((option: Json) => option.const), ['ENTITLEMENT', 'SUBSCRIPTION', 'CONSUMABLE']);
    assert.deepEqual(Object.keys(schema.properties.publishingInformation.properties.locales.properties), [...ISP_LOCALES]);
    assert.ok(schema.properties.$schema, 'a product file may carry $schema');
    assert.equal(JSON.stringify(schema).includes('Symbol'), false);
    // The exported schema is the validator's own schema: it accepts what the validator accepts.
    assert.ok(TypeCompiler.Compile(InSkillProductDefinitionSchema).Check(complete()));
  });
});

describe('validateProduct: what Amazon rejects is an error', () => {
  it('names the JSON path, the problem and the fix for a wrong type', () => {
    const product = complete();
    enUS(product).summary = 42;
    product.publishingInformation.pricing!['amazon.com']!.defaultPriceListing.price = '1.99' as unknown as number;
    const problems = validateProduct(product, FILE);
    const summary = at(problems, '$.publishingInformation.locales["en-US"].summary')[0]!;
    assert.equal(summary.severity, 'error');
    assert.equal(summary.file, FILE);
    assert.match(summary.message, /must be a string, not a number \(42\)/);
    assert.ok(summary.fix);
    const price = at(problems, '$.publishingInformation.pricing["amazon.com"].defaultPriceListing.price')[0]!;
    assert.match(price.message, /must be a number, not a string/);
  });

  it('reports every missing required field once', () => {
    const problems = validateProduct({ publishingInformation: { locales: { 'en-US': {} } } }, FILE);
    assert.deepEqual(errors(problems).map((problem) => problem.path), [
      '$.version', '$.type', '$.referenceName', '$.publishingInformation.locales["en-US"].name',
    ]);
    assert.ok(problems.every((problem) => problem.rule === 'isp/required'));
  });

  it('checks the enums, with a hint for a near miss', () => {
    const product: Json = complete();
    product.version = '2.0';
    product.type = 'ENTITLMENT';
    product.purchasableState = 'BUYABLE';
    product.publishingInformation.taxInformation.category = 'software';
    product.publishingInformation.pricing['amazon.com'].defaultPriceListing.currency = 'usd';
    const problems = validateProduct(product, FILE);
    assert.match(at(problems, '$.version')[0]!.message, /must be "1\.0"/);
    assert.match(at(problems, '$.type')[0]!.fix!, /ENTITLEMENT/);
    assert.match(at(problems, '$.purchasableState')[0]!.message, /PURCHASABLE, NOT_PURCHASABLE/);
    assert.match(at(problems, '$.publishingInformation.taxInformation.category')[0]!.fix!, /"SOFTWARE"/);
    assert.match(at(problems, '$.publishingInformation.pricing["amazon.com"].defaultPriceListing.currency')[0]!.fix!, /"USD"/);
    assert.equal(errors(problems).length, 5);
  });

  it('accepts reference names of 3 to 50 letters, digits and underscores only', () => {
    for (const [name, ok] of [['abc', true], ['A_1', true], ['x'.repeat(50), true], ['ab', false], ['x'.repeat(51), false], ['cave-quest', false], ['cave quest', false]] as const) {
      const problems = validateProduct({ ...complete(), referenceName: name }, FILE);
      assert.equal(errors(problems).length === 0, ok, name);
    }
  });

  it('knows only the ISP locales and marketplaces', () => {
    const product: Json = complete();
    product.publishingInformation.locales['en-AU'] = { name: 'Cave Quest' };
    product.publishingInformation.locales.en_GB = { name: 'Cave Quest' };
    product.publishingInformation.pricing['amazon.ca'] = { defaultPriceListing: { price: 1, currency: 'USD' } };
    product.privacyAndCompliance.locales['pt-BR'] = { privacyPolicyUrl: 'https://cavequest.test/privacy' };
    const problems = validateProduct(product, FILE);
    assert.deepEqual(errors(problems).map((problem) => [problem.path, problem.rule]), [
      ['$.publishingInformation.locales["en-AU"]', 'isp/unknown-locale'],
      ['$.publishingInformation.locales.en_GB', 'isp/unknown-locale'],
      ['$.publishingInformation.pricing["amazon.ca"]', 'isp/unknown-marketplace'],
      ['$.privacyAndCompliance.locales["pt-BR"]', 'isp/unknown-locale'],
    ]);
    assert.match(at(problems, '$.publishingInformation.locales.en_GB')[0]!.fix!, /Did you mean "en-GB"/);
    assert.doesNotMatch(at(problems, '$.publishingInformation.pricing["amazon.ca"]')[0]!.fix!, /amazon\.com"\?/, 'amazon.ca is not a typo of amazon.com');
  });

  it('needs at least one locale', () => {
    const product: Json = complete();
    product.publishingInformation.locales = {};
    assert.match(errors(validateProduct(product, FILE))[0]!.message, /"locales" is empty/);
  });

  it('checks subscriptions: subscriptionInformation required for them and only for them, trial 0..365 whole days', () => {
    const subscription: Json = { ...complete(), type: 'SUBSCRIPTION' };
    assert.match(errors(validateProduct(subscription, FILE))[0]!.message, /a subscription needs subscriptionInformation/);
    const entitlement: Json = { ...complete(), subscriptionInformation: { subscriptionPaymentFrequency: 'MONTHLY', subscriptionTrialPeriodDays: 7 } };
    assert.match(errors(validateProduct(entitlement, FILE))[0]!.message, /only subscriptions have subscriptionInformation/);
    for (const [days, ok] of [[0, true], [365, true], [366, false], [-1, false], [7.5, false], ['7', false]] as const) {
      const product = { ...complete(), type: 'SUBSCRIPTION', subscriptionInformation: { subscriptionPaymentFrequency: 'YEARLY', subscriptionTrialPeriodDays: days } };
      assert.equal(errors(validateProduct(product, FILE)).length === 0, ok, String(days));
    }
    const frequency = { ...complete(), type: 'SUBSCRIPTION', subscriptionInformation: { subscriptionPaymentFrequency: 'WEEKLY' } };
    assert.match(errors(validateProduct(frequency, FILE))[0]!.message, /MONTHLY, YEARLY/);
  });

  it('wants a positive price in the marketplace\'s own currency', () => {
    for (const price of [0, -1]) {
      const product: Json = complete();
      product.publishingInformation.pricing['amazon.com'].defaultPriceListing.price = price;
      assert.match(errors(validateProduct(product, FILE))[0]!.message, /must be more than 0/);
    }
    const product: Json = complete();
    product.publishingInformation.pricing['amazon.de'] = { releaseDate: '2026-01-01', defaultPriceListing: { price: 1.99, currency: 'USD' } };
    const [problem] = errors(validateProduct(product, FILE));
    assert.equal(problem!.path, '$.publishingInformation.pricing["amazon.de"].defaultPriceListing.currency');
    assert.match(problem!.message, /amazon\.de sells in EUR, not USD/);
  });

  it('accepts YYYY-MM-DD and Amazon\'s date-times as release dates, nothing else', () => {
    for (const [date, ok] of [['2026-01-01', true], ['2019-06-26T00:00Z', true], ['2026-01-01T10:00:00.000+01:00', true], ['2026/01/01', false], ['2026-13-45', false], ['tomorrow', false]] as const) {
      const product: Json = complete();
      product.publishingInformation.pricing['amazon.com'].releaseDate = date;
      assert.equal(errors(validateProduct(product, FILE)).length === 0, ok, date);
    }
  });

  it('checks distribution countries against Amazon\'s ISO 3166 list', () => {
    const product: Json = complete();
    product.publishingInformation.distributionCountries = ['US', 'us', 'XX', 'USA'];
    const problems = errors(validateProduct(product, FILE));
    assert.deepEqual(problems.map((problem) => problem.path), [1, 2, 3].map((index) => `$.publishingInformation.distributionCountries[${index}]`));
    assert.match(problems[0]!.fix!, /Did you mean "US"/);
  });

  it('wants https icons and real URLs', () => {
    const product: Json = complete();
    enUS(product).smallIconUri = 'http://cdn.cavequest.test/icon-108.png';
    product.privacyAndCompliance.locales['en-US'].privacyPolicyUrl = 'cavequest privacy page';
    const problems = errors(validateProduct(product, FILE));
    assert.equal(problems[0]!.rule, 'isp/https');
    // The URL check runs once the shape is right.
    enUS(product).smallIconUri = 'https://cdn.cavequest.test/icon-108.png';
    assert.match(errors(validateProduct(product, FILE))[0]!.message, /is not a URL/);
  });

  it('says what is wrong with a file that is not an object', () => {
    for (const value of [[], 'product', null, 42]) {
      const [problem] = validateProduct(value, FILE);
      assert.equal(problem!.path, '$');
      assert.match(problem!.message, /the product file must be an object/);
    }
  });

  it('hands back the typed definition only when the shape is right', () => {
    assert.ok(checkProduct(complete(), FILE).definition);
    assert.equal(checkProduct({ ...complete(), version: 1 }, FILE).definition, undefined);
    assert.ok(checkProduct({ ...complete(), extra: true }, FILE).definition, 'unknown fields are only warnings');
  });
});

describe('validateProduct: what certification needs is a warning', () => {
  it('warns about an unknown field and suggests the field meant', () => {
    const product: Json = complete();
    enUS(product).sumary = enUS(product).summary;
    delete enUS(product).summary;
    product.testingInstruction = 'typo';
    const problems = validateProduct(product, FILE);
    assert.deepEqual(errors(problems), []);
    const typo = at(problems, '$.publishingInformation.locales["en-US"].sumary')[0]!;
    assert.equal(typo.severity, 'warning');
    assert.equal(typo.rule, 'isp/unknown-field');
    assert.match(typo.message, /unknown field "sumary" \(did you mean summary\?\)/);
    assert.match(at(problems, '$.testingInstruction')[0]!.message, /did you mean testingInstructions\?/);
    assert.equal(at(problems, '$.publishingInformation.locales["en-US"].summary')[0]!.rule, 'isp/incomplete');
  });

  it('lists everything a minimal product still needs', () => {
    const minimal = { version: '1.0', type: 'SUBSCRIPTION', referenceName: 'gold', subscriptionInformation: {}, publishingInformation: { locales: { 'de-DE': { name: 'Gold' } } } };
    const problems = validateProduct(minimal, 'gold.json');
    assert.deepEqual(errors(problems), []);
    const locale = '$.publishingInformation.locales["de-DE"]';
    assert.deepEqual(problems.map((problem) => problem.path).sort(), [
      '$.privacyAndCompliance.locales["de-DE"].privacyPolicyUrl',
      `${locale}.customProductPrompts.boughtCardDescription`,
      `${locale}.customProductPrompts.purchasePromptDescription`,
      `${locale}.description`,
      `${locale}.examplePhrases`,
      `${locale}.keywords`,
      `${locale}.largeIconUri`,
      `${locale}.smallIconUri`,
      `${locale}.summary`,
      '$.publishingInformation.distributionCountries',
      '$.publishingInformation.pricing',
      '$.publishingInformation.taxInformation.category',
      '$.subscriptionInformation.subscriptionPaymentFrequency',
      '$.subscriptionInformation.subscriptionTrialPeriodDays',
      '$.testingInstructions',
    ].sort());
    assert.ok(problems.every((problem) => problem.severity === 'warning' && problem.rule === 'isp/incomplete' && problem.fix));
  });

  it('warns when no priced marketplace sells to a distribution country', () => {
    const product: Json = complete();
    product.publishingInformation.distributionCountries = ['DE'];
    assert.match(validateProduct(product, FILE)[0]!.message, /no priced marketplace sells to any of the distribution countries/);
  });

  it('warns about placeholders: TODO texts and example.com URLs', () => {
    const product: Json = complete();
    enUS(product).summary = 'TODO: one sentence.';
    product.privacyAndCompliance.locales['en-US'].privacyPolicyUrl = 'https://www.example.com/privacy';
    const problems = validateProduct(product, FILE);
    assert.deepEqual(problems.map((problem) => [problem.rule, problem.path]), [
      ['isp/placeholder', '$.publishingInformation.locales["en-US"].summary'],
      ['isp/placeholder', '$.privacyAndCompliance.locales["en-US"].privacyPolicyUrl'],
    ]);
  });

  it('warns about text longer than the Alexa app shows, too many phrases, prices in text, odd yen and http', () => {
    const product: Json = complete();
    enUS(product).summary = 's'.repeat(161);
    enUS(product).description = 'd'.repeat(4001);
    enUS(product).examplePhrases = ['one', 'two', 'three', 'four'];
    enUS(product).customProductPrompts.purchasePromptDescription = 'Only $1.99 for ten new levels.';
    product.publishingInformation.pricing['amazon.co.jp'] = { releaseDate: '2026-01-01', defaultPriceListing: { price: 1.99, currency: 'JPY' } };
    product.privacyAndCompliance.locales['en-US'].privacyPolicyUrl = 'http://cavequest.test/privacy';
    const problems = validateProduct(product, FILE);
    assert.deepEqual(errors(problems), []);
    assert.deepEqual(problems.map((problem) => problem.rule).sort(), ['isp/https', 'isp/limit', 'isp/limit', 'isp/limit', 'isp/price', 'isp/price-in-text']);
    assert.match(at(problems, '$.publishingInformation.locales["en-US"].summary')[0]!.message, /161 characters/);
  });

  it('suggests close spellings only', () => {
    assert.equal(closestMatch('sumary', ['summary', 'description']), 'summary');
    assert.equal(closestMatch('EN-us', ['en-US']), 'en-US');
    assert.equal(closestMatch('zzz', ['summary']), undefined);
  });
});
