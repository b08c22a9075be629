/**
 * Where the emulator keeps what each test user owns, and the log of every purchase, cancel and
 * refund: one SQLite database through better-sqlite3, a file (state survives restarts, like a
 * developer's real test purchases) or `:memory:`. Opened lazily (emulator-sqlite.ts).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { skillshopError } from '../../errors';
import type { SubscriptionFrequency } from './emulated-catalog';
import { IN_MEMORY, openEmulatorDatabase, sqliteFailure, type Migration } from './emulator-sqlite';
import type { SubscriptionRecord } from './subscription-periods';

/** Append only: a released migration never changes, a new schema is a new version. */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      -- One row per user and product ever bought. Times are ISO-8601 UTC.
      CREATE TABLE monetization_holdings (
        user_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        -- entitlements 0/1, consumables the purchases still standing; unused for subscriptions
        count INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
        -- subscriptions: the current (or last) subscription
        started_at TEXT,
        trial_ends_at TEXT,
        frequency TEXT,
        cancelled_at TEXT,
        -- a free trial is given once per user and product, until a reset
        trial_used INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (user_id, product_id)
      );
      CREATE TABLE monetization_transactions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        action TEXT NOT NULL,
        result TEXT NOT NULL,
        at TEXT NOT NULL,
        -- child-directed purchases only: the parent's decision and when it was last changed
        approval_status TEXT,
        approval_modified_at TEXT
      );
      CREATE INDEX monetization_transactions_user ON monetization_transactions (user_id, product_id);
    `,
  },
];

export interface Holding {
  userId: string;
  productId: string;
  count: number;
  subscription?: SubscriptionRecord;
  trialUsed: boolean;
}

export type LoggedAction = 'BUY' | 'CANCEL' | 'REFUND';
export type ApprovalStatus = 'PENDING_APPROVAL_BY_PARENT' | 'APPROVED_BY_PARENT' | 'DENIED_BY_PARENT' | 'EXPIRED_NO_ACTION_BY_PARENT';

export interface LoggedTransaction {
  id: number;
  userId: string;
  productId: string;
  action: LoggedAction;
  result: string;
  /** ms since the epoch */
  at: number;
  approvalStatus?: ApprovalStatus;
  approvalModifiedAt?: number;
}

interface HoldingRow {
  user_id: string;
  product_id: string;
  count: number;
  started_at: string | null;
  trial_ends_at: string | null;
  frequency: string | null;
  cancelled_at: string | null;
  trial_used: number;
}

interface TransactionRow {
  id: number;
  user_id: string;
  product_id: string;
  action: string;
  result: string;
  at: string;
  approval_status: string | null;
  approval_modified_at: string | null;
}

type HoldingParams = [string, string, number, string | null, string | null, string | null, string | null, number, string];
type TransactionParams = [string, string, string, string, string, string | null, string | null];

interface Statements {
  getHolding: BetterSqlite3.Statement<[string, string], HoldingRow>;
  listHoldings: BetterSqlite3.Statement<[string], HoldingRow>;
  putHolding: BetterSqlite3.Statement<HoldingParams>;
  addTransaction: BetterSqlite3.Statement<TransactionParams>;
  setApproval: BetterSqlite3.Statement<[string, string, number]>;
  listTransactions: BetterSqlite3.Statement<[string], TransactionRow>;
  resetUserHoldings: BetterSqlite3.Statement<[string]>;
  moveHoldings: BetterSqlite3.Statement<[string, string]>;
  moveTransactions: BetterSqlite3.Statement<[string, string]>;
  hasUser: BetterSqlite3.Statement<[string, string], { found: number }>;
  resetUserTransactions: BetterSqlite3.Statement<[string]>;
  resetHoldings: BetterSqlite3.Statement<[]>;
  resetTransactions: BetterSqlite3.Statement<[]>;
}

export class EntitlementDb {
  private db: BetterSqlite3.Database | undefined;
  private statements: Statements | undefined;

  /** Opens lazily, on the first call; `:memory:` (the default) keeps nothing after close(). */
  constructor(readonly path: string = IN_MEMORY) {
    if (typeof path !== 'string' || path === '') {
      throw skillshopError('CONFIG_INVALID', 'Monetization emulator: dbPath must be a file path or ":memory:".', {
        details: { setting: 'dbPath' },
      });
    }
  }

  /** Opens now, so a bad dbPath surfaces at start-up rather than on the first purchase. */
  open(): void {
    this.connect();
  }

  getHolding(userId: string, productId: string): Holding | undefined {
    const row = this.query('read a holding', (s) => s.getHolding.get(userId, productId));
    return row === undefined ? undefined : toHolding(row);
  }

  listHoldings(userId: string): Holding[] {
    return this.query('list holdings', (s) => s.listHoldings.all(userId)).map(toHolding);
  }

  putHolding(holding: Holding, now: number): void {
    const sub = holding.subscription;
    const params: HoldingParams = [
      holding.userId,
      holding.productId,
      holding.count,
      sub ? iso(sub.startedAt) : null,
      sub ? iso(sub.trialEndsAt) : null,
      sub ? sub.frequency : null,
      sub?.cancelledAt === undefined ? null : iso(sub.cancelledAt),
      holding.trialUsed ? 1 : 0,
      iso(now),
    ];
    this.query('save a holding', (s) => s.putHolding.run(...params));
  }

  addTransaction(entry: Omit<LoggedTransaction, 'id'>): number {
    const params: TransactionParams = [
      entry.userId,
      entry.productId,
      entry.action,
      entry.result,
      iso(entry.at),
      entry.approvalStatus ?? null,
      entry.approvalModifiedAt === undefined ? null : iso(entry.approvalModifiedAt),
    ];
    return Number(this.query('log a transaction', (s) => s.addTransaction.run(...params)).lastInsertRowid);
  }

  setApproval(id: number, status: ApprovalStatus, at: number): void {
    this.query('record a parent decision', (s) => s.setApproval.run(status, iso(at), id));
  }

  /** A user's log, oldest first. */
  listTransactions(userId: string): LoggedTransaction[] {
    return this.query('list transactions', (s) => s.listTransactions.all(userId)).map(toTransaction);
  }

  /** Whether anything (a holding or a logged transaction) is kept for this user. */
  hasUser(userId: string): boolean {
    return this.query('look a user up', (s) => s.hasUser.get(userId, userId)) !== undefined;
  }

  /** Gives every holding and logged transaction of `from` to `to` (who must have none). */
  moveUser(from: string, to: string): void {
    this.transaction(() =>
      this.query('move a user\'s purchases', (s) => {
        s.moveHoldings.run(to, from);
        s.moveTransactions.run(to, from);
      }),
    );
  }

  /** Forgets purchases and log, of one user or of everyone ("reset test purchases"). */
  reset(userId?: string): void {
    this.transaction(() =>
      this.query('reset test purchases', (s) => {
        if (userId === undefined) {
          s.resetHoldings.run();
          s.resetTransactions.run();
        } else {
          s.resetUserHoldings.run(userId);
          s.resetUserTransactions.run(userId);
        }
      }),
    );
  }

  /**
   * Runs `work` as one write transaction: IMMEDIATE takes the lock before the first read, so two
   * processes sharing a file cannot both buy the last-seen state.
   */
  transaction<T>(work: () => T): T {
    const db = this.database();
    return db.transaction(work).immediate();
  }

  close(): void {
    const db = this.db;
    this.db = undefined;
    this.statements = undefined;
    db?.close();
  }

  private database(): BetterSqlite3.Database {
    this.connect();
    return this.db as BetterSqlite3.Database;
  }

  private connect(): Statements {
    if (this.statements !== undefined) return this.statements;
    const db = openEmulatorDatabase(this.path, MIGRATIONS);
    try {
      this.statements = prepare(db);
    } catch (error) {
      db.close();
      throw sqliteFailure(this.path, 'prepare its statements', error);
    }
    this.db = db;
    return this.statements;
  }

  private query<T>(action: string, run: (statements: Statements) => T): T {
    const statements = this.connect();
    try {
      return run(statements);
    } catch (error) {
      throw sqliteFailure(this.path, action, error);
    }
  }
}

function prepare(db: BetterSqlite3.Database): Statements {
  const holdingColumns = 'user_id, product_id, count, started_at, trial_ends_at, frequency, cancelled_at, trial_used';
  const transactionColumns = 'id, user_id, product_id, action, result, at, approval_status, approval_modified_at';
  return {
    getHolding: db.prepare(`SELECT ${holdingColumns} FROM monetization_holdings WHERE user_id = ? AND product_id = ?`),
    listHoldings: db.prepare(`SELECT ${holdingColumns} FROM monetization_holdings WHERE user_id = ?`),
    putHolding: db.prepare(
      `INSERT INTO monetization_holdings (${holdingColumns}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_id, product_id) DO UPDATE SET count = excluded.count, started_at = excluded.started_at,
         trial_ends_at = excluded.trial_ends_at, frequency = excluded.frequency, cancelled_at = excluded.cancelled_at,
         trial_used = excluded.trial_used, updated_at = excluded.updated_at`,
    ),
    addTransaction: db.prepare(
      `INSERT INTO monetization_transactions (user_id, product_id, action, result, at, approval_status, approval_modified_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    setApproval: db.prepare('UPDATE monetization_transactions SET approval_status = ?, approval_modified_at = ? WHERE id = ?'),
    listTransactions: db.prepare(`SELECT ${transactionColumns} FROM monetization_transactions WHERE user_id = ? ORDER BY id`),
    resetUserHoldings: db.prepare('DELETE FROM monetization_holdings WHERE user_id = ?'),
    moveHoldings: db.prepare('UPDATE monetization_holdings SET user_id = ? WHERE user_id = ?'),
    moveTransactions: db.prepare('UPDATE monetization_transactions SET user_id = ? WHERE user_id = ?'),
    hasUser: db.prepare(
      `SELECT 1 AS found FROM monetization_holdings WHERE user_id = ?
       UNION ALL SELECT 1 AS found FROM monetization_transactions WHERE user_id = ? LIMIT 1`,
    ),
    resetUserTransactions: db.prepare('DELETE FROM monetization_transactions WHERE user_id = ?'),
    resetHoldings: db.prepare('DELETE FROM monetization_holdings'),
    resetTransactions: db.prepare('DELETE FROM monetization_transactions'),
  };
}

function toHolding(row: HoldingRow): Holding {
  const holding: Holding = { userId: row.user_id, productId: row.product_id, count: row.count, trialUsed: row.trial_used === 1 };
  if (row.started_at !== null) {
    holding.subscription = {
      startedAt: Date.parse(row.started_at),
      trialEndsAt: Date.parse(row.trial_ends_at ?? row.started_at),
      frequency: (row.frequency === 'YEARLY' ? 'YEARLY' : 'MONTHLY') satisfies SubscriptionFrequency,
    };
    if (row.cancelled_at !== null) holding.subscription.cancelledAt = Date.parse(row.cancelled_at);
  }
  return holding;
}

function toTransaction(row: TransactionRow): LoggedTransaction {
  const entry: LoggedTransaction = {
    id: row.id,
    userId: row.user_id,
    productId: row.product_id,
    action: row.action as LoggedAction,
    result: row.result,
    at: Date.parse(row.at),
  };
  if (row.approval_status !== null) entry.approvalStatus = row.approval_status as ApprovalStatus;
  if (row.approval_modified_at !== null) entry.approvalModifiedAt = Date.parse(row.approval_modified_at);
  return entry;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
