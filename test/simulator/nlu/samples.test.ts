import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileModel, type NluResult } from '../../../src/simulator/nlu';
import { interactionModel } from './models';

const SKILL = 'amzn1.ask.skill.test';

const values = (name: string, ...entries: Array<[string, string, string[]?]>) => ({
  name,
  values: entries.map(([id, value, synonyms]) => ({ id, name: synonyms ? { value, synonyms } : { value } })),
});

const shop = compileModel(
  interactionModel(
    'dragon shop',
    [
      {
        name: 'OrderIntent',
        slots: [{ name: 'Count', type: 'AMAZON.NUMBER' }, { name: 'Item', type: 'ITEM' }, { name: 'Color', type: 'COLOR' }],
        samples: [
          'order {Count} {Item}',
          '{Count} {Item} please',
          'i need {Item} in {Color}',
          '{Color} {Item}',
          'would like {Item} please',
          'what does {Item}\'s price look like',
        ],
      },
      {
        name: 'GreetIntent',
        slots: [{ name: 'Name', type: 'AMAZON.FirstName' }, { name: 'Topic', type: 'AMAZON.SearchQuery' }],
        samples: ['my name is {Name}', 'tell me about {Topic}'],
      },
      { name: 'FreeIntent', slots: [{ name: 'Thing', type: 'THING' }], samples: ['{Thing}'] },
    ],
    [
      values('ITEM', ['sword', 'sword', ['blade', 'sabre']], ['shield', 'shield'], ['potion', 'healing potion']),
      values('COLOR', ['red', 'red', ['crimson']], ['blue', 'blue']),
      { name: 'THING', values: [{ id: 'gem', name: { value: 'gem' } }] },
    ],
  ),
  { skillId: SKILL },
);

function slots(result: NluResult): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(result.intent?.slots ?? {}).map(([name, slot]) => [name, slot.value]));
}

function resolved(result: NluResult, slot: string): string | undefined {
  const authority = result.intent?.slots?.[slot]?.resolutions?.resolutionsPerAuthority[0];
  return authority?.status.code === 'ER_SUCCESS_MATCH' ? authority.values?.map((v) => v.value.id).join(',') : authority?.status.code;
}

describe('NLU: samples with slots', () => {
  it('fills several slots in one sample, adjacent to each other, with every declared slot present', () => {
    const result = shop.understand('order three swords');
    assert.equal(result.sample, 'order {Count} {Item}');
    assert.deepEqual(slots(result), { Count: '3', Item: 'swords', Color: undefined });
    assert.equal(resolved(result, 'Item'), 'ER_SUCCESS_NO_MATCH');
    assert.deepEqual(shop.understand('order twenty one sword').intent?.slots?.Count, { name: 'Count', value: '21', confirmationStatus: 'NONE', source: 'USER' });
  });

  it('a slot at the start, and text after the slot', () => {
    const result = shop.understand('2 shield please');
    assert.equal(result.sample, '{Count} {Item} please');
    assert.deepEqual(slots(result), { Count: '2', Item: 'shield', Color: undefined });
    assert.equal(resolved(result, 'Item'), 'shield');
  });

  it('a slot between literal words, and two slots in one sample', () => {
    const result = shop.understand('i need healing potion in crimson');
    assert.deepEqual(slots(result), { Count: undefined, Item: 'healing potion', Color: 'crimson' });
    assert.equal(resolved(result, 'Item'), 'potion');
    assert.deepEqual(result.intent?.slots?.Color?.resolutions?.resolutionsPerAuthority[0]?.values, [{ value: { name: 'red', id: 'red' } }]);
  });

  it('literal text on both sides of a slot: "would like {Item} please"', () => {
    const result = shop.understand('would like a shield please');
    assert.equal(result.sample, 'would like {Item} please');
    assert.deepEqual(slots(result), { Count: undefined, Item: 'a shield', Color: undefined });
    assert.equal(resolved(result, 'Item'), 'shield');
  });

  it('splits adjacent free slots by listed values first', () => {
    assert.deepEqual(slots(shop.understand('crimson blade')), { Count: undefined, Item: 'blade', Color: 'crimson' });
  });

  it('a possessive glued to a slot: "{Item}\'s" hears the item without it', () => {
    const result = shop.understand("what does sabre's price look like");
    assert.deepEqual(slots(result), { Count: undefined, Item: 'sabre', Color: undefined });
    assert.equal(resolved(result, 'Item'), 'sword');
  });

  it('built-in free-text types take the words as heard, without resolutions', () => {
    const result = shop.understand('tell me about the dragons of the north');
    assert.equal(result.intent?.name, 'GreetIntent');
    assert.deepEqual(result.intent?.slots?.Topic, { name: 'Topic', value: 'the dragons of the north', confirmationStatus: 'NONE', source: 'USER' });
    assert.equal(shop.understand('my name is Ada').intent?.slots?.Name?.value, 'ada');
  });

  it('AMAZON.NUMBER only accepts numbers', () => {
    // "several" is no number, so "order {Count} {Item}" cannot match, and nothing else does.
    const result = shop.understand('order several swords');
    assert.equal(result.kind, 'none');
    assert.equal(result.reason, 'no-match');
    assert.equal(result.intent, null);
  });

  it('a sample made only of slots needs a listed value: it does not swallow everything', () => {
    assert.equal(shop.understand('gem').intent?.name, 'FreeIntent');
    assert.equal(shop.understand('anything at all').kind, 'none');
  });
});

