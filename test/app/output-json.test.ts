import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Output } from '../../src/app/output';
import type { Directive } from '../../src/alexa/response';
import { validateRequestEnvelope } from '../../src/alexa/validate-request';
import { intentRequest, launchRequest, purchaseResponse } from '../helpers/requests';
import { appWith, DEFAULT_ERROR_SPEECH } from './support';

/** Every way a handler can leave its Output, each with a label. */
function outputs(): Array<[string, Output]> {
  const made: Array<[string, Output]> = [];
  const add = (label: string, build: (output: Output) => void) => {
    const output = new Output();
    build(output);
    made.push([label, output]);
  };
  const texts = ['Goodbye.', 'Tom & Jerry say "hi" <3', 'Quote \' and \\ backslash', 'line\nbreak\ttab', 'ünïcödé – “quotes” 🦇', 'sep\u2028arators\u2029', '\u0000\u001f control', '<speak>Already <break time="1s"/> SSML</speak>', '  <speak>padded</speak>  '];
  for (const text of texts) {
    add(`tell ${JSON.stringify(text)}`, (o) => o.tell(text));
    add(`ask ${JSON.stringify(text)}`, (o) => o.ask(text, `${text} again?`));
  }
  add('nothing', () => {});
  add('endSession only', (o) => o.endSession());
  add('simple card', (o) => {
    o.tell('Here.');
    o.card = { type: 'Simple', title: 'T "1"', content: 'C\nC' };
  });
  add('standard card, an image field undefined', (o) => {
    o.ask('Look.', 'Still there?');
    o.card = { type: 'Standard', title: 'T', text: 'x', image: { smallImageUrl: 'https://x/s.png', largeImageUrl: undefined } };
  });
  add('directives with nested and undefined fields', (o) => {
    o.addDirective({ type: 'Dialog.Delegate', updatedIntent: { name: 'X', slots: { a: { name: 'a', value: undefined } } } } as unknown as Directive);
    o.addDirective({ type: 'AudioPlayer.Play', playBehavior: 'REPLACE_ALL', audioItem: { stream: { url: 'https://x/a.mp3', token: 't', offsetInMilliseconds: 0 } } } as unknown as Directive);
  });
  add('a directive and speech', (o) => {
    o.tell('Playing.');
    o.addDirective({ type: 'AudioPlayer.Stop' } as Directive);
  });
  add('a purchase directive', (o) =>
    o.setPurchaseDirective({ type: 'Connections.SendRequest', name: 'Buy', payload: { InSkillProduct: { productId: 'amzn1.adg.product.x' } }, token: 'correlationToken' } as Directive),
  );
  return made;
}

const attributeSets: Array<[string, Record<string, unknown> | undefined]> = [
  ['no attributes', undefined],
  ['empty attributes', {}],
  ['attributes', { STATE: 'Shop', count: 3, nested: { list: [1, 'two', null, { deep: true }] }, skipped: undefined, when: new Date(0) }],
  ['attributes with a toJSON', { custom: { toJSON: () => 'as text' }, gone: { toJSON: () => undefined } }],
  ['attributes whose toJSON answers undefined', { toJSON: () => undefined } as unknown as Record<string, unknown>],
];

describe('Output#toAnswer', () => {
  it('writes exactly what JSON.stringify writes of its envelope, for every shape of output', () => {
    for (const [label, output] of outputs()) {
      for (const [attributesLabel, attributes] of attributeSets) {
        const { response, json } = output.toAnswer(attributes);
        assert.deepEqual(response, output.toEnvelope(attributes), `${label}, ${attributesLabel}`);
        assert.equal(json, JSON.stringify(response), `${label}, ${attributesLabel}`);
      }
    }
  });
});

describe('App#answer hands the transport the JSON Output wrote', () => {
  it('for an answer, the apology, and a purchase result (the same text it keeps)', async () => {
    const app = appWith({
      LAUNCH() {
        this.setSessionAttribute('visits', 1);
        this.ask('Welcome "in".', 'Say buy.');
      },
      ON_PURCHASE() {
        this.tell('Enjoy the caves!');
      },
      BuySkillItemIntent() {
        throw new Error('boom');
      },
    });
    try {
      const launch = await app.answer(validateRequestEnvelope(launchRequest()));
      assert.equal(typeof launch.json, 'string', 'a launch answer comes with its JSON');
      assert.equal(launch.json, JSON.stringify(launch.response));
      assert.deepEqual(launch.response.sessionAttributes, { visits: 1 });

      const purchase = validateRequestEnvelope(purchaseResponse('Buy', 'ACCEPTED', 'amzn1.adg.product.x'));
      const bought = await app.answer(purchase);
      assert.equal(bought.json, JSON.stringify(bought.response));
      assert.deepEqual(await app.store!.getResponse(purchase.request.requestId), JSON.parse(bought.json!));

      const failed = await app.answer(validateRequestEnvelope(intentRequest('BuySkillItemIntent')));
      assert.equal(failed.json, JSON.stringify(failed.response));
      assert.match(failed.json!, new RegExp(DEFAULT_ERROR_SPEECH.slice(0, 20)));
    } finally {
      await app.close();
    }
  });
});
