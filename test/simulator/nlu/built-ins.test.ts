import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileModel, tableFor, type BuiltInIntent } from '../../../src/simulator/nlu';
import { interactionModel } from './models';

const ALL: BuiltInIntent[] = [
  'AMAZON.StopIntent', 'AMAZON.CancelIntent', 'AMAZON.HelpIntent', 'AMAZON.YesIntent', 'AMAZON.NoIntent',
  'AMAZON.NavigateHomeIntent', 'AMAZON.RepeatIntent', 'AMAZON.StartOverIntent', 'AMAZON.NextIntent',
  'AMAZON.PreviousIntent', 'AMAZON.PauseIntent', 'AMAZON.ResumeIntent', 'AMAZON.MoreIntent',
];

const declaringAll = (locale: string, invocation = 'cave quest') => compileModel(
  interactionModel(invocation, [...ALL, 'AMAZON.FallbackIntent'].map((name) => ({ name, samples: [] }))),
  { locale },
);

describe('NLU: built-in intents', () => {
  it('routes every English phrasing in the table to its intent, with confidence 1', () => {
    const nlu = declaringAll('en-US');
    for (const [intent, phrases] of Object.entries(tableFor('en-US').builtIns)) {
      for (const phrase of phrases) {
        const result = nlu.understand(phrase);
        assert.deepEqual([result.intent?.name, result.confidence], [intent, 1], phrase);
      }
    }
  });

  it('the usual phrasings, and "never mind" is Cancel, not Stop', () => {
    const nlu = declaringAll('en-GB');
    const expected: Record<string, string> = {
      stop: 'AMAZON.StopIntent', off: 'AMAZON.StopIntent', 'shut up': 'AMAZON.StopIntent', 'be quiet': 'AMAZON.StopIntent',
      cancel: 'AMAZON.CancelIntent', 'never mind': 'AMAZON.CancelIntent', 'forget it': 'AMAZON.CancelIntent',
      help: 'AMAZON.HelpIntent', 'help me': 'AMAZON.HelpIntent', 'what can I do': 'AMAZON.HelpIntent', 'what can I say': 'AMAZON.HelpIntent',
      'can you help me': 'AMAZON.HelpIntent',
      yes: 'AMAZON.YesIntent', yeah: 'AMAZON.YesIntent', yep: 'AMAZON.YesIntent', sure: 'AMAZON.YesIntent', ok: 'AMAZON.YesIntent',
      okay: 'AMAZON.YesIntent', 'yes please': 'AMAZON.YesIntent', 'sure thing': 'AMAZON.YesIntent', 'of course': 'AMAZON.YesIntent',
      absolutely: 'AMAZON.YesIntent',
      no: 'AMAZON.NoIntent', nope: 'AMAZON.NoIntent', 'no thanks': 'AMAZON.NoIntent', 'no thank you': 'AMAZON.NoIntent',
      'not now': 'AMAZON.NoIntent', nah: 'AMAZON.NoIntent',
      'go home': 'AMAZON.NavigateHomeIntent', home: 'AMAZON.NavigateHomeIntent',
      repeat: 'AMAZON.RepeatIntent', 'start over': 'AMAZON.StartOverIntent', next: 'AMAZON.NextIntent',
      'go back': 'AMAZON.PreviousIntent', pause: 'AMAZON.PauseIntent', resume: 'AMAZON.ResumeIntent', more: 'AMAZON.MoreIntent',
      'Yes, please!': 'AMAZON.YesIntent', 'um no thanks': 'AMAZON.NoIntent', 'alexa, stop': 'AMAZON.StopIntent',
    };
    for (const [utterance, intent] of Object.entries(expected)) assert.equal(nlu.understand(utterance).intent?.name, intent, utterance);
  });

  it('"exit" and "quit" are not StopIntent: Alexa ends the session (SessionEndedRequest, USER_INITIATED)', () => {
    const nlu = declaringAll('en-US');
    for (const utterance of ['exit', 'Quit', 'alexa, exit']) {
      assert.deepEqual(nlu.understand(utterance), {
        kind: 'end', intent: null, confidence: 1, reason: 'exit-phrase', sample: null, oneShot: false, heard: '', considered: [],
      }, utterance);
    }
    // Out of a session there is nothing to end.
    assert.equal(nlu.understand('exit', { launch: true }).reason, 'not-invoked');
  });

  it('routes only to built-ins the model declares, like Alexa', () => {
    const nlu = compileModel(interactionModel('cave quest', [{ name: 'AMAZON.StopIntent', samples: [] }, { name: 'HelloIntent', samples: ['hello'] }]));
    assert.equal(nlu.understand('stop').intent?.name, 'AMAZON.StopIntent');
    for (const utterance of ['cancel', 'help', 'yes']) {
      const result = nlu.understand(utterance);
      assert.deepEqual([result.kind, result.reason, result.intent], ['none', 'no-match', null], utterance);
    }
  });

  it('adds the model\'s own samples for a built-in, before the table\'s, and keeps a model sample\'s ranking', () => {
    const nlu = compileModel(interactionModel('cave quest', [
      { name: 'AMAZON.HelpIntent', samples: ['how do i play', 'help'] },
      { name: 'AMAZON.StopIntent', samples: ['enough'] },
    ]));
    assert.equal(nlu.understand('how do I play').intent?.name, 'AMAZON.HelpIntent');
    assert.equal(nlu.understand('enough').intent?.name, 'AMAZON.StopIntent');
    assert.equal(nlu.understand('help').sample, 'help');
    assert.equal(nlu.understand('shut up').sample, 'shut up');
  });

  it('a model sample beats a built-in phrasing only by ranking: "cancel {product}" is not Cancel', () => {
    const nlu = compileModel(interactionModel('cave quest', [
      { name: 'AMAZON.CancelIntent', samples: [] },
      { name: 'RefundIntent', slots: [{ name: 'product', type: 'P' }], samples: ['cancel {product}'] },
    ], [{ name: 'P', values: [{ id: 'sub', name: { value: 'subscription' } }] }]));
    assert.equal(nlu.understand('cancel').intent?.name, 'AMAZON.CancelIntent');
    assert.equal(nlu.understand('cancel my subscription').intent?.name, 'RefundIntent');
  });
});

