/**
 * A Store in PostgreSQL, through a `pg` Pool: for skills that run as several processes.
 *
 * Every guarantee is a single conditional statement, or a short transaction whose first statement
 * takes the row lock that decides the race, so the ordinary READ COMMITTED isolation is enough
 * (alexa-isp-facts.md §9):
 *   - saveUser: `UPDATE … WHERE version = $n` / `INSERT … ON CONFLICT DO NOTHING`; a racing writer
 *     waits for the row lock, then finds the version moved and writes nothing.
 *   - consume: insert the (requestId, product) key first — a retried delivery waits on that key and
 *     then reads the first outcome — then one conditional upsert `… WHERE used + count <= limit`.
 *
 * The schema is versioned in skillshop_migrations and changed only by migrate() (`skillshop db
 * migrate`, or open() with autoMigrate), under an advisory lock so that two processes starting
 * together apply each migration once. open() refuses a schema that is behind or ahead of this code.
 *
 * `pg` is loaded on first use, so SQLite users never load it. Any driver or server failure becomes
 * SKILLSHOP_STORAGE_UNAVAILABLE naming the setting and the server (never the password); the pool
 * drops broken connections and reconnects by itself when the server is back.
 */

import type { Pool, PoolClient, PoolConfig, QueryResultRow } from 'pg';
import { createRequire } from 'node:module';
import { isoTimestamp, systemClock, type Clock } from '../clock.js';
import { isSkillshopError, skillshopError } from '../errors.js';
import type { MigrationResult, SchemaStatus } from './admin.js';
import { checkConsumeRequest, checkPurchaseEvent, checkUsage, encodeResponse, encodeUserData } from './checks.js';
import type { ConsumableUsage, ConsumeOutcome, ConsumeRequest, PurchaseEvent, Store, UserData, UserRecord } from './store.js';
import { eventFromRow, type EventRow } from './event-row.js';

/**
 * Append only: a released migration never changes. `{schema}` is the schema's quoted name.
 * User data and responses are `json`, not `jsonb`: json keeps the text as written and accepts every
 * JSON string, while jsonb rejects "\u0000" (which the contract suite round-trips). We only ever
 * read and write whole documents, so jsonb's indexing would buy nothing.
 */
