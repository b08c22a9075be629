import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invocationProblems } from '../../src/model/invocation';

function rules(name: string | undefined, locale = 'en-US'): string[] {
  return invocationProblems(name, locale, 'models/x.json', ['invocation']).map((p) => `${p.severity} ${p.rule}`);
}

describe('invocation name rules', () => {
  it('accepts ordinary lower-case names, in any language', () => {
    assert.deepEqual(rules('cave quest'), []);
    assert.deepEqual(rules('premium hello world'), []);
    assert.deepEqual(rules("sam's science trivia"), []);
    assert.deepEqual(rules('a. b. c. news'), []);
    assert.deepEqual(rules('höhlen abenteuer', 'de-DE'), []);
    assert.deepEqual(rules('größter spaß', 'de-DE'), []);
    assert.deepEqual(rules('le génie des salutations premium', 'fr-FR'), []);
    assert.deepEqual(rules('どうくつたんけん', 'ja-JP'), []);
  });

  it('requires a name of 2 to 50 characters', () => {
    assert.deepEqual(rules(undefined), ['error invocation/missing']);
    assert.ok(rules('q').includes('error invocation/length'));
    assert.ok(rules('a '.repeat(26).trim() + ' b').includes('error invocation/length'));
    assert.ok(!rules('ab cd').includes('error invocation/length'));
  });

  it('rejects upper case in any script', () => {
    assert.ok(rules('Cave Quest').includes('error invocation/case'));
    assert.ok(rules('höhlen Ärger', 'de-DE').includes('error invocation/case'));
    assert.ok(rules('le Génie', 'fr-FR').includes('error invocation/case'));
    const [problem] = invocationProblems('Cave Quest', 'en-US', 'm', ['invocation']);
    assert.match(problem!.fix!, /"cave quest"/);
  });

  it('rejects digits and other characters', () => {
    assert.ok(rules('cave quest 2').includes('error invocation/digits'));
    assert.ok(rules('cave quest two').every((rule) => !rule.startsWith('error')));
    assert.ok(rules('cave-quest game').includes('error invocation/characters'));
    assert.ok(rules('cave quest!').includes('error invocation/characters'));
  });

  it('rejects wake words, skill, app and the launch phrases Amazon names', () => {
    for (const word of ['alexa', 'amazon', 'echo', 'computer', 'skill', 'app', 'launch', 'ask', 'tell', 'load', 'begin', 'enable', 'open']) {
      assert.ok(rules(`cave ${word} quest`).includes('error invocation/launch-word'), word);
    }
    assert.ok(rules('echo quest', 'de-DE').includes('error invocation/launch-word'));
    // Whole words only: "skillet" and "apple" are fine.
    assert.deepEqual(rules('skillet apple recipes'), []);
  });

  it('warns about other launch and connecting words, one-word and article names', () => {
    assert.deepEqual(rules('start cave quest'), ['warning invocation/launch-word']);
    assert.deepEqual(rules('cave quest'), []);
    assert.deepEqual(rules('cavequest'), ['warning invocation/one-word']);
    assert.deepEqual(rules('the caves'), ['warning invocation/two-words']);
    assert.deepEqual(rules('dr. caves game'), ['warning invocation/periods']);
    assert.deepEqual(rules(' cave quest'), ['warning invocation/spaces']);
  });
});
