/** Product-aware slot types: generated from the catalog, or checked against it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CAVE_QUEST, caveQuest, compile, product, summary, withRule } from './support';

type Model = ReturnType<typeof caveQuest> & { inputTypes: Record<string, unknown>[]; intents: Record<string, unknown>[] };
const DRAGON = product('dragon_pack', { 'en-US': 'Dragon Pack', 'de-DE': 'Drachenpaket' }, 'CONSUMABLE');
const HINTS = product('hint_bundle', { 'de-DE': 'Tipps' }, 'CONSUMABLE');

function typesOf(model: unknown, locale = 'en-US', products = [CAVE_QUEST, DRAGON, HINTS]) {
  const compiled = compile(model, locale, products);
  return { ...compiled, types: compiled.interactionModel?.interactionModel.languageModel.types };
}

describe('catalog-generated slot types ("fromCatalog": true)', () => {
  it('lists every product with a name in the locale: name as value, referenceName as id, sorted', () => {
    const m = caveQuest() as Model;
    m.inputTypes = [{ name: 'LIST_OF_PRODUCT_NAMES', fromCatalog: true }];
    const { problems, types } = typesOf(m);
    assert.deepEqual(summary(problems), []);
    assert.deepEqual(types, [{ name: 'LIST_OF_PRODUCT_NAMES', values: [
      { id: 'cave_quest', name: { value: 'Cave Quest' } },
      { id: 'dragon_pack', name: { value: 'Dragon Pack' } },
    ] }]);
    assert.equal(withRule(problems, 'catalog-type/no-name')[0]?.severity, 'notice'); // hint_bundle has no en-US name
    const german = typesOf({ ...m, invocation: 'höhlen abenteuer' }, 'de-DE').types;
    assert.deepEqual(german?.[0]?.values?.map((value) => value.name.value), ['Drachenpaket', 'Tipps']);
  });

  it('takes synonyms from values with a product id; the seed\'s value list keeps working', () => {
    const m = caveQuest() as Model;
    m.inputTypes[0]!.fromCatalog = true;
    m.inputTypes[0]!.values = [
      { value: 'Cave Quest', id: 'cave_quest', synonyms: ['the caves', 'the expansion'] },
      { value: 'dragons', id: 'dragon_pack' },
      { value: 'Old Pack', id: 'old_pack' },
      { value: 'no id' },
    ];
    const { problems, types } = typesOf(m);
    assert.deepEqual(types?.[0]?.values, [
      { id: 'cave_quest', name: { value: 'Cave Quest', synonyms: ['the caves', 'the expansion'] } },
      { id: 'dragon_pack', name: { value: 'Dragon Pack', synonyms: ['dragons'] } },
    ]);
    assert.deepEqual(summary(problems), ['warning catalog-type/unknown-id $.inputTypes[0].values[2]', 'warning catalog-type/unknown-id $.inputTypes[0].values[3]']);
  });

  it('is an error when the catalog has no product for the locale', () => {
    const m = caveQuest() as Model;
    m.inputTypes = [{ name: 'LIST_OF_PRODUCT_NAMES', fromCatalog: true }];
    assert.deepEqual(summary(compile(m, 'en-US', []).problems), ['error model/type-empty $.inputTypes[0]']);
  });
});

describe('hand-written product types checked against the catalog', () => {
  it('gets the seed right: LIST_OF_PRODUCT_NAMES with id cave_quest matches the catalog', () => {
    assert.deepEqual(summary(compile(caveQuest(), 'en-US', [CAVE_QUEST]).problems), []);
  });

  it('warns about ids that are no referenceName, and values without id', () => {
    const m = caveQuest() as Model;
    m.inputTypes[0]!.values = [{ value: 'Cave Quest', id: 'cavequest' }, { value: 'Dragon Pack' }];
    const problems = compile(m, 'en-US', [CAVE_QUEST]).problems;
    assert.deepEqual(summary(problems), [
      'warning catalog-type/missing-product $.inputTypes[0]',
      'warning catalog-type/unknown-id $.inputTypes[0].values[0]',
      'warning catalog-type/unknown-id $.inputTypes[0].values[1]',
    ]);
    assert.match(withRule(problems, 'catalog-type/unknown-id')[0]!.fix!, /fromCatalog/);
  });

  it('warns about catalog products the type misses (only those sold in the locale)', () => {
    const problems = compile(caveQuest(), 'en-US', [CAVE_QUEST, DRAGON, HINTS]).problems;
    assert.deepEqual(summary(problems), ['warning catalog-type/missing-product $.inputTypes[0]']);
    assert.match(withRule(problems, 'catalog-type/missing-product')[0]!.message, /dragon_pack/);
  });

  it('recognizes product types by their ids even without "product" in the name', () => {
    const m = caveQuest() as Model;
    m.inputTypes[0]!.name = 'EXPANSIONS';
    m.intents.forEach((intent) => { intent.inputs = [{ name: 'ProductName', type: 'EXPANSIONS' }]; });
    assert.deepEqual(summary(compile(m, 'en-US', [CAVE_QUEST, DRAGON]).problems), ['warning catalog-type/missing-product $.inputTypes[0]']);
  });

  it('leaves other types alone', () => {
    const m = caveQuest() as Model;
    m.intents.push({ name: 'ColorIntent', phrases: ['paint it {Color}'], inputs: [{ name: 'Color', type: 'COLORS' }] });
    m.inputTypes.push({ name: 'COLORS', values: [{ value: 'red', id: 'RED' }] });
    assert.deepEqual(summary(compile(m, 'en-US', [CAVE_QUEST]).problems), []);
  });
});
