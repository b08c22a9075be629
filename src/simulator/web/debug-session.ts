/**
 * The web debugger's hold on one Simulator: it watches the simulator (so turns and changes made
 * by the REPL or a test show up too), keeps the record of steps the page shows and exports, and
 * runs the page's requests one at a time — the simulator has one conversation, not many.
 *
 * Nothing here simulates: every turn, purchase and fault is the Simulator's own.
 */
import type { PurchaseEvent } from '../../storage';
import { formatPrice } from '../dialog-lines';
import { FAULTS, type FaultName } from '../faults';
import type { EntitlementSummary } from '../monetization';
import type { Simulator, SimulatorEvent } from '../simulator';
import type { Turn } from '../turn';
import type { FaultView, Holding, LedgerLine, PendingApproval, ShopProduct, Step, ViewState, WireTurn } from './protocol';

/** Faults the page shows as device settings rather than as faults. */
export const DEVICE_FAULTS = { cannotBuy: 'device-cannot-buy', voiceOff: 'voice-purchasing-off' } as const satisfies Record<string, FaultName>;

export interface DebugSessionOptions {
  simulator: Simulator;
  /**
   * Starts a fresh simulator on the project's current files. Given, the skill is reloadable: the
   * page's Reload button and file watching swap the simulator, carrying over locale, user, faults
   * and what the user owns.
   */
  restart?: () => Promise<Simulator>;
  /** How the skill is reached, for the page's header. */
  target?: string;
}

/** Where the record of the export starts: what held then, so the exported test can set it up again. */
export interface RecordingStart {
  at: string;
  locale: string;
  userId: string;
  faults: FaultName[];
  holdings: Holding[];
  /** The skill had stored data for the user (an exported test starts without it). */
  hadUserData: boolean;
  /** Products off sale then (reference names). */
  offSale: string[];
  /** Purchases waiting for a parent then (reference names; an exported test starts without them). */
  pendingApprovals: string[];
}

export type SessionEvent = { name: 'view'; data: ViewState } | { name: 'step'; data: Step } | { name: 'steps'; data: Step[] };

export class DebugSession {
  readonly steps: Step[] = [];
  recording: RecordingStart;
  private current: Simulator;
  private unwatch: () => void;
  private knownFaults: FaultName[];
  private nextId = 1;
  /** The page's requests, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Steps are recorded in the order their events came, though a turn's snapshot is async. */
  private recorder: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  private closed = false;
  /** Inside run(): the view is sent once, when the work is done. */
  private running = false;

  constructor(private readonly options: DebugSessionOptions) {
    this.current = options.simulator;
    this.knownFaults = this.current.faults;
    this.unwatch = this.current.watch((event) => this.onSimulatorEvent(event));
    this.recording = this.startOfRecording(false);
  }

  static async start(options: DebugSessionOptions): Promise<DebugSession> {
    const session = new DebugSession(options);
    session.recording = await session.describeStart();
    return session;
  }

  get simulator(): Simulator {
    return this.current;
  }

  get reloadable(): boolean {
    return this.options.restart !== undefined;
  }

