/** The package as users get it: require, import, type declarations, and the bin. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, runCli } from './helpers/cli';

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string>; engines: { node: string } };

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: REPO, encoding: 'utf8' });
}

describe('the skillshop package', () => {
  it('works with require()', () => {
    assert.equal(node(['-e', "const { App } = require('skillshop'); console.log(typeof App, typeof new App().setHandler)"]).trim(), 'function function');
  });

  it('works with import { App } from "skillshop"', () => {
    const out = node(['--input-type=module', '-e', "import { App, isEntitled, ErrorCodes } from 'skillshop'; console.log(typeof App, typeof isEntitled, typeof ErrorCodes)"]);
    assert.equal(out.trim(), 'function function object');
  });

  it('starts light: require(\'skillshop\') and a new App load no TypeBox and no build, catalog or driver tooling', () => {
    const script = [
      "const { App } = require('skillshop');",
      "new App({ storage: { type: 'memory' } });",
      "const loaded = Object.keys(require.cache);",
      "console.log(JSON.stringify(loaded.filter((f) => /typebox|[\\/\\\\]dist[\\/\\\\](model|cli|simulator|deploy|certify)[\\/\\\\]|catalog|better-sqlite3|node_modules[\\/\\\\]pg[\\/\\\\]|@aws-sdk/.test(f))));",
    ].join('\n');
    assert.deepEqual(JSON.parse(node(['-e', script])), []);
  });

  it('the built package checks envelopes with the generated checks and words a refusal from the schema', () => {
    const script = [
      "const { validateRequestEnvelope } = require('skillshop');",
      "const body = { version: '1.0', context: { System: { application: { applicationId: 'a' }, user: { userId: 'u' } } }, request: { type: 'LaunchRequest', requestId: 'r', timestamp: 't' } };",
      "console.log(validateRequestEnvelope(body) === body);",
      "try { validateRequestEnvelope({ ...body, request: { ...body.request, requestId: 7 } }); } catch (e) { console.log(e.code, e.message); }",
      "console.log(Object.keys(require.cache).some((f) => f.endsWith('request-checks.generated.js')));",
    ].join('\n');
    const [accepted, refused, generated] = node(['-e', script]).trim().split('\n');
    assert.equal(accepted, 'true');
    assert.match(refused ?? '', /^SKILLSHOP_REQUEST_INVALID .*request\.requestId/);
    assert.equal(generated, 'true');
  });

  it('ships type declarations', () => {
    const types = join(REPO, 'dist', 'index.d.ts');
    assert.ok(existsSync(types));
    assert.match(readFileSync(types, 'utf8'), /export \{ App\b/);
  });

  it('has a skillshop bin that prints its version and help', async () => {
    assert.equal(pkg.bin.skillshop, './bin/skillshop.js');
    const version = await runCli(['--version']);
    assert.equal(version.stdout.trim(), pkg.version);
    const help = await runCli(['help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /run\s+Serve the skill/);
    const unknown = await runCli(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown command "frobnicate"/);
  });

  it('run in a folder without a skill says what is missing', async () => {
    const result = await runCli(['run', '--cwd', join(REPO, 'docs')]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /No skill in .*expected one of app\/app\.ts/);
    assert.match(result.stderr, /SKILLSHOP_PROJECT_NOT_FOUND/);
  });

  it('run with a bad flag is a usage error', async () => {
    const result = await runCli(['run', '--port', 'eighty']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--port must be a number/);
  });

  it('requires Node 20 or later', () => {
    assert.equal(pkg.engines.node, '>=20');
  });
});
