import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { joinWords, keyOf, tokenize } from '../../../src/simulator/nlu/tokens';

describe('NLU: words', () => {
  it('lower-cases and drops punctuation; hyphens separate words', () => {
    assert.deepEqual(tokenize('Buy Cave-Quest!  Now?').words, ['buy', 'cave', 'quest', 'now']);
  });

  it('keeps apostrophes inside words and folds curly ones', () => {
    assert.deepEqual(tokenize('What’s the “best” of \'em').words, ["what's", 'the', 'best', 'of', 'em']);
    assert.deepEqual(tokenize("l'extension").words, ["l'extension"]);
  });

  it('joins abbreviations and thousands, keeps decimals and a leading minus', () => {
    assert.deepEqual(tokenize('a.m. at 1,000 or 3.5 or -5, not t-5').words, ['am', 'at', '1000', 'or', '3.5', 'or', '-5', 'not', 't', '5']);
  });

  it('folds accents of Latin letters for matching, keeping them in the heard words', () => {
    assert.deepEqual(tokenize('Crème Brûlée'), { words: ['crème', 'brûlée'], keys: ['creme', 'brulee'] });
    assert.equal(keyOf('Straße'), 'straße');
  });

  it('splits Japanese into characters and joins them back without spaces', () => {
    const tokens = tokenize('ケイブクエストを開いて');
    assert.deepEqual(tokens.words, ['ケ', 'イ', 'ブ', 'ク', 'エ', 'ス', 'ト', 'を', '開', 'い', 'て']);
    assert.equal(joinWords(tokens.words, 0, 7), 'ケイブクエスト');
    // Kana voicing marks are not accents: が stays が.
    assert.deepEqual(tokenize('がんばれ').keys, ['が', 'ん', 'ば', 'れ']);
    assert.equal(joinWords(tokenize('mix 日本 words').words, 0, 4), 'mix 日本 words');
  });

  it('normalizes full-width characters', () => {
    assert.deepEqual(tokenize('ＢＵＹ　１２').words, ['buy', '12']);
  });
});
