/**
 * The envelope checks the build generates (dist/alexa/request-checks.generated.js) against the one
 * schema they come from: every valid envelope of the test helpers and hundreds of broken ones must
 * get the same answer from the generated code as from TypeBox's own compiled schema.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { CHECKED_SCHEMAS, requestChecksSource, type Check } from '../../src/alexa/request-checks';
import { intentRequest, launchRequest, purchaseResponse, sessionEndedRequest } from '../helpers/requests';

const REPO = join(__dirname, '..', '..');

function loadGenerated(source: string): Record<string, Check> {
  const exports: Record<string, Check> = {};
  new Function('exports', source)(exports);
  return exports;
}

function valid(): Record<string, unknown>[] {
  return [
    launchRequest(),
    launchRequest({ noSession: true, attributes: { nested: { a: [1, { b: 2 }] } } }),
    intentRequest('BuySkillItemIntent', { ProductName: { value: 'cave quest', id: 'cave_quest' }, Empty: undefined, Plain: 'x' }),
    sessionEndedRequest('ERROR'),
    purchaseResponse('Buy', 'ACCEPTED', 'amzn1.adg.product.x'),
    purchaseResponse('Upsell', 'DECLINED', 'amzn1.adg.product.x', { noPayload: true, statusCode: '500', noSession: true }),
  ].map((envelope) => JSON.parse(JSON.stringify(envelope)) as Record<string, unknown>);
}

/** Every path to a value inside `value` (objects and arrays), up to `depth` levels. */
function paths(value: unknown, depth = 8, prefix: (string | number)[] = []): (string | number)[][] {
  if (depth === 0 || value === null || typeof value !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => {
    const child = (value as Record<string | number, unknown>)[key];
    return [[...prefix, key], ...paths(child, depth - 1, [...prefix, key])];
  });
}

const REPLACEMENTS: unknown[] = [undefined, null, 0, 42, '', 'x', true, [], {}, ['x'], { name: 'x' }];

/** Copies of `envelope` with one value deleted or replaced. */
function broken(envelope: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  for (const path of paths(envelope)) {
    for (const replacement of [Symbol.for('delete'), ...REPLACEMENTS]) {
      const copy = structuredClone(envelope) as Record<string | number, unknown>;
      let parent = copy;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
      const last = path[path.length - 1]!;
      if (replacement === Symbol.for('delete')) delete parent[last];
      else parent[last] = replacement;
      out.push(copy);
    }
  }
  return out;
}

describe('the generated envelope checks', () => {
  const generated = loadGenerated(requestChecksSource());

  it('cover every checked schema', () => {
    assert.deepEqual(Object.keys(generated), Object.keys(CHECKED_SCHEMAS));
    assert.ok('envelope' in generated && 'Connections.Response' in generated);
  });

  it('agree with the schema on valid envelopes and on every one-field breakage of them', () => {
    const bySchema = Object.fromEntries(Object.entries(CHECKED_SCHEMAS).map(([name, schema]) => [name, TypeCompiler.Compile(schema)]));
    const seen: Record<string, { pass: number; fail: number }> = {};
    const compare = (name: string, value: unknown) => {
      const expected = bySchema[name]!.Check(value);
      assert.equal(generated[name]!(value), expected, `${name} on ${JSON.stringify(value)}`);
      const tally = (seen[name] ??= { pass: 0, fail: 0 });
      if (expected) tally.pass += 1;
      else tally.fail += 1;
    };
    const envelopes = valid();
    for (const envelope of [...envelopes, ...envelopes.flatMap(broken), null, 'x', [], {}]) {
      compare('envelope', envelope);
      const request = (envelope as { request?: unknown } | null)?.request;
      for (const name of Object.keys(CHECKED_SCHEMAS).filter((n) => n !== 'envelope')) compare(name, request);
    }
    for (const [name, { pass, fail }] of Object.entries(seen)) {
      assert.ok(pass > 0 && fail > 50, `${name}: ${pass} accepted, ${fail} refused — too few of one kind to compare`);
    }
  });

  it('are generated the same way every time (a deterministic build)', () => {
    assert.equal(requestChecksSource(), requestChecksSource());
  });

  it('are what the built package ships (rebuild with npm run build when this fails)', (t) => {
    const built = join(REPO, 'dist', 'alexa', 'request-checks.generated.js');
    if (!existsSync(built)) return t.skip('no build in dist/');
    assert.equal(readFileSync(built, 'utf8'), requestChecksSource());
  });
});