describe('NLU: other languages', () => {
  const cases: Record<string, Record<string, string>> = {
    'de-DE': { ja: 'AMAZON.YesIntent', nein: 'AMAZON.NoIntent', stopp: 'AMAZON.StopIntent', abbrechen: 'AMAZON.CancelIntent', hilfe: 'AMAZON.HelpIntent', 'Nein, danke!': 'AMAZON.NoIntent' },
    'fr-FR': { oui: 'AMAZON.YesIntent', non: 'AMAZON.NoIntent', stop: 'AMAZON.StopIntent', annuler: 'AMAZON.CancelIntent', aide: 'AMAZON.HelpIntent', "d'accord": 'AMAZON.YesIntent', 'Arrête-toi': 'AMAZON.StopIntent' },
    'es-ES': { 'sí': 'AMAZON.YesIntent', si: 'AMAZON.YesIntent', no: 'AMAZON.NoIntent', para: 'AMAZON.StopIntent', cancelar: 'AMAZON.CancelIntent', ayuda: 'AMAZON.HelpIntent' },
    'it-IT': { 'sì': 'AMAZON.YesIntent', no: 'AMAZON.NoIntent', stop: 'AMAZON.StopIntent', annulla: 'AMAZON.CancelIntent', aiuto: 'AMAZON.HelpIntent' },
    'ja-JP': { 'はい': 'AMAZON.YesIntent', 'いいえ': 'AMAZON.NoIntent', 'ストップ': 'AMAZON.StopIntent', 'キャンセル': 'AMAZON.CancelIntent', 'ヘルプ': 'AMAZON.HelpIntent' },
  };
  for (const [locale, expected] of Object.entries(cases)) {
    it(`${locale}: yes, no, stop, cancel, help`, () => {
      const nlu = declaringAll(locale);
      for (const [utterance, intent] of Object.entries(expected)) assert.equal(nlu.understand(utterance).intent?.name, intent, utterance);
      assert.equal(nlu.understand('xyzzy').intent?.name, 'AMAZON.FallbackIntent');
    });
  }

  it('every table phrase routes to its own intent in its language, and the tables cover the required intents', () => {
    for (const locale of ['en-US', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'ja-JP']) {
      const table = tableFor(locale);
      for (const intent of ['AMAZON.YesIntent', 'AMAZON.NoIntent', 'AMAZON.StopIntent', 'AMAZON.CancelIntent', 'AMAZON.HelpIntent'] as const) {
        assert.ok((table.builtIns[intent] ?? []).length > 0, `${locale} ${intent}`);
      }
      const nlu = declaringAll(locale);
      for (const [intent, phrases] of Object.entries(table.builtIns)) {
        for (const phrase of phrases) assert.equal(nlu.understand(phrase).intent?.name, intent, `${locale} "${phrase}"`);
      }
    }
  });

  it('shares English between en-* locales; a language without a table gets no built-in phrasings', () => {
    assert.equal(tableFor('en-GB'), tableFor('en-US'));
    assert.equal(tableFor('en_AU'), tableFor('en-US'));
    assert.equal(tableFor('fr-CA'), tableFor('fr-FR'));
    const nlu = declaringAll('pt-BR');
    assert.equal(nlu.understand('sim').intent?.name, 'AMAZON.FallbackIntent');
    assert.equal(nlu.understand('yes').intent?.name, 'AMAZON.FallbackIntent');
  });
});
