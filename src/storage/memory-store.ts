/**
 * A Store that lives in the process: for tests, the simulator, and skills that keep nothing.
 *
 * It is held to the same contract as the SQLite store (test/storage/contract.ts), versions
 * included, so code that works against it does not break when it meets a real database.
 * User data is kept as its JSON text, not as the caller's object: every read parses a fresh
 * copy (a caller mutating what it got back cannot reach the stored value), and data that would
 * not survive a real database (a Date, `undefined`, a class instance) comes back changed here too.
 */

import { systemClock, type Clock } from '../clock.js';
import { skillshopError } from '../errors.js';
import type { PurchaseEvent, Store, UserData, UserRecord } from './store.js';
import { checkPurchaseEvent, encodeUserData } from './checks.js';

interface StoredUser {
  readonly json: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface MemoryStoreOptions {
  clock?: Clock;
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
  /** requestId → event; a Map keeps insertion order, the tie-break for equal receivedAt. */
  private readonly events = new Map<string, PurchaseEvent>();

  constructor(options: MemoryStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
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
    const now = new Date(this.clock.now()).toISOString();
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
    if (this.events.has(event.requestId)) return false;
    const receivedAt = event.receivedAt || new Date(this.clock.now()).toISOString();
    this.events.set(event.requestId, { ...event, receivedAt });
    return true;
  }

  async listPurchaseEvents(userId: string): Promise<PurchaseEvent[]> {
    return [...this.events.values()]
      .filter((event) => event.userId === userId)
      .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0))
      .map((event) => ({ ...event }));
  }

  async close(): Promise<void> {}
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
