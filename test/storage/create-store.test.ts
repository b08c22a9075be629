import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/clock.js';
import { isSkillshopError } from '../../src/errors.js';
import { spawnSync } from 'node:child_process';
import { createStore, DynamoDbStore, MemoryStore, PostgresStore, SqliteStore, type StorageConfig, type Store } from '../../src/storage/index.js';

const PROJECT = join('/', 'projects', 'cave-quest');
const noEnv = { env: {} };

function sqlitePath(store: Store): string {
  assert.ok(store instanceof SqliteStore, `expected a SqliteStore, got ${store.kind}`);
  return store.path;
}

function configInvalid(setting: string, ...mentions: string[]) {
  return (error: unknown) => {
    assert.ok(isSkillshopError(error, 'CONFIG_INVALID'), `expected CONFIG_INVALID, got ${String(error)}`);
    assert.ok(error.message.includes(setting), `message should name ${setting}: ${error.message}`);
    for (const mention of mentions) assert.ok(error.message.includes(mention), `message should mention ${mention}: ${error.message}`);
    assert.equal(error.details['setting'], setting);
    return true;
  };
}

describe('createStore', () => {
  it('defaults to SQLite at <project>/.skillshop/data/skillshop.db, without touching the disk', () => {
    const store = createStore(undefined, PROJECT, noEnv);
    assert.equal(store.kind, 'sqlite');
    assert.equal(sqlitePath(store), join(PROJECT, '.skillshop', 'data', 'skillshop.db'));
    assert.equal(existsSync(PROJECT), false);
    assert.equal(sqlitePath(createStore({ type: 'sqlite' }, PROJECT, noEnv)), join(PROJECT, '.skillshop', 'data', 'skillshop.db'));
  });

  it('resolves a relative storage.path against the project and keeps an absolute one', () => {
    assert.equal(sqlitePath(createStore({ type: 'sqlite', path: 'data/users.db' }, PROJECT, noEnv)), join(PROJECT, 'data', 'users.db'));
    const absolute = join('/', 'var', 'lib', 'skill.db');
    assert.equal(sqlitePath(createStore({ type: 'sqlite', path: absolute }, PROJECT, noEnv)), absolute);
  });

  it('builds a memory store, using the given clock', async () => {
    const store = createStore({ type: 'memory' }, PROJECT, { env: {}, clock: fixedClock('2030-01-01T00:00:00.000Z') });
    assert.ok(store instanceof MemoryStore);
    assert.equal((await store.saveUser('u', {}, 0)).createdAt, '2030-01-01T00:00:00.000Z');
  });

  it('passes a Store built in code through unchanged', () => {
    const own = new MemoryStore();
    assert.equal(createStore(own, PROJECT, noEnv), own);
  });

  it('rejects an unknown storage.type, naming the setting and the allowed values', () => {
    const config = { type: 'dynamo' } as unknown as StorageConfig;
    assert.throws(() => createStore(config, PROJECT, noEnv), configInvalid('storage.type', '"dynamo"', '"sqlite"', '"memory"', '"postgres"', '"dynamodb"'));
    assert.throws(() => createStore({} as StorageConfig, PROJECT, noEnv), configInvalid('storage.type', '"sqlite"'));
  });

  it('rejects a storage setting that is not an object, and a storage.path that is not a path', () => {
    assert.throws(() => createStore('memory' as unknown as StorageConfig, PROJECT, noEnv), configInvalid('storage'));
    assert.throws(() => createStore({ type: 'sqlite', path: '' }, PROJECT, noEnv), configInvalid('storage.path'));
    const config = { type: 'sqlite', path: 42 } as unknown as StorageConfig;
    assert.throws(() => createStore(config, PROJECT, noEnv), configInvalid('storage.path'));
  });

  describe('PostgreSQL and DynamoDB settings', () => {
    it('builds a PostgreSQL store from storage.url, or from DATABASE_URL, without connecting', () => {
      const fromUrl = createStore({ type: 'postgres', url: 'postgres://u:secret@db.example.com/skills', schema: 'cave' }, PROJECT, noEnv);
      assert.ok(fromUrl instanceof PostgresStore);
      assert.equal(fromUrl.location, 'db.example.com:5432/skills (schema cave)');
      const fromEnv = createStore({ type: 'postgres', autoMigrate: true }, PROJECT, { env: { DATABASE_URL: 'postgresql://u@10.0.0.5:6543/x' } });
      assert.ok(fromEnv instanceof PostgresStore);
      assert.equal(fromEnv.location, '10.0.0.5:6543/x (schema public)');
    });

    it('uses a postgres:// DATABASE_URL when there is neither a storage setting nor SKILLSHOP_STORAGE', () => {
      assert.ok(createStore(undefined, PROJECT, { env: { DATABASE_URL: 'postgres://u@db/skills' } }) instanceof PostgresStore);
      // A DATABASE_URL of another database is someone else's business.
      assert.equal(createStore(undefined, PROJECT, { env: { DATABASE_URL: 'mysql://u@db/skills' } }).kind, 'sqlite');
      // SKILLSHOP_STORAGE and the storage setting win over it.
      assert.equal(createStore(undefined, PROJECT, { env: { DATABASE_URL: 'postgres://u@db/skills', SKILLSHOP_STORAGE: 'memory' } }).kind, 'memory');
      assert.equal(createStore({ type: 'sqlite' }, PROJECT, { env: { DATABASE_URL: 'postgres://u@db/skills' } }).kind, 'sqlite');
    });

    it('rejects bad PostgreSQL and DynamoDB settings, naming each', () => {
      const cases: [unknown, string][] = [
        [{ type: 'postgres' }, 'storage.url'],
        [{ type: 'postgres', url: 42 }, 'storage.url'],
        [{ type: 'postgres', url: 'postgres://db/x', schema: '' }, 'storage.schema'],
        [{ type: 'postgres', url: 'postgres://db/x', schema: 'bad-name' }, 'storage.schema'],
        [{ type: 'postgres', url: 'postgres://db/x', autoMigrate: 'yes' }, 'storage.autoMigrate'],
        [{ type: 'dynamodb', table: '' }, 'storage.table'],
        [{ type: 'dynamodb', table: 'a b' }, 'storage.table'],
        [{ type: 'dynamodb', region: 5 }, 'storage.region'],
        [{ type: 'dynamodb', endpoint: 'localhost:8000' }, 'storage.endpoint'],
        [{ type: 'dynamodb', createTable: 1 }, 'storage.createTable'],
      ];
      for (const [config, setting] of cases) {
        assert.throws(() => createStore(config as StorageConfig, PROJECT, noEnv), configInvalid(setting), JSON.stringify(config));
      }
    });

    it('loads neither pg nor the AWS SDK until such a store connects', () => {
      const script = `
        const { createStore } = require('./src/storage/index.ts');
        createStore({ type: 'postgres', url: 'postgres://db/x' }, '/p', { env: {} });
        createStore({ type: 'dynamodb' }, '/p', { env: {} });
        createStore({ type: 'sqlite' }, '/p', { env: {} });
        const loaded = Object.keys(require.cache).filter((f) => /node_modules[\\/](pg|@aws-sdk)[\\/]/.test(f));
        console.log(JSON.stringify(loaded));`;
      const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), []);
    });
  });

  describe('SKILLSHOP_STORAGE, when there is no storage setting', () => {
    const withEnv = (value: string) => ({ env: { SKILLSHOP_STORAGE: value } });

    it('picks memory, the default SQLite file, or a SQLite file of its own', () => {
      assert.equal(createStore(undefined, PROJECT, withEnv('memory')).kind, 'memory');
      assert.equal(sqlitePath(createStore(undefined, PROJECT, withEnv('sqlite'))), join(PROJECT, '.skillshop', 'data', 'skillshop.db'));
      assert.equal(sqlitePath(createStore(undefined, PROJECT, withEnv('sqlite:tmp/x.db'))), join(PROJECT, 'tmp', 'x.db'));
      const absolute = join('/', 'data', 'x.db');
      assert.equal(sqlitePath(createStore(undefined, PROJECT, withEnv(`sqlite:${absolute}`))), absolute);
      assert.equal(createStore(undefined, PROJECT, withEnv('')).kind, 'sqlite');
    });

    it('rejects any other value, naming the variable and what it accepts', () => {
      for (const value of ['postgresql', 'sqlite:', 'Memory', 'dynamodb:']) {
        assert.throws(() => createStore(undefined, PROJECT, withEnv(value)), configInvalid('SKILLSHOP_STORAGE', '"memory"', 'sqlite:<path', '"postgres"', '"dynamodb"'));
      }
    });

    it('picks PostgreSQL at DATABASE_URL, or DynamoDB with the default table or one of its own', () => {
      const pg = createStore(undefined, PROJECT, { env: { SKILLSHOP_STORAGE: 'postgres', DATABASE_URL: 'postgres://u@db:5432/skills' } });
      assert.ok(pg instanceof PostgresStore);
      assert.equal(pg.location, 'db:5432/skills (schema public)');
      const dynamo = createStore(undefined, PROJECT, withEnv('dynamodb'));
      assert.ok(dynamo instanceof DynamoDbStore);
      assert.equal(dynamo.table, 'skillshop');
      const own = createStore(undefined, PROJECT, withEnv('dynamodb:cave-quest'));
      assert.ok(own instanceof DynamoDbStore);
      assert.equal(own.table, 'cave-quest');
    });

    it('asks for DATABASE_URL when SKILLSHOP_STORAGE=postgres has none', () => {
      assert.throws(() => createStore(undefined, PROJECT, withEnv('postgres')), configInvalid('DATABASE_URL'));
    });

    it('is ignored when the project has a storage setting', () => {
      assert.equal(createStore({ type: 'sqlite' }, PROJECT, withEnv('memory')).kind, 'sqlite');
    });

    it('is read from process.env by default', () => {
      const before = process.env['SKILLSHOP_STORAGE'];
      process.env['SKILLSHOP_STORAGE'] = 'memory';
      try {
        assert.equal(createStore(undefined, PROJECT).kind, 'memory');
      } finally {
        if (before === undefined) delete process.env['SKILLSHOP_STORAGE'];
        else process.env['SKILLSHOP_STORAGE'] = before;
      }
    });
  });
});
