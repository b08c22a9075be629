/**
 * A Store in one DynamoDB table (AWS SDK v3), for skills on AWS Lambda.
 *
 * One table, key `pk` (+ `sk`), strings:
 *   USER#<userId>      PROFILE          data (the JSON text), version, createdAt, updatedAt
 *   USER#<userId>      USAGE#<ref>      used, version, recent + recentAt (see consume), archived
 *   USER#<userId>      EVENT#<reqId>    a purchase event, plus `arrival` to order equal timestamps
 *   REQUEST#<reqId>    CONSUME#<ref>    the outcome of a consumption (archived from `recent`)
 *   REQUEST#<reqId>    RESPONSE         a kept response (the JSON text)
 * User data and responses are kept as JSON text, not as DynamoDB maps: maps cannot hold every
 * JSON number (1e300), and text comes back exactly as written.
 *
 * Every guarantee is one conditional write to one item (ConditionExpression), never a read-then-
 * write decided in JavaScript:
 *   - saveUser: Put with attribute_not_exists(pk) / Update with `version = :expected`.
 *   - consume: the usage item is the arbiter. It carries `recent`, the outcomes of its latest
 *     requests by requestId, so "this request has not consumed yet" and "there are enough units"
 *     are one condition on one item: `attribute_not_exists(recent.#rid) AND used <= :limitMinusCount`,
 *     with `SET used = used + :count, recent.#rid = used + :count` — DynamoDB evaluates both on the
 *     item as it is when the write applies, so racing requests neither overshoot the limit nor
 *     undo each other (no version check, no retry storm). A loser re-reads and finds its request
 *     recorded (a replay) or the units gone (a refusal, recorded only if `used` is unchanged).
 *     Old outcomes are archived as CONSUME items before they leave `recent`, so a replay is
 *     recognised however late it comes.
 *   TransactWriteItems is not used: it cannot return the new `used` that the recorded outcome
 *   needs, costs twice the write units, and dynalite (the local DynamoDB the tests run on, npm,
 *   in-process) does not implement it.
 *
 * The AWS SDK is loaded on first use, so SQLite users never load it. Endpoint, region and
 * credentials come from the options or the SDK's usual sources (AWS_REGION, AWS_PROFILE, the Lambda
 * role, …). The table is created by createTable() (`skillshop db create-table`, or open() with
 * `createTable: true`), which waits until the table is ACTIVE — the first request after a deploy
 * must not fail because the table is still being created.
 */

import type { DynamoDBClient, DynamoDBClientConfig, TableDescription } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { isoTimestamp, systemClock, type Clock } from '../clock.js';
import { isSkillshopError, skillshopError } from '../errors.js';
import type { SchemaStatus } from './admin.js';
import { checkConsumeRequest, checkPurchaseEvent, checkUsage, encodeResponse, encodeUserData } from './checks.js';
import type { ConsumableUsage, ConsumeOutcome, ConsumeRequest, PurchaseEvent, Store, UserData, UserRecord } from './store.js';

export const DEFAULT_DYNAMODB_TABLE = 'skillshop';

/** Outcomes a usage item keeps in `recent` (past that, the oldest are archived), and for how long at least. */
const RECENT_OUTCOMES = { count: 20, minAgeMs: 60_000 };
/** How long consume keeps retrying when other requests keep changing the same usage item. */
const CONTENTION_BUDGET_MS = 5000;
/** How long createTable waits for the table to become ACTIVE. */
const TABLE_ACTIVE_TIMEOUT_MS = 120_000;

export interface DynamoDbStoreOptions {
  /** Default `skillshop`. */
  table?: string;
  /** Default: the SDK's (AWS_REGION, the profile); us-east-1 with an endpoint and nothing else. */
  region?: string;
  /** e.g. a local DynamoDB. Default: AWS's endpoint for the region. */
  endpoint?: string;
  /** Credentials; default: the SDK's chain (environment, profile, Lambda role). */
  credentials?: DynamoDBClientConfig['credentials'];
  /** Create the table on open() when it is missing (and wait until it is ACTIVE). Default false. */
  createTable?: boolean;
  /** More client settings; they override skillshop's (timeouts, retries). */
  client?: DynamoDBClientConfig;
  /** Tuning: how many consumption outcomes a usage item keeps inline, and for how long at least. */
  recentOutcomes?: { count?: number; minAgeMs?: number };
  clock?: Clock;
}

