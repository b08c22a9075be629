/**
 * A Store that lives in the process: for tests, the simulator, and skills that keep nothing.
 *
 * It is held to the same contract as the SQLite store (test/storage/contract.ts), versions
 * included, so code that works against it does not break when it meets a real database.
 * User data is kept as its JSON text, not as the caller's object: every read parses a fresh
 * copy (a caller mutating what it got back cannot reach the stored value), and data that would
 * not survive a real database (a Date, `undefined`, a class instance) comes back changed here too.
 *
 * Kept responses (saveResponse) are there to answer a redelivery of the same request, which comes
 * within seconds: Alexa signs every request with its timestamp, and verification refuses one older
 * than 150 s. So this store keeps each response for `responseRetentionMs` (15 minutes) and then
 * lets it go, instead of growing by one response per purchase result for as long as the process
 * lives. The purchase ledger and user data are kept for the life of the object.
 *
 * What it keeps per purchase result is small (about 190 bytes, the benchmark's purchase results),
 * because what results repeat is kept once: the texts (SharedTexts), the fields that consecutive
 * events share (one EventKind), timestamps of the same millisecond (isoTimestamp); and a purchase
 * result's response is kept on its ledger entry: one hash table per result, not two, and the answer
 * found without a lookup right after the event was recorded (measured in process: 0.5 µs, 4 %, less
 * CPU time per purchase result).
 */

import { isoTimestamp, systemClock, type Clock } from '../clock.js';
import { skillshopError } from '../errors.js';
import type { ConsumableUsage, ConsumeOutcome, ConsumeRequest, PurchaseEvent, Store, UserData, UserRecord } from './store.js';
import { checkConsumeRequest, checkPurchaseEvent, checkUsage, encodeResponse, encodeUserData } from './checks.js';

interface StoredUser {
  readonly json: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface MemoryStoreOptions {
  clock?: Clock;
  /** How long a kept response answers redeliveries of its request. Default 15 minutes. */
  responseRetentionMs?: number;
}

/** Far beyond the 150 s after which a verified request can no longer arrive. */
export const DEFAULT_RESPONSE_RETENTION_MS = 15 * 60_000;

interface KeptResponse {
  readonly json: string;
  readonly keptAt: number;
}

/** Where the response kept for a request lives until it expires (`kept` is then undefined again). */
interface ResponseSlot {
  readonly requestId: string;
  kept: KeptResponse | undefined;
}

/** What purchase results repeat from one to the next: kept once for every event that carries the same. */
type EventKind = Pick<PurchaseEvent, 'name' | 'productId' | 'purchaseResult' | 'statusCode' | 'token'>;

/**
 * A purchase event as kept (its list is filed under the userId), and the slot for its request's kept
 * response: a purchase result keeps its answer, and this finds it without a second table.
 */
interface StoredEvent extends ResponseSlot {
  readonly kind: EventKind;
  readonly receivedAt: string;
}

/** The slot of a request that kept a response but recorded no purchase event (it consumed). */
class OtherResponseSlot implements ResponseSlot {
  kept: KeptResponse | undefined = undefined;
  constructor(readonly requestId: string) {}
}

/**
 * @example
 * const store = new MemoryStore();
 * const saved = await store.saveUser('amzn1.ask.account.X', { used: 1 }, 0); // version 1
 * await store.saveUser('amzn1.ask.account.X', { used: 2 }, saved.version);  // version 2
 */
export class MemoryStore implements Store {
  readonly kind = 'memory';
  private readonly clock: Clock;
  private readonly users = new Map<string, StoredUser>();
  /** requestId → its recorded purchase event: a redelivery is recognised by it. */
  private readonly ledger = new Map<string, StoredEvent>();
  /** The event recorded last: its response is usually kept next, found without a lookup. */
  private lastEvent: StoredEvent | undefined;
  /**
   * userId → that user's events in arrival order (the tie-break for equal receivedAt). The key holds
   * the userId once for all of a user's purchases, and listing one user's events reads only theirs.
   */
  private readonly eventsByUser = new Map<string, StoredEvent[]>();
  /** `${userId}\u0000${referenceName}` → usage */
  private readonly usage = new Map<string, ConsumableUsage>();
  /** `${requestId}\u0000${referenceName}` → the outcome of that consumption */
  private readonly consumptions = new Map<string, { ok: boolean; used: number }>();
  /** requestId → the response slot of a request that is not a purchase result (it consumed). */
  private readonly responses = new Map<string, OtherResponseSlot>();
  /** Every slot holding a response, oldest first, from `expiringFrom` on: they expire in this order. */
  private expiring: Array<ResponseSlot | undefined> = [];
  private expiringFrom = 0;
  private readonly responseRetentionMs: number;
  /** When the oldest kept response was kept (Infinity when none): saves look for expired ones only once one is due. */
  private oldestKeptAt = Infinity;
  private readonly texts = new SharedTexts();
  private lastKept: KeptResponse | undefined;

