import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { fixedClock } from '../../src/clock.js';
import { isSkillshopError } from '../../src/errors.js';
import { SqliteStore } from '../../src/storage/sqlite-store.js';
import { storeContract } from './contract.js';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skillshop-sqlite-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

storeContract('SqliteStore', async (clock) => {
  const store = new SqliteStore({ path: join(freshDir(), 'skillshop.db'), clock });
  await store.open();
  return store;
});

describe('SqliteStore', () => {
  const stores: SqliteStore[] = [];
  function storeAt(path: string): SqliteStore {
    const store = new SqliteStore({ path, clock: fixedClock('2024-05-01T10:00:00.000Z') });
    stores.push(store);
    return store;
  }
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  /** Looks at the file the way an operator would, with a connection of its own. */
  function inspect<T>(path: string, look: (db: Database.Database) => T): T {
    const db = new Database(path);
    try {
      return look(db);
    } finally {
      db.close();
    }
  }

  function unavailableAt(path: string, why: RegExp) {
    return (error: unknown) => {
      assert.ok(isSkillshopError(error, 'STORAGE_UNAVAILABLE'), `expected STORAGE_UNAVAILABLE, got ${String(error)}`);
      assert.ok(error.message.includes(path), `message should name ${path}: ${error.message}`);
      assert.match(error.message, /storage\.path/);
      assert.match(error.message, why);
      assert.equal(error.details['path'], path);
      return true;
    };
  }

  it('creates missing folders and puts the database in WAL mode', async () => {
    const path = join(freshDir(), 'nested', 'deeper', 'skillshop.db');
    await storeAt(path).open();
    assert.equal(inspect(path, (db) => db.pragma('journal_mode', { simple: true })), 'wal');
  });

  it('opens lazily when used before open()', async () => {
    const path = join(freshDir(), 'skillshop.db');
    const store = storeAt(path);
    assert.equal(await store.getUser('u'), undefined);
    assert.equal((await store.saveUser('u', { a: 1 }, 0)).version, 1);
  });

  it('keeps data across close and a new store on the same file', async () => {
    const path = join(freshDir(), 'skillshop.db');
    const first = storeAt(path);
    await first.saveUser('u', { hints: 3 }, 0);
    await first.recordPurchaseEvent({
      requestId: 'r1', userId: 'u', name: 'Buy', productId: 'p', purchaseResult: 'ACCEPTED',
      statusCode: '200', token: undefined, receivedAt: '2024-05-01T10:00:00.000Z',
    });
    await first.close();
    const second = storeAt(path);
    assert.deepEqual(await second.getUser('u'), {
      userId: 'u', data: { hints: 3 }, version: 1,
      createdAt: '2024-05-01T10:00:00.000Z', updatedAt: '2024-05-01T10:00:00.000Z',
    });
    assert.equal((await second.listPurchaseEvents('u')).length, 1);
  });

  it('runs each migration once, however often and however concurrently the file is opened', async () => {
    const path = join(freshDir(), 'skillshop.db');
    await Promise.all([storeAt(path).open(), storeAt(path).open()]);
    const third = storeAt(path);
    await third.open();
    await third.close();
    await third.open();
    const rows = inspect(path, (db) => db.prepare('SELECT version, applied_at FROM skillshop_migrations ORDER BY version').all());
    assert.deepEqual(rows, [
      { version: 1, applied_at: '2024-05-01T10:00:00.000Z' },
      { version: 2, applied_at: '2024-05-01T10:00:00.000Z' },
    ]);
  });

  it('upgrades a version-1 database to version 2, keeping its users and events', async () => {
    const path = join(freshDir(), 'skillshop.db');
    // A file as skillshop wrote it before consumables: migration 1 only.
    inspect(path, (db) => {
      db.exec(`
        CREATE TABLE skillshop_migrations (version INTEGER PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL);
        INSERT INTO skillshop_migrations VALUES (1, 'before');
        CREATE TABLE skillshop_users (user_id TEXT PRIMARY KEY NOT NULL, data TEXT NOT NULL, version INTEGER NOT NULL,
          created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE TABLE skillshop_purchase_events (request_id TEXT PRIMARY KEY NOT NULL, user_id TEXT NOT NULL, name TEXT NOT NULL,
          product_id TEXT, purchase_result TEXT, status_code TEXT NOT NULL, token TEXT, received_at TEXT NOT NULL);
        CREATE INDEX skillshop_purchase_events_user ON skillshop_purchase_events (user_id, received_at);
        INSERT INTO skillshop_users VALUES ('u', '{"hints":3}', 4, 'x', 'y');
      `);
    });
    const store = storeAt(path);
    assert.deepEqual(await store.status(), { kind: 'sqlite', location: path, version: 1, expected: 2 });
    assert.deepEqual(await store.migrate(), { applied: [2], version: 2 });
    assert.deepEqual(await store.migrate(), { applied: [], version: 2 });
    assert.deepEqual((await store.getUser('u'))?.data, { hints: 3 });
    assert.deepEqual(await store.consume({ userId: 'u', referenceName: 'hints', count: 1, limit: 1, requestId: 'r' }), { ok: true, used: 1, replayed: false });
    assert.deepEqual(await store.status(), { kind: 'sqlite', location: path, version: 2, expected: 2 });
  });

  it('reports the status of a file not created yet without creating it', async () => {
    const path = join(freshDir(), 'later', 'skillshop.db');
    const status = await storeAt(path).status();
    assert.equal(status.version, 0);
    assert.equal(status.expected, 2);
    assert.match(status.note ?? '', /does not exist yet/);
    assert.equal(existsSync(path), false);
  });

  it('consumes across two stores on one file without going over the limit or consuming a retry twice', async () => {
    const path = join(freshDir(), 'skillshop.db');
    const a = storeAt(path);
    const b = storeAt(path);
    const request = { userId: 'u', referenceName: 'hints', count: 1, limit: 3, requestId: 'r1' };
    assert.deepEqual(await a.consume(request), { ok: true, used: 1, replayed: false });
    assert.deepEqual(await b.consume(request), { ok: true, used: 1, replayed: true });
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).consume({ ...request, requestId: `r-${i}` })),
    );
    assert.equal(outcomes.filter((outcome) => outcome.ok).length, 2);
    assert.deepEqual(await a.getUsage('u', 'hints'), { used: 3, version: 3 });
    assert.equal(await b.setUsage('u', 'hints', 0, 3), true);
    assert.equal(await a.setUsage('u', 'hints', 1, 3), false);
  });

  it('refuses a database migrated by a newer skillshop', async () => {
    const path = join(freshDir(), 'skillshop.db');
    await storeAt(path).open();
    inspect(path, (db) => db.prepare("INSERT INTO skillshop_migrations VALUES (999, 'later')").run());
    await assert.rejects(storeAt(path).open(), unavailableAt(path, /schema version 999.*Upgrade skillshop/));
  });

  it('reports a row whose data is not JSON as STORAGE_CORRUPT naming the user, and serves other users', async () => {
    const path = join(freshDir(), 'skillshop.db');
    const store = storeAt(path);
    await store.saveUser('good', { ok: true }, 0);
    inspect(path, (db) =>
      db.prepare(
        `INSERT INTO skillshop_users VALUES
           ('amzn1.ask.account.BROKEN', '{not json', 1, 'x', 'x'), ('array', '[1]', 1, 'x', 'x')`,
      ).run(),
    );
    await assert.rejects(store.getUser('amzn1.ask.account.BROKEN'), (error: unknown) => {
      assert.ok(isSkillshopError(error, 'STORAGE_CORRUPT'), String(error));
      assert.match(error.message, /amzn1\.ask\.account\.BROKEN/);
      assert.ok(error.cause instanceof SyntaxError);
      assert.equal(error.details['userId'], 'amzn1.ask.account.BROKEN');
      return true;
    });
    await assert.rejects(store.getUser('array'), (error: unknown) => isSkillshopError(error, 'STORAGE_CORRUPT'));
    assert.deepEqual((await store.getUser('good'))?.data, { ok: true });
  });

  it('reports a path that is a folder as STORAGE_UNAVAILABLE naming the path and storage.path', async () => {
    const path = freshDir();
    await assert.rejects(storeAt(path).open(), unavailableAt(path, /cannot be opened/));
  });

  it('reports a path below a file as STORAGE_UNAVAILABLE naming the path and storage.path', async () => {
    const file = join(freshDir(), 'a-file');
    writeFileSync(file, 'not a folder');
    const path = join(file, 'skillshop.db');
    await assert.rejects(storeAt(path).open(), unavailableAt(path, /cannot be created/));
    // The same failure on lazy open, not a raw Node error.
    await assert.rejects(storeAt(path).getUser('u'), unavailableAt(path, /cannot be created/));
  });

  it('reports a file that is not a SQLite database as STORAGE_UNAVAILABLE', async () => {
    const path = join(freshDir(), 'notes.txt');
    writeFileSync(path, 'These are my notes, not a database.'.repeat(100));
    await assert.rejects(storeAt(path).open(), unavailableAt(path, /not a SQLite database/));
  });

  it('rejects an empty path as CONFIG_INVALID naming storage.path', () => {
    assert.throws(() => new SqliteStore({ path: '' }), (error: unknown) =>
      isSkillshopError(error, 'CONFIG_INVALID') && /storage\.path/.test(error.message));
  });

  it('shares one file between two stores: each sees the other’s writes, a stale save conflicts', async () => {
    const path = join(freshDir(), 'skillshop.db');
    const a = storeAt(path);
    const b = storeAt(path);
    await a.saveUser('u', { used: 1 }, 0);
    const readByB = await b.getUser('u');
    assert.deepEqual(readByB?.data, { used: 1 });
    await a.saveUser('u', { used: 2 }, 1);
    await assert.rejects(b.saveUser('u', { used: 99 }, readByB?.version ?? 0), (error: unknown) =>
      isSkillshopError(error, 'STORAGE_VERSION_CONFLICT'));
    assert.deepEqual((await b.getUser('u'))?.data, { used: 2 });
    assert.equal(await b.recordPurchaseEvent({
      requestId: 'same', userId: 'u', name: 'Buy', productId: undefined, purchaseResult: undefined,
      statusCode: '200', token: undefined, receivedAt: '',
    }), true);
    assert.equal(await a.recordPurchaseEvent({
      requestId: 'same', userId: 'u', name: 'Buy', productId: undefined, purchaseResult: undefined,
      statusCode: '200', token: undefined, receivedAt: '',
    }), false);
  });
});
