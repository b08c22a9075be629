import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setJsonValue } from '../../src/deploy/json-edit';

describe('setJsonValue', () => {
  it('replaces one value, keeping every other byte (ASK CLI formatting)', () => {
    const value = { profiles: { a: { token: { access_token: 'x' }, vendor_id: 'V' }, b: { token: { access_token: 'y' } } }, machine_id: 'm' };
    const text = JSON.stringify(value, null, 2);
    const next = setJsonValue(text, ['profiles', 'a', 'token'], { access_token: 'z', expires_at: '2030' });
    value.profiles.a.token = { access_token: 'z', expires_at: '2030' } as never;
    assert.equal(next, JSON.stringify(value, null, 2));
  });

  it('keeps odd formatting around the change: tabs, spacing, trailing newline, unknown keys', () => {
    const text = '{\n\t"profiles" : {\n\t\t"a": {"token": {"access_token":"x"},   "vendor_id":"V"}\n\t},\n\t"other": [1,2 , 3]\n}\n';
    const next = setJsonValue(text, ['profiles', 'a', 'token'], { access_token: 'z' });
    const start = text.indexOf('{"access_token":"x"}');
    assert.equal(next.slice(0, start), text.slice(0, start));
    assert.equal(next.slice(next.length - (text.length - start - '{"access_token":"x"}'.length)), text.slice(start + '{"access_token":"x"}'.length));
    assert.deepEqual(JSON.parse(next).profiles.a.token, { access_token: 'z' });
  });

  it('inserts missing keys and objects in the file\'s style', () => {
    const text = JSON.stringify({ profiles: {} }, null, 2);
    const once = setJsonValue(text, ['profiles', 'new', 'token'], { access_token: 'a' });
    assert.equal(once, JSON.stringify({ profiles: { new: { token: { access_token: 'a' } } } }, null, 2));
    const twice = setJsonValue(once, ['profiles', 'new', 'vendor_id'], 'V');
    assert.equal(twice, JSON.stringify({ profiles: { new: { token: { access_token: 'a' } , vendor_id: 'V' } } }, null, 2));
    assert.equal(setJsonValue('{"a":1}', ['b', 'c'], 2), '{"a":1, "b":{"c":2}}');
    assert.equal(setJsonValue('{}', ['a'], 1), '{\n  "a": 1\n}');
  });

  it('handles strings with escapes and refuses non-objects on the path', () => {
    const text = '{"k\\"ey": "va}l\\\\", "p": {"q": 1}}';
    assert.deepEqual(JSON.parse(setJsonValue(text, ['p', 'q'], 2)), { 'k"ey': 'va}l\\', p: { q: 2 } });
    assert.throws(() => setJsonValue('{"p": 1}', ['p', 'q'], 2), TypeError);
    assert.throws(() => setJsonValue('{"p": ', ['p'], 2), SyntaxError);
  });
});