interface UsageItem {
  used?: number;
  version?: number;
  /** requestId → its outcome, encoded by encodeOutcome. */
  recent?: Record<string, number>;
  /** requestId → when it was recorded (ms), to archive the oldest. */
  recentAt?: Record<string, number>;
  /** Set once outcomes have been archived: only then is a CONSUME item worth a read. */
  archived?: boolean;
}

/**
 * An outcome as one number, so that a write can compute it (`used + :count`) in its update
 * expression: the new `used` (>= 1) for a consumption, -(used + 1) for a refusal.
 */
function encodeOutcome(ok: boolean, used: number): number {
  return ok ? used : -(used + 1);
}

function decodeOutcome(encoded: number): { ok: boolean; used: number } {
  return encoded > 0 ? { ok: true, used: encoded } : { ok: false, used: -encoded - 1 };
}

type Sdk = { client: typeof import('@aws-sdk/client-dynamodb'); lib: typeof import('@aws-sdk/lib-dynamodb') };
interface Connection {
  sdk: Sdk;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
}

/**
 * @example
 * const store = new DynamoDbStore({ table: 'cave-quest', region: 'eu-west-1', createTable: true });
 * await store.open(); // creates the table if missing, and waits until it is ACTIVE
 */
export class DynamoDbStore implements Store {
  readonly kind = 'dynamodb';
  readonly table: string;
  private readonly options: DynamoDbStoreOptions;
  private readonly clock: Clock;
  private readonly recentOutcomes: { count: number; minAgeMs: number };
  private connection: Connection | undefined;
  private opening: Promise<Connection> | undefined;

  constructor(options: DynamoDbStoreOptions = {}) {
    this.options = options;
    this.table = options.table ?? DEFAULT_DYNAMODB_TABLE;
    if (!/^[A-Za-z0-9_.-]{3,255}$/.test(this.table)) {
      throw skillshopError(
        'CONFIG_INVALID',
        `storage.table must be a DynamoDB table name (3 to 255 letters, digits, _ . -), got ${JSON.stringify(this.table)}.`,
        { details: { setting: 'storage.table', value: this.table } },
      );
    }
    this.clock = options.clock ?? systemClock;
    this.recentOutcomes = { ...RECENT_OUTCOMES, ...options.recentOutcomes };
  }

  /** The table, region and endpoint, for messages. */
  get location(): string {
    const region = this.region();
    return `table ${this.table}${region ? ` in ${region}` : ''}${this.options.endpoint ? ` at ${this.options.endpoint}` : ''}`;
  }

  /** Connects and checks the table (creating it when `createTable` is set). Idempotent. */
  async open(): Promise<void> {
    await this.connect();
  }

  async getUser(userId: string): Promise<UserRecord | undefined> {
    const item = await this.get('read user', userKey(userId));
    if (item === undefined) return undefined;
    return {
      userId,
      data: this.decodeUserData(userId, item['data']),
      version: Number(item['version']),
      createdAt: String(item['createdAt']),
      updatedAt: String(item['updatedAt']),
    };
  }

