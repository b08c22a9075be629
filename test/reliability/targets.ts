/**
 * The stores the reliability checks run against. Each check takes a StoreTarget, so a new store
 * is one more entry here: how to build an empty one in process, what `storage` setting a
 * `skillshop run` child gets for it, and why it cannot run on this machine (if it cannot).
 *
 * `postgres` works in a fresh schema per call (SKILLSHOP_TEST_POSTGRES_URL, as the storage tests;
 * dropped by cleanup) and `dynamodb` in a fresh table of a dynalite the target starts on loopback
 * (in this process: the `skillshop run` children reach it over HTTP, so two can share it).
 * An unreachable PostgreSQL skips its checks with a message, but fails them under CI=true.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { DynamoDbStore } from '../../src/storage/dynamodb-store';
import { MemoryStore } from '../../src/storage/memory-store';
import { PostgresStore } from '../../src/storage/postgres-store';
import { SqliteStore } from '../../src/storage/sqlite-store';
import type { Store } from '../../src/storage/store';
import { TEST_POSTGRES_URL } from '../storage/postgres-helpers';

export interface StoreTarget {
  readonly name: string;
  /** Several `skillshop run` processes may share it (a database); the memory store lives in one. */
  readonly sharedAcrossProcesses: boolean;
  /** Why it cannot run here (no database configured, a store not implemented yet), or undefined. */
  unavailable(): string | undefined;
  /** Under CI=true an unavailable target fails instead of skipping (CI must not pass by testing nothing). */
  readonly requiredUnderCi?: boolean;
  /** Starts what the target needs (a local server) before projectStorage() / serverEnv(). */
  start?(): Promise<void>;
  /** Environment for `skillshop run` children (e.g. dummy AWS credentials). */
  serverEnv?(): Record<string, string>;
  /** A new, empty store for in-process checks. */
  createStore(): Promise<Store>;
  /** The `storage` setting of skillshop.json for `skillshop run` children: new and empty, shared by all children of one call. */
  projectStorage(): Record<string, unknown>;
  /** Removes what the target created (files, schemas). */
  cleanup(): Promise<void>;
}

const STORE_METHODS = ['getUsage', 'consume', 'setUsage', 'saveResponse', 'getResponse'] as const;

/** A store class that does not implement the whole interface yet cannot be tested yet. */
function missingMethods(prototype: object): string | undefined {
  const missing = STORE_METHODS.filter((name) => typeof (prototype as Record<string, unknown>)[name] !== 'function');
  return missing.length > 0 ? `the store has no ${missing.join(', ')} yet` : undefined;
}

export function memoryTarget(): StoreTarget {
  return {
    name: 'memory',
    sharedAcrossProcesses: false,
    unavailable: () => undefined,
    createStore: async () => new MemoryStore(),
    projectStorage: () => ({ type: 'memory' }),
    cleanup: async () => undefined,
  };
}

