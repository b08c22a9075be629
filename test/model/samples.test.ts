import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeSample, sampleProblems, slotReferences } from '../../src/model/samples';

function rules(text: string, slots: string[] = ['ProductName']): string[] {
  return sampleProblems(text, slots, 'BuyIntent', 'models/en-US.json', ['intents', 0, 'phrases', 0]).map((p) => `${p.severity} ${p.rule}`);
}

describe('sample utterance rules', () => {
  it('accepts letters of any script, spaces, abbreviations, possessives, hyphens, underscores', () => {
    for (const text of ['buy {ProductName}', 'I want to buy the {ProductName}', "what's sam's score", 'que puis-je acheter', "quels produits j'ai acheté",
      'play the t. v. show', 'snake_case word', 'achètes le produit {ProductName}', 'ケーブを買う', 'größer als']) {
      assert.deepEqual(rules(text), [], text);
    }
  });

  it('rejects digits: numbers are spelled out', () => {
    assert.deepEqual(rules('buy 2 {ProductName}'), ['error sample/digits']);
    assert.deepEqual(rules('buy two {ProductName}'), []);
  });

  it('rejects other punctuation', () => {
    assert.deepEqual(rules('buy {ProductName}?'), ['error sample/characters']);
    assert.deepEqual(rules('yes, buy it'), ['error sample/characters']);
    assert.deepEqual(rules('buy it .'), ['error sample/periods']);
    assert.deepEqual(rules('buy it.'), ['warning sample/periods']);
    assert.deepEqual(rules("'buy' it"), ['warning sample/apostrophes']);
  });

  it('rejects the old {literal|Slot} form', () => {
    assert.deepEqual(rules('buy {cave quest|ProductName}'), ['error sample/literal-slot']);
  });

  it('requires references to declared slots, case-sensitively', () => {
    assert.deepEqual(rules('buy {Product}'), ['error sample/slot-undeclared']);
    const [problem] = sampleProblems('buy {productname}', ['ProductName'], 'BuyIntent', 'm', ['x']);
    assert.equal(problem?.rule, 'sample/slot-undeclared');
    assert.match(problem!.message, /case-sensitive/);
    assert.equal(problem?.fix, 'Write {ProductName}.');
    assert.deepEqual(rules('buy {ProductName}'), []);
    assert.deepEqual(rules('buy {}'), ['error sample/slot-empty']);
    assert.deepEqual(rules('buy {ProductName'), ['error sample/braces']);
  });

  it('rejects empty samples', () => {
    assert.deepEqual(rules('  '), ['error sample/empty']);
  });

  it('finds references and normalizes case and whitespace', () => {
    assert.deepEqual(slotReferences('buy {A} and {B}'), ['A', 'B']);
    assert.equal(normalizeSample('  Buy   {ProductName} ', 'en-US'), 'buy {productname}');
  });
});
