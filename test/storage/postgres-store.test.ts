import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, afterEach, describe, it } from 'node:test';
import { fixedClock } from '../../src/clock.js';
import { isSkillshopError } from '../../src/errors.js';
import { createStore } from '../../src/storage/index.js';
import { POSTGRES_SCHEMA_VERSION, PostgresStore, type PostgresStoreOptions } from '../../src/storage/postgres-store.js';
import { storeContract } from './contract.js';
import {
  adminPool,
  dropTestSchemas,
  postgresProxy,
  postgresUnreachable,
  reportUnreachable,
  TEST_POSTGRES_URL,
  testSchema,
} from './postgres-helpers.js';

const T0 = '2024-05-01T10:00:00.000Z';
const TABLES = [
  'skillshop_users', 'skillshop_purchase_events', 'skillshop_consumable_usage', 'skillshop_consumptions', 'skillshop_responses',
];

after(dropTestSchemas);

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function unavailable(setting: string, ...mentions: (string | RegExp)[]) {
  return (error: unknown) => {
    assert.ok(isSkillshopError(error, 'STORAGE_UNAVAILABLE'), `expected STORAGE_UNAVAILABLE, got ${String(error)}`);
    assert.ok(error.message.includes(setting), `message should name ${setting}: ${error.message}`);
    for (const mention of mentions) {
      if (typeof mention === 'string') assert.ok(error.message.includes(mention), `message should mention ${mention}: ${error.message}`);
      else assert.match(error.message, mention);
    }
    assert.equal(error.details['setting'], setting);
    return true;
  };
}

