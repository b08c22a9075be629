/**
 * The default Store: one SQLite file, through better-sqlite3.
 *
 * Versions are enforced by the database, not by a read-then-write in JavaScript: every save is a
 * single conditional statement, so two processes (or two connections) sharing the file cannot both
 * win a race (alexa-isp-facts.md §9). WAL lets readers run while a writer writes; busy_timeout makes
 * a writer wait for the lock instead of failing at once.
 *
 * Calls before open() open the database lazily, and so do calls after close(): a store is
 * "not open" or "open", never "dead". open() exists so start-up can surface a bad storage.path
 * before the first request does.
 */

import type BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { isoTimestamp, systemClock, type Clock } from '../clock.js';
import { isSkillshopError, skillshopError } from '../errors.js';
import type { ConsumableUsage, ConsumeOutcome, ConsumeRequest, PurchaseEvent, Store, UserData, UserRecord } from './store.js';
import type { MigrationResult, SchemaStatus } from './admin.js';
import { checkConsumeRequest, checkPurchaseEvent, checkUsage, encodeResponse, encodeUserData } from './checks.js';
import { eventFromRow, type EventRow } from './event-row.js';

const BUSY_TIMEOUT_MS = 5000;

/** Append only: a released migration never changes, a new schema is a new version. */
const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE skillshop_users (
        user_id TEXT PRIMARY KEY NOT NULL,
        data TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- NOT NULL on request_id: SQLite lets a TEXT primary key hold any number of NULLs,
      -- which would let a retried delivery slip past the uniqueness check.
      CREATE TABLE skillshop_purchase_events (
        request_id TEXT PRIMARY KEY NOT NULL,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL,
        product_id TEXT,
        purchase_result TEXT,
        status_code TEXT NOT NULL,
        token TEXT,
        received_at TEXT NOT NULL
      );
      CREATE INDEX skillshop_purchase_events_user ON skillshop_purchase_events (user_id, received_at);
    `,
  },
  {
    version: 2,
    sql: `
      -- What the skill counts of a consumable (alexa-isp-facts.md §9): Amazon counts purchases.
      CREATE TABLE skillshop_consumable_usage (
        user_id TEXT NOT NULL,
        reference_name TEXT NOT NULL,
        used INTEGER NOT NULL CHECK (used >= 0),
        version INTEGER NOT NULL,
        PRIMARY KEY (user_id, reference_name)
      );
      -- One row per (request, product) that consumed or was refused: a retried delivery gets this
      -- outcome back instead of consuming again.
      CREATE TABLE skillshop_consumptions (
        request_id TEXT NOT NULL,
        reference_name TEXT NOT NULL,
        user_id TEXT NOT NULL,
        ok INTEGER NOT NULL,
        used INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (request_id, reference_name)
      );
      CREATE TABLE skillshop_responses (
        request_id TEXT PRIMARY KEY NOT NULL,
        user_id TEXT NOT NULL,
        response TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
];

/** The schema version this code reads and writes. */
export const SQLITE_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

interface UserRow {
  data: string;
  version: number;
  created_at: string;
  updated_at: string;
}

type SavedRow = Omit<UserRow, 'data'>;
type ConsumeParams = { userId: string; referenceName: string; requestId: string; count: number; limit: number; now: string };
type EventParams = [string, string, string, string | null, string | null, string, string | null, string];

/** Compiled once per connection: preparing is the expensive part of a statement. */
interface Statements {
  getUser: BetterSqlite3.Statement<[string], UserRow>;
  insertUser: BetterSqlite3.Statement<[string, string, string, string], SavedRow>;
  updateUser: BetterSqlite3.Statement<[string, string, string, number], SavedRow>;
  deleteUser: BetterSqlite3.Statement<[string]>;
  insertEvent: BetterSqlite3.Statement<EventParams>;
  listEvents: BetterSqlite3.Statement<[string], EventRow>;
  getUsage: BetterSqlite3.Statement<[string, string], ConsumableUsage>;
  setUsage: BetterSqlite3.Statement<[number, string, string, number]>;
  insertUsage: BetterSqlite3.Statement<[string, string, number]>;
  /** The whole of consume, in one IMMEDIATE transaction. */
  consume: (params: ConsumeParams) => ConsumeOutcome;
  insertResponse: BetterSqlite3.Statement<[string, string, string, string]>;
  getResponse: BetterSqlite3.Statement<[string], { response: string }>;
}

export interface SqliteStoreOptions {
  /** The database file; its folder is created on open. */
  path: string;
  clock?: Clock;
}

/**
 * @example
 * const store = new SqliteStore({ path: '.skillshop/data/skillshop.db' });
 * await store.open();
 * const user = await store.getUser(userId);
 * await store.saveUser(userId, { ...user?.data, used: 1 }, user?.version ?? 0);
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly path: string;
  private readonly clock: Clock;
  private db: BetterSqlite3.Database | undefined;
  private statements: Statements | undefined;
  /** The migrations the last connect applied. */
  private lastApplied: number[] = [];

  constructor(options: SqliteStoreOptions) {
    if (typeof options?.path !== 'string' || options.path === '') {
      throw skillshopError(
        'CONFIG_INVALID',
        'storage.path must be the path of the SQLite database file, e.g. ".skillshop/data/skillshop.db".',
        { details: { setting: 'storage.path' } },
      );
    }
    this.path = options.path;
    this.clock = options.clock ?? systemClock;
  }

  async open(): Promise<void> {
    this.connect();
  }

  async getUser(userId: string): Promise<UserRecord | undefined> {
    const row = this.query('read user', (s) => s.getUser.get(userId));
    if (row === undefined) return undefined;
    return {
      userId,
      data: this.decodeUserData(userId, row.data),
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async saveUser(userId: string, data: UserData, expectedVersion: number): Promise<UserRecord> {
    const json = encodeUserData(userId, data);
    const now = this.now();
    // One statement either way: the version check and the write are a single atomic step.
    // RETURNING yields no row when nothing was written (a clash on insert, a stale version on update).
    const saved = this.query('save user', (s) =>
      expectedVersion === 0
        ? s.insertUser.get(userId, json, now, now)
        : s.updateUser.get(json, now, userId, expectedVersion),
    );
    if (saved === undefined) {
      throw skillshopError(
        'STORAGE_VERSION_CONFLICT',
        `User ${userId} was saved by someone else since it was read (expected version ${expectedVersion}). ` +
          'Read the user again, reapply the change, and save with the new version.',
        { details: { userId, expectedVersion } },
      );
    }
    return {
      userId,
      data: JSON.parse(json) as UserData,
      version: saved.version,
      createdAt: saved.created_at,
      updatedAt: saved.updated_at,
    };
  }

  /** Leaves the user's purchase events: they are what stops a retried delivery being applied twice. */
  async deleteUser(userId: string): Promise<void> {
    this.query('delete user', (s) => s.deleteUser.run(userId));
  }

  async recordPurchaseEvent(event: PurchaseEvent): Promise<boolean> {
    checkPurchaseEvent(event);
    const params: EventParams = [
      event.requestId,
      event.userId,
      event.name,
      event.productId ?? null,
      event.purchaseResult ?? null,
      event.statusCode,
      event.token ?? null,
      event.receivedAt || this.now(),
    ];
    const result = this.query('record purchase event', (s) => s.insertEvent.run(...params));
    return result.changes === 1;
  }

  async listPurchaseEvents(userId: string): Promise<PurchaseEvent[]> {
    const rows = this.query('list purchase events', (s) => s.listEvents.all(userId));
    return rows.map(eventFromRow);
  }

  async getUsage(userId: string, referenceName: string): Promise<ConsumableUsage> {
    const row = this.query('read consumable usage', (s) => s.getUsage.get(userId, referenceName));
    return row === undefined ? { used: 0, version: 0 } : { used: row.used, version: row.version };
  }

  async consume(request: ConsumeRequest): Promise<ConsumeOutcome> {
    checkConsumeRequest(request);
    const { userId, referenceName, requestId, count, limit } = request;
    return this.query('consume', (s) => s.consume({ userId, referenceName, requestId, count, limit, now: this.now() }));
  }

  async setUsage(userId: string, referenceName: string, used: number, expectedUsed: number): Promise<boolean> {
    checkUsage(used, expectedUsed);
    // A missing row counts as used = 0, so expectedUsed 0 may create it; the update and the insert
    // are each one conditional statement.
    const changed = this.query('set consumable usage', (s) =>
      s.setUsage.run(used, userId, referenceName, expectedUsed).changes === 1 ||
      (expectedUsed === 0 && s.insertUsage.run(userId, referenceName, used).changes === 1),
    );
    return changed;
  }

  async saveResponse(requestId: string, userId: string, response: unknown, serialised?: string): Promise<void> {
    const json = encodeResponse(requestId, response, serialised);
    this.query('save response', (s) => s.insertResponse.run(requestId, userId, json, this.now()));
  }

  async getResponse(requestId: string): Promise<unknown | undefined> {
    const row = this.query('read response', (s) => s.getResponse.get(requestId));
    return row === undefined ? undefined : (JSON.parse(row.response) as unknown);
  }

  /** Opens the file, applying any migration it lacks (open() does the same); for `skillshop db migrate`. */
  async migrate(): Promise<MigrationResult> {
    const wasOpen = this.statements !== undefined;
    this.connect();
    return { applied: wasOpen ? [] : [...this.lastApplied], version: SQLITE_SCHEMA_VERSION };
  }

  /** The file's schema version, read without creating or migrating anything; for `skillshop db status`. */
  async status(): Promise<SchemaStatus> {
    const base = { kind: this.kind, location: this.path, expected: SQLITE_SCHEMA_VERSION };
    if (!existsSync(this.path)) return { ...base, version: 0, note: 'the file does not exist yet; the first request (or skillshop db migrate) creates it' };
    const Database = loadDriver(this.path);
    let db: BetterSqlite3.Database | undefined;
    try {
      db = new Database(this.path, { readonly: true, timeout: BUSY_TIMEOUT_MS });
      const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'skillshop_migrations'").get();
      const row = table === undefined ? undefined : db.prepare<[], { version: number | null }>('SELECT MAX(version) AS version FROM skillshop_migrations').get();
      return { ...base, version: row?.version ?? 0 };
    } catch (error) {
      throw this.unavailable(describeError(error), error);
    } finally {
      db?.close();
    }
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = undefined;
    this.statements = undefined;
    db?.close();
  }

  private now(): string {
    return isoTimestamp(this.clock.now());
  }

  private connect(): Statements {
    if (this.statements !== undefined) return this.statements;
    const Database = loadDriver(this.path);
    try {
      mkdirSync(dirname(this.path), { recursive: true });
    } catch (error) {
      throw this.unavailable(`its folder ${dirname(this.path)} cannot be created (${describeError(error)})`, error);
    }
    let db: BetterSqlite3.Database | undefined;
    try {
      // `timeout` is busy_timeout, set by the driver before the first pragma, which may already
      // have to wait for another process's lock.
      db = new Database(this.path, { timeout: BUSY_TIMEOUT_MS });
      db.pragma('journal_mode = WAL');
      // NORMAL is durable across application crashes in WAL mode; only an OS crash or power loss
      // can drop the last commits, and it never corrupts the file.
      db.pragma('synchronous = NORMAL');
      this.lastApplied = migrate(db, this.now(), this.path);
      this.statements = prepare(db);
      this.db = db;
      return this.statements;
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
      throw this.unavailable(why, error);
    }
  }

  /** Runs one database call, turning a driver failure into an error that names the file. */
  private query<T>(action: string, run: (statements: Statements) => T): T {
    const statements = this.connect();
    try {
      return run(statements);
    } catch (error) {
      if (!isSqliteError(error)) throw error;
      throw skillshopError(
        'STORAGE_UNAVAILABLE',
        `SQLite could not ${action} in ${this.path}: ${error.message}. ` +
          (error.code.startsWith('SQLITE_BUSY')
            ? `Another process held the database lock for over ${BUSY_TIMEOUT_MS} ms; retry, or check what else has the file open.`
            : 'Check that the file and its folder are writable and the disk is not full.'),
        { cause: error, details: { path: this.path, sqliteCode: error.code } },
      );
    }
  }

  private unavailable(why: string, cause: unknown) {
    return skillshopError(
      'STORAGE_UNAVAILABLE',
      `Cannot open the SQLite database at ${this.path}: ${why}. ` +
        'Set storage.path in skillshop.json (or SKILLSHOP_STORAGE=sqlite:<file>) to a file in a writable folder.',
      { cause, details: { path: this.path, setting: 'storage.path' } },
    );
  }

  private decodeUserData(userId: string, json: string): UserData {
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch (error) {
      throw this.corrupt(userId, `is not valid JSON (${describeError(error)})`, error);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw this.corrupt(userId, 'is not a JSON object');
    }
    return data as UserData;
  }

  private corrupt(userId: string, what: string, cause?: unknown) {
    return skillshopError(
      'STORAGE_CORRUPT',
      `The stored data of user ${userId} in ${this.path} ${what}; skillshop never writes that, so something else ` +
        'changed the row. Restore it from a backup, or delete the row (skillshop_users, user_id = that id) to start the user afresh.',
      { cause, details: { userId, path: this.path } },
    );
  }
}

/**
 * Loaded on first open, not at import: a skill that uses another store keeps working where the
 * native module was not built (e.g. a Lambda bundle made on another platform).
 */
const requireFromHere = createRequire(__filename);
function loadDriver(path: string): typeof BetterSqlite3 {
  try {
    return requireFromHere('better-sqlite3') as typeof BetterSqlite3;
  } catch (error) {
    throw skillshopError(
      'STORAGE_UNAVAILABLE',
      `Cannot open the SQLite database at ${path}: the better-sqlite3 driver failed to load (${describeError(error)}). ` +
        'Run `npm rebuild better-sqlite3` where the skill runs, or set storage.type to "memory" in skillshop.json.',
      { cause: error, details: { path, setting: 'storage.type' } },
    );
  }
}

function migrate(db: BetterSqlite3.Database, now: string, path: string): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS skillshop_migrations (version INTEGER PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL)');
  const newest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  const found = db.prepare<[], { version: number | null }>('SELECT MAX(version) AS version FROM skillshop_migrations').get();
  if ((found?.version ?? 0) > newest) {
    throw skillshopError(
      'STORAGE_UNAVAILABLE',
      `The SQLite database at ${path} has schema version ${found?.version}, but this skillshop knows only up to ${newest}. ` +
        'Upgrade skillshop, or point storage.path at another file.',
      { details: { path, setting: 'storage.path' } },
    );
  }
  const isApplied = db.prepare<[number]>('SELECT 1 FROM skillshop_migrations WHERE version = ?');
  const markApplied = db.prepare<[number, string]>('INSERT INTO skillshop_migrations (version, applied_at) VALUES (?, ?)');
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    // IMMEDIATE takes the write lock before the check, so two processes opening a new file at
    // once cannot both run the same migration.
    db.transaction(() => {
      if (isApplied.get(migration.version) !== undefined) return;
      db.exec(migration.sql);
      markApplied.run(migration.version, now);
      applied.push(migration.version);
    }).immediate();
  }
  return applied;
}

