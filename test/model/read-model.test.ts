/** Reading model files: JSON errors, the schema (wrong types are errors, unknown fields warnings), formats. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localeProblems, parseLanguageModel, readModelJson } from '../../src/model/read-model';
import { caveQuest, compile, summary } from './support';

describe('reading a model file', () => {
  it('names the line and column of invalid JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skillshop-model-'));
    writeFileSync(join(dir, 'en-US.json'), '{\n  "invocation": "cave quest",\n  "intents": [\n    { "name": "X" }\n    { "name": "Y" }\n  ]\n}\n');
    const read = readModelJson(join(dir, 'en-US.json'), 'models/en-US.json');
    assert.equal(read.ok, false);
    if (read.ok) return;
    assert.equal(read.problem.severity, 'error');
    assert.match(read.problem.message, /line 5, column 5/);
    const missing = readModelJson(join(dir, 'de-DE.json'), 'models/de-DE.json');
    assert.ok(!missing.ok && missing.problem.rule === 'model/missing');
  });

  it('reports wrong types as errors, with their paths, all at once', () => {
    const { model, problems } = parseLanguageModel({ invocation: 7, intents: [{ name: 'A', phrases: 'buy' }, { phrases: [] }], inputTypes: {} }, 'en-US', 'models/en-US.json');
    assert.equal(model, undefined);
    assert.deepEqual(summary(problems), [
      'error model/required $.intents[1].name',
      'error model/wrong-type $.inputTypes',
      'error model/wrong-type $.intents[0].phrases',
      'error model/wrong-type $.invocation',
    ]);
    const phrases = problems.find((p) => p.path === '$.intents[0].phrases');
    assert.equal(phrases?.message, 'Expected an array, got string "buy".');
  });

  it('reports a file that is not an object, or that is an Alexa interaction model', () => {
    assert.deepEqual(summary(parseLanguageModel([], 'en-US', 'm').problems), ['error model/wrong-type $']);
    const alexa = parseLanguageModel({ interactionModel: { languageModel: {} } }, 'en-US', 'm');
    assert.deepEqual(summary(alexa.problems), ['error model/alexa-format $.interactionModel']);
    assert.match(alexa.problems[0]!.fix!, /skillshop import/);
  });

  it('warns about unknown fields and still builds', () => {
    const m = caveQuest() as Record<string, unknown> & { intents: Record<string, unknown>[] };
    m.intent = [];
    m.intents[0]!.phrase = ['buy it'];
    m.intents[0]!.dialogflow = { priority: 500000 }; // another platform's settings: silently ignored
    const { problems, interactionModel } = compile(m);
    assert.deepEqual(summary(problems), ['warning model/unknown-field $.intent', 'warning model/unknown-field $.intents[0].phrase']);
    assert.ok(interactionModel);
  });

  it('checks the locale in the file name', () => {
    assert.deepEqual(localeProblems('en-US', 'm'), []);
    assert.equal(localeProblems('en', 'models/en.json')[0]?.severity, 'error');
    assert.equal(localeProblems('xx-YY', 'models/xx-YY.json')[0]?.severity, 'warning');
  });
});

describe('Jovo v4 models', () => {
  const v4 = {
    version: '4.0',
    invocation: { alexa: 'cave quest', googleAssistant: 'cave quest' },
    intents: {
      BuySkillItemIntent: {
        phrases: ['buy {ProductName}', 'buy {count} hints'],
        entities: {
          ProductName: { type: 'LIST_OF_PRODUCT_NAMES', alexa: { samples: ['the {ProductName}'] } },
          count: { type: { alexa: 'AMAZON.NUMBER', dialogflow: '@sys.number' } },
        },
      },
      HelpIntent: { phrases: ['help'] },
    },
    entityTypes: {
      LIST_OF_PRODUCT_NAMES: { values: [{ value: 'Cave Quest', id: 'cave_quest', synonyms: ['the caves'] }] },
    },
    alexa: { interactionModel: { languageModel: { intents: [{ name: 'AMAZON.StopIntent', samples: [] }] } } },
  };

  it('builds the same interaction model as the seed format would', () => {
    const { problems, interactionModel } = compile(v4);
    assert.deepEqual(summary(problems), []);
    const languageModel = interactionModel!.interactionModel.languageModel;
    assert.equal(languageModel.invocationName, 'cave quest');
    assert.deepEqual(languageModel.intents[0], {
      name: 'BuySkillItemIntent',
      slots: [{ name: 'ProductName', type: 'LIST_OF_PRODUCT_NAMES', samples: ['the {ProductName}'] }, { name: 'count', type: 'AMAZON.NUMBER' }],
      samples: ['buy {ProductName}', 'buy {count} hints'],
    });
    assert.deepEqual(languageModel.intents.map((intent) => intent.name).slice(0, 3), ['BuySkillItemIntent', 'HelpIntent', 'AMAZON.StopIntent']);
    assert.deepEqual(languageModel.types, [{ name: 'LIST_OF_PRODUCT_NAMES', values: [{ id: 'cave_quest', name: { value: 'Cave Quest', synonyms: ['the caves'] } }] }]);
  });

  it('names v4 paths in problems', () => {
    const bad = structuredClone(v4) as unknown as { intents: Record<string, { phrases: string[]; entities?: unknown }> };
    bad.intents.HelpIntent!.phrases.push('help {Topic}');
    bad.intents.BuySkillItemIntent!.entities = { ProductName: { type: 'PRODUCTS' }, count: { type: { alexa: 'AMAZON.NUMBER' } } };
    assert.deepEqual(summary(compile(bad).problems), [
      'error model/type-unknown $.intents.BuySkillItemIntent.entities.ProductName.type',
      'error sample/slot-undeclared $.intents.HelpIntent.phrases[1]',
      'warning model/type-unused $.entityTypes.LIST_OF_PRODUCT_NAMES',
    ]);
    const wrong = parseLanguageModel({ version: '4.0', intents: { A: { phrases: [1] } } }, 'en-US', 'm');
    assert.deepEqual(summary(wrong.problems), ['error model/wrong-type $.intents.A.phrases[0]']);
  });
});
