import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jsonErrorPosition } from '../src/json-position';

describe('jsonErrorPosition', () => {
  it('finds the first syntax error, including the ones JSON.parse names no position for', () => {
    assert.deepEqual(jsonErrorPosition('{\n  "a": [\n}\n'), { offset: 11, line: 3, column: 1 });
    assert.deepEqual(jsonErrorPosition('{ "a": 1, }'), { offset: 10, line: 1, column: 11 });
    assert.deepEqual(jsonErrorPosition('{ "a": tru }'), { offset: 10, line: 1, column: 11 });
    assert.deepEqual(jsonErrorPosition('[1, 2'), { offset: 5, line: 1, column: 6 });
    assert.deepEqual(jsonErrorPosition('{} x'), { offset: 3, line: 1, column: 4 });
    assert.deepEqual(jsonErrorPosition('"\\x"'), { offset: 2, line: 1, column: 3 });
  });

  it('accepts valid JSON', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, "x\\u00e9\\n", true, false, null, {"b": {}}]} ', '"ä"', '0']) {
      assert.equal(jsonErrorPosition(text), undefined, text);
      JSON.parse(text);
    }
  });
});