  async saveUser(userId: string, data: UserData, expectedVersion: number): Promise<UserRecord> {
    const json = encodeUserData(userId, data);
    const now = this.now();
    const { sdk, doc } = await this.connect();
    const written = await this.conditional('save user', async () => {
      if (expectedVersion === 0) {
        await doc.send(new sdk.lib.PutCommand({
          TableName: this.table,
          Item: { ...userKey(userId), type: 'user', data: json, version: 1, createdAt: now, updatedAt: now },
          ConditionExpression: 'attribute_not_exists(pk)',
        }));
        return { version: 1, createdAt: now };
      }
      const result = await doc.send(new sdk.lib.UpdateCommand({
        TableName: this.table,
        Key: userKey(userId),
        UpdateExpression: 'SET #data = :data, version = version + :one, updatedAt = :now',
        ConditionExpression: 'version = :expected',
        ExpressionAttributeNames: { '#data': 'data' },
        ExpressionAttributeValues: { ':data': json, ':one': 1, ':now': now, ':expected': expectedVersion },
        ReturnValues: 'ALL_NEW',
      }));
      return { version: Number(result.Attributes?.['version']), createdAt: String(result.Attributes?.['createdAt']) };
    });
    if (written === undefined) {
      throw skillshopError(
        'STORAGE_VERSION_CONFLICT',
        `User ${userId} was saved by someone else since it was read (expected version ${expectedVersion}). ` +
          'Read the user again, reapply the change, and save with the new version.',
        { details: { userId, expectedVersion } },
      );
    }
    return { userId, data: JSON.parse(json) as UserData, version: written.version, createdAt: written.createdAt, updatedAt: now };
  }

  /** Leaves purchase events and usage: they are what stops a retried delivery being applied twice. */
  async deleteUser(userId: string): Promise<void> {
    const { sdk, doc } = await this.connect();
    await this.guard('delete user', () => doc.send(new sdk.lib.DeleteCommand({ TableName: this.table, Key: userKey(userId) })));
  }