  constructor(options: MemoryStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    const retention = options.responseRetentionMs ?? DEFAULT_RESPONSE_RETENTION_MS;
    if (!(typeof retention === 'number' && retention > 0)) {
      throw new RangeError(`MemoryStore responseRetentionMs must be a positive number of milliseconds, got ${String(retention)}`);
    }
    this.responseRetentionMs = retention;
  }

  /** Nothing to open; data lives as long as the object, across close() and open(). */
  async open(): Promise<void> {}

  async getUser(userId: string): Promise<UserRecord | undefined> {
    const stored = this.users.get(userId);
    return stored === undefined ? undefined : toRecord(userId, stored);
  }

  async saveUser(userId: string, data: UserData, expectedVersion: number): Promise<UserRecord> {
    const json = encodeUserData(userId, data);
    const current = this.users.get(userId);
    // Check and write happen in one synchronous step, so two racing saves cannot both pass.
    if ((current?.version ?? 0) !== expectedVersion) {
      throw versionConflict(userId, expectedVersion, current?.version ?? 0);
    }
    const now = isoTimestamp(this.clock.now());
    const stored: StoredUser = {
      json,
      version: expectedVersion + 1,
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    };
    this.users.set(userId, stored);
    return toRecord(userId, stored);
  }

  async deleteUser(userId: string): Promise<void> {
    this.users.delete(userId);
  }

  async recordPurchaseEvent(event: PurchaseEvent): Promise<boolean> {
    checkPurchaseEvent(event);
    const ledger = this.ledger;
    if (ledger.has(event.requestId)) return false;
    // A copy (the caller may change its object), without the userId its list is filed under. What
    // the previous event carried is compared first: most are the same, and comparing is cheaper than
    // the lookups that hash each text.
    const last = this.lastEvent?.kind;
    const kind =
      last !== undefined &&
      event.name === last.name &&
      event.productId === last.productId &&
      event.purchaseResult === last.purchaseResult &&
      event.statusCode === last.statusCode &&
      event.token === last.token
        ? last
        : this.kindOf(event);
    const stored: StoredEvent = {
      requestId: event.requestId,
      kind,
      receivedAt: event.receivedAt || isoTimestamp(this.clock.now()),
      kept: undefined,
    };
    ledger.set(event.requestId, stored);
    this.lastEvent = stored;
    const list = this.eventsByUser.get(event.userId);
    if (list === undefined) this.eventsByUser.set(event.userId, [stored]);
    else list.push(stored);
    return true;
  }