describe('NLU: ranking', () => {
  it('prefers a sample whose slot values are listed over one that captures arbitrary words', () => {
    const nlu = compileModel(interactionModel('x y', [
      { name: 'FreeIntent', slots: [{ name: 'Any', type: 'AMAZON.SearchQuery' }], samples: ['find {Any}'] },
      { name: 'ListedIntent', slots: [{ name: 'Item', type: 'ITEM' }], samples: ['find {Item}'] },
    ], [values('ITEM', ['sword', 'sword'])]));
    assert.equal(nlu.understand('find sword').intent?.name, 'ListedIntent');
    assert.equal(nlu.understand('find a cake').intent?.name, 'FreeIntent'); // tie at 0.667: the earlier intent
  });

  it('prefers more literal words matched', () => {
    const nlu = compileModel(interactionModel('x y', [
      { name: 'ShortIntent', slots: [{ name: 'Any', type: 'ITEM' }], samples: ['play {Any}'] },
      { name: 'LongIntent', slots: [{ name: 'Any', type: 'ITEM' }], samples: ['play the song {Any}'] },
    ]));
    assert.equal(nlu.understand('play the song yellow').intent?.name, 'LongIntent');
    // 3 literal words + 1 free slot word = 35 / 40, against 1 literal word + 3 free = 25 / 40.
    assert.deepEqual(nlu.understand('play the song yellow').considered.map((c) => [c.intent, c.score]), [['LongIntent', 0.875], ['ShortIntent', 0.625]]);
  });

  it('breaks ties by intent order, then sample order', () => {
    const model = (first: string, second: string) => interactionModel('x y', [
      { name: first, samples: ['hello there', 'hello'] },
      { name: second, samples: ['hello'] },
    ]);
    assert.equal(compileModel(model('AIntent', 'BIntent')).understand('hello').intent?.name, 'AIntent');
    assert.equal(compileModel(model('BIntent', 'AIntent')).understand('hello').intent?.name, 'BIntent');
    const result = compileModel(model('AIntent', 'BIntent')).understand('hello');
    assert.equal(result.sample, 'hello');
    assert.deepEqual(result.considered.map((c) => c.intent), ['AIntent', 'BIntent']);
  });

  it('lists at most five considered intents, best first', () => {
    const intents = Array.from({ length: 8 }, (_, i) => ({ name: `I${i}Intent`, samples: [i % 2 ? 'go' : 'go go'] }));
    const result = compileModel(interactionModel('x y', intents)).understand('go go');
    assert.deepEqual(result.considered.map((c) => c.intent), ['I0Intent', 'I2Intent', 'I4Intent', 'I6Intent']);
    const many = compileModel(interactionModel('x y', intents.map((intent) => ({ ...intent, samples: ['go'] })))).understand('go');
    assert.deepEqual(many.considered.map((c) => c.intent), ['I0Intent', 'I1Intent', 'I2Intent', 'I3Intent', 'I4Intent']);
  });
});

