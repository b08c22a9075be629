import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCodes, SkillshopError, isSkillshopError, skillshopError } from '../src/errors';

const doc = readFileSync(join(__dirname, '..', 'docs', 'errors.md'), 'utf8');

describe('the error catalogue', () => {
  it('documents every code in docs/errors.md, with its HTTP status', () => {
    for (const definition of Object.values(ErrorCodes)) {
      const row = doc.split('\n').find((line) => line.includes(`\`${definition.code}\``));
      assert.ok(row, `${definition.code} is missing from docs/errors.md`);
      if ('statusCode' in definition) {
        const section = doc.slice(0, doc.indexOf(row));
        const status = String(definition.statusCode);
        assert.ok(row.includes(`[${status}]`) || section.lastIndexOf(`[${status}]`) > section.lastIndexOf('\n## '), `${definition.code} documents status ${status}`);
      }
    }
  });

  it('documents no code that does not exist', () => {
    const known = new Set(Object.values(ErrorCodes).map((d) => d.code));
    for (const [, code] of doc.matchAll(/^\| `(SKILLSHOP_[A-Z_]+)`/gm)) assert.ok(known.has(code!), `docs/errors.md documents unknown ${code}`);
  });

  it('codes are unique', () => {
    const codes = Object.values(ErrorCodes).map((d) => d.code);
    assert.equal(new Set(codes).size, codes.length);
  });

  it('keeps the cause and serialises without it', () => {
    const cause = new Error('socket hang up');
    const error = skillshopError('MONETIZATION_UNAVAILABLE', 'Could not reach the service.', { cause, details: { status: 0 } });
    assert.ok(error instanceof SkillshopError);
    assert.equal(error.cause, cause);
    assert.equal(error.code, 'SKILLSHOP_MONETIZATION_UNAVAILABLE');
    assert.deepEqual(error.toJSON(), { code: 'SKILLSHOP_MONETIZATION_UNAVAILABLE', message: 'Could not reach the service.', details: { status: 0 } });
    assert.ok(isSkillshopError(error, 'MONETIZATION_UNAVAILABLE'));
    assert.ok(!isSkillshopError(error, 'MONETIZATION_HTTP'));
    assert.ok(!isSkillshopError(cause));
  });
});
