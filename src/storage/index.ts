/**
 * Storage: one Store interface, versioned rows, several implementations. createStore turns the
 * `storage` setting of skillshop.json into a Store.
 *
 * When skillshop.json has no `storage`, the environment variable SKILLSHOP_STORAGE picks one, so
 * CI, the simulator or a one-off run can switch stores without editing the project:
 *   SKILLSHOP_STORAGE=memory          keep nothing between runs
 *   SKILLSHOP_STORAGE=sqlite          the default file, <project>/.skillshop/data/skillshop.db
 *   SKILLSHOP_STORAGE=sqlite:<path>   another file; a relative path is relative to the project
 *   SKILLSHOP_STORAGE=postgres        PostgreSQL at DATABASE_URL
 *   SKILLSHOP_STORAGE=dynamodb        DynamoDB table `skillshop`; dynamodb:<table> for another table
 * and with neither a setting nor SKILLSHOP_STORAGE, a DATABASE_URL of postgres://… picks PostgreSQL.
 * A `storage` setting in skillshop.json always wins over the variables: what is written in the
 * project is what runs.
 *
 * The PostgreSQL and DynamoDB stores load their drivers (`pg`, the AWS SDK) only when they first
 * connect, so a skill on SQLite never pays for them.
 */

import { isAbsolute, resolve } from 'node:path';
import type { Clock } from '../clock.js';
import { skillshopError } from '../errors.js';
import { DynamoDbStore, DEFAULT_DYNAMODB_TABLE } from './dynamodb-store.js';
import { MemoryStore } from './memory-store.js';
import { PostgresStore } from './postgres-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