  async listPurchaseEvents(userId: string): Promise<PurchaseEvent[]> {
    // sort() is stable: events received at the same moment stay in arrival order.
    return [...(this.eventsByUser.get(userId) ?? [])]
      .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0))
      .map(({ requestId, kind, receivedAt }) => ({
        requestId,
        userId,
        name: kind.name,
        productId: kind.productId,
        purchaseResult: kind.purchaseResult,
        statusCode: kind.statusCode,
        token: kind.token,
        receivedAt,
      }));
  }

  /** A new kind of event, its texts shared with those kept before. */
  private kindOf(event: PurchaseEvent): EventKind {
    const texts = this.texts;
    return {
      name: texts.share(event.name),
      productId: texts.share(event.productId),
      purchaseResult: texts.share(event.purchaseResult),
      statusCode: texts.share(event.statusCode),
      token: texts.share(event.token),
    };
  }

  async getUsage(userId: string, referenceName: string): Promise<ConsumableUsage> {
    return { ...(this.usage.get(usageKey(userId, referenceName)) ?? { used: 0, version: 0 }) };
  }

  async consume(request: ConsumeRequest): Promise<ConsumeOutcome> {
    checkConsumeRequest(request);
    // Check and write in one synchronous step, like one conditional statement in a database.
    const done = this.consumptions.get(usageKey(request.requestId, request.referenceName));
    if (done) return { ...done, replayed: true };
    const key = usageKey(request.userId, request.referenceName);
    const current = this.usage.get(key) ?? { used: 0, version: 0 };
    const ok = current.used + request.count <= request.limit;
    const used = ok ? current.used + request.count : current.used;
    if (ok) this.usage.set(key, { used, version: current.version + 1 });
    this.consumptions.set(usageKey(request.requestId, request.referenceName), { ok, used });
    return { ok, used, replayed: false };
  }

  async setUsage(userId: string, referenceName: string, used: number, expectedUsed: number): Promise<boolean> {
    checkUsage(used, expectedUsed);
    const key = usageKey(userId, referenceName);
    const current = this.usage.get(key) ?? { used: 0, version: 0 };
    if (current.used !== expectedUsed) return false;
    this.usage.set(key, { used, version: current.version + 1 });
    return true;
  }

  async saveResponse(requestId: string, _userId: string, response: unknown, serialised?: string): Promise<void> {
    const json = encodeResponse(requestId, response, serialised);
    const now = this.clock.now();
    const cutoff = now - this.responseRetentionMs;
    if (this.oldestKeptAt < cutoff) this.forgetResponsesBefore(cutoff);
    const slot = this.slotFor(requestId);
    if (slot.kept !== undefined) return; // the first kept stays
    const shared = this.texts.share(json, this.lastKept?.json);
    // Responses kept in the same millisecond with the same text share one entry (under load, many do).
    let kept = this.lastKept;
    if (kept === undefined || kept.keptAt !== now || kept.json !== shared) this.lastKept = kept = { json: shared, keptAt: now };
    slot.kept = kept;
    if (this.expiring.push(slot) - this.expiringFrom === 1) this.oldestKeptAt = now;
  }

  async getResponse(requestId: string): Promise<unknown | undefined> {
    const kept = (this.responses.get(requestId) ?? this.ledger.get(requestId))?.kept;
    if (kept === undefined || kept.keptAt < this.clock.now() - this.responseRetentionMs) return undefined;
    return JSON.parse(kept.json) as unknown;
  }

  /**
   * Where `requestId`'s response is kept: a slot of its own when one was made before (a request
   * that consumed, even if it is recorded as a purchase later: the first kept stays), else its
   * purchase event — the one just recorded, usually, so no lookup at all — else a new slot.
   */
  private slotFor(requestId: string): ResponseSlot {
    if (this.responses.size !== 0) {
      const own = this.responses.get(requestId);
      if (own !== undefined) return own;
    }
    const last = this.lastEvent;
    const event = last !== undefined && last.requestId === requestId ? last : this.ledger.get(requestId);
    if (event !== undefined) return event;
    const slot = new OtherResponseSlot(requestId);
    this.responses.set(requestId, slot);
    return slot;
  }

  /** Lets go of the responses kept before `cutoff`: the oldest come first, so this stops at the first newer one. */
  private forgetResponsesBefore(cutoff: number): void {
    const expiring = this.expiring;
    let from = this.expiringFrom;
    this.oldestKeptAt = Infinity;
    for (; from < expiring.length; from++) {
      const slot = expiring[from]!;
      const keptAt = slot.kept!.keptAt;
      if (keptAt >= cutoff) {
        this.oldestKeptAt = keptAt;
        break;
      }
      slot.kept = undefined;
      if (slot instanceof OtherResponseSlot) this.responses.delete(slot.requestId);
      expiring[from] = undefined;
    }
    // Drop the spent front of the queue once it is most of it (amortised: each slot is moved at most once per halving).
    if (from === expiring.length) {
      this.expiring = [];
      from = 0;
    } else if (from > 1024 && from * 2 > expiring.length) {
      this.expiring = expiring.slice(from);
      from = 0;
    }
    this.expiringFrom = from;
  }

  async close(): Promise<void> {}
}

/**
 * One copy of each text that purchase results repeat — product ids, statuses, tokens, the answers
 * themselves — for all that a store keeps. They come with the same few values again and again, each
 * a fresh copy from its request; kept as they come, every copy is moved by the garbage collector
 * when it outlives the young generation and grows the heap into new pages (measured in process, the
 * benchmark's purchase result: 684 → 324 bytes kept per result, and about 2 µs, 10 %, less CPU time).
 * Bounded: at LIMIT distinct texts it starts afresh, and a long text is kept as it is.
 */
class SharedTexts {
  private static readonly LIMIT = 1000;
  private static readonly LONGEST = 4096;
  private readonly texts = new Map<string, string>();

  /** The one copy of `text`; `previous` (a text this returned before, likely the same) is tried first. */
  share<T extends string | undefined>(text: T, previous?: string): T {
    if (text === previous) return previous as T;
    if (typeof text !== 'string' || text.length > SharedTexts.LONGEST) return text;
    const known = this.texts.get(text);
    if (known !== undefined) return known as T;
    if (this.texts.size >= SharedTexts.LIMIT) this.texts.clear();
    this.texts.set(text, text);
    return text;
  }
}

function usageKey(first: string, referenceName: string): string {
  return `${first}\u0000${referenceName}`;
}

function toRecord(userId: string, stored: StoredUser): UserRecord {
  return {
    userId,
    data: JSON.parse(stored.json) as UserData,
    version: stored.version,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}

function versionConflict(userId: string, expectedVersion: number, actualVersion: number) {
  return skillshopError(
    'STORAGE_VERSION_CONFLICT',
    `User ${userId} was saved by someone else since it was read (expected version ${expectedVersion}, ` +
      `stored version ${actualVersion}). Read the user again, reapply the change, and save with the new version.`,
    { details: { userId, expectedVersion } },
  );
}