describe('NLU: entity resolution', () => {
  it('matches values and synonyms case, punctuation and accent insensitively, reporting the canonical value', () => {
    const nlu = compileModel(interactionModel('x y', [
      { name: 'PickIntent', slots: [{ name: 'Thing', type: 'THING' }], samples: ['pick {Thing}'] },
    ], [values('THING', ['creme', 'Crème Brûlée', ['CREME-BRULEE']], ['ab', 'A.B. Special'])]), { skillId: SKILL });
    for (const heard of ['creme brulee', 'Crème brûlée!', 'crème-brûlée']) {
      const slot = nlu.understand(`pick ${heard}`).intent?.slots?.Thing;
      assert.deepEqual(slot?.resolutions?.resolutionsPerAuthority[0]?.values, [{ value: { name: 'Crème Brûlée', id: 'creme' } }], heard);
    }
    assert.equal(nlu.understand('pick crème brûlée').intent?.slots?.Thing?.value, 'crème brûlée');
    assert.equal(resolved(nlu.understand('pick ab special'), 'Thing'), 'ab');
  });

  it('reports every value a synonym belongs to, in model order; a value without id has none', () => {
    const nlu = compileModel(interactionModel('x y', [
      { name: 'PickIntent', slots: [{ name: 'Thing', type: 'THING' }], samples: ['pick {Thing}'] },
    ], [{ name: 'THING', values: [{ id: 'a', name: { value: 'apple', synonyms: ['fruit'] } }, { name: { value: 'pear', synonyms: ['fruit'] } }] }]));
    assert.deepEqual(nlu.understand('pick fruit').intent?.slots?.Thing?.resolutions?.resolutionsPerAuthority[0]?.values, [
      { value: { name: 'apple', id: 'a' } },
      { value: { name: 'pear' } },
    ]);
  });
});

describe('NLU: compiling', () => {
  it('accepts the interactionModel object itself as well as the file', () => {
    const file = interactionModel('x y', [{ name: 'HelloIntent', samples: ['hello'] }]);
    assert.equal(compileModel(file.interactionModel).understand('hello').intent?.name, 'HelloIntent');
  });

  it('refuses a sample naming an undeclared slot, saying where and how to fix it', () => {
    const model = interactionModel('x y', [{ name: 'BuyIntent', slots: [{ name: 'Product', type: 'P' }], samples: ['buy {product}'] }]);
    assert.throws(() => compileModel(model), {
      name: 'TypeError',
      message: 'interactionModel.languageModel.intents[0] (BuyIntent): sample "buy {product}" refers to slot {product}, which the intent does not declare; declare it in the intent\'s "slots" (names are case-sensitive) or fix the sample',
    });
  });

  it('refuses the old {literal|Slot} form', () => {
    const model = interactionModel('x y', [{ name: 'BuyIntent', slots: [{ name: 'Product', type: 'P' }], samples: ['buy {sword|Product}'] }]);
    assert.throws(() => compileModel(model), { name: 'TypeError', message: /uses the old \{literal\|Slot\} form, which Alexa rejects; write \{Product\}/ });
  });

  it('refuses something that is not an interaction model', () => {
    assert.throws(() => compileModel({} as never), { name: 'TypeError', message: /interactionModel\.languageModel is missing/ });
    assert.throws(() => compileModel({ interactionModel: { languageModel: { invocationName: 'x', intents: null } } } as never), {
      name: 'TypeError',
      message: /intents must be an array/,
    });
  });

  it('counts the samples it matches against: the model\'s plus the built-in phrasings', () => {
    const nlu = compileModel(interactionModel('x y', [{ name: 'AMAZON.StopIntent', samples: ['halt'] }, { name: 'HelloIntent', samples: ['hello', ''] }]));
    assert.equal(nlu.sampleCount, 1 + 6 + 1); // halt + 6 English stop phrasings + hello (the empty sample is dropped)
  });
});
