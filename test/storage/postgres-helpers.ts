/**
 * The PostgreSQL the storage tests use: SKILLSHOP_TEST_POSTGRES_URL, by default the local server
 * at postgres://postgres@127.0.0.1:5432/test. Each test run works in schemas of its own
 * (skillshop_test_<pid>_<random>_<n>) and drops them afterwards.
 *
 * When the server cannot be reached the tests skip with a message, except under CI=true, where
 * they fail: CI must not pass by testing nothing.
 */
import { randomBytes } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';

export const TEST_POSTGRES_URL = process.env['SKILLSHOP_TEST_POSTGRES_URL'] || 'postgres://postgres@127.0.0.1:5432/test';

const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
let schemaCount = 0;
const schemas: string[] = [];

/** A fresh schema name, dropped by dropTestSchemas(). */
export function testSchema(): string {
  const name = `skillshop_test_${runId}_${++schemaCount}`;
  schemas.push(name);
  return name;
}

let admin: pg.Pool | undefined;

/** A pool of the tests' own, for looking at the database the way an operator would. */
export function adminPool(): pg.Pool {
  admin ??= new pg.Pool({ connectionString: TEST_POSTGRES_URL, max: 2, connectionTimeoutMillis: 2000 });
  return admin;
}

/** Resolves undefined when the server answers, else why not. */
export async function postgresUnreachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Registers what stands in for the PostgreSQL tests when there is no server: a skip, or under CI a failure. */
export function reportUnreachable(why: string): void {
  const message =
    `PostgreSQL is not reachable at ${TEST_POSTGRES_URL} (${why}). Start it, or point SKILLSHOP_TEST_POSTGRES_URL ` +
    'at a server where the tests may create and drop schemas.';
  if (process.env['CI'] === 'true') {
    it('PostgreSQL is reachable (required under CI=true)', () => assert.fail(message));
  } else {
    it('PostgreSQL store tests', { skip: message }, () => undefined);
  }
}

export async function dropTestSchemas(): Promise<void> {
  if (schemas.length === 0 && admin === undefined) return;
  const pool = adminPool();
  for (const schema of schemas.splice(0)) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  admin = undefined;
  await pool.end();
}

/**
 * A TCP proxy in front of the test server: stop() is the server going away (every connection
 * cut, new ones refused), start() is it coming back on the same port.
 */
export async function postgresProxy(): Promise<{ url: string; stop(): Promise<void>; start(): Promise<void>; close(): Promise<void> }> {
  const target = new URL(TEST_POSTGRES_URL);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((incoming) => {
        const outgoing = connect(Number(target.port || 5432), target.hostname);
        for (const socket of [incoming, outgoing]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        incoming.pipe(outgoing).pipe(incoming);
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        port = (next.address() as { port: number }).port;
        server = next;
        resolve();
      });
    });
  const stop = async () => {
    for (const socket of sockets) socket.destroy();
    const closing = server;
    server = undefined;
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  await start();
  const url = new URL(TEST_POSTGRES_URL);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return { url: url.href, start, stop, close: stop };
}
