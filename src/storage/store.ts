/**
 * The storage interface: persisted user data and the record of purchase results.
 *
 * Every implementation (memory, SQLite now; PostgreSQL and DynamoDB later) passes the same
 * contract suite in test/storage/contract.ts. Rows are versioned: a save names the version it
 * read, and fails with SKILLSHOP_STORAGE_VERSION_CONFLICT when someone else saved in between,
 * so two racing requests never silently overwrite each other.
 */

export type UserData = Record<string, unknown>;

export interface UserRecord {
  readonly userId: string;
  readonly data: UserData;
  /** 1 after the first save, +1 per save. A user never saved has no record (version 0). */
  readonly version: number;
  /** ISO-8601 UTC. */
  readonly createdAt: string;
  /** ISO-8601 UTC. */
  readonly updatedAt: string;
}

/** One `Connections.Response` as it arrived; `requestId` is its only unique key. */
export interface PurchaseEvent {
  readonly requestId: string;
  readonly userId: string;
  /** Buy | Upsell | Cancel */
  readonly name: string;
  readonly productId: string | undefined;
  readonly purchaseResult: string | undefined;
  readonly statusCode: string;
  readonly token: string | undefined;
  /** ISO-8601 UTC. */
  readonly receivedAt: string;
}

export interface Store {
  /** What kind of store this is, for messages: `sqlite`, `memory`, … */
  readonly kind: string;

  /** Opens connections and checks the schema. Idempotent. Fails with SKILLSHOP_STORAGE_UNAVAILABLE. */
  open(): Promise<void>;

  /** A fresh copy each call: the caller may change it freely (the App hands it to handlers). */
  getUser(userId: string): Promise<UserRecord | undefined>;

  /**
   * Writes `data` if the stored version still equals `expectedVersion` (0 when the user has no
   * record yet). Resolves the new record; rejects with SKILLSHOP_STORAGE_VERSION_CONFLICT otherwise.
   */
  saveUser(userId: string, data: UserData, expectedVersion: number): Promise<UserRecord>;

  deleteUser(userId: string): Promise<void>;

  /**
   * Records a purchase result once. Resolves `true` when it was new, `false` when an event with the
   * same requestId was already recorded (a retried delivery): the caller must not apply it again.
   */
  recordPurchaseEvent(event: PurchaseEvent): Promise<boolean>;

  /** The user's purchase events, oldest first. */
  listPurchaseEvents(userId: string): Promise<PurchaseEvent[]>;

  // ---- consumables (alexa-isp-facts.md §9): Amazon counts purchases, the skill counts use ----

  /** Units of the consumable the user has used (0 when never used). */
  getUsage(userId: string, referenceName: string): Promise<ConsumableUsage>;

  /**
   * Uses `count` units in ONE atomic, conditional write: only if `used + count <= limit` (never
   * below zero available, never lost to a racing request). Idempotent by `requestId`: the same
   * requestId consuming the same product again returns the first outcome and writes nothing.
   */
  consume(request: ConsumeRequest): Promise<ConsumeOutcome>;

  /**
   * Sets `used` (the refund / test-reset policy) if it still equals `expectedUsed`; resolves false
   * when someone else changed it in between (the caller re-reads and decides again).
   */
  setUsage(userId: string, referenceName: string, used: number, expectedUsed: number): Promise<boolean>;

  // ---- answers to requests that must run once (purchase results, consumption) ----------------

  /**
   * Keeps the response of a request whose effects must not run twice. Idempotent. `json`, when
   * given, is the response's JSON text, serialised already by the caller (skillshop serialises the
   * answer once, to send it and to keep it): the store keeps that text instead of serialising again.
   */
  saveResponse(requestId: string, userId: string, response: unknown, json?: string): Promise<void>;

  /** The kept response of a requestId, if any. */
  getResponse(requestId: string): Promise<unknown | undefined>;

  close(): Promise<void>;
}

export interface ConsumableUsage {
  used: number;
  /** Bumped by every write; 0 when never written. */
  version: number;
}

export interface ConsumeRequest {
  userId: string;
  referenceName: string;
  /** Units to use, an integer >= 1. */
  count: number;
  /** What the user has bought in all (activeEntitlementCount × unitsPerPurchase). */
  limit: number;
  /** The Alexa request's id: the key that makes a retried delivery consume once. */
  requestId: string;
}

export type ConsumeOutcome =
  | { ok: true; used: number; replayed: boolean }
  /** Not enough left: nothing was written. */
  | { ok: false; used: number; replayed: boolean };