  /**
   * A requestId belongs to one user's request, so the event is keyed under its user: the
   * condition on (user, requestId) is the condition on requestId.
   */
  async recordPurchaseEvent(event: PurchaseEvent): Promise<boolean> {
    checkPurchaseEvent(event);
    const { sdk, doc } = await this.connect();
    const written = await this.conditional('record purchase event', () =>
      doc.send(new sdk.lib.PutCommand({
        TableName: this.table,
        Item: {
          pk: `USER#${event.userId}`,
          sk: `EVENT#${event.requestId}`,
          type: 'purchase-event',
          requestId: event.requestId,
          userId: event.userId,
          name: event.name,
          productId: event.productId,
          purchaseResult: event.purchaseResult,
          statusCode: event.statusCode,
          token: event.token,
          receivedAt: event.receivedAt || this.now(),
          arrival: arrivalStamp(),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      })),
    );
    return written !== undefined;
  }

  async listPurchaseEvents(userId: string): Promise<PurchaseEvent[]> {
    const { sdk, doc } = await this.connect();
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.guard('list purchase events', () =>
        doc.send(new sdk.lib.QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
          ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':events': 'EVENT#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        })),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    const order = (item: Record<string, unknown>) => [String(item['receivedAt']), Number(item['arrival'])] as const;
    items.sort((a, b) => {
      const [ta, aa] = order(a);
      const [tb, ab] = order(b);
      return ta < tb ? -1 : ta > tb ? 1 : aa - ab;
    });
    return items.map((item) => ({
      requestId: String(item['requestId']),
      userId: String(item['userId']),
      name: String(item['name']),
      productId: optionalString(item['productId']),
      purchaseResult: optionalString(item['purchaseResult']),
      statusCode: String(item['statusCode']),
      token: optionalString(item['token']),
      receivedAt: String(item['receivedAt']),
    }));
  }

  async getUsage(userId: string, referenceName: string): Promise<ConsumableUsage> {
    const item = (await this.get('read consumable usage', usageKey(userId, referenceName))) as UsageItem | undefined;
    return { used: item?.used ?? 0, version: item?.version ?? 0 };
  }

  async consume(request: ConsumeRequest): Promise<ConsumeOutcome> {
    checkConsumeRequest(request);
    const { userId, referenceName, requestId, count, limit } = request;
    const { sdk, doc } = await this.connect();
    const key = usageKey(userId, referenceName);
    const deadline = Date.now() + CONTENTION_BUDGET_MS;
    for (let attempt = 0; ; attempt++) {
      const item = (await this.get('consume', key)) as UsageItem | undefined;
      const recorded = item?.recent?.[requestId];
      if (recorded !== undefined) return { ...decodeOutcome(recorded), replayed: true };
      if (item?.archived) {
        const old = await this.get('consume', consumptionKey(requestId, referenceName));
        if (old) return { ok: old['ok'] === true, used: Number(old['used']), replayed: true };
      }

      const used = item?.used ?? 0;
      const ok = used + count <= limit;
      const now = Date.now();
      let newUsed: number | undefined;
      if (item === undefined) {
        // The first write for this user and product; `version` stays 0 when nothing was used.
        const written = await this.conditional('consume', () =>
          doc.send(new sdk.lib.PutCommand({
            TableName: this.table,
            Item: {
              ...key, type: 'usage', used: ok ? count : 0, version: ok ? 1 : 0,
              recent: { [requestId]: encodeOutcome(ok, ok ? count : 0) }, recentAt: { [requestId]: now },
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          })),
        );
        if (written) newUsed = ok ? count : 0;
      } else {
        const prune = await this.archiveOldest(item, userId, referenceName, now);
        const names: Record<string, string> = { '#rid': requestId };
        prune.forEach((old, i) => (names[`#old${i}`] = old));
        const pruning = prune.length > 0
          ? { set: ', archived = :true', remove: ` REMOVE ${prune.flatMap((_, i) => [`recent.#old${i}`, `recentAt.#old${i}`]).join(', ')}`, values: { ':true': true } }
          : { set: '', remove: '', values: {} };
        // Using: conditional on the value, not on a version, so racing requests do not undo each
        // other: DynamoDB checks `used <= limit - count` on the item as it is when it applies the
        // write, and the new `used` (also the recorded outcome) is computed there too.
        // Refusing writes only the outcome, and only if `used` is still what it was read as, so the
        // recorded refusal matches the state it was made in.
        const result = await this.conditional('consume', () =>
          doc.send(new sdk.lib.UpdateCommand({
            TableName: this.table,
            Key: key,
            UpdateExpression: ok
              ? `SET used = used + :count, version = version + :one, recent.#rid = used + :count, recentAt.#rid = :now${pruning.set}${pruning.remove}`
              : `SET recent.#rid = :refused, recentAt.#rid = :now${pruning.set}${pruning.remove}`,
            ConditionExpression: `attribute_not_exists(recent.#rid) AND ${ok ? 'used <= :most' : 'used = :used'}`,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: {
              ':now': now,
              ...(ok ? { ':count': count, ':one': 1, ':most': limit - count } : { ':refused': encodeOutcome(false, used), ':used': used }),
              ...pruning.values,
            },
            ReturnValues: 'UPDATED_NEW',
          })),
        );
        if (result) newUsed = ok ? Number(result.Attributes?.['used']) : used;
      }
      if (newUsed !== undefined) return { ok, used: newUsed, replayed: false };
      if (Date.now() > deadline) {
        throw skillshopError(
          'STORAGE_UNAVAILABLE',
          `DynamoDB (${this.location}) could not consume ${referenceName} for user ${userId}: other requests kept changing it for ` +
            `${CONTENTION_BUDGET_MS} ms. Nothing was consumed; try again.`,
          { details: { setting: 'storage.table', table: this.table, userId, referenceName } },
        );
      }
      // The item changed between the read and the write (usually: the units ran out, or this very
      // request was recorded by a twin): read again, after a short random pause once it repeats.
      if (attempt >= 2) await sleep(Math.random() * Math.min(100, 2 ** attempt));
    }
  }

  async setUsage(userId: string, referenceName: string, used: number, expectedUsed: number): Promise<boolean> {
    checkUsage(used, expectedUsed);
    const { sdk, doc } = await this.connect();
    const written = await this.conditional('set consumable usage', () =>
      doc.send(new sdk.lib.UpdateCommand({
        TableName: this.table,
        Key: usageKey(userId, referenceName),
        UpdateExpression:
          'SET used = :used, version = if_not_exists(version, :zero) + :one, recent = if_not_exists(recent, :empty), ' +
          'recentAt = if_not_exists(recentAt, :empty), #type = :type',
        // A missing item counts as used 0.
        ConditionExpression: expectedUsed === 0 ? 'attribute_not_exists(pk) OR used = :expected' : 'used = :expected',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':used': used, ':zero': 0, ':one': 1, ':empty': {}, ':expected': expectedUsed, ':type': 'usage' },
      })),
    );
    return written !== undefined;
  }

  async saveResponse(requestId: string, userId: string, response: unknown, serialised?: string): Promise<void> {
    const json = encodeResponse(requestId, response, serialised);
    const { sdk, doc } = await this.connect();
    // The first save wins; a later one fails its condition, which is what we want.
    await this.conditional('save response', () =>
      doc.send(new sdk.lib.PutCommand({
        TableName: this.table,
        Item: { pk: `REQUEST#${requestId}`, sk: 'RESPONSE', type: 'response', userId, response: json, createdAt: this.now() },
        ConditionExpression: 'attribute_not_exists(pk)',
      })),
    );
  }

  async getResponse(requestId: string): Promise<unknown | undefined> {
    const item = await this.get('read response', { pk: `REQUEST#${requestId}`, sk: 'RESPONSE' });
    return item === undefined ? undefined : (JSON.parse(String(item['response'])) as unknown);
  }

  /**
   * Creates the table (on-demand capacity) unless it exists, and resolves once it is ACTIVE.
   * Resolves true when this call created it.
   */
  async createTable(): Promise<boolean> {
    const connection = await this.client();
    const { sdk, client } = connection;
    let created = true;
    try {
      await client.send(new sdk.client.CreateTableCommand({
        TableName: this.table,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
        BillingMode: 'PAY_PER_REQUEST',
      }));
    } catch (error) {
      if ((error as { name?: unknown }).name !== 'ResourceInUseException') throw this.failure('create the table', error);
      created = false; // it exists already (perhaps still being created by someone else)
    }
    await this.waitUntilActive(connection);
    return created;
  }

  /** Whether the table exists with skillshop's key, and its state; for `skillshop db status`. */
  async status(): Promise<SchemaStatus> {
    const connection = await this.client();
    const table = await this.describe(connection);
    const base = { kind: this.kind, location: this.location, expected: 1 };
    if (table === undefined) return { ...base, version: 0, note: 'the table does not exist: run `skillshop db create-table`' };
    const problem = keyProblem(table);
    if (problem) return { ...base, version: 0, note: problem };
    return { ...base, version: 1, note: `${table.TableStatus ?? 'unknown state'}, about ${table.ItemCount ?? 0} items` };
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    this.opening = undefined;
    connection?.client.destroy();
  }

  private now(): string {
    return isoTimestamp(this.clock.now());
  }

  private region(): string | undefined {
    return this.options.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? (this.options.endpoint ? 'us-east-1' : undefined);
  }

  /** The SDK clients, made on first use (which loads the SDK). */
  private async client(): Promise<Connection> {
    if (this.connection !== undefined) return this.connection;
    const sdk = loadSdk();
    const region = this.region();
    const client = new sdk.client.DynamoDBClient({
      ...(region !== undefined ? { region } : {}),
      ...(this.options.endpoint !== undefined ? { endpoint: this.options.endpoint } : {}),
      ...(this.options.credentials !== undefined ? { credentials: this.options.credentials } : {}),
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 3000, requestTimeout: 5000 },
      ...this.options.client,
    });
    const doc = sdk.lib.DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    this.connection = { sdk, client, doc };
    return this.connection;
  }

  private connect(): Promise<Connection> {
    this.opening ??= (async () => {
      const connection = await this.client();
      let table = await this.describe(connection);
      if (table === undefined && this.options.createTable) {
        await this.createTable();
        table = await this.describe(connection);
      }
      if (table === undefined) {
        throw skillshopError(
          'STORAGE_UNAVAILABLE',
          `The DynamoDB ${this.location} does not exist. Run \`skillshop db create-table\`, set storage.createTable to true ` +
            'in skillshop.json, or set storage.table to an existing skillshop table.',
          { details: { setting: 'storage.table', table: this.table } },
        );
      }
      const problem = keyProblem(table);
      if (problem) {
        throw skillshopError('STORAGE_UNAVAILABLE', `The DynamoDB ${this.location} cannot hold skillshop's data: ${problem}.`, {
          details: { setting: 'storage.table', table: this.table },
        });
      }
      if (table.TableStatus === 'CREATING') await this.waitUntilActive(connection);
      return connection;
    })();
    this.opening.catch(() => {
      this.opening = undefined; // the next call tries again
    });
    return this.opening;
  }

  private async describe({ sdk, client }: Connection): Promise<TableDescription | undefined> {
    try {
      return (await client.send(new sdk.client.DescribeTableCommand({ TableName: this.table }))).Table;
    } catch (error) {
      if ((error as { name?: unknown }).name === 'ResourceNotFoundException') return undefined;
      throw this.failure('read the table description', error);
    }
  }

  private async waitUntilActive(connection: Connection): Promise<void> {
    const deadline = Date.now() + TABLE_ACTIVE_TIMEOUT_MS;
    for (let delay = 20; ; delay = Math.min(delay * 2, 2000)) {
      const table = await this.describe(connection);
      if (table?.TableStatus === 'ACTIVE') return;
      if (Date.now() > deadline) {
        throw skillshopError(
          'STORAGE_UNAVAILABLE',
          `The DynamoDB ${this.location} is still ${table?.TableStatus ?? 'missing'} after ${TABLE_ACTIVE_TIMEOUT_MS / 1000} s; try again later.`,
          { details: { setting: 'storage.table', table: this.table } },
        );
      }
      await sleep(delay);
    }
  }

  private async get(action: string, key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    const { sdk, doc } = await this.connect();
    const result = await this.guard(action, () => doc.send(new sdk.lib.GetCommand({ TableName: this.table, Key: key, ConsistentRead: true })));
    return result.Item;
  }

  /**
   * Archives the outcomes that will no longer be kept in `recent` as CONSUME items, before the
   * write that removes them: a replay then finds them in one place or the other. An outcome is
   * kept for at least `minAgeMs`, far longer than any read-to-write gap of a racing twin, so a twin
   * cannot miss it in both places. Resolves the requestIds to remove.
   */
  private async archiveOldest(item: UsageItem, userId: string, referenceName: string, now: number): Promise<string[]> {
    const { count, minAgeMs } = this.recentOutcomes;
    const entries = Object.entries(item.recentAt ?? {}).sort(([, a], [, b]) => a - b);
    const oldest = entries
      .slice(0, Math.max(0, entries.length + 1 - count))
      .filter(([requestId, at]) => now - at >= minAgeMs && item.recent?.[requestId] !== undefined);
    if (oldest.length === 0) return [];
    const { sdk, doc } = await this.connect();
    await Promise.all(
      oldest.map(([requestId]) =>
        this.guard('archive consumptions', () =>
          doc.send(new sdk.lib.PutCommand({
            TableName: this.table,
            Item: { ...consumptionKey(requestId, referenceName), type: 'consumption', userId, ...decodeOutcome(item.recent?.[requestId] ?? 0) },
          })),
        ),
      ),
    );
    return oldest.map(([requestId]) => requestId);
  }

  /** Runs a conditional write; resolves undefined when its condition failed. */
  private async conditional<T>(action: string, write: () => Promise<T>): Promise<T | undefined> {
    try {
      return await write();
    } catch (error) {
      if ((error as { name?: unknown }).name === 'ConditionalCheckFailedException') return undefined;
      throw this.failure(action, error);
    }
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
    const name = String((error as { name?: unknown } | undefined)?.name ?? '');
    const code = String((error as { code?: unknown } | undefined)?.code ?? '');
    const why = error instanceof Error ? error.message || name : String(error);
    let setting = this.options.endpoint ? 'storage.endpoint' : 'storage.region';
    let hint = `Check that ${this.options.endpoint ? `the endpoint ${this.options.endpoint}` : 'DynamoDB'} is reachable from here; skillshop tries again on the next request.`;
    if (name === 'ResourceNotFoundException') {
      setting = 'storage.table';
      hint = 'The table is gone: run `skillshop db create-table`, or set storage.table to the right table.';
    } else if (/Region is missing/i.test(why)) {
      setting = 'storage.region';
      hint = 'Set storage.region in skillshop.json or the AWS_REGION environment variable.';
    } else if (/credential/i.test(name + why) || ['UnrecognizedClientException', 'InvalidSignatureException', 'AccessDeniedException', 'ExpiredTokenException'].includes(name)) {
      setting = 'AWS credentials';
      hint = 'Check the AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the Lambda role) and that they may use the table.';
    } else if (['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded'].includes(name)) {
      setting = 'storage.table';
      hint = "DynamoDB is throttling the table's requests; raise its capacity or use on-demand capacity.";
    } else if (!['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN'].includes(code) && name !== 'TimeoutError') {
      hint = `Check the table ${this.table} and the AWS account.`;
    }
    return skillshopError('STORAGE_UNAVAILABLE', `DynamoDB (${this.location}) could not ${action}: ${why}. ${hint}`, {
      cause: error,
      details: { setting, table: this.table, ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}), ...(name ? { awsError: name } : {}) },
    });
  }

  private decodeUserData(userId: string, json: unknown): UserData {
    let data: unknown;
    try {
      data = typeof json === 'string' ? JSON.parse(json) : undefined;
    } catch (error) {
      data = error;
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data) || data instanceof Error) {
      throw skillshopError(
        'STORAGE_CORRUPT',
        `The stored data of user ${userId} in the DynamoDB ${this.location} is not a JSON object; skillshop never writes that, ` +
          `so something else changed the item. Restore it, or delete the item (pk USER#${userId}, sk PROFILE) to start the user afresh.`,
        { cause: data instanceof Error ? data : undefined, details: { userId, table: this.table } },
      );
    }
    return data as UserData;
  }
}