const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE {schema}.skillshop_users (
        user_id text PRIMARY KEY,
        data json NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      -- received_at is text: it is given by the caller and must come back exactly as given.
      -- arrival breaks ties between equal timestamps in arrival order.
      CREATE TABLE {schema}.skillshop_purchase_events (
        request_id text PRIMARY KEY,
        user_id text NOT NULL,
        name text NOT NULL,
        product_id text,
        purchase_result text,
        status_code text NOT NULL,
        token text,
        received_at text NOT NULL,
        arrival bigint GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX skillshop_purchase_events_user ON {schema}.skillshop_purchase_events (user_id, received_at, arrival);
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE {schema}.skillshop_consumable_usage (
        user_id text NOT NULL,
        reference_name text NOT NULL,
        used bigint NOT NULL CHECK (used >= 0),
        version integer NOT NULL,
        PRIMARY KEY (user_id, reference_name)
      );
      CREATE TABLE {schema}.skillshop_consumptions (
        request_id text NOT NULL,
        reference_name text NOT NULL,
        user_id text NOT NULL,
        ok boolean NOT NULL,
        used bigint NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (request_id, reference_name)
      );
      CREATE TABLE {schema}.skillshop_responses (
        request_id text PRIMARY KEY,
        user_id text NOT NULL,
        response json NOT NULL,
        created_at timestamptz NOT NULL
      );
    `,
  },
];

/** The schema version this code reads and writes. */
export const POSTGRES_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Pool defaults: fail fast when the server is away, so a request can still answer in time. */
const POOL_DEFAULTS: PoolConfig = {
  max: 10,
  connectionTimeoutMillis: 3000,
  query_timeout: 5000,
  statement_timeout: 5000,
  idleTimeoutMillis: 30_000,
  keepAlive: true,
  application_name: 'skillshop',
};

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database`. Either this or `pool` (host, user, …). */
  connectionString?: string;
  /** More `pg` Pool settings (ssl, max, timeouts, …); they override skillshop's defaults. */
  pool?: PoolConfig;
  /** The schema holding skillshop's tables, created by migrate(). Default `public`. */
  schema?: string;
  /** Let open() apply missing migrations itself. Default false: run `skillshop db migrate`. */
  autoMigrate?: boolean;
  clock?: Clock;
  /** The setting the connection came from, named in error messages. Default `storage.url`. */
  setting?: string;
}

interface UserRow {
  data: unknown;
  version: number;
  created_at: Date;
  updated_at: Date;
}

type Queryable = Pick<Pool, 'query'> | PoolClient;

/**
 * @example
 * const store = new PostgresStore({ connectionString: process.env.DATABASE_URL, autoMigrate: true });
 * await store.open();
 * const outcome = await store.consume({ userId, referenceName: 'hint_pack', count: 1, limit: 5, requestId });
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly schema: string;
  private readonly options: PostgresStoreOptions;
  private readonly clock: Clock;
  private readonly setting: string;
  private readonly sql: ReturnType<typeof statements>;
  private pool: Pool | undefined;
  private opening: Promise<Pool> | undefined;

  constructor(options: PostgresStoreOptions) {
    this.setting = options?.setting ?? 'storage.url';
    const hasPool = typeof options?.pool === 'object' && options.pool !== null;
    if ((typeof options?.connectionString !== 'string' || options.connectionString.trim() === '') && !hasPool) {
      throw skillshopError(
        'CONFIG_INVALID',
        `${this.setting} must be the URL of the PostgreSQL database, e.g. "postgres://user@db.example.com:5432/skills"; ` +
          'set storage.url in skillshop.json or the DATABASE_URL environment variable (better for a password).',
        { details: { setting: this.setting } },
      );
    }
    this.options = options;
    this.schema = options.schema ?? 'public';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(this.schema)) {
      throw skillshopError(
        'CONFIG_INVALID',
        `storage.schema must be a plain PostgreSQL name (letters, digits and _, at most 63), got ${JSON.stringify(this.schema)}.`,
        { details: { setting: 'storage.schema', value: this.schema } },
      );
    }
    this.clock = options.clock ?? systemClock;
    this.sql = statements(`"${this.schema}"`);
  }

  /** The server and schema, for messages: never the password. */
  get location(): string {
    return `${describeServer(this.options)} (schema ${this.schema})`;
  }

  /**
   * Connects and checks the schema version; applies migrations first when autoMigrate is set.
   * Idempotent. Calls before open() (or after close()) open the store themselves.
   */
  async open(): Promise<void> {
    await this.connect();
  }

  async getUser(userId: string): Promise<UserRecord | undefined> {
    const { rows } = await this.run<UserRow>('read user', this.sql.getUser, [userId]);
    const row = rows[0];
    if (row === undefined) return undefined;
    if (typeof row.data !== 'object' || row.data === null || Array.isArray(row.data)) {
      throw skillshopError(
        'STORAGE_CORRUPT',
        `The stored data of user ${userId} in ${this.location} is not a JSON object; skillshop never writes that, so something ` +
          'else changed the row. Restore it from a backup, or delete the row (skillshop_users, user_id = that id) to start the user afresh.',
        { details: { userId, schema: this.schema } },
      );
    }
    return { userId, data: row.data as UserData, version: row.version, createdAt: iso(row.created_at), updatedAt: iso(row.updated_at) };
  }

  async saveUser(userId: string, data: UserData, expectedVersion: number): Promise<UserRecord> {
    const json = encodeUserData(userId, data);
    const now = this.now();
    // One statement either way; RETURNING yields no row when nothing was written.
    const { rows } =
      expectedVersion === 0
        ? await this.run<Omit<UserRow, 'data'>>('save user', this.sql.insertUser, [userId, json, now])
        : await this.run<Omit<UserRow, 'data'>>('save user', this.sql.updateUser, [json, now, userId, expectedVersion]);
    const saved = rows[0];
    if (saved === undefined) {
      throw skillshopError(
        'STORAGE_VERSION_CONFLICT',
        `User ${userId} was saved by someone else since it was read (expected version ${expectedVersion}). ` +
          'Read the user again, reapply the change, and save with the new version.',
        { details: { userId, expectedVersion } },
      );
    }
    return { userId, data: JSON.parse(json) as UserData, version: saved.version, createdAt: iso(saved.created_at), updatedAt: iso(saved.updated_at) };
  }

  /** Leaves purchase events and usage: they are what stops a retried delivery being applied twice. */
  async deleteUser(userId: string): Promise<void> {
    await this.run('delete user', this.sql.deleteUser, [userId]);
  }

  async recordPurchaseEvent(event: PurchaseEvent): Promise<boolean> {
    checkPurchaseEvent(event);
    const { rowCount } = await this.run('record purchase event', this.sql.insertEvent, [
      event.requestId,
      event.userId,
      event.name,
      event.productId ?? null,
      event.purchaseResult ?? null,
      event.statusCode,
      event.token ?? null,
      event.receivedAt || this.now(),
    ]);
    return rowCount === 1;
  }

  async listPurchaseEvents(userId: string): Promise<PurchaseEvent[]> {
    const { rows } = await this.run<EventRow>('list purchase events', this.sql.listEvents, [userId]);
    return rows.map(eventFromRow);
  }

  async getUsage(userId: string, referenceName: string): Promise<ConsumableUsage> {
    const { rows } = await this.run<{ used: string; version: number }>('read consumable usage', this.sql.getUsage, [userId, referenceName]);
    const row = rows[0];
    return row === undefined ? { used: 0, version: 0 } : { used: Number(row.used), version: row.version };
  }

  async consume(request: ConsumeRequest): Promise<ConsumeOutcome> {
    checkConsumeRequest(request);
    const { userId, referenceName, requestId, count, limit } = request;
    return this.transaction('consume', async (client) => {
      // The key first: a second delivery of this request blocks here until the first commits,
      // then finds the key taken and reads the outcome the first one recorded.
      const claimed = await client.query(this.sql.claimConsumption, [requestId, referenceName, userId, this.now()]);
      if (claimed.rowCount === 0) {
        const { rows } = await client.query<{ ok: boolean; used: string }>(this.sql.priorConsumption, [requestId, referenceName]);
        return { ok: rows[0]?.ok ?? false, used: Number(rows[0]?.used ?? 0), replayed: true };
      }
      // Conditional in the statement: the upsert re-checks `used + count <= limit` on the row
      // version it locks, so racing requests from any number of processes cannot overshoot.
      const updated = await client.query<{ used: string }>(this.sql.useUnits, [userId, referenceName, count, limit]);
      let used = updated.rows[0]?.used;
      const ok = used !== undefined;
      if (!ok) {
        // A new statement sees the latest committed row (which the failed upsert has locked).
        const current = await client.query<{ used: string }>(this.sql.getUsage, [userId, referenceName]);
        used = current.rows[0]?.used ?? '0';
      }
      await client.query(this.sql.recordOutcome, [requestId, referenceName, ok, used]);
      return { ok, used: Number(used), replayed: false };
    });
  }

  async setUsage(userId: string, referenceName: string, used: number, expectedUsed: number): Promise<boolean> {
    checkUsage(used, expectedUsed);
    // A missing row counts as used 0, so expectedUsed 0 may create it (an upsert with a condition).
    const { rowCount } =
      expectedUsed === 0
        ? await this.run('set consumable usage', this.sql.setUsageFromZero, [userId, referenceName, used])
        : await this.run('set consumable usage', this.sql.setUsage, [used, userId, referenceName, expectedUsed]);
    return rowCount === 1;
  }

  async saveResponse(requestId: string, userId: string, response: unknown, serialised?: string): Promise<void> {
    const json = encodeResponse(requestId, response, serialised);
    await this.run('save response', this.sql.insertResponse, [requestId, userId, json, this.now()]);
  }

  async getResponse(requestId: string): Promise<unknown | undefined> {
    // ::text, so the driver does not parse it: every call parses its own copy.
    const { rows } = await this.run<{ response: string }>('read response', this.sql.getResponse, [requestId]);
    return rows[0] === undefined ? undefined : (JSON.parse(rows[0].response) as unknown);
  }

  /**
   * Applies the migrations the schema lacks, under an advisory lock: a second process migrating at
   * the same time waits, then finds nothing left to do. Creates the schema if needed. Idempotent.
   */
  async migrate(): Promise<MigrationResult> {
    const pool = this.ensurePool();
    const client = await this.checkout(pool, 'migrate the schema');
    let broken: unknown;
    try {
      // Migrations may outlast the statement timeout meant for requests; the connection is
      // destroyed afterwards, so the setting dies with it.
      await client.query('SET statement_timeout = 0');
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`skillshop.migrate.${this.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS "${this.schema}".skillshop_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)`,
      );
      const found = await this.versionIn(client);
      this.refuseNewer(found);
      const applied: number[] = [];
      for (const migration of MIGRATIONS) {
        if (migration.version <= found) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql.replaceAll('{schema}', `"${this.schema}"`));
          await client.query(`INSERT INTO "${this.schema}".skillshop_migrations (version, applied_at) VALUES ($1, $2)`, [migration.version, this.now()]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
        applied.push(migration.version);
      }
      return { applied, version: POSTGRES_SCHEMA_VERSION };
    } catch (error) {
      broken = error;
      throw this.failure('migrate the schema', error);
    } finally {
      // Destroyed, not returned to the pool: that also releases the advisory lock.
      client.release(broken instanceof Error ? broken : true);
    }
  }

  /** The schema version in the database, without changing anything. */
  async status(): Promise<SchemaStatus> {
    const pool = this.ensurePool();
    const version = await this.guard('read the schema version', () => this.versionIn(pool));
    return { kind: this.kind, location: this.location, version, expected: POSTGRES_SCHEMA_VERSION };
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    this.opening = undefined;
    await pool?.end();
  }

  private now(): string {
    return isoTimestamp(this.clock.now());
  }

  /** The pool, created on first use (which loads `pg`); connecting happens per query. */
  private ensurePool(): Pool {
    if (this.pool !== undefined) return this.pool;
    const { Pool } = loadDriver(this.setting);
    const url = this.options.connectionString;
    if (url !== undefined) checkUrl(url, this.setting);
    const pool = new Pool({ ...POOL_DEFAULTS, ...this.options.pool, ...(url !== undefined ? { connectionString: url } : {}) });
    // An idle connection that breaks (the server restarted) is dropped by the pool, which then
    // emits 'error'; without a listener that would crash the process. The next query reconnects.
    pool.on('error', () => undefined);
    // The pool listens to a connection only while it is idle. One that breaks while checked out
    // for a transaction (the server went away mid-transaction) emits 'error' on its client, and
    // unheard that is an uncaught exception that ends the process. The query in flight fails on
    // its own, and the transaction then destroys the connection, so the event needs no handling.
    pool.on('connect', (client) => client.on('error', () => undefined));
    this.pool = pool;
    return pool;
  }

  private connect(): Promise<Pool> {
    this.opening ??= (async () => {
      const pool = this.ensurePool();
      let version = await this.guard('read the schema version', () => this.versionIn(pool));
      if (version < POSTGRES_SCHEMA_VERSION && this.options.autoMigrate) {
        version = (await this.migrate()).version;
      }
      this.refuseNewer(version);
      if (version < POSTGRES_SCHEMA_VERSION) {
        throw skillshopError(
          'STORAGE_UNAVAILABLE',
          `The PostgreSQL schema at ${this.location}, from ${this.setting}, is at version ${version}; this skillshop needs version ${POSTGRES_SCHEMA_VERSION}. ` +
            'Run `skillshop db migrate` (or set storage.autoMigrate to true in skillshop.json).',
          { details: { setting: this.setting, server: describeServer(this.options), schema: this.schema, version, expected: POSTGRES_SCHEMA_VERSION } },
        );
      }
      return pool;
    })();
    this.opening.catch(() => {
      this.opening = undefined; // the next call tries again: the server may be back
    });
    return this.opening;
  }

  /** 0 when the schema or its migrations table does not exist yet. */
  private async versionIn(db: Queryable): Promise<number> {
    const { rows } = await db.query<{ table: string | null }>('SELECT to_regclass($1) AS table', [`"${this.schema}".skillshop_migrations`]);
    if (rows[0]?.table == null) return 0;
    const found = await db.query<{ version: number | null }>(`SELECT max(version) AS version FROM "${this.schema}".skillshop_migrations`);
    return found.rows[0]?.version ?? 0;
  }

  private refuseNewer(version: number): void {
    if (version <= POSTGRES_SCHEMA_VERSION) return;
    throw skillshopError(
      'STORAGE_UNAVAILABLE',
      `The PostgreSQL schema at ${this.location} has version ${version}, but this skillshop knows only up to ${POSTGRES_SCHEMA_VERSION}. ` +
        'Upgrade skillshop, or set storage.schema to another schema.',
      { details: { setting: 'storage.schema', server: describeServer(this.options), schema: this.schema, version } },
    );
  }

  private async run<R extends QueryResultRow>(action: string, text: string, values: unknown[]) {
    const pool = await this.connect();
    return this.guard(action, () => pool.query<R>(text, values));
  }

  private async transaction<T>(action: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const pool = await this.connect();
    const client = await this.checkout(pool, action);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      // Destroy the connection rather than trust it: it may be the reason for the failure.
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      throw this.failure(action, error);
    }
  }

  private async checkout(pool: Pool, action: string): Promise<PoolClient> {
    return this.guard(action, () => pool.connect());
  }

  private async guard<T>(action: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw this.failure(action, error);
    }
  }

  private failure(action: string, error: unknown) {
    if (isSkillshopError(error) || error instanceof TypeError) return error;
    const code = (error as { code?: unknown } | undefined)?.code;
    const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
    const server = describeServer(this.options);
    const why = error instanceof Error ? error.message || error.name : String(error);
    const hint =
      sqlState === '42P01' || sqlState === '3F000'
        ? 'A table is missing: run `skillshop db migrate`.'
        : sqlState?.startsWith('28')
          ? `The server refused the login: check the user and password in ${this.setting}.`
          : sqlState === '3D000'
            ? `The database does not exist: create it, or fix the database name in ${this.setting}.`
            : sqlState === undefined || sqlState.startsWith('08') || sqlState.startsWith('57') || sqlState === '53300'
              ? `Check that the server is running and reachable, and that ${this.setting} names it; skillshop reconnects by itself once it is back.`
              : `Check the server's log; ${this.setting} names the database.`;
    return skillshopError(
      'STORAGE_UNAVAILABLE',
      `PostgreSQL at ${server} (${this.setting}) could not ${action}: ${why}. ${hint}`,
      { cause: error, details: { setting: this.setting, server, schema: this.schema, ...(sqlState ? { sqlState } : {}) } },
    );
  }
}

