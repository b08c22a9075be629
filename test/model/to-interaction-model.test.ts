/** The seed's format (and its alexa section) as an Alexa interaction model. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatJson } from '../../src/files';
import { deepMerge } from '../../src/model/to-interaction-model';
import { caveQuest, compile, summary } from './support';

type Model = ReturnType<typeof caveQuest> & { intents: Record<string, unknown>[]; inputTypes: Record<string, unknown>[] };

describe('conversion to the Alexa interaction model', () => {
  it('writes the ASK CLI v2 shape', () => {
    const { interactionModel } = compile(caveQuest());
    const languageModel = interactionModel!.interactionModel.languageModel;
    assert.equal(languageModel.invocationName, 'cave quest');
    assert.deepEqual(languageModel.intents[0], {
      name: 'BuySkillItemIntent',
      slots: [{ name: 'ProductName', type: 'LIST_OF_PRODUCT_NAMES' }],
      samples: ['buy', 'shop', 'buy {ProductName}', 'purchase {ProductName}', 'want {ProductName}', 'would like {ProductName}'],
    });
    assert.deepEqual(languageModel.types, [{ name: 'LIST_OF_PRODUCT_NAMES', values: [{ id: 'cave_quest', name: { value: 'Cave Quest' } }] }]);
    assert.deepEqual(Object.keys(interactionModel!.interactionModel), ['languageModel']);
  });

  it('merges the alexa section as jovo-model-alexa does', () => {
    const m = caveQuest() as Model;
    m.intents[0]!.alexa = { samples: ['buy {ProductName} now'] }; // an intent's alexa object is assigned: its samples win
    (m.intents[0]!.inputs as Record<string, unknown>[])[0]!.alexa = { samples: ['the {ProductName}'], multipleValues: { enabled: false } };
    m.inputTypes.push({ name: 'COLORS', values: ['red'] });
    m.intents.push({ name: 'PaintIntent', phrases: ['paint it {Color}'], inputs: [{ name: 'Color', type: 'COLORS' }] });
    m.alexa = { interactionModel: {
      languageModel: {
        intents: [{ name: 'AMAZON.YesIntent', samples: ['sure thing'] }],
        types: [{ name: 'COLORS', values: [{ id: 'BLUE', name: { value: 'blue' } }] }], // replaces the input type of the same name
        modelConfiguration: { fallbackIntentSensitivity: { level: 'LOW' } },
      },
      dialog: { intents: [{ name: 'BuySkillItemIntent', slots: [{ name: 'ProductName', type: 'LIST_OF_PRODUCT_NAMES', elicitationRequired: true, prompts: { elicitation: 'Elicit.1' } }] }], delegationStrategy: 'ALWAYS' },
      prompts: [{ id: 'Elicit.1', variations: [{ type: 'PlainText', value: 'Which one?' }] }],
    } };
    const { problems, interactionModel } = compile(m);
    assert.deepEqual(summary(problems), []);
    const out = interactionModel!.interactionModel;
    assert.deepEqual(out.languageModel.intents[0], {
      name: 'BuySkillItemIntent',
      slots: [{ name: 'ProductName', type: 'LIST_OF_PRODUCT_NAMES', samples: ['the {ProductName}'], multipleValues: { enabled: false } }],
      samples: ['buy {ProductName} now'],
    });
    assert.deepEqual(out.languageModel.intents.map((intent) => intent.name).slice(0, 4), ['BuySkillItemIntent', 'RefundSkillItemIntent', 'PaintIntent', 'AMAZON.YesIntent']);
    assert.deepEqual(out.languageModel.types?.map((type) => type.name), ['LIST_OF_PRODUCT_NAMES', 'COLORS']);
    assert.deepEqual(out.languageModel.types?.[1], { name: 'COLORS', values: [{ id: 'BLUE', name: { value: 'blue' } }] });
    assert.deepEqual((out.languageModel as Record<string, unknown>).modelConfiguration, { fallbackIntentSensitivity: { level: 'LOW' } });
    assert.equal((out.dialog as { delegationStrategy: string }).delegationStrategy, 'ALWAYS');
    assert.equal(out.prompts?.length, 1);
    assert.ok(problems.some((problem) => problem.rule === 'model/type-replaced' && problem.severity === 'notice'));
  });

  it('is deterministic: the same model gives the same bytes', () => {
    const a = formatJson(compile(caveQuest()).interactionModel);
    const b = formatJson(compile(JSON.parse(JSON.stringify(caveQuest()))).interactionModel);
    assert.equal(a, b);
  });

  it('deepMerge merges objects and replaces everything else', () => {
    assert.deepEqual(deepMerge({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2], e: 3 }, d: { x: 1 } }), { a: { b: 1, c: [2], e: 3 }, d: { x: 1 } });
  });
});
