/**
 * Opening the emulator's SQLite database, with the habits of src/storage/sqlite-store.ts: the
 * driver loads on first use (a project that never simulates needs no native module), WAL for
 * files, append-only versioned migrations, and every failure turned into an error that names the
 * file and the `dbPath` option.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { isSkillshopError, skillshopError, type SkillshopError } from '../../errors';

export const IN_MEMORY = ':memory:';
const BUSY_TIMEOUT_MS = 5000;
/** Its own name, so this schema can share a file with the skill's store and its migrations. */
const MIGRATIONS_TABLE = 'skillshop_monetization_migrations';

export interface Migration {
  version: number;
  sql: string;
}

export function openEmulatorDatabase(path: string, migrations: readonly Migration[]): BetterSqlite3.Database {
  const Database = loadDriver(path);
  if (path !== IN_MEMORY) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw unavailable(path, `its folder ${dirname(path)} cannot be created (${describeError(error)})`, error);
    }
  }
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    if (path !== IN_MEMORY) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    migrate(db, path, migrations);
    return db;
  } catch (error) {
    db?.close();
    if (isSkillshopError(error)) throw error;
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'SQLITE_NOTADB'
        ? 'the file is not a SQLite database'
        : code === 'SQLITE_CANTOPEN'
          ? 'it cannot be opened as a file (is it a folder, or in a folder you cannot write to?)'
          : describeError(error);
    throw unavailable(path, why, error);
  }
}

/** A driver failure during `action` as an error a person can act on; anything else unchanged. */
export function sqliteFailure(path: string, action: string, error: unknown): unknown {
  if (!isSqliteError(error)) return error;
  return skillshopError(
    'STORAGE_UNAVAILABLE',
    `The monetization emulator could not ${action} in ${path}: ${error.message}. ` +
      (error.code.startsWith('SQLITE_BUSY')
        ? `Another process held the database lock for over ${BUSY_TIMEOUT_MS} ms; retry, or check what else has the file open.`
        : 'Check that the file and its folder are writable, or use dbPath ":memory:".'),
    { cause: error, details: { path, sqliteCode: error.code, setting: 'dbPath' } },
  );
}

const requireFromHere = createRequire(__filename);
function loadDriver(path: string): typeof BetterSqlite3 {
  try {
    return requireFromHere('better-sqlite3') as typeof BetterSqlite3;
  } catch (error) {
    throw unavailable(path, `the better-sqlite3 driver failed to load (${describeError(error)}); run \`npm rebuild better-sqlite3\``, error);
  }
}

function migrate(db: BetterSqlite3.Database, path: string, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version INTEGER PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL)`);
  const newest = migrations[migrations.length - 1]?.version ?? 0;
  const applied = db.prepare<[], { version: number | null }>(`SELECT MAX(version) AS version FROM ${MIGRATIONS_TABLE}`).get();
  if ((applied?.version ?? 0) > newest) {
    throw unavailable(path, `it has schema version ${applied?.version}, but this skillshop knows only up to ${newest} (upgrade skillshop)`);
  }
  const isApplied = db.prepare<[number]>(`SELECT 1 FROM ${MIGRATIONS_TABLE} WHERE version = ?`);
  const markApplied = db.prepare<[number, string]>(`INSERT INTO ${MIGRATIONS_TABLE} (version, applied_at) VALUES (?, ?)`);
  for (const migration of migrations) {
    // IMMEDIATE takes the write lock before the check: two processes opening a new file cannot both migrate.
    db.transaction(() => {
      if (isApplied.get(migration.version) !== undefined) return;
      db.exec(migration.sql);
      // The wall clock on purpose: this records when the file was upgraded, not emulated time.
      markApplied.run(migration.version, new Date().toISOString());
    }).immediate();
  }
}

function unavailable(path: string, why: string, cause?: unknown): SkillshopError {
  return skillshopError(
    'STORAGE_UNAVAILABLE',
    `Cannot open the monetization emulator's database at ${path}: ${why}. ` +
      'Pass another dbPath (a file in a writable folder), or ":memory:" to keep nothing.',
    { cause, details: { path, setting: 'dbPath' } },
  );
}

function isSqliteError(error: unknown): error is Error & { code: string } {
  const code: unknown = (error as { code?: unknown } | undefined)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('SQLITE_');
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
