import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileModel } from '../../../src/simulator/nlu';
import { caveQuestModel, interactionModel } from './models';

const nlu = compileModel(caveQuestModel());

describe('NLU: invoking the skill', () => {
  it('launch phrases with the invocation name → LaunchRequest', () => {
    for (const utterance of [
      'open cave quest', 'start cave quest', 'launch cave quest', 'play cave quest', 'talk to cave quest', 'alexa, open cave quest',
      'Alexa, Open Cave Quest!', 'ask cave quest', 'tell cave quest', 'begin cave quest', 'resume cave quest', 'use cave quest',
      'open the cave quest', 'can you open cave quest', "let's play cave quest", 'please open cave quest please', 'ask cave quest to',
    ]) {
      for (const launch of [true, false]) {
        const result = nlu.understand(utterance, { launch });
        assert.deepEqual([result.kind, result.reason, result.confidence], ['launch', 'launch-phrase', 1], `${utterance} (launch: ${launch})`);
      }
    }
  });

  it('one-shot phrases → an IntentRequest for the rest of the utterance', () => {
    const cases: Record<string, [string, string]> = {
      'ask cave quest to buy cave quest': ['BuySkillItemIntent', 'buy cave quest'],
      'tell cave quest to refund cave quest': ['RefundSkillItemIntent', 'refund cave quest'],
      'open cave quest and buy dragon pack': ['BuySkillItemIntent', 'buy dragon pack'],
      'ask cave quest for help': ['AMAZON.HelpIntent', 'help'],
      'ask cave quest about buying': ['AMAZON.FallbackIntent', 'buying'],
      'use cave quest to shop': ['BuySkillItemIntent', 'shop'],
      'alexa, ask cave quest to return the cave quest': ['RefundSkillItemIntent', 'return the cave quest'],
      'ask cave quest buy cave quest': ['BuySkillItemIntent', 'buy cave quest'],
      'buy cave quest using cave quest': ['BuySkillItemIntent', 'buy cave quest'],
      'shop with the cave quest please': ['BuySkillItemIntent', 'shop'],
    };
    for (const [utterance, [intent, heard]] of Object.entries(cases)) {
      const result = nlu.understand(utterance, { launch: true });
      assert.deepEqual([result.kind, result.intent?.name, result.heard, result.oneShot], ['intent', intent, heard, true], utterance);
    }
  });

  it('the invocation name must be anchored in a phrase: "buy cave quest" is an intent, not an invocation', () => {
    const result = nlu.understand('buy cave quest');
    assert.deepEqual([result.kind, result.intent?.name, result.oneShot], ['intent', 'BuySkillItemIntent', false]);
    assert.equal(nlu.understand('open cave', { launch: true }).kind, 'none');
  });

  it('with launch: true, an utterance that does not invoke the skill is not for it', () => {
    assert.deepEqual(nlu.understand('buy cave quest', { launch: true }), {
      kind: 'none', intent: null, confidence: 0, reason: 'not-invoked', sample: null, oneShot: false, heard: 'buy cave quest', considered: [],
    });
  });

  it('in a session, a wake word is dropped before matching', () => {
    const result = nlu.understand('Alexa, buy cave quest');
    assert.deepEqual([result.intent?.name, result.heard], ['BuySkillItemIntent', 'buy cave quest']);
  });

  it('an empty utterance sends nothing, even with a FallbackIntent', () => {
    for (const utterance of ['', '   ', '?!', 'alexa']) {
      const result = nlu.understand(utterance);
      assert.deepEqual([result.kind, result.reason], ['none', 'no-match'], JSON.stringify(utterance));
    }
  });

  it('other languages invoke with their own phrases', () => {
    const model = (name: string) => interactionModel(name, [{ name: 'AMAZON.HelpIntent', samples: [] }, { name: 'AMAZON.FallbackIntent', samples: [] }]);
    const cases: Array<[string, string, string, string]> = [
      ['de-DE', 'höhlen quest', 'Alexa, öffne Höhlen Quest', 'launch'],
      ['de-DE', 'höhlen quest', 'frage höhlen quest nach hilfe', 'AMAZON.HelpIntent'],
      ['fr-FR', 'quête des cavernes', 'ouvre quête des cavernes', 'launch'],
      ['fr-FR', 'quête des cavernes', "demande à quête des cavernes de l'aide", 'AMAZON.FallbackIntent'],
      ['fr-FR', 'quête des cavernes', 'demande à quête des cavernes aide', 'AMAZON.HelpIntent'],
      ['es-ES', 'búsqueda cueva', 'abre búsqueda cueva', 'launch'],
      ['it-IT', 'ricerca grotta', 'chiedi a ricerca grotta aiuto', 'AMAZON.HelpIntent'],
      ['ja-JP', 'ケイブクエスト', 'ケイブクエストを開いて', 'launch'],
      ['ja-JP', 'ケイブクエスト', 'アレクサ、ケイブクエストでヘルプ', 'AMAZON.HelpIntent'],
    ];
    for (const [locale, name, utterance, expected] of cases) {
      const result = compileModel(model(name), { locale }).understand(utterance, { launch: true });
      assert.equal(result.kind === 'launch' ? 'launch' : result.intent?.name, expected, `${locale} ${utterance}`);
    }
  });
});
