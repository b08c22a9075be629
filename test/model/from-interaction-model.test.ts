/** ASK CLI interaction models in the seed's format, and back: nothing is lost. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { toSeedModel } from '../../src/model/from-interaction-model';
import type { InteractionModelFile } from '../../src/model/interaction-model';
import { REQUIRED_BUILT_IN_INTENTS } from '../../src/model/built-ins';
import { compile, FIXTURES, product, semanticModel, summary, withRule } from './support';

const PRODUCTS = [
  product('Goodbyes_Pack', { 'en-US': 'Goodbyes Pack', 'fr-FR': 'Pack des adieux' }, 'CONSUMABLE'),
  product('Greetings_Pack', { 'en-US': 'Greetings Pack', 'fr-FR': 'Pack de salutations' }),
  product('Premium_Subscription', { 'en-US': 'Premium Subscription', 'fr-FR': 'Abonnement Premium' }, 'SUBSCRIPTION'),
];

function fixture(locale: string): InteractionModelFile {
  return JSON.parse(readFileSync(`${FIXTURES}/models/${locale}.json`, 'utf8')) as InteractionModelFile;
}

describe('interaction model → seed format', () => {
  it('puts custom intents and plain types in the seed format, the rest in the alexa section', () => {
    const { model, notes } = toSeedModel(fixture('en-US'));
    assert.equal(model.invocation, 'premium hello world');
    assert.deepEqual(model.intents?.map((intent) => intent.name), ['SimpleHelloIntent', 'AvailableProductsIntent', 'PurchaseHistoryIntent', 'DescribeProductIntent', 'BuyProductIntent', 'InventoryIntent', 'RefundProductIntent']);
    const buy = model.intents?.find((intent) => intent.name === 'BuyProductIntent');
    assert.deepEqual(buy?.inputs?.[0], { name: 'product', type: 'productType', alexa: { samples: ['I want to buy the {product}', 'I want to buy {product}', 'the {product}', '{product}'] } });
    assert.deepEqual(model.inputTypes?.map((type) => type.name), ['productType']);
    const alexa = model.alexa?.interactionModel;
    assert.deepEqual(alexa?.languageModel?.intents?.map((intent) => intent.name), ['AMAZON.CancelIntent', 'AMAZON.HelpIntent', 'AMAZON.StopIntent', 'AMAZON.NavigateHomeIntent', 'AMAZON.YesIntent', 'AMAZON.NoIntent']);
    assert.ok(alexa?.dialog && alexa.prompts);
    assert.match(notes.join('\n'), /6 built-in intents, dialog, prompts/);
  });

  it('writes built-in slot types the Jovo way and keeps types it cannot say', () => {
    const file = { interactionModel: { languageModel: {
      invocationName: 'cave quest',
      intents: [{ name: 'CountIntent', slots: [{ name: 'n', type: 'AMAZON.NUMBER' }], samples: ['{n} hints'], confirmationRequired: false }],
      types: [{ name: 'CATALOG', valueSupplier: { type: 'CatalogValueSupplier' } }],
    } } } as unknown as InteractionModelFile;
    const { model } = toSeedModel(file);
    assert.deepEqual(model.intents, [{ name: 'CountIntent', phrases: ['{n} hints'], inputs: [{ name: 'n', type: { alexa: 'AMAZON.NUMBER' } }], alexa: { confirmationRequired: false } }]);
    assert.deepEqual(model.alexa?.interactionModel?.languageModel?.types, [{ name: 'CATALOG', valueSupplier: { type: 'CatalogValueSupplier' } }]);
  });

  for (const locale of ['en-US', 'fr-FR']) {
    it(`round-trips premium-hello-world ${locale}: only the added built-ins differ`, () => {
      const original = fixture(locale);
      const { model } = toSeedModel(original);
      const { problems, interactionModel } = compile(JSON.parse(JSON.stringify(model)), locale, PRODUCTS);
      assert.deepEqual(summary(problems), []);
      const added = withRule(problems, 'model/built-in-added').map((problem) => problem.message.split(' ')[0]!);
      assert.deepEqual(added, ['AMAZON.FallbackIntent']);
      assert.ok(added.every((name) => (REQUIRED_BUILT_IN_INTENTS as readonly string[]).includes(name)));
      assert.deepEqual(semanticModel(interactionModel, { without: added }), semanticModel(original));
    });
  }
});
