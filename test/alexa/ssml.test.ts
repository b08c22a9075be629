import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeSsml, isSsml, ssmlSpeech, ssmlToText, toSsml } from '../../src/alexa/ssml';

describe('escapeSsml', () => {
  it('escapes the five XML special characters', () => {
    assert.equal(escapeSsml(`Tom & Jerry <3 > "x" 'y'`), 'Tom &amp; Jerry &lt;3 &gt; &quot;x&quot; &apos;y&apos;');
  });

  it('leaves other text alone, including non-ASCII', () => {
    assert.equal(escapeSsml('Grüße, 50% off — ¡hola!'), 'Grüße, 50% off — ¡hola!');
    assert.equal(escapeSsml(''), '');
  });

  it('escapes an existing entity again (plain text is taken literally)', () => {
    assert.equal(escapeSsml('&amp;'), '&amp;amp;');
  });
});

describe('isSsml', () => {
  it('recognizes text wrapped in <speak>…</speak>, with surrounding whitespace and newlines', () => {
    assert.equal(isSsml('<speak>Hi</speak>'), true);
    assert.equal(isSsml('  <speak>\n  Hi <break time="1s"/>\n</speak>\n'), true);
    assert.equal(isSsml('<speak></speak>'), true);
  });

  it('does not take partial or attributed tags for SSML', () => {
    assert.equal(isSsml('Hi'), false);
    assert.equal(isSsml('<speak>Hi'), false);
    assert.equal(isSsml('Hi</speak>'), false);
    assert.equal(isSsml('Say <speak>Hi</speak> now'), false);
    assert.equal(isSsml('<break time="1s"/>'), false);
  });
});

describe('toSsml and ssmlSpeech', () => {
  it('wraps plain text in <speak> after escaping it', () => {
    assert.equal(toSsml('Fish & Chips'), '<speak>Fish &amp; Chips</speak>');
    assert.equal(toSsml(''), '<speak></speak>');
  });

  it('passes SSML through, trimmed, unescaped', () => {
    assert.equal(toSsml('  <speak>A &amp; B <audio src="https://x/y.mp3"/></speak> '), '<speak>A &amp; B <audio src="https://x/y.mp3"/></speak>');
  });

  it('builds an SSML outputSpeech', () => {
    assert.deepEqual(ssmlSpeech('Hi & bye'), { type: 'SSML', ssml: '<speak>Hi &amp; bye</speak>' });
    assert.deepEqual(ssmlSpeech('<speak>Hi</speak>'), { type: 'SSML', ssml: '<speak>Hi</speak>' });
  });
});

describe('ssmlToText', () => {
  it('removes tags, decodes entities and collapses whitespace', () => {
    assert.equal(ssmlToText('<speak>Tom &amp; Jerry <break time="1s"/>  &lt;3\n<emphasis>now</emphasis></speak>'), 'Tom & Jerry <3 now');
    assert.equal(ssmlToText('<speak>&quot;a&quot; &apos;b&apos; &gt;</speak>'), `"a" 'b' >`);
  });

  it('inverts toSsml for plain text', () => {
    for (const text of ['Hello.', `It's 5 > 3 & 2 < 4, "right"?`]) assert.equal(ssmlToText(toSsml(text)), text);
  });
});
