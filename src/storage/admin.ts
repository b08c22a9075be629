/**
 * What `skillshop db` asks of a store beyond the Store interface: schema versions and tables.
 * Optional: a store without them (memory, a store built in code) has nothing to set up.
 */

export interface MigrationResult {
  /** The migrations this call applied, oldest first; empty when the schema was already current. */
  applied: number[];
  /** The schema version after the call. */
  version: number;
}

export interface SchemaStatus {
  kind: string;
  /** Where the data lives, without secrets: a file, `host:port/database (schema x)`, a table and region. */
  location: string;
  /** The schema version found (0: nothing set up yet). */
  version: number;
  /** The schema version this skillshop needs. */
  expected: number;
  /** Anything else worth saying (a missing file, the table's state). */
  note?: string;
}

/** A store whose schema is versioned (SQLite, PostgreSQL). */
export interface MigratableStore {
  migrate(): Promise<MigrationResult>;
  status(): Promise<SchemaStatus>;
}

/** A store whose tables are created on request (DynamoDB). */
export interface TableStore {
  /** Creates the table if missing and resolves once it is ACTIVE. Resolves true when it created it. */
  createTable(): Promise<boolean>;
  status(): Promise<SchemaStatus>;
}

export function isMigratableStore(store: object): store is MigratableStore {
  const candidate = store as Partial<MigratableStore>;
  return typeof candidate.migrate === 'function' && typeof candidate.status === 'function';
}

export function isTableStore(store: object): store is TableStore {
  const candidate = store as Partial<TableStore>;
  return typeof candidate.createTable === 'function' && typeof candidate.status === 'function';
}
