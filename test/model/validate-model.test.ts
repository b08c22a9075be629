/** Every model rule, each with a failing and a passing case, on the seed's format. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REQUIRED_BUILT_IN_INTENTS } from '../../src/model/built-ins';
import { caveQuest, compile, only, summary, withRule } from './support';

type Model = ReturnType<typeof caveQuest> & { intents: Record<string, unknown>[]; inputTypes: Record<string, unknown>[] };
const model = () => caveQuest() as Model;

describe('model validation', () => {
  it('accepts the seed model with no errors or warnings', () => {
    const { problems, interactionModel } = compile(caveQuest());
    assert.deepEqual(summary(problems), []);
    assert.ok(interactionModel);
  });

  it('checks the invocation name', () => {
    const m = model();
    m.invocation = 'Cave Quest 2';
    assert.deepEqual(summary(compile(m).problems), ['error invocation/case $.invocation', 'error invocation/digits $.invocation']);
    const umlaut = model();
    umlaut.invocation = 'höhlen abenteuer';
    assert.deepEqual(summary(compile(umlaut, 'de-DE', []).problems).filter((line) => line.includes('invocation')), []);
    const object = model();
    object.invocation = { alexa: 'Cave Quest' };
    assert.deepEqual(summary(compile(object).problems), ['error invocation/case $.invocation.alexa']);
    const none = model();
    none.invocation = { googleAssistant: 'cave quest' };
    assert.deepEqual(summary(compile(none).problems), ['error invocation/missing $.invocation']);
    delete (none as Record<string, unknown>).invocation;
    assert.deepEqual(summary(compile(none).problems), ['error invocation/missing $.invocation']);
  });

  it('reports a slot reference the intent does not declare, with the path of the sample', () => {
    const m = model();
    (m.intents[0]!.phrases as string[]).push('buy {productName}', 'get {Item}');
    const found = withRule(compile(m).problems, 'sample/slot-undeclared');
    assert.deepEqual(found.map((p) => p.path), ['$.intents[0].phrases[6]', '$.intents[0].phrases[7]']);
    assert.ok(found.every((p) => p.file === 'models/en-US.json' && p.severity === 'error' && p.fix));
  });

  it('reports sample character problems', () => {
    const m = model();
    (m.intents[0]!.phrases as string[]).push('buy 2 {ProductName}', 'buy {cave quest|ProductName}', 'buy it now?');
    assert.deepEqual(summary(compile(m).problems), [
      'error sample/characters $.intents[0].phrases[8]',
      'error sample/digits $.intents[0].phrases[6]',
      'error sample/literal-slot $.intents[0].phrases[7]',
    ]);
  });

  it('reports input types that are neither declared nor AMAZON.* built-ins', () => {
    const m = model();
    m.intents[1]!.inputs = [{ name: 'ProductName', type: 'LIST_OF_PRODUCTS' }];
    assert.deepEqual(summary(compile(m).problems), ['error model/type-unknown $.intents[1].inputs[0].type']);
    const builtIn = model();
    builtIn.intents.push({ name: 'CountIntent', phrases: ['buy {Count} hints', 'count {Other}'], inputs: [{ name: 'Count', type: { alexa: 'AMAZON.NUMBER' } }, { name: 'Other', type: 'AMAZON.NUMBER' }] });
    assert.deepEqual(summary(compile(builtIn).problems), []);
    const noAlexa = model();
    noAlexa.intents.push({ name: 'NameIntent', phrases: ['i am {name}'], inputs: [{ name: 'name', type: { dialogflow: '@sys.given-name' } }] });
    assert.deepEqual(summary(compile(noAlexa).problems), ['error model/type-missing $.intents[2].inputs[0].type']);
  });

  it('reports empty types and values without a value', () => {
    const m = model();
    m.inputTypes.push({ name: 'EMPTY', values: [] }, { name: 'NONE' });
    m.intents.push({ name: 'PickIntent', phrases: ['pick {A} or {B}'], inputs: [{ name: 'A', type: 'EMPTY' }, { name: 'B', type: 'NONE' }] });
    assert.deepEqual(summary(compile(m).problems), ['error model/type-empty $.inputTypes[1]', 'error model/type-empty $.inputTypes[2]']);
    const noValue = model();
    noValue.inputTypes[0]!.values = [{ id: 'cave_quest' }];
    assert.deepEqual(summary(compile(noValue).problems), ['error model/value-missing $.inputTypes[0].values[0]']);
  });

  it('reports the same sample in two intents (ignoring case and spaces), and repeats within one', () => {
    const m = model();
    (m.intents[1]!.phrases as string[]).push('Buy   {ProductName}', 'refund {ProductName}');
    assert.deepEqual(summary(compile(m).problems), ['error sample/conflict $.intents[1].phrases[4]', 'warning sample/duplicate $.intents[1].phrases[5]']);
  });

  it('also compares samples of built-in intents from the alexa section', () => {
    const m = model();
    m.alexa = { interactionModel: { languageModel: { intents: [{ name: 'AMAZON.HelpIntent', samples: ['shop'] }] } } };
    assert.deepEqual(summary(compile(m).problems), ['error sample/conflict $.alexa.interactionModel.languageModel.intents[0].samples[0]']);
  });

  it('reports duplicate slot values: a value twice is an error, a synonym clash a warning', () => {
    const m = model();
    m.inputTypes[0]!.values = [{ value: 'Cave Quest', id: 'cave_quest' }, { value: 'cave quest', id: 'cave_quest_two' }];
    assert.deepEqual(only(compile(m, 'en-US', []).problems, 'error').map((p) => `${p.rule} ${p.path}`), ['model/value-duplicate $.inputTypes[0].values[1]']);
    const synonyms = model();
    synonyms.inputTypes[0]!.values = [{ value: 'Cave Quest', id: 'cave_quest', synonyms: ['the caves'] }, { value: 'Dragon Pack', id: 'dragon', synonyms: ['The Caves'] }];
    assert.deepEqual(withRule(compile(synonyms, 'en-US', []).problems, 'model/value-duplicate').map((p) => p.severity), ['warning']);
    const fine = model();
    fine.inputTypes[0]!.values = [{ value: 'Cave Quest', id: 'cave_quest', synonyms: ['the caves'] }, 'Dragon Pack'];
    assert.deepEqual(withRule(compile(fine, 'en-US', []).problems, 'model/value-duplicate'), []);
  });

  it('warns about a declared slot no sample uses, and a type no slot uses', () => {
    const m = model();
    m.intents[1]!.phrases = ['refund', 'return it'];
    m.inputTypes.push({ name: 'COLORS', values: ['red'] });
    assert.deepEqual(summary(compile(m).problems), ['warning model/slot-unused $.intents[1].inputs[0]', 'warning model/type-unused $.inputTypes[1]']);
  });

  it('reports intent and slot name problems and duplicates', () => {
    const m = model();
    m.intents.push({ name: 'Buy Intent 2', phrases: ['get it'] }, { name: 'BuySkillItemIntent', phrases: ['take it'] });
    m.intents[1]!.inputs = [{ name: 'ProductName', type: 'LIST_OF_PRODUCT_NAMES' }, { name: 'ProductName', type: 'LIST_OF_PRODUCT_NAMES' }];
    assert.deepEqual(summary(compile(m).problems), [
      'error model/intent-duplicate $.intents[3]',
      'error model/intent-name $.intents[2].name',
      'error model/slot-duplicate $.intents[1].inputs[1].name',
    ]);
  });

  it('adds the missing built-in intents, each with a notice', () => {
    const { problems, interactionModel } = compile(caveQuest());
    const notices = withRule(problems, 'model/built-in-added');
    assert.deepEqual(notices.map((p) => p.severity), REQUIRED_BUILT_IN_INTENTS.map(() => 'notice'));
    const names = interactionModel!.interactionModel.languageModel.intents.map((intent) => intent.name);
    assert.deepEqual(names, ['BuySkillItemIntent', 'RefundSkillItemIntent', ...REQUIRED_BUILT_IN_INTENTS]);
    const m = model();
    m.alexa = { interactionModel: { languageModel: { intents: [{ name: 'AMAZON.HelpIntent', samples: ['what can i do'] }] } } };
    assert.equal(withRule(compile(m).problems, 'model/built-in-added').length, REQUIRED_BUILT_IN_INTENTS.length - 1);
  });

  it('checks dialog intents, slots and prompt references', () => {
    const m = model();
    m.alexa = { interactionModel: {
      dialog: { intents: [
        { name: 'BuySkillItemIntent', slots: [{ name: 'ProductName', type: 'LIST_OF_PRODUCT_NAMES', prompts: { elicitation: 'Elicit.1' } }, { name: 'Color', prompts: {} }] },
        { name: 'GoneIntent', slots: [] },
      ] },
      prompts: [{ id: 'Elicit.2', variations: [{ type: 'PlainText', value: 'which one?' }] }],
    } };
    assert.deepEqual(summary(compile(m).problems), [
      'error model/dialog-intent $.alexa.interactionModel.dialog.intents[1].name',
      'error model/dialog-prompt $.alexa.interactionModel.dialog.intents[0].slots[0].prompts',
      'error model/dialog-slot $.alexa.interactionModel.dialog.intents[0].slots[1].name',
    ]);
  });
});