describe('PostgresStore', async () => {
  const unreachable = await postgresUnreachable();
  if (unreachable !== undefined) {
    reportUnreachable(unreachable);
    return;
  }

  const contractSchema = testSchema();
  storeContract('PostgresStore', async (clock) => {
    // One schema for the contract, emptied before each test: a fresh schema per test would
    // spend most of the suite's time on migrations.
    const store = new PostgresStore({ connectionString: TEST_POSTGRES_URL, schema: contractSchema, autoMigrate: true, clock });
    await store.open();
    await adminPool().query(`TRUNCATE ${TABLES.map((table) => `"${contractSchema}".${table}`).join(', ')} RESTART IDENTITY`);
    return store;
  });

  describe('specifics', () => {
    const stores: PostgresStore[] = [];
    function store(options: Partial<PostgresStoreOptions> = {}): PostgresStore {
      const made = new PostgresStore({ connectionString: TEST_POSTGRES_URL, clock: fixedClock(T0), ...options });
      stores.push(made);
      return made;
    }
    afterEach(async () => {
      await Promise.all(stores.splice(0).map((made) => made.close()));
    });

    async function migrationRows(schema: string) {
      const { rows } = await adminPool().query(`SELECT version, applied_at FROM "${schema}".skillshop_migrations ORDER BY version`);
      return rows.map((row: { version: number; applied_at: Date }) => ({ version: row.version, appliedAt: row.applied_at.toISOString() }));
    }

    it('refuses to open an unmigrated schema, saying to run `skillshop db migrate`', async () => {
      const schema = testSchema();
      await assert.rejects(store({ schema }).open(), unavailable('storage.url', 'skillshop db migrate', `schema ${schema}`, 'version 0'));
      // Nothing was created: status says version 0, and the schema does not exist.
      assert.deepEqual(await store({ schema }).status(), {
        kind: 'postgres', location: `127.0.0.1:5432/test (schema ${schema})`, version: 0, expected: POSTGRES_SCHEMA_VERSION,
      });
      const { rows } = await adminPool().query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      assert.equal(rows.length, 0);
    });

    it('migrates idempotently: the versions once, then nothing', async () => {
      const schema = testSchema();
      const first = store({ schema });
      assert.deepEqual(await first.migrate(), { applied: [1, 2], version: 2 });
      assert.deepEqual(await first.migrate(), { applied: [], version: 2 });
      await first.open();
      assert.deepEqual(await store({ schema }).migrate(), { applied: [], version: 2 });
      assert.deepEqual(await migrationRows(schema), [{ version: 1, appliedAt: T0 }, { version: 2, appliedAt: T0 }]);
      assert.equal((await first.status()).version, 2);
    });

    it('applies each migration once when several stores migrate at the same moment', async () => {
      const schema = testSchema();
      const results = await Promise.all(Array.from({ length: 4 }, () => store({ schema, autoMigrate: true }).migrate()));
      assert.deepEqual(results.flatMap((result) => result.applied).sort(), [1, 2]);
      assert.deepEqual(await migrationRows(schema), [{ version: 1, appliedAt: T0 }, { version: 2, appliedAt: T0 }]);
      // And via open() with autoMigrate, racing on a schema of its own.
      const other = testSchema();
      await Promise.all([store({ schema: other, autoMigrate: true }).open(), store({ schema: other, autoMigrate: true }).open()]);
      assert.equal((await migrationRows(other)).length, 2);
    });

    it('refuses a schema migrated by a newer skillshop', async () => {
      const schema = testSchema();
      await store({ schema }).migrate();
      await adminPool().query(`INSERT INTO "${schema}".skillshop_migrations VALUES (999, now())`);
      await assert.rejects(store({ schema }).open(), unavailable('storage.schema', /version 999.*Upgrade skillshop/));
      await assert.rejects(store({ schema }).migrate(), unavailable('storage.schema', /version 999/));
    });

    it('lets exactly one of two pools racing on one user win, every time', async () => {
      const schema = testSchema();
      const a = store({ schema, autoMigrate: true });
      const b = store({ schema, autoMigrate: true });
      await a.open();
      for (let round = 0; round < 10; round++) {
        const user = `u-${round}`;
        const expected = round % 2;
        if (expected === 1) await a.saveUser(user, {}, 0);
        const results = await Promise.allSettled([a.saveUser(user, { by: 'a' }, expected), b.saveUser(user, { by: 'b' }, expected)]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, `round ${round}`);
        const lost = results.find((r) => r.status === 'rejected');
        assert.ok(lost && isSkillshopError(lost.reason, 'STORAGE_VERSION_CONFLICT'));
      }
    });

    it('never goes over the limit when two pools race to consume, and consumes a retry once', async () => {
      const schema = testSchema();
      const a = store({ schema, autoMigrate: true });
      const b = store({ schema, autoMigrate: true });
      await a.open();
      const request = { userId: 'u', referenceName: 'hints', count: 1, limit: 30 };
      const outcomes = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).consume({ ...request, requestId: `r-${i % 50}` })),
      );
      // 50 distinct requests, 10 of them delivered twice (once through each pool).
      assert.equal(outcomes.filter((outcome) => !outcome.replayed).length, 50);
      const fresh = outcomes.filter((outcome) => !outcome.replayed && outcome.ok);
      assert.deepEqual(fresh.map((outcome) => outcome.used).sort((x, y) => x - y), Array.from({ length: 30 }, (_, i) => i + 1));
      assert.deepEqual(await b.getUsage('u', 'hints'), { used: 30, version: 30 });
    });

    it('keeps user data as json and events, usage and consumptions as rows an operator can read', async () => {
      const schema = testSchema();
      const made = store({ schema, autoMigrate: true });
      await made.saveUser('u', { hints: 3 }, 0);
      await made.consume({ userId: 'u', referenceName: 'hints', count: 2, limit: 5, requestId: 'r1' });
      const { rows } = await adminPool().query(
        `SELECT u.data->>'hints' AS hints, pg_typeof(u.data)::text AS type, c.used, c.ok
         FROM "${schema}".skillshop_users u, "${schema}".skillshop_consumptions c WHERE u.user_id = 'u'`,
      );
      assert.deepEqual(rows, [{ hints: '3', type: 'json', used: '2', ok: true }]);
    });

    it('reports a row whose data is not a JSON object as STORAGE_CORRUPT', async () => {
      const schema = testSchema();
      const made = store({ schema, autoMigrate: true });
      await made.open();
      await adminPool().query(`INSERT INTO "${schema}".skillshop_users VALUES ('broken', '[1]', 1, now(), now())`);
      await assert.rejects(made.getUser('broken'), (error: unknown) => isSkillshopError(error, 'STORAGE_CORRUPT') && /broken/.test(error.message));
    });

    it('reports a URL that is not a PostgreSQL URL as STORAGE_UNAVAILABLE naming the setting', async () => {
      for (const url of ['not a url', 'mysql://root@127.0.0.1/skills']) {
        await assert.rejects(store({ connectionString: url, setting: 'DATABASE_URL' }).open(), unavailable('DATABASE_URL', 'postgres://'));
      }
      const fromConfig = createStore({ type: 'postgres', url: 'http://db.example.com' }, '/projects/x', { env: {} });
      await assert.rejects(fromConfig.open(), unavailable('storage.url'));
      await fromConfig.close();
    });

    it('reports a server that is not there as STORAGE_UNAVAILABLE naming the setting and the host, quickly and without the password', async () => {
      const port = await closedPort();
      const started = Date.now();
      const made = createStore(undefined, '/projects/x', { env: { DATABASE_URL: `postgres://skill:s3cret@127.0.0.1:${port}/skills` } });
      assert.ok(made instanceof PostgresStore);
      stores.push(made);
      await assert.rejects(made.open(), (error: unknown) => {
        unavailable('DATABASE_URL', `127.0.0.1:${port}/skills`, /running and reachable/)(error);
        assert.ok(!(error as Error).message.includes('s3cret'), 'the password must not be in the message');
        assert.ok(!JSON.stringify((error as { details: unknown }).details).includes('s3cret'));
        return true;
      });
      // Every call fails the same way (and tries again: nothing is cached broken).
      await assert.rejects(made.getUser('u'), unavailable('DATABASE_URL', `127.0.0.1:${port}`));
      assert.ok(Date.now() - started < 3000, 'a refused connection fails at once');
    });

    it('answers STORAGE_UNAVAILABLE while the server is gone, and recovers by itself when it is back', async () => {
      const schema = testSchema();
      await store({ schema }).migrate();
      const proxy = await postgresProxy();
      try {
        const made = store({ connectionString: proxy.url, schema });
        await made.saveUser('u', { n: 1 }, 0);
        await proxy.stop();
        await assert.rejects(made.getUser('u'), unavailable('storage.url', /running and reachable/));
        await assert.rejects(made.consume({ userId: 'u', referenceName: 'h', count: 1, limit: 1, requestId: 'r' }), unavailable('storage.url'));
        await proxy.start();
        assert.deepEqual((await made.getUser('u'))?.data, { n: 1 });
        assert.deepEqual(await made.consume({ userId: 'u', referenceName: 'h', count: 1, limit: 1, requestId: 'r' }), { ok: true, used: 1, replayed: false });
      } finally {
        await proxy.close();
      }
    });

    it('survives the connection being cut in the middle of a transaction: the call fails, the process lives, the next one works', async () => {
      const schema = testSchema();
      await store({ schema }).migrate();
      const proxy = await postgresProxy();
      // A connection that breaks while checked out for a transaction emits 'error' on its client;
      // with nobody listening that is an uncaught exception, which would end a `skillshop run`.
      const uncaught: unknown[] = [];
      const onUncaught = (error: unknown) => uncaught.push(error);
      process.prependListener('uncaughtException', onUncaught);
      const locker = await adminPool().connect();
      try {
        const made = store({ connectionString: proxy.url, schema });
        await made.open();
        // An operator's lock holds the consume transaction inside its first statement…
        await locker.query('BEGIN');
        await locker.query(`LOCK TABLE "${schema}".skillshop_consumptions IN ACCESS EXCLUSIVE MODE`);
        const consuming = made.consume({ userId: 'u', referenceName: 'h', count: 1, limit: 1, requestId: 'r' });
        consuming.catch(() => undefined);
        await waitForLockWaiter(schema);
        // …while the database goes away.
        await proxy.stop();
        await assert.rejects(consuming, unavailable('storage.url', /could not consume/));
        await locker.query('ROLLBACK');
        await new Promise((resolve) => setTimeout(resolve, 50));
        assert.deepEqual(uncaught, [], 'a cut connection must not be an uncaught exception');
        await proxy.start();
        assert.deepEqual(await made.consume({ userId: 'u', referenceName: 'h', count: 1, limit: 1, requestId: 'r' }), { ok: true, used: 1, replayed: false });
      } finally {
        process.removeListener('uncaughtException', onUncaught);
        await locker.query('ROLLBACK').catch(() => undefined);
        locker.release();
        await proxy.close();
      }
    });

    /** Until a session waits for a lock on the schema's consumptions table. */
    async function waitForLockWaiter(schema: string): Promise<void> {
      for (let tries = 0; tries < 200; tries++) {
        const { rows } = await adminPool().query(
          `SELECT count(*)::int AS waiting FROM pg_locks WHERE NOT granted AND relation = to_regclass($1)`,
          [`"${schema}".skillshop_consumptions`],
        );
        if ((rows[0] as { waiting: number }).waiting > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('the consume transaction never waited for the lock');
    }

    it('rejects a schema name that is not a plain identifier, and a missing URL, as CONFIG_INVALID', () => {
      assert.throws(() => new PostgresStore({ connectionString: TEST_POSTGRES_URL, schema: 'a"; DROP' }), (error: unknown) =>
        isSkillshopError(error, 'CONFIG_INVALID') && error.details['setting'] === 'storage.schema');
      assert.throws(() => new PostgresStore({ connectionString: '' }), (error: unknown) =>
        isSkillshopError(error, 'CONFIG_INVALID') && /DATABASE_URL/.test(error.message));
    });
  });
});