function statements(schema: string) {
  return {
    getUser: `SELECT data, version, created_at, updated_at FROM ${schema}.skillshop_users WHERE user_id = $1`,
    insertUser: `INSERT INTO ${schema}.skillshop_users (user_id, data, version, created_at, updated_at) VALUES ($1, $2::json, 1, $3, $3)
       ON CONFLICT (user_id) DO NOTHING RETURNING version, created_at, updated_at`,
    updateUser: `UPDATE ${schema}.skillshop_users SET data = $1::json, version = version + 1, updated_at = $2
       WHERE user_id = $3 AND version = $4 RETURNING version, created_at, updated_at`,
    deleteUser: `DELETE FROM ${schema}.skillshop_users WHERE user_id = $1`,
    insertEvent: `INSERT INTO ${schema}.skillshop_purchase_events
         (request_id, user_id, name, product_id, purchase_result, status_code, token, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (request_id) DO NOTHING`,
    listEvents: `SELECT request_id, user_id, name, product_id, purchase_result, status_code, token, received_at
       FROM ${schema}.skillshop_purchase_events WHERE user_id = $1 ORDER BY received_at, arrival`,
    getUsage: `SELECT used, version FROM ${schema}.skillshop_consumable_usage WHERE user_id = $1 AND reference_name = $2`,
    claimConsumption: `INSERT INTO ${schema}.skillshop_consumptions (request_id, reference_name, user_id, ok, used, created_at)
       VALUES ($1, $2, $3, false, 0, $4) ON CONFLICT (request_id, reference_name) DO NOTHING`,
    priorConsumption: `SELECT ok, used FROM ${schema}.skillshop_consumptions WHERE request_id = $1 AND reference_name = $2`,
    useUnits: `INSERT INTO ${schema}.skillshop_consumable_usage AS u (user_id, reference_name, used, version)
         SELECT $1, $2, $3::bigint, 1 WHERE $3::bigint <= $4::bigint
       ON CONFLICT (user_id, reference_name) DO UPDATE SET used = u.used + excluded.used, version = u.version + 1
         WHERE u.used + excluded.used <= $4::bigint
       RETURNING used`,
    recordOutcome: `UPDATE ${schema}.skillshop_consumptions SET ok = $3, used = $4 WHERE request_id = $1 AND reference_name = $2`,
    setUsage: `UPDATE ${schema}.skillshop_consumable_usage SET used = $1, version = version + 1
       WHERE user_id = $2 AND reference_name = $3 AND used = $4`,
    setUsageFromZero: `INSERT INTO ${schema}.skillshop_consumable_usage AS u (user_id, reference_name, used, version) VALUES ($1, $2, $3, 1)
       ON CONFLICT (user_id, reference_name) DO UPDATE SET used = excluded.used, version = u.version + 1 WHERE u.used = 0`,
    insertResponse: `INSERT INTO ${schema}.skillshop_responses (request_id, user_id, response, created_at) VALUES ($1, $2, $3::json, $4)
       ON CONFLICT (request_id) DO NOTHING`,
    getResponse: `SELECT response::text AS response FROM ${schema}.skillshop_responses WHERE request_id = $1`,
  };
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

/** `host:port/database`, from the URL or the pool settings; never the user's password. */
function describeServer(options: PostgresStoreOptions): string {
  const url = options.connectionString;
  if (url !== undefined) {
    try {
      const parsed = new URL(url);
      const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
      return `${host}:${parsed.port || '5432'}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
    } catch {
      return 'an unreadable URL';
    }
  }
  const pool = options.pool ?? {};
  return `${pool.host ?? process.env['PGHOST'] ?? 'localhost'}:${pool.port ?? process.env['PGPORT'] ?? 5432}${pool.database ? `/${pool.database}` : ''}`;
}

function checkUrl(url: string, setting: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol === 'postgres:' || protocol === 'postgresql:') return;
  throw skillshopError(
    'STORAGE_UNAVAILABLE',
    `${setting} is not a PostgreSQL URL${protocol ? ` (it starts with ${protocol})` : ''}; ` +
      `it must look like "postgres://user:password@host:5432/database". Fix ${setting}.`,
    { details: { setting } },
  );
}

const requireFromHere = createRequire(__filename);
function loadDriver(setting: string): typeof import('pg') {
  try {
    return requireFromHere('pg') as typeof import('pg');
  } catch (error) {
    throw skillshopError(
      'STORAGE_UNAVAILABLE',
      `The PostgreSQL driver failed to load (${error instanceof Error ? error.message : String(error)}). ` +
        `Install it with \`npm install pg\` where the skill runs, or change ${setting === 'DATABASE_URL' ? 'SKILLSHOP_STORAGE' : 'storage.type'}.`,
      { cause: error, details: { setting } },
    );
  }
}
