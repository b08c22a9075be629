/**
 * DynamoDbStore against dynalite, a DynamoDB-compatible server run in this process on loopback
 * (no Java, no network). Each test gets a table of its own.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, PutItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { fixedClock } from '../../src/clock.js';
import { isSkillshopError } from '../../src/errors.js';
import { createStore } from '../../src/storage/index.js';
import { DynamoDbStore, type DynamoDbStoreOptions } from '../../src/storage/dynamodb-store.js';
import { storeContract } from './contract.js';

// The SDK warns once per process that it will need Node 22 from 2027; not news for these tests.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: { createTableMs?: number }) => Server;

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const T0 = '2024-05-01T10:00:00.000Z';

async function startDynalite(createTableMs: number): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = dynalite({ createTableMs });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { endpoint: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let local: { endpoint: string; close(): Promise<void> };
let tables = 0;
before(async () => {
  local = await startDynalite(0);
});
after(async () => {
  await local.close();
});

function options(overrides: Partial<DynamoDbStoreOptions> = {}): DynamoDbStoreOptions {
  return { table: `skillshop-test-${++tables}`, endpoint: local.endpoint, region: 'us-east-1', credentials, createTable: true, ...overrides };
}

function rawClient(endpoint = local.endpoint): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
}

storeContract('DynamoDbStore', async (clock) => {
  const store = new DynamoDbStore({ ...options(), clock });
  await store.open();
  return store;
});

describe('DynamoDbStore', () => {
  const stores: DynamoDbStore[] = [];
  function store(overrides: Partial<DynamoDbStoreOptions> = {}): DynamoDbStore {
    const made = new DynamoDbStore({ ...options(overrides), clock: fixedClock(T0) });
    stores.push(made);
    return made;
  }
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((made) => made.close()));
  });

  it('creates the table and waits until it is ACTIVE before resolving', async () => {
    const slow = await startDynalite(300); // tables stay CREATING for 300 ms
    const client = rawClient(slow.endpoint);
    try {
      const made = store({ endpoint: slow.endpoint, createTable: false });
      const started = Date.now();
      assert.equal(await made.createTable(), true);
      assert.ok(Date.now() - started >= 250, 'resolved before the table could be ACTIVE');
      const { Table } = await client.send(new DescribeTableCommand({ TableName: made.table }));
      assert.equal(Table?.TableStatus, 'ACTIVE');
      assert.deepEqual(Table?.KeySchema, [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }]);
      assert.equal(await made.createTable(), false, 'a second call finds it there');
      assert.equal((await made.saveUser('u', { a: 1 }, 0)).version, 1);

      // open() with createTable: true does the same, and the first call works at once.
      const onOpen = store({ endpoint: slow.endpoint, createTable: true });
      assert.equal((await onOpen.saveUser('u', { a: 1 }, 0)).version, 1);
    } finally {
      client.destroy();
      await slow.close();
    }
  });

  it('refuses to open without the table, saying to run `skillshop db create-table`', async () => {
    const made = store({ createTable: false });
    await assert.rejects(made.open(), (error: unknown) => {
      assert.ok(isSkillshopError(error, 'STORAGE_UNAVAILABLE'), String(error));
      assert.match(error.message, /skillshop db create-table/);
      assert.match(error.message, new RegExp(made.table));
      assert.equal(error.details['setting'], 'storage.table');
      return true;
    });
    assert.deepEqual(await made.status(), {
      kind: 'dynamodb', location: `table ${made.table} in us-east-1 at ${local.endpoint}`, version: 0, expected: 1,
      note: 'the table does not exist: run `skillshop db create-table`',
    });
    await made.createTable();
    await made.open();
    assert.equal((await made.status()).version, 1);
  });

  it('refuses a table with another key (an Alexa-hosted skill\'s table, say)', async () => {
    const client = rawClient();
    try {
      await client.send(new CreateTableCommand({
        TableName: 'alexa-hosted', BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }));
      await assert.rejects(store({ table: 'alexa-hosted' }).open(), (error: unknown) =>
        isSkillshopError(error, 'STORAGE_UNAVAILABLE') && /id:HASH/.test(error.message) && /storage\.table/.test(error.message));
    } finally {
      client.destroy();
    }
  });

  it('reports an endpoint nothing listens on as STORAGE_UNAVAILABLE naming storage.endpoint', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const made = store({ endpoint: `http://127.0.0.1:${port}`, client: { maxAttempts: 1 } });
    await assert.rejects(made.getUser('u'), (error: unknown) => {
      assert.ok(isSkillshopError(error, 'STORAGE_UNAVAILABLE'), String(error));
      assert.equal(error.details['setting'], 'storage.endpoint');
      assert.ok(error.message.includes(`127.0.0.1:${port}`), error.message);
      return true;
    });
  });

  it('lays items out as documented: a user under USER#<id> / PROFILE with its data as JSON text', async () => {
    const made = store();
    await made.saveUser('amzn1.ask.account.X', { hints: 3 }, 0);
    await made.consume({ userId: 'amzn1.ask.account.X', referenceName: 'hint_pack', count: 1, limit: 3, requestId: 'r1' });
    const client = rawClient();
    try {
      const user = await client.send(new GetItemCommand({ TableName: made.table, Key: { pk: { S: 'USER#amzn1.ask.account.X' }, sk: { S: 'PROFILE' } } }));
      assert.deepEqual(user.Item?.['data'], { S: '{"hints":3}' });
      assert.deepEqual(user.Item?.['version'], { N: '1' });
      const usage = await client.send(new GetItemCommand({ TableName: made.table, Key: { pk: { S: 'USER#amzn1.ask.account.X' }, sk: { S: 'USAGE#hint_pack' } } }));
      assert.deepEqual(usage.Item?.['used'], { N: '1' });
    } finally {
      client.destroy();
    }
  });

  it('recognises a replay however many consumptions came after it (old outcomes are archived)', async () => {
    // Outcomes are normally kept inline for a minute at least; here they are archived at once.
    const made = store({ recentOutcomes: { count: 5, minAgeMs: 0 } });
    const request = { userId: 'u', referenceName: 'hints', count: 1, limit: 1000 };
    assert.deepEqual(await made.consume({ ...request, requestId: 'first', limit: 1 }), { ok: true, used: 1, replayed: false });
    assert.deepEqual(await made.consume({ ...request, requestId: 'refused', limit: 1 }), { ok: false, used: 1, replayed: false });
    for (let i = 0; i < 45; i++) await made.consume({ ...request, requestId: `later-${i}` });
    assert.deepEqual(await made.getUsage('u', 'hints'), { used: 46, version: 46 });
    assert.deepEqual(await made.consume({ ...request, requestId: 'first' }), { ok: true, used: 1, replayed: true });
    assert.deepEqual(await made.consume({ ...request, requestId: 'refused' }), { ok: false, used: 1, replayed: true });
    assert.deepEqual(await made.consume({ ...request, requestId: 'later-44' }), { ok: true, used: 46, replayed: true });
    assert.deepEqual(await made.getUsage('u', 'hints'), { used: 46, version: 46 });
    const client = rawClient();
    try {
      const usage = await client.send(new GetItemCommand({ TableName: made.table, Key: { pk: { S: 'USER#u' }, sk: { S: 'USAGE#hints' } } }));
      assert.ok(Object.keys(usage.Item?.['recent']?.M ?? {}).length <= 6, 'the inline outcomes stay few');
      const archived = await client.send(new GetItemCommand({ TableName: made.table, Key: { pk: { S: 'REQUEST#refused' }, sk: { S: 'CONSUME#hints' } } }));
      assert.deepEqual([archived.Item?.['ok'], archived.Item?.['used']], [{ BOOL: false }, { N: '1' }]);
    } finally {
      client.destroy();
    }
  });

  it('keeps outcomes inline while they are young, however many there are', async () => {
    const made = store({ recentOutcomes: { count: 3 } });
    for (let i = 0; i < 8; i++) await made.consume({ userId: 'u', referenceName: 'hints', count: 1, limit: 100, requestId: `r-${i}` });
    const client = rawClient();
    try {
      const usage = await client.send(new GetItemCommand({ TableName: made.table, Key: { pk: { S: 'USER#u' }, sk: { S: 'USAGE#hints' } } }));
      assert.equal(Object.keys(usage.Item?.['recent']?.M ?? {}).length, 8);
      assert.equal(usage.Item?.['archived'], undefined);
    } finally {
      client.destroy();
    }
  });

  it('keeps the limit when two stores (two Lambda instances) race on the same usage', async () => {
    const a = store();
    const b = store({ table: a.table });
    const request = { userId: 'u', referenceName: 'hints', count: 1, limit: 10 };
    const outcomes = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).consume({ ...request, requestId: `r-${i % 20}` })));
    assert.equal(outcomes.filter((outcome) => !outcome.replayed).length, 20);
    assert.equal(outcomes.filter((outcome) => !outcome.replayed && outcome.ok).length, 10);
    assert.deepEqual(await a.getUsage('u', 'hints'), { used: 10, version: 10 });
  });

  it('reports user data that is not a JSON object as STORAGE_CORRUPT', async () => {
    const made = store();
    await made.open();
    const client = rawClient();
    try {
      await client.send(new PutItemCommand({
        TableName: made.table,
        Item: { pk: { S: 'USER#broken' }, sk: { S: 'PROFILE' }, data: { S: '{not json' }, version: { N: '1' }, createdAt: { S: T0 }, updatedAt: { S: T0 } },
      }));
    } finally {
      client.destroy();
    }
    await assert.rejects(made.getUser('broken'), (error: unknown) => isSkillshopError(error, 'STORAGE_CORRUPT') && /broken/.test(error.message));
  });

  it('is built by createStore from storage settings, without connecting', () => {
    const made = createStore({ type: 'dynamodb', table: 'cave-quest', region: 'eu-west-1', endpoint: 'http://127.0.0.1:1' }, '/projects/x', { env: {} });
    assert.ok(made instanceof DynamoDbStore);
    assert.equal(made.table, 'cave-quest');
    assert.equal(made.location, 'table cave-quest in eu-west-1 at http://127.0.0.1:1');
  });
});
