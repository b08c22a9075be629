/**
 * `skillshop db`, on temporary projects whose skillshop.json names each kind of store.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runDb } from '../../src/cli/db.js';
import { isSkillshopError } from '../../src/errors.js';
import { dropTestSchemas, postgresUnreachable, reportUnreachable, TEST_POSTGRES_URL, testSchema } from './postgres-helpers.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await dropTestSchemas();
});

function project(storage?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'skillshop-db-'));
  dirs.push(dir);
  if (storage !== undefined) writeFileSync(join(dir, 'skillshop.json'), JSON.stringify({ storage }));
  return dir;
}

async function db(dir: string, args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await runDb(args, { cwd: dir, env, print: (line) => lines.push(line) });
  return { code, output: lines.join('\n') };
}

describe('skillshop db', () => {
  it('migrates a SQLite project, then finds nothing to do; status reports the version', async () => {
    const dir = project({ type: 'sqlite', path: 'data/skill.db' });
    const before = await db(dir, ['status']);
    assert.equal(before.code, 1);
    assert.match(before.output, /version 0 of 2 \(needs `skillshop db migrate`\)/);
    const first = await db(dir, ['migrate']);
    assert.equal(first.code, 0);
    assert.match(first.output, /Applied migrations 1, 2 to sqlite at .*data\/skill\.db: now at schema version 2\./);
    assert.match((await db(dir, ['migrate'])).output, /at schema version 2: nothing to do\./);
    const status = await db(dir, ['status', '--json']);
    assert.equal(status.code, 0);
    assert.deepEqual(JSON.parse(status.output), { kind: 'sqlite', location: join(dir, 'data', 'skill.db'), version: 2, expected: 2 });
  });

  it('explains the subcommands that do not apply, and rejects unknown ones', async () => {
    await assert.rejects(db(project({ type: 'sqlite' }), ['create-table']), (error: unknown) =>
      isSkillshopError(error, 'CLI_USAGE') && /DynamoDB/.test(error.message) && /skillshop db migrate/.test(error.message));
    assert.match((await db(project({ type: 'memory' }), ['migrate'])).output, /nothing to migrate/);
    await assert.rejects(db(project(), ['drop']), (error: unknown) => isSkillshopError(error, 'CLI_USAGE') && /migrate, create-table, status/.test(error.message));
    await assert.rejects(db(project(), []), (error: unknown) => isSkillshopError(error, 'CLI_USAGE'));
    await assert.rejects(db(project(), ['migrate', 'extra']), (error: unknown) => isSkillshopError(error, 'CLI_USAGE'));
  });

  it('is a command of the skillshop binary', () => {
    const dir = project({ type: 'memory' });
    const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', `require('./src/cli/main.ts').main(['db', 'status', '--cwd', ${JSON.stringify(dir)}]).then((code) => process.exit(code))`], {
      cwd: join(__dirname, '..', '..'), encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /memory: nothing to set up/);
  });

  it('creates a DynamoDB project\'s table, once', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const server = (require('dynalite') as (options: object) => Server)({ createTableMs: 50 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const saved = { id: process.env['AWS_ACCESS_KEY_ID'], secret: process.env['AWS_SECRET_ACCESS_KEY'] };
    process.env['AWS_ACCESS_KEY_ID'] = 'test';
    process.env['AWS_SECRET_ACCESS_KEY'] = 'test';
    try {
      const dir = project({ type: 'dynamodb', table: 'cave-quest', region: 'us-east-1', endpoint });
      assert.equal((await db(dir, ['status'])).code, 1);
      assert.equal((await db(dir, ['create-table'])).output, `Created the DynamoDB table cave-quest in us-east-1 at ${endpoint}; it is ACTIVE.`);
      assert.match((await db(dir, ['create-table'])).output, /exists already; it is ACTIVE/);
      const status = await db(dir, ['status']);
      assert.equal(status.code, 0);
      assert.match(status.output, /version 1 of 1 \(up to date\)/);
      assert.match((await db(dir, ['migrate'])).output, /no schema to migrate/);
    } finally {
      for (const [key, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  describe('on PostgreSQL', async () => {
    const unreachable = await postgresUnreachable();
    if (unreachable !== undefined) {
      reportUnreachable(unreachable);
      return;
    }

    it('migrates the schema named in skillshop.json, with the URL from DATABASE_URL', async () => {
      const schema = testSchema();
      const dir = project({ type: 'postgres', schema });
      const env = { DATABASE_URL: TEST_POSTGRES_URL };
      assert.equal((await db(dir, ['status'], env)).code, 1);
      assert.match((await db(dir, ['migrate'], env)).output, new RegExp(`Applied migrations 1, 2 to postgres at .*schema ${schema}`));
      assert.match((await db(dir, ['migrate'], env)).output, /nothing to do/);
      assert.equal((await db(dir, ['status'], env)).code, 0);
    });

    it('fails with STORAGE_UNAVAILABLE naming DATABASE_URL when the server is not there', async () => {
      const dir = project({ type: 'postgres' });
      await assert.rejects(db(dir, ['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' }), (error: unknown) =>
        isSkillshopError(error, 'STORAGE_UNAVAILABLE') && /DATABASE_URL/.test(error.message) && /127\.0\.0\.1:1/.test(error.message));
    });
  });
});
