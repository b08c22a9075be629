/**
 * Storage: one Store interface, versioned rows, several implementations. createStore turns the
 * `storage` setting of skillshop.json into a Store.
 *
 * When skillshop.json has no `storage`, the environment variable SKILLSHOP_STORAGE picks one, so
 * CI, the simulator or a one-off run can switch stores without editing the project:
 *   SKILLSHOP_STORAGE=memory          keep nothing between runs
 *   SKILLSHOP_STORAGE=sqlite          the default file, <project>/.skillshop/data/skillshop.db
 *   SKILLSHOP_STORAGE=sqlite:<path>   another file; a relative path is relative to the project
 * A `storage` setting in skillshop.json always wins over the variable: what is written in the
 * project is what runs.
 */

import { isAbsolute, resolve } from 'node:path';
import type { Clock } from '../clock.js';
import { skillshopError } from '../errors.js';
import { MemoryStore } from './memory-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

export type { PurchaseEvent, Store, UserData, UserRecord } from './store.js';
export { MemoryStore, type MemoryStoreOptions } from './memory-store.js';
export { SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';

/** The `storage` setting: a store type, or a Store built by the skill itself (e.g. in app.ts). */
export type StorageConfig = { type: 'sqlite'; path?: string } | { type: 'memory' } | Store;

/** Where the SQLite file goes unless storage.path says otherwise, relative to the project. */
export const DEFAULT_SQLITE_PATH = '.skillshop/data/skillshop.db';

const STORAGE_TYPES = ['sqlite', 'memory'] as const;

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
 * createStore(new MyDynamoStore(), dir);                          // passed through as is
 */
export function createStore(config: StorageConfig | undefined, projectDir: string, options: CreateStoreOptions = {}): Store {
  const clock = options.clock === undefined ? {} : { clock: options.clock };
  const sqliteAt = (path: string) => new SqliteStore({ path: isAbsolute(path) ? path : resolve(projectDir, path), ...clock });

  if (config === undefined) {
    const fromEnv = (options.env ?? process.env)['SKILLSHOP_STORAGE']?.trim();
    if (fromEnv === undefined || fromEnv === '' || fromEnv === 'sqlite') return sqliteAt(DEFAULT_SQLITE_PATH);
    if (fromEnv === 'memory') return new MemoryStore(clock);
    if (fromEnv.startsWith('sqlite:') && fromEnv.length > 'sqlite:'.length) return sqliteAt(fromEnv.slice('sqlite:'.length));
    throw skillshopError(
      'CONFIG_INVALID',
      `SKILLSHOP_STORAGE is ${JSON.stringify(fromEnv)}; use "memory", "sqlite" or "sqlite:<path of the database file>", or unset it.`,
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
  throw skillshopError(
    'CONFIG_INVALID',
    `storage.type is ${JSON.stringify(type)}; it must be one of ${STORAGE_TYPES.map((t) => `"${t}"`).join(', ')}, ` +
      'or pass a Store object built in code.',
    { details: { setting: 'storage.type', value: type, allowed: [...STORAGE_TYPES] } },
  );
}

/** Duck-typed so a Store from another copy of skillshop, or a user's own class, is accepted. */
function isStore(value: object): value is Store {
  const candidate = value as Partial<Record<keyof Store, unknown>>;
  return typeof candidate.getUser === 'function' && typeof candidate.saveUser === 'function';
}