function userKey(userId: string) {
  return { pk: `USER#${userId}`, sk: 'PROFILE' };
}

function usageKey(userId: string, referenceName: string) {
  return { pk: `USER#${userId}`, sk: `USAGE#${referenceName}` };
}

function consumptionKey(requestId: string, referenceName: string) {
  return { pk: `REQUEST#${requestId}`, sk: `CONSUME#${referenceName}` };
}

function keyProblem(table: TableDescription): string | undefined {
  const keys = (table.KeySchema ?? []).map((key) => `${key.AttributeName}:${key.KeyType}`).sort().join(',');
  const types = new Map((table.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType]));
  if (keys === 'pk:HASH,sk:RANGE' && types.get('pk') === 'S' && types.get('sk') === 'S') return undefined;
  return `its key is ${keys || 'unknown'}, but skillshop needs pk (string, partition key) and sk (string, sort key); ` +
    'give skillshop a table of its own (storage.table) and let `skillshop db create-table` create it';
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Microseconds since the epoch, strictly increasing within the process: orders purchase events
 * with equal receivedAt in arrival order (across processes, as well as the clocks agree).
 */
let lastArrival = 0;
function arrivalStamp(): number {
  lastArrival = Math.max(lastArrival + 1, Math.floor((performance.timeOrigin + performance.now()) * 1000));
  return lastArrival;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const requireFromHere = createRequire(__filename);
function loadSdk(): Sdk {
  try {
    return {
      client: requireFromHere('@aws-sdk/client-dynamodb') as Sdk['client'],
      lib: requireFromHere('@aws-sdk/lib-dynamodb') as Sdk['lib'],
    };
  } catch (error) {
    throw skillshopError(
      'STORAGE_UNAVAILABLE',
      `The AWS SDK failed to load (${error instanceof Error ? error.message : String(error)}). ` +
        'Install it with `npm install @aws-sdk/client-dynamodb @aws-sdk/lib-dynamodb` where the skill runs, or change storage.type.',
      { cause: error, details: { setting: 'storage.type' } },
    );
  }
}
