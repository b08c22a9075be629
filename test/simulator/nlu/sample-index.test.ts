import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileSample, type CompiledSample } from '../../../src/simulator/nlu/sample';
import { SampleIndex } from '../../../src/simulator/nlu/sample-index';
import { tokenize } from '../../../src/simulator/nlu/tokens';

const compile = (texts: string[]): CompiledSample[] =>
  texts.map((text, order) => compileSample(text, 0, order, (name) => (name === 'X' ? 0 : -1), 'test')!);

function visited(index: SampleIndex, utterance: string): string[] {
  const out: string[] = [];
  index.forEachCandidate(tokenize(utterance).keys, (sample) => out.push(sample.text));
  return out;
}

describe('NLU: the sample index', () => {
  it('visits only samples whose literal words all occur, each once, plus slot-only samples', () => {
    const index = new SampleIndex(compile(['buy {X}', 'buy the {X} now', 'sell {X}', '{X}', 'what is new', 'buy buy buy']));
    assert.deepEqual(visited(index, 'buy buy the sword').sort(), ['buy buy buy', 'buy {X}', '{X}'].sort());
    assert.deepEqual(visited(index, 'buy the sword now').sort(), ['buy the {X} now', 'buy {X}', 'buy buy buy', '{X}'].sort());
    assert.deepEqual(visited(index, 'hello'), ['{X}']);
  });

  it('files a sample under its rarest word, so a common word does not drag in thousands of samples', () => {
    const texts = Array.from({ length: 5_000 }, (_, i) => `i want item${i}`);
    const index = new SampleIndex(compile(texts));
    assert.deepEqual(visited(index, 'i want item42'), ['i want item42']);
    assert.equal(visited(index, 'i want').length, 0);
  });

  it('compiles a sample into literal runs and slots, keeping a glued possessive as the slot\'s suffix', () => {
    const sample = compile(["what is {X}'s price, {X} and  more"])[0]!;
    assert.deepEqual(sample.parts, [
      { kind: 'words', keys: ['what', 'is'] },
      { kind: 'slot', slot: 0, suffix: "'s" },
      { kind: 'words', keys: ['price'] },
      { kind: 'slot', slot: 0, suffix: '' },
      { kind: 'words', keys: ['and', 'more'] },
    ]);
    assert.deepEqual(sample.literals, ['what', 'is', 'price', 'and', 'more']);
  });
});