export function sqliteTarget(): StoreTarget {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'skillshop-reliability-'));
    dirs.push(dir);
    return join(dir, 'skillshop.db');
  };
  return {
    name: 'sqlite',
    sharedAcrossProcesses: true,
    unavailable: () => missingMethods(SqliteStore.prototype),
    createStore: async () => {
      const store = new SqliteStore({ path: fresh() });
      await store.open();
      return store;
    },
    projectStorage: () => ({ type: 'sqlite', path: fresh() }),
    cleanup: async () => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

let postgresProbe: string | null | undefined;

/** Why PostgreSQL cannot be reached (probed once, synchronously, in a child), or undefined. */
function postgresUnreachableSync(): string | undefined {
  if (postgresProbe === undefined) {
    const probe = spawnSync(
      process.execPath,
      ['-e', `const pg = require('pg'); const c = new pg.Client({ connectionString: process.argv[1], connectionTimeoutMillis: 2000 });
c.connect().then(() => c.query('SELECT 1')).then(() => c.end()).catch((e) => { console.error(e.message || e.name); process.exit(1); });`, TEST_POSTGRES_URL],
      { encoding: 'utf8', timeout: 10_000 },
    );
    postgresProbe = probe.status === 0 ? null : (probe.stderr.trim() || `probe exited with ${String(probe.status)}`);
  }
  return postgresProbe === null ? undefined : `PostgreSQL is not reachable at ${TEST_POSTGRES_URL} (${postgresProbe}); start it or set SKILLSHOP_TEST_POSTGRES_URL`;
}

export function postgresTarget(): StoreTarget {
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const schemas: string[] = [];
  const fresh = () => {
    const schema = `skillshop_rel_${runId}_${schemas.length + 1}`;
    schemas.push(schema);
    return schema;
  };
  return {
    name: 'postgres',
    sharedAcrossProcesses: true,
    requiredUnderCi: true,
    unavailable: () => postgresUnreachableSync() ?? missingMethods(PostgresStore.prototype),
    createStore: async () => {
      const store = new PostgresStore({ connectionString: TEST_POSTGRES_URL, schema: fresh(), autoMigrate: true });
      await store.open();
      return store;
    },
    projectStorage: () => ({ type: 'postgres', url: TEST_POSTGRES_URL, schema: fresh(), autoMigrate: true }),
    cleanup: async () => {
      if (schemas.length === 0) return;
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 5000 });
      await client.connect();
      try {
        for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

// The SDK warns once per process that it will need Node 22 from 2027; not news for these checks.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const DUMMY_AWS = { accessKeyId: 'reliability', secretAccessKey: 'reliability' };

export function dynamodbTarget(): StoreTarget {
  let server: Server | undefined;
  let endpoint: string | undefined;
  let tables = 0;
  const runId = randomBytes(3).toString('hex');
  const start = async () => {
    if (server) return;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dynalite = require('dynalite') as (options: { createTableMs?: number }) => Server;
    const made = dynalite({ createTableMs: 0 });
    await new Promise<void>((resolve) => made.listen(0, '127.0.0.1', resolve));
    server = made;
    endpoint = `http://127.0.0.1:${(made.address() as { port: number }).port}`;
  };
  const table = () => `skillshop-rel-${runId}-${++tables}`;
  return {
    name: 'dynamodb',
    sharedAcrossProcesses: true,
    unavailable: () => missingMethods(DynamoDbStore.prototype),
    start,
    serverEnv: () => ({ AWS_ACCESS_KEY_ID: DUMMY_AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: DUMMY_AWS.secretAccessKey, AWS_REGION: 'us-east-1' }),
    createStore: async () => {
      await start();
      const store = new DynamoDbStore({ table: table(), endpoint: endpoint!, region: 'us-east-1', credentials: DUMMY_AWS, createTable: true });
      await store.open();
      return store;
    },
    projectStorage: () => {
      if (!endpoint) throw new Error('dynamodb target: call start() before projectStorage()');
      return { type: 'dynamodb', table: table(), endpoint, region: 'us-east-1', createTable: true };
    },
    cleanup: async () => {
      const closing = server;
      server = undefined;
      endpoint = undefined;
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
}

/**
 * describe() per target: skipped with its reason when it cannot run here, or — for a target
 * required under CI=true — a failing test saying why.
 */
export function describeTargets(targets: StoreTarget[], title: (target: StoreTarget) => string, body: (target: StoreTarget) => void): void {
  for (const target of targets) {
    const why = target.unavailable();
    if (why !== undefined && target.requiredUnderCi && process.env['CI'] === 'true') {
      describe(title(target), () => {
        it(`${target.name} is available (required under CI=true)`, () => assert.fail(why));
      });
      continue;
    }
    describe(title(target), { skip: why }, () => body(target));
  }
}

/** Every target; SKILLSHOP_RELIABILITY_STORES=sqlite,memory picks some. */
export function storeTargets(): StoreTarget[] {
  const all = [memoryTarget(), sqliteTarget(), postgresTarget(), dynamodbTarget()];
  const chosen = process.env.SKILLSHOP_RELIABILITY_STORES?.split(',').map((name) => name.trim()).filter(Boolean);
  return chosen && chosen.length > 0 ? all.filter((target) => chosen.includes(target.name)) : all;
}
