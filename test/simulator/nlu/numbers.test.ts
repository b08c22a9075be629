import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { numberParser } from '../../../src/simulator/nlu/numbers';
import { tableFor } from '../../../src/simulator/nlu/locales';
import { tokenize } from '../../../src/simulator/nlu/tokens';
import { compileModel } from '../../../src/simulator/nlu';
import { interactionModel } from './models';

function number(locale: string, text: string): string | null {
  const { keys } = tokenize(text);
  return numberParser(tableFor(locale).numbers).parse(keys, 0, keys.length);
}

describe('NLU: AMAZON.NUMBER words → digits', () => {
  it('English', () => {
    const cases: Record<string, string> = {
      '3': '3', '007': '7', three: '3', zero: '0', twelve: '12', 'twenty one': '21', 'twenty-one': '21', ninety: '90',
      'one hundred': '100', 'a hundred': '100', 'one hundred and five': '105', 'two hundred twenty two': '222',
      'a thousand': '1000', 'two thousand twenty four': '2024', 'one thousand two hundred and thirty four': '1234',
      'three million': '3000000', 'five hundred thousand': '500000', '1,000': '1000', 'minus five': '-5', '-5': '-5', '5 hundred': '500',
    };
    for (const [text, digits] of Object.entries(cases)) assert.equal(number('en-US', text), digits, text);
  });

  it('refuses what is not one number', () => {
    for (const text of ['a dozen', 'one two', 'twenty twenty', 'twenty and', 'and five', 'a', 'a five', 'hundred hundred', 'zero zero',
      'thousand million', 'three and a half', '3.5', 'several', 'minus', 'five minus']) {
      assert.equal(number('en-US', text), null, text);
    }
  });

  it('other languages: digits, number words, their joiners', () => {
    const cases: Array<[string, string, string]> = [
      ['de-DE', 'einundzwanzig', '21'], ['de-DE', 'zweihundert', '200'], ['de-DE', 'drei', '3'], ['de-DE', 'zwei tausend', '2000'],
      ['fr-FR', 'vingt et un', '21'], ['fr-FR', 'dix-sept', '17'], ['fr-FR', 'soixante-douze', '72'], ['fr-FR', 'quatre-vingt-dix-sept', '97'],
      ['fr-FR', 'quatre-vingts', '80'], ['fr-FR', 'deux cents', '200'], ['fr-FR', 'mille', '1000'],
      ['es-ES', 'treinta y uno', '31'], ['es-ES', 'veintidós', '22'], ['es-ES', 'ciento cinco', '105'], ['es-ES', 'dos mil', '2000'],
      ['it-IT', 'ventuno', '21'], ['it-IT', 'trentotto', '38'], ['it-IT', 'cento', '100'], ['it-IT', 'due mila', '2000'],
      ['ja-JP', '二十一', '21'], ['ja-JP', '百二十', '120'], ['ja-JP', '千二百三十四', '1234'], ['ja-JP', '三万', '30000'], ['ja-JP', '１２', '12'],
      ['pt-BR', '42', '42'],
    ];
    for (const [locale, text, digits] of cases) assert.equal(number(locale, text), digits, `${locale} ${text}`);
    assert.equal(number('pt-BR', 'dois'), null); // no Portuguese table: digits only
  });

  it('fills an AMAZON.NUMBER slot with digits, as Alexa does', () => {
    const nlu = compileModel(interactionModel('x y', [
      { name: 'UseIntent', slots: [{ name: 'Count', type: 'AMAZON.NUMBER' }], samples: ['use {Count} potions', 'use {Count}'] },
    ]));
    assert.deepEqual(nlu.understand('use one hundred and five potions').intent?.slots?.Count, {
      name: 'Count', value: '105', confirmationStatus: 'NONE', source: 'USER',
    });
    assert.equal(nlu.understand('use 12').intent?.slots?.Count?.value, '12');
    assert.equal(nlu.understand('use a dozen potions').kind, 'none');
  });
});