export type { ConsumableUsage, ConsumeOutcome, ConsumeRequest, PurchaseEvent, Store, UserData, UserRecord } from './store.js';
export type { MigratableStore, MigrationResult, SchemaStatus, TableStore } from './admin.js';
export { isMigratableStore, isTableStore } from './admin.js';
export { MemoryStore, type MemoryStoreOptions } from './memory-store.js';
export { SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export { PostgresStore, POSTGRES_SCHEMA_VERSION, type PostgresStoreOptions } from './postgres-store.js';
export { DynamoDbStore, DEFAULT_DYNAMODB_TABLE, type DynamoDbStoreOptions } from './dynamodb-store.js';

export interface PostgresStorageConfig {
  type: 'postgres';
  /** postgres://user:password@host:5432/database. Default: the DATABASE_URL environment variable (better for a password). */
  url?: string;
  /** The schema holding skillshop's tables. Default `public`. */
  schema?: string;
  /** Let the skill apply schema migrations when it starts. Default false: run `skillshop db migrate`. */
  autoMigrate?: boolean;
}

export interface DynamoDbStorageConfig {
  type: 'dynamodb';
  /** Default `skillshop`. */
  table?: string;
  /** Default: the AWS SDK's (AWS_REGION, the profile). */
  region?: string;
  /** Another endpoint, e.g. a local DynamoDB: http://127.0.0.1:8000. Default: AWS's. */
  endpoint?: string;
  /** Create the table when the skill starts if it is missing. Default false: run `skillshop db create-table`. */
  createTable?: boolean;
}

/** The `storage` setting: a store type, or a Store built by the skill itself (e.g. in app.ts). */
export type StorageConfig =
  | { type: 'sqlite'; path?: string }
  | { type: 'memory' }
  | PostgresStorageConfig
  | DynamoDbStorageConfig
  | Store;

/** Where the SQLite file goes unless storage.path says otherwise, relative to the project. */
export const DEFAULT_SQLITE_PATH = '.skillshop/data/skillshop.db';

const STORAGE_TYPES = ['sqlite', 'memory', 'postgres', 'dynamodb'] as const;

export interface CreateStoreOptions {
  /** Defaults to process.env; tests pass their own. */
  env?: Readonly<Record<string, string | undefined>>;
  clock?: Clock;
}

/**
 * @example
 * createStore(undefined, '/projects/cave-quest');                 // SQLite at .skillshop/data/skillshop.db
 * createStore({ type: 'sqlite', path: 'data/users.db' }, dir);    // SQLite at <dir>/data/users.db
 * createStore({ type: 'memory' }, dir);
 * createStore({ type: 'postgres', schema: 'skills' }, dir);       // PostgreSQL at DATABASE_URL
 * createStore({ type: 'dynamodb', table: 'cave-quest' }, dir);    // DynamoDB, region from AWS_REGION
 * createStore(new MyOwnStore(), dir);                             // passed through as is
 */
export function createStore(config: StorageConfig | undefined, projectDir: string, options: CreateStoreOptions = {}): Store {
  const clock = options.clock === undefined ? {} : { clock: options.clock };
  const sqliteAt = (path: string) => new SqliteStore({ path: isAbsolute(path) ? path : resolve(projectDir, path), ...clock });

  const env = options.env ?? process.env;

  if (config === undefined) {
    const fromEnv = env['SKILLSHOP_STORAGE']?.trim();
    const databaseUrl = env['DATABASE_URL']?.trim();
    if ((fromEnv === undefined || fromEnv === '') && databaseUrl && /^postgres(ql)?:/i.test(databaseUrl)) {
      return postgres({ type: 'postgres' }, env, clock);
    }
    if (fromEnv === undefined || fromEnv === '' || fromEnv === 'sqlite') return sqliteAt(DEFAULT_SQLITE_PATH);
    if (fromEnv === 'memory') return new MemoryStore(clock);
    if (fromEnv.startsWith('sqlite:') && fromEnv.length > 'sqlite:'.length) return sqliteAt(fromEnv.slice('sqlite:'.length));
    if (fromEnv === 'postgres') {
      if (!databaseUrl) {
        throw skillshopError(
          'CONFIG_INVALID',
          'SKILLSHOP_STORAGE is "postgres" but DATABASE_URL is not set; set DATABASE_URL to postgres://user:password@host:5432/database.',
          { details: { setting: 'DATABASE_URL' } },
        );
      }
      return postgres({ type: 'postgres' }, env, clock);
    }
    if (fromEnv === 'dynamodb') return dynamodb({ type: 'dynamodb' }, clock);
    if (fromEnv.startsWith('dynamodb:') && fromEnv.length > 'dynamodb:'.length) {
      return dynamodb({ type: 'dynamodb', table: fromEnv.slice('dynamodb:'.length) }, clock);
    }
    throw skillshopError(
      'CONFIG_INVALID',
      `SKILLSHOP_STORAGE is ${JSON.stringify(fromEnv)}; use "memory", "sqlite", "sqlite:<path of the database file>", ` +
        '"postgres" (with DATABASE_URL), "dynamodb" or "dynamodb:<table>", or unset it.',
      { details: { setting: 'SKILLSHOP_STORAGE', value: fromEnv } },
    );
  }

  if (typeof config !== 'object' || config === null) {
    throw skillshopError(
      'CONFIG_INVALID',
      `storage in skillshop.json must be an object such as { "type": "sqlite" } or { "type": "memory" }, got ${JSON.stringify(config)}.`,
      { details: { setting: 'storage' } },
    );
  }
  if (isStore(config)) return config;

  const type: unknown = (config as { type?: unknown }).type;
  if (type === 'memory') return new MemoryStore(clock);
  if (type === 'sqlite') {
    const path: unknown = (config as { path?: unknown }).path;
    if (path === undefined) return sqliteAt(DEFAULT_SQLITE_PATH);
    if (typeof path !== 'string' || path.trim() === '') {
      throw skillshopError(
        'CONFIG_INVALID',
        `storage.path must be the path of the SQLite database file (relative to the project), got ${JSON.stringify(path)}; ` +
          `leave it out to use ${DEFAULT_SQLITE_PATH}.`,
        { details: { setting: 'storage.path', value: path } },
      );
    }
    return sqliteAt(path);
  }
  if (type === 'postgres') return postgres(config as PostgresStorageConfig, env, clock);
  if (type === 'dynamodb') return dynamodb(config as DynamoDbStorageConfig, clock);
  throw skillshopError(
    'CONFIG_INVALID',
    `storage.type is ${JSON.stringify(type)}; it must be one of ${STORAGE_TYPES.map((t) => `"${t}"`).join(', ')}, ` +
      'or pass a Store object built in code.',
    { details: { setting: 'storage.type', value: type, allowed: [...STORAGE_TYPES] } },
  );
}

function postgres(config: PostgresStorageConfig, env: Readonly<Record<string, string | undefined>>, clock: { clock?: Clock }): Store {
  optionalString(config, 'url', 'postgres://user:password@host:5432/database; or leave it out and set DATABASE_URL');
  optionalString(config, 'schema', 'the name of a PostgreSQL schema');
  optionalBoolean(config, 'autoMigrate');
  const fromConfig = config.url !== undefined;
  const url = config.url ?? env['DATABASE_URL']?.trim();
  if (!url) {
    throw skillshopError(
      'CONFIG_INVALID',
      'storage.type is "postgres" but there is no database URL: set DATABASE_URL (better for a password) or storage.url ' +
        'to postgres://user:password@host:5432/database.',
      { details: { setting: 'storage.url' } },
    );
  }
  return new PostgresStore({
    connectionString: url,
    setting: fromConfig ? 'storage.url' : 'DATABASE_URL',
    ...(config.schema !== undefined ? { schema: config.schema } : {}),
    ...(config.autoMigrate !== undefined ? { autoMigrate: config.autoMigrate } : {}),
    ...clock,
  });
}

function dynamodb(config: DynamoDbStorageConfig, clock: { clock?: Clock }): Store {
  optionalString(config, 'table', `the name of a DynamoDB table; leave it out for "${DEFAULT_DYNAMODB_TABLE}"`);
  optionalString(config, 'region', 'an AWS region such as "us-east-1"; leave it out to use AWS_REGION');
  optionalString(config, 'endpoint', 'a URL such as "http://127.0.0.1:8000"; leave it out for AWS');
  optionalBoolean(config, 'createTable');
  if (config.endpoint !== undefined && !/^https?:\/\/[^/]/.test(config.endpoint)) {
    throw skillshopError('CONFIG_INVALID', `storage.endpoint must be an http(s) URL such as "http://127.0.0.1:8000", got ${JSON.stringify(config.endpoint)}.`, {
      details: { setting: 'storage.endpoint', value: config.endpoint },
    });
  }
  return new DynamoDbStore({
    ...(config.table !== undefined ? { table: config.table } : {}),
    ...(config.region !== undefined ? { region: config.region } : {}),
    ...(config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
    ...(config.createTable !== undefined ? { createTable: config.createTable } : {}),
    ...clock,
  });
}

function optionalString(config: object, key: string, expected: string): void {
  const value: unknown = (config as Record<string, unknown>)[key];
  if (value === undefined || (typeof value === 'string' && value.trim() !== '')) return;
  throw skillshopError('CONFIG_INVALID', `storage.${key} must be ${expected}, got ${JSON.stringify(value)}.`, {
    details: { setting: `storage.${key}`, value },
  });
}

function optionalBoolean(config: object, key: string): void {
  const value: unknown = (config as Record<string, unknown>)[key];
  if (value === undefined || typeof value === 'boolean') return;
  throw skillshopError('CONFIG_INVALID', `storage.${key} must be true or false, got ${JSON.stringify(value)}.`, {
    details: { setting: `storage.${key}`, value },
  });
}

/** Duck-typed so a Store from another copy of skillshop, or a user's own class, is accepted. */
function isStore(value: object): value is Store {
  const candidate = value as Partial<Record<keyof Store, unknown>>;
  return typeof candidate.getUser === 'function' && typeof candidate.saveUser === 'function';
}