  subscribe(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs `work` after every earlier request, then waits until its steps are recorded and the page is told. */
  run<T>(work: (simulator: Simulator) => Promise<T> | T): Promise<T> {
    const next = this.queue.then(async () => {
      this.running = true;
      try {
        return await work(this.current);
      } finally {
        this.running = false;
        await this.recorder;
        await this.broadcastView();
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Starts the record (and the export) afresh from now. */
  async clearRecording(): Promise<void> {
    await this.run(async () => {
      this.steps.length = 0;
      this.recording = await this.describeStart();
      this.emit({ name: 'steps', data: [] });
    });
  }

  /** Swaps in a fresh simulator on the project's current files; a failure keeps the running one. */
  reload(reason: string): Promise<boolean> {
    const restart = this.options.restart;
    if (!restart) return Promise.resolve(false);
    return this.run(async () => {
      const old = this.current;
      let next: Simulator;
      try {
        next = await restart();
      } catch (error) {
        this.push({ kind: 'reload', ok: false, message: `${reason}: the skill did not reload, the previous version keeps running. ${(error as Error)?.message ?? String(error)}` });
        return false;
      }
      try {
        if (next.locales.includes(old.locale)) next.setLocale(old.locale);
        next.setUser(old.userId);
        for (const fault of old.faults) next.fault(fault);
        carryHoldings(old, next);
        for (const product of next.emulator.catalog) {
          if (old.emulator.productIdOf(product.referenceName) && old.isPurchasable(product.referenceName) !== next.isPurchasable(product.referenceName)) {
            next.setPurchasable(product.referenceName, old.isPurchasable(product.referenceName));
          }
        }
      } catch (error) {
        await next.close();
        this.push({ kind: 'reload', ok: false, message: `${reason}: the reloaded skill could not take over the session (${(error as Error).message}).` });
        return false;
      }
      this.unwatch();
      this.current = next;
      this.knownFaults = next.faults;
      this.unwatch = next.watch((event) => this.onSimulatorEvent(event));
      await old.close();
      this.push({ kind: 'reload', ok: true, message: `${reason}: the skill was reloaded.` });
      return true;
    });
  }

  async view(): Promise<ViewState> {
    const sim = this.current;
    const stored = await sim.storedData().catch(() => undefined);
    const active = new Set(sim.faults);
    const faults: FaultView[] = (Object.keys(FAULTS) as FaultName[]).map((name) => ({ name, description: FAULTS[name], active: active.has(name) }));
    return {
      skill: {
        invocationName: sim.invocationName,
        target: this.options.target ?? sim.skillTarget,
        projectDir: sim.project.dir,
        locales: sim.locales,
        reloadable: this.reloadable,
      },
      locale: sim.locale,
      userId: sim.userId,
      session: { open: sim.sessionOpen, awaitingPurchaseAnswer: sim.awaitingPurchaseAnswer, attributes: sim.sessionAttributes ?? null },
      faults,
      device: { canBuy: !active.has(DEVICE_FAULTS.cannotBuy), voicePurchasing: !active.has(DEVICE_FAULTS.voiceOff) },
      shop: {
        products: shopProducts(sim),
        history: sim.emulator.history(sim.userId).map((entry) => ({ at: entry.at, referenceName: entry.referenceName, action: entry.action, result: entry.parentalStatus ? `${entry.result} (${entry.parentalStatus})` : entry.result })),
        ledger: stored ? stored.purchases.map((event) => ledgerLine(sim, event)) : null,
        pendingApprovals: pendingApprovals(sim),
      },
      userData: stored?.user?.data ?? null,
      recording: { since: this.recording.at, steps: this.steps.length },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unwatch();
    this.listeners.clear();
    await this.queue;
  }

  // ---- recording ----------------------------------------------------------------------------

  private onSimulatorEvent(event: SimulatorEvent): void {
    if (this.closed) return;
    const sim = this.current;
    switch (event.type) {
      case 'turn': {
        // Snapshot now (synchronous parts) so a later turn cannot leak into this one's state.
        const sessionAttributes = sim.sessionAttributes ?? null;
        const holdings = holdingsOf(sim.entitlements());
        const stored = sim.storedData().catch(() => undefined);
        this.record(async () => {
          const userData = (await stored)?.user?.data ?? null;
          return { kind: 'turn', turn: wireTurn(event.turn), after: { sessionAttributes, userData, holdings } };
        });
        break;
      }
      case 'faults': {
        const before = new Set(this.knownFaults);
        const after = new Set(event.faults);
        this.knownFaults = event.faults;
        for (const name of Object.keys(FAULTS) as FaultName[]) {
          if (before.has(name) !== after.has(name)) this.record(() => ({ kind: 'fault', name, on: after.has(name) }));
        }
        break;
      }
      case 'reset':
        this.record(() => ({ kind: 'reset', userId: event.userId }));
        break;
      case 'grant':
      case 'revoke':
        this.record(() => ({ kind: event.type, referenceName: event.referenceName, result: event.result }));
        break;
      case 'user':
        this.record(() => ({ kind: 'user', userId: event.userId }));
        break;
      case 'locale':
        this.record(() => ({ kind: 'locale', locale: event.locale }));
        break;
      case 'parent':
        this.record(() => ({ kind: 'parent', referenceName: event.referenceName, decision: event.decision, changed: event.changed }));
        break;
      case 'purchasable':
        this.record(() => ({ kind: 'purchasable', referenceName: event.referenceName, purchasable: event.purchasable }));
        break;
      case 'reenable':
        this.record(() => ({ kind: 'reenable', previousUserId: event.previousUserId, userId: event.userId }));
        break;
    }
    // Changes made outside the page's requests (the REPL, a test) reach the page too.
    if (!this.running) void this.recorder.then(() => this.broadcastView());
  }

  private record(make: () => Promise<StepInput> | StepInput): void {
    this.recorder = this.recorder.then(async () => {
      try {
        this.push(await make());
      } catch (error) {
        console.warn(`The web debugger could not record a step: ${(error as Error).message}`);
      }
    });
  }

  private push(step: StepInput): void {
    const full = { ...step, id: this.nextId++, at: new Date().toISOString() } as Step;
    this.steps.push(full);
    this.emit({ name: 'step', data: full });
  }

  private async broadcastView(): Promise<void> {
    if (this.listeners.size === 0 || this.closed) return;
    try {
      this.emit({ name: 'view', data: await this.view() });
    } catch (error) {
      console.warn(`The web debugger could not read the simulator's state: ${(error as Error).message}`);
    }
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private startOfRecording(hadUserData: boolean): RecordingStart {
    const sim = this.current;
    return {
      at: new Date().toISOString(),
      locale: sim.locale,
      userId: sim.userId,
      faults: sim.faults,
      holdings: holdingsOf(sim.entitlements()),
      hadUserData,
      offSale: sim.emulator.catalog.filter((p) => !sim.isPurchasable(p.referenceName)).map((p) => p.referenceName),
      pendingApprovals: sim.pendingApprovals().map((p) => p.referenceName),
    };
  }

  private async describeStart(): Promise<RecordingStart> {
    const stored = await this.current.storedData().catch(() => undefined);
    return this.startOfRecording(Object.keys(stored?.user?.data ?? {}).length > 0);
  }
}

type StepInput = Step extends infer S ? (S extends Step ? Omit<S, 'id' | 'at'> : never) : never;

export function holdingsOf(entitlements: readonly EntitlementSummary[]): Holding[] {
  return entitlements.map((e) => ({ referenceName: e.referenceName, entitled: e.entitled, count: e.activeEntitlementCount }));
}

/** The simulator's Turn as the page gets it (the compiler checks the shapes agree). */
function wireTurn(turn: Turn): WireTurn {
  return turn;
}

function shopProducts(sim: Simulator): ShopProduct[] {
  const owned = new Map(sim.entitlements().map((e) => [e.referenceName, e]));
  return sim.emulator.catalog.map((product) => {
    const offer = sim.emulator.offerFor(product.productId, sim.locale, sim.userId);
    const summary = owned.get(product.referenceName);
    let price: string | null = null;
    if (offer?.price !== undefined && offer.currency) {
      price = formatPrice(offer.price, offer.currency, sim.locale);
      if (offer.frequency) price += offer.frequency === 'YEARLY' ? ' a year' : ' a month';
      if (offer.trialDays > 0) price += `, ${offer.trialDays} days free`;
    }
    return {
      referenceName: product.referenceName,
      productId: product.productId,
      type: product.type,
      name: offer?.name ?? product.referenceName,
      price,
      forSale: sim.isPurchasable(product.referenceName),
      entitled: summary?.entitled ?? false,
      purchasable: summary?.purchasable ?? product.forSale,
      count: summary?.activeEntitlementCount ?? 0,
      note: noteOf(summary),
    };
  });
}

function pendingApprovals(sim: Simulator): PendingApproval[] {
  return sim.pendingApprovals().map((p) => ({ referenceName: p.referenceName, name: sim.emulator.offerFor(p.productId, sim.locale)?.name ?? p.referenceName, since: p.since }));
}

function noteOf(summary: EntitlementSummary | undefined): string {
  if (!summary) return '';
  const notes: string[] = [];
  const sub = summary.subscription;
  if (sub) {
    const day = (iso: string) => iso.slice(0, 10);
    if (sub.phase === 'TRIAL') notes.push(`free trial until ${day(sub.periodEndsAt)}`);
    else if (sub.phase === 'PAID') notes.push(`renews ${day(sub.periodEndsAt)}`);
    else if (sub.phase === 'CANCELLED') notes.push(`cancelled, usable until ${day(sub.periodEndsAt)}`);
    else notes.push(`expired ${day(sub.periodEndsAt)}`);
  }
  if (summary.pendingApprovalSince) notes.push('awaiting a parent\'s approval');
  return notes.join('; ');
}

function ledgerLine(sim: Simulator, event: PurchaseEvent): LedgerLine {
  const product = sim.emulator.catalog.find((p) => p.productId === event.productId);
  return {
    at: event.receivedAt,
    referenceName: product?.referenceName ?? event.productId ?? '',
    action: event.name,
    result: event.purchaseResult ?? `status ${event.statusCode}`,
  };
}

/** After a reload: the new simulator's user owns at least what the old one's did (an in-memory emulator starts empty). */
function carryHoldings(from: Simulator, to: Simulator): void {
  const now = new Map(to.entitlements().map((e) => [e.referenceName, e]));
  for (const before of from.entitlements()) {
    const after = now.get(before.referenceName);
    if (!after || !before.entitled) continue;
    const missing = before.type === 'CONSUMABLE' ? before.activeEntitlementCount - after.activeEntitlementCount : after.entitled ? 0 : 1;
    for (let i = 0; i < missing; i++) to.grant(before.referenceName);
  }
}
