import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { compileModel } from '../../../src/simulator/nlu';
import { IntentRequestSchema, type Intent } from '../../../src/alexa/request';
import { inputsOf } from '../../../src/app/inputs';
import { AUTHORITY, SKILL_ID, caveQuestModel } from './models';

const nlu = compileModel(caveQuestModel(), { skillId: SKILL_ID, locale: 'en-US' });

const caveQuestSlot = (heard: string) => ({
  name: 'ProductName',
  value: heard,
  confirmationStatus: 'NONE',
  source: 'USER',
  resolutions: {
    resolutionsPerAuthority: [
      { authority: AUTHORITY, status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: 'Cave Quest', id: 'cave_quest' } }] },
    ],
  },
});

describe('NLU: the seed\'s Cave Quest model', () => {
  it('"buy cave quest" → BuySkillItemIntent, ProductName resolved to cave_quest', () => {
    const result = nlu.understand('buy cave quest');
    assert.deepEqual(result, {
      kind: 'intent',
      intent: { name: 'BuySkillItemIntent', confirmationStatus: 'NONE', slots: { ProductName: caveQuestSlot('cave quest') } },
      confidence: 0.933, // (10 + 9 + 9) / 30
      reason: 'sample',
      sample: 'buy {ProductName}',
      oneShot: false,
      heard: 'buy cave quest',
      considered: [{ intent: 'BuySkillItemIntent', sample: 'buy {ProductName}', score: 0.933, slots: { ProductName: 'cave quest' } }],
    });
  });

  it('"buy dragon pack" fills the slot with ER_SUCCESS_NO_MATCH and no values', () => {
    const result = nlu.understand('buy dragon pack');
    assert.deepEqual(result.intent, {
      name: 'BuySkillItemIntent',
      confirmationStatus: 'NONE',
      slots: {
        ProductName: {
          name: 'ProductName',
          value: 'dragon pack',
          confirmationStatus: 'NONE',
          source: 'USER',
          resolutions: { resolutionsPerAuthority: [{ authority: AUTHORITY, status: { code: 'ER_SUCCESS_NO_MATCH' } }] },
        },
      },
    });
    assert.equal(result.confidence, 0.667); // (10 + 5 + 5) / 30
  });

  it('"I want a refund for cave quest" → Refund, not Buy\'s "want {ProductName}"', () => {
    const result = nlu.understand('I want a refund for cave quest');
    assert.equal(result.intent?.name, 'RefundSkillItemIntent');
    assert.equal(result.sample, 'want a refund for {ProductName}');
    assert.deepEqual(result.intent?.slots?.ProductName, caveQuestSlot('cave quest'));
    assert.deepEqual(result.considered, [
      // "i" skipped (6), four literal words (40), two resolved slot words (18): 64 / 70
      { intent: 'RefundSkillItemIntent', sample: 'want a refund for {ProductName}', score: 0.914, slots: { ProductName: 'cave quest' } },
      // "i" skipped (6), "want" (10), five free slot words (25): 41 / 70
      { intent: 'BuySkillItemIntent', sample: 'want {ProductName}', score: 0.586, slots: { ProductName: 'a refund for cave quest' } },
    ]);
  });

  it('"buy" → Buy with its slot present but empty, exactly as Alexa sends it', () => {
    const result = nlu.understand('buy');
    assert.deepEqual(result.intent, {
      name: 'BuySkillItemIntent',
      confirmationStatus: 'NONE',
      slots: { ProductName: { name: 'ProductName', confirmationStatus: 'NONE' } },
    });
    assert.equal(result.confidence, 1);
    assert.equal(result.sample, 'buy');
    assert.equal('value' in result.intent!.slots!.ProductName!, false);
  });

  it('"what\'s the weather" → AMAZON.FallbackIntent (declared), confidence 0, nothing considered', () => {
    assert.deepEqual(nlu.understand("what's the weather"), {
      kind: 'intent',
      intent: { name: 'AMAZON.FallbackIntent', confirmationStatus: 'NONE' },
      confidence: 0,
      reason: 'fallback',
      sample: null,
      oneShot: false,
      heard: "what's the weather",
      considered: [],
    });
  });

  it('"open cave quest" → LaunchRequest', () => {
    assert.deepEqual(nlu.understand('open cave quest'), {
      kind: 'launch', intent: null, confidence: 1, reason: 'launch-phrase', sample: null, oneShot: false, heard: '', considered: [],
    });
    assert.equal(nlu.understand('open cave quest', { launch: true }).kind, 'launch');
  });

  it('"ask cave quest to buy cave quest" → one-shot Buy for the rest of the utterance', () => {
    const result = nlu.understand('ask cave quest to buy cave quest', { launch: true });
    assert.equal(result.kind, 'intent');
    assert.equal(result.oneShot, true);
    assert.equal(result.heard, 'buy cave quest');
    assert.deepEqual(result.intent, { name: 'BuySkillItemIntent', confirmationStatus: 'NONE', slots: { ProductName: caveQuestSlot('cave quest') } });
  });

  it('is case and punctuation insensitive; the value keeps the words as heard, in lower case', () => {
    for (const utterance of ['Buy Cave Quest!', 'BUY CAVE-QUEST.', '  buy,   cave quest?? ', 'buy “cave quest”']) {
      const result = nlu.understand(utterance);
      assert.equal(result.intent?.name, 'BuySkillItemIntent', utterance);
      assert.deepEqual(result.intent?.slots?.ProductName, caveQuestSlot('cave quest'), utterance);
    }
  });

  it('resolves a value behind an article, and keeps the article in the heard value', () => {
    const result = nlu.understand('buy the cave quest');
    assert.deepEqual(result.intent?.slots?.ProductName, caveQuestSlot('the cave quest'));
  });

  it('skips filler words at the edges, and they never become part of a slot', () => {
    assert.equal(nlu.understand('please buy cave quest').intent?.slots?.ProductName?.value, 'cave quest');
    assert.equal(nlu.understand('buy dragon pack please').intent?.slots?.ProductName?.value, 'dragon pack');
    assert.equal(nlu.understand('um i would like cave quest thanks').sample, 'would like {ProductName}');
    // Words that are not fillers must be explained by a sample.
    assert.equal(nlu.understand('really buy cave quest').intent?.name, 'AMAZON.FallbackIntent');
  });

  it('is deterministic: the same utterance gives the same result, compiled twice or asked twice', () => {
    const again = compileModel(caveQuestModel(), { skillId: SKILL_ID });
    for (const utterance of ['buy cave quest', 'I want a refund for cave quest', 'would like to return dragon pack', 'nope', 'x y z']) {
      const first = JSON.stringify(nlu.understand(utterance));
      assert.equal(JSON.stringify(nlu.understand(utterance)), first);
      assert.equal(JSON.stringify(again.understand(utterance)), first);
    }
  });

  it('fills an IntentRequest that Alexa\'s schema accepts and the seed\'s handler reads as productName.id', () => {
    const intent: Intent = nlu.understand('purchase cave quest').intent!;
    const check = TypeCompiler.Compile(IntentRequestSchema);
    const request = { type: 'IntentRequest', requestId: 'amzn1.echo-api.request.1', timestamp: '2024-01-01T00:00:00Z', locale: 'en-US', dialogState: 'STARTED', intent };
    assert.equal(check.Check(request), true);
    assert.equal(inputsOf(intent).ProductName?.id, 'cave_quest');
    assert.equal(inputsOf(intent).ProductName?.key, 'Cave Quest');
  });

  it('uses the placeholder skill id in the authority when none is given', () => {
    const plain = compileModel(caveQuestModel());
    assert.equal(
      plain.understand('buy cave quest').intent?.slots?.ProductName?.resolutions?.resolutionsPerAuthority[0]?.authority,
      'amzn1.er-authority.echo-sdk.amzn1.ask.skill.00000000-0000-0000-0000-000000000000.LIST_OF_PRODUCT_NAMES',
    );
  });

  it('routes the built-ins the model declares', () => {
    const expected: Record<string, string> = {
      stop: 'AMAZON.StopIntent', cancel: 'AMAZON.CancelIntent', 'never mind': 'AMAZON.CancelIntent', help: 'AMAZON.HelpIntent',
      yes: 'AMAZON.YesIntent', 'no thanks': 'AMAZON.NoIntent', 'go home': 'AMAZON.NavigateHomeIntent',
    };
    for (const [utterance, name] of Object.entries(expected)) {
      assert.deepEqual(nlu.understand(utterance).intent, { name, confirmationStatus: 'NONE' }, utterance);
    }
  });
});
