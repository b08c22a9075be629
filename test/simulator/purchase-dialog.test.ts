/**
 * Alexa's side of the purchase dialog, with skills that do what cave-quest does not: buy without
 * checking ownership, upsell what is owned, answer a purchase result with invalid output.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { App } from '../../src/app/app';
import { silentLogger } from '../../src/logger';
import { simulator, type Simulator } from '../../src/testing';
import { checkResponse } from '../../src/simulator/check-response';
import { yesOrNo } from '../../src/simulator/purchase-dialog';
import { formatPrice } from '../../src/simulator/dialog-lines';
import { REPO } from '../helpers/cli';

const PROJECT = join(REPO, 'examples', 'cave-quest');

function naiveShop(): App {
  return new App({ storage: { type: 'memory' }, logger: silentLogger }).setHandler({
    LAUNCH() {
      this.ask('Shop open.', 'Shop open.');
    },
    async BuySkillItemIntent() {
      await this.isp.buyByReferenceName(this.getInput('ProductName')?.id ?? 'cave_quest');
    },
    async HintIntent() {
      await this.isp.upsellByReferenceName('cave_quest', 'Want the expansion?');
    },
    ON_PURCHASE() {
      const isp = this.isp;
      this.tell(`${isp.getName()} ${isp.getPurchaseResult()}`);
    },
    Unhandled() {
      this.ask('Pardon?', 'Pardon?');
    },
  });
}

describe('the purchase dialog', () => {
  let s: Simulator | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('Buy of an owned entitlement: "Good news! You already own that." and ALREADY_PURCHASED, with no question', async () => {
    s = await simulator({ project: PROJECT, app: naiveShop() });
    await s.say('buy cave quest');
    await s.say('yes');
    const turn = await s.say('buy cave quest');
    assert.deepEqual(turn.lines.map((l) => [l.speaker, l.text]), [
      ['alexa', 'Good news! You already own that.'],
      ['skill', 'Buy ALREADY_PURCHASED'],
    ]);
  });

  it('Upsell of an owned entitlement → ALREADY_PURCHASED', async () => {
    s = await simulator({ project: PROJECT, app: naiveShop() });
    await s.say('buy cave quest');
    await s.say('yes');
    const turn = await s.say('give me a hint');
    assert.equal(turn.purchase?.purchaseResult, 'ALREADY_PURCHASED');
    assert.equal(turn.purchase?.name, 'Upsell');
  });

  it('a consumable is never "already owned"', async () => {
    s = await simulator({ project: PROJECT, app: naiveShop() });
    await s.say('buy hint pack');
    await s.say('yes');
    const again = await s.say('buy hint pack');
    assert.equal(again.awaitingPurchaseAnswer, true);
  });

  it('speaks prices as the locale says them', () => {
    // en-US → amazon.com / USD is checked in the offer lines of cave-quest.test.ts.
    assert.equal(formatPrice(1.99, 'USD', 'en-US'), '$1.99');
    assert.equal(formatPrice(1.99, 'EUR', 'de-DE'), '1,99\u00a0€');
    assert.equal(formatPrice(1.99, 'GBP', 'en-GB'), '£1.99');
  });
});

describe('yes and no, as Alexa hears them', () => {
  for (const yes of ['yes', 'Yes!', 'yeah', 'sure', 'ok', 'yes please', 'Alexa, yes']) {
    it(`"${yes}" is yes`, () => assert.equal(yesOrNo(yes, 'en-US'), 'yes'));
  }
  for (const no of ['no', 'nope', 'no thanks', 'no thank you', 'not now']) {
    it(`"${no}" is no`, () => assert.equal(yesOrNo(no, 'en-US'), 'no'));
  }
  it('anything else is neither', () => assert.equal(yesOrNo('tell me more', 'en-US'), undefined));
  it('German ja / nein', () => {
    assert.equal(yesOrNo('ja', 'de-DE'), 'yes');
    assert.equal(yesOrNo('nein', 'de-DE'), 'no');
  });
});

describe('checkResponse: what Alexa accepts', () => {
  const buy = { type: 'Connections.SendRequest', name: 'Buy', payload: { InSkillProduct: { productId: 'amzn1.adg.product.x' } }, token: 't' };
  const errors = (body: unknown) => checkResponse(body).filter((p) => p.severity === 'error').map((p) => p.message);

  it('accepts a plain answer and a lone purchase directive', () => {
    assert.deepEqual(checkResponse({ version: '1.0', response: { outputSpeech: { type: 'SSML', ssml: '<speak>Hi</speak>' }, shouldEndSession: true } }), []);
    assert.deepEqual(checkResponse({ version: '1.0', response: { directives: [buy] } }), []);
  });

  it('refuses a response that is not an object or has no response', () => {
    assert.equal(errors('hello').length, 1);
    assert.match(errors({ version: '1.0' })[0]!, /no "response" object/);
  });

  it('refuses SSML without <speak> and unknown speech types', () => {
    assert.match(errors({ version: '1.0', response: { outputSpeech: { type: 'SSML', ssml: 'Hi' } } })[0]!, /<speak>/);
    assert.match(errors({ version: '1.0', response: { outputSpeech: { type: 'Text', text: 'Hi' } } })[0]!, /SSML" or "PlainText/);
  });

  it('refuses a purchase directive with shouldEndSession false, a lowercase inSkillProduct, or company', () => {
    assert.match(errors({ version: '1.0', response: { directives: [buy], shouldEndSession: false } })[0]!, /never false/);
    assert.match(errors({ version: '1.0', response: { directives: [{ ...buy, payload: { inSkillProduct: { productId: 'x' } } }] } })[0]!, /capital I/);
    assert.match(errors({ version: '1.0', response: { directives: [buy, { type: 'Dialog.Delegate' }] } })[0]!, /only directive/);
    assert.match(errors({ version: '1.0', response: { directives: [{ ...buy, name: 'Upsell' }] } })[0]!, /upsellMessage/);
  });

  it('warns about speech next to a purchase directive and about an open, silent session', () => {
    const warnings = checkResponse({ version: '1.0', response: { outputSpeech: { type: 'PlainText', text: 'Buying' }, directives: [buy] } });
    assert.deepEqual(warnings.map((p) => p.severity), ['warning']);
    assert.match(checkResponse({ version: '1.0', response: { shouldEndSession: false } })[0]!.message, /silence/);
  });
});