function prepare(db: BetterSqlite3.Database): Statements {
  const claimConsumption = db.prepare<ConsumeParams>(
    `INSERT INTO skillshop_consumptions (request_id, reference_name, user_id, ok, used, created_at)
     VALUES (@requestId, @referenceName, @userId, 0, 0, @now) ON CONFLICT (request_id, reference_name) DO NOTHING`,
  );
  const priorConsumption = db.prepare<ConsumeParams, { ok: number; used: number }>(
    'SELECT ok, used FROM skillshop_consumptions WHERE request_id = @requestId AND reference_name = @referenceName',
  );
  // Conditional in the statement itself: a row is created or updated only when the units are there.
  const useUnits = db.prepare<ConsumeParams, { used: number }>(
    `INSERT INTO skillshop_consumable_usage (user_id, reference_name, used, version)
       SELECT @userId, @referenceName, @count, 1 WHERE @count <= @limit
     ON CONFLICT (user_id, reference_name) DO UPDATE SET used = used + excluded.used, version = version + 1
       WHERE used + excluded.used <= @limit
     RETURNING used`,
  );
  const currentUsage = db.prepare<ConsumeParams, { used: number }>(
    'SELECT used FROM skillshop_consumable_usage WHERE user_id = @userId AND reference_name = @referenceName',
  );
  const recordOutcome = db.prepare<ConsumeParams & { ok: number; used: number }>(
    `UPDATE skillshop_consumptions SET ok = @ok, used = @used
     WHERE request_id = @requestId AND reference_name = @referenceName`,
  );
  const consume = db.transaction((params: ConsumeParams): ConsumeOutcome => {
    if (claimConsumption.run(params).changes === 0) {
      const prior = priorConsumption.get(params);
      return { ok: prior?.ok === 1, used: prior?.used ?? 0, replayed: true };
    }
    const updated = useUnits.get(params);
    const ok = updated !== undefined;
    const used = updated?.used ?? currentUsage.get(params)?.used ?? 0;
    recordOutcome.run({ ...params, ok: ok ? 1 : 0, used });
    return { ok, used, replayed: false };
  });
  return {
    // IMMEDIATE: the write lock is taken before the first read, so another process cannot slip a
    // write in between (a DEFERRED transaction would fail with SQLITE_BUSY_SNAPSHOT instead).
    consume: (params) => consume.immediate(params),
    getUsage: db.prepare('SELECT used, version FROM skillshop_consumable_usage WHERE user_id = ? AND reference_name = ?'),
    setUsage: db.prepare(
      `UPDATE skillshop_consumable_usage SET used = ?, version = version + 1
       WHERE user_id = ? AND reference_name = ? AND used = ?`,
    ),
    insertUsage: db.prepare(
      `INSERT INTO skillshop_consumable_usage (user_id, reference_name, used, version) VALUES (?, ?, ?, 1)
       ON CONFLICT (user_id, reference_name) DO NOTHING`,
    ),
    insertResponse: db.prepare(
      `INSERT INTO skillshop_responses (request_id, user_id, response, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (request_id) DO NOTHING`,
    ),
    getResponse: db.prepare('SELECT response FROM skillshop_responses WHERE request_id = ?'),
    getUser: db.prepare('SELECT data, version, created_at, updated_at FROM skillshop_users WHERE user_id = ?'),
    insertUser: db.prepare(
      `INSERT INTO skillshop_users (user_id, data, version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)
       ON CONFLICT (user_id) DO NOTHING RETURNING version, created_at, updated_at`,
    ),
    updateUser: db.prepare(
      `UPDATE skillshop_users SET data = ?, version = version + 1, updated_at = ? WHERE user_id = ? AND version = ?
       RETURNING version, created_at, updated_at`,
    ),
    deleteUser: db.prepare('DELETE FROM skillshop_users WHERE user_id = ?'),
    insertEvent: db.prepare(
      `INSERT INTO skillshop_purchase_events
         (request_id, user_id, name, product_id, purchase_result, status_code, token, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING`,
    ),
    // rowid breaks ties between equal timestamps in arrival order.
    listEvents: db.prepare(
      `SELECT request_id, user_id, name, product_id, purchase_result, status_code, token, received_at
       FROM skillshop_purchase_events WHERE user_id = ? ORDER BY received_at, rowid`,
    ),
  };
}

function isSqliteError(error: unknown): error is Error & { code: string } {
  const code: unknown = (error as { code?: unknown } | undefined)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('SQLITE_');
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
