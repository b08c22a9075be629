/**
 * The simulator: an emulated Alexa in front of any skill. It understands what the user types
 * (local NLU over the skill's interaction model), sends the requests Alexa would send, speaks the
 * answers, runs Alexa's purchase dialog against an emulated Monetization service with real
 * entitlement state, and launches the skill again with the purchase result — all offline.
 *
 * The REPL (`skillshop simulate`), the scripted CLI, the test API (`skillshop/testing`) and the
 * web debugger are views of this one class.
 *
 * @example
 * const s = await simulator({ project: 'examples/cave-quest' });
 * await s.say('open cave quest');
 * await s.say('buy cave quest');   // Alexa: "… It's $1.99 plus tax. Would you like to buy it?"
 * await s.say('yes');              // the skill's ON_PURCHASE answers
 * await s.close();
 */
import { resolve } from 'node:path';
import type { ResponseEnvelope } from '../alexa/response';
import { ssmlToText } from '../alexa/ssml';
import type { App } from '../app/app';
import { loadProject } from '../app/project';
import { systemClock, type Clock } from '../clock';
import { skillshopError } from '../errors';
import type { PurchaseEvent, StorageConfig, UserRecord } from '../storage';
import { checkResponse, purchaseDirectiveOf } from './check-response';
import { dialogLinesFor, type DialogLines } from './dialog-lines';
import { FAULTS, isFaultName, type FaultName } from './faults';
import { startMonetizationEmulator, type BuyResult, type CancelResult, type EntitlementSummary, type MonetizationEmulator } from './monetization';
import { compileModel, type CompiledNlu, type NluResult } from './nlu';
import { loadSimulationProject, type SimulationProject } from './project';
import { answerPurchaseDialog, startPurchaseDialog, type DialogEnvironment, type DialogStep, type PendingPurchase, type PurchaseResultToSend } from './purchase-dialog';
import { RequestFactory, type RequestContext, type SimulatedSession } from './requests';
import { httpTarget, inProcessTarget, type SkillTarget } from './skill-target';
import { emptyTurn, say, type ForcedPurchaseOutcome, type Turn } from './turn';

export type { ForcedPurchaseOutcome } from './turn';

export interface SimulatorOptions {
  /** The project folder: models/, the product catalog, skillshop.json, and app/app.* (unless `app` or `endpoint`). Default: the current directory. */
  project?: string;
  /** A skillshop App to drive in process (instead of the project's app/app.*). */
  app?: App;
  /** Drive any skill over HTTP (ASK SDK, Jovo, …) at this URL; it must accept unsigned requests. */
  endpoint?: string;
  /** Default: en-US when the model has it, else the first modelled locale. */
  locale?: string;
  /** Default: amzn1.ask.account.SIMULATED-USER */
  userId?: string;
  /** Where entitlements are kept: a SQLite file, or ':memory:' (the default). */
  entitlementsDb?: string;
  /** The in-process app's storage when its own config names none. Default: memory; 'project' keeps the project's. */
  appStorage?: StorageConfig | 'project';
  faults?: FaultName[];
  /** Adjust Alexa's purchase-dialog wording per locale. */
  dialogLines?: Record<string, Partial<DialogLines>>;
  /** Outside a session, treat an utterance that names no skill as said to this skill. Default true. */
  implicitLaunch?: boolean;
  clock?: Clock;
}

/** What a Simulator tells its watchers (the web debugger): every turn, and every change to its state, whoever made it. */
export type SimulatorEvent =
  | { type: 'turn'; turn: Turn }
  | { type: 'locale'; locale: string }
  | { type: 'user'; userId: string }
  | { type: 'faults'; faults: FaultName[] }
  | { type: 'reset'; userId: string }
  | { type: 'grant'; referenceName: string; result: BuyResult }
  | { type: 'revoke'; referenceName: string; result: CancelResult }
  | { type: 'parent'; referenceName: string; decision: ParentDecision; changed: boolean }
  | { type: 'purchasable'; referenceName: string; purchasable: boolean }
  /** The skill was disabled and enabled again: a new user id, the purchases moved to it. */
  | { type: 'reenable'; previousUserId: string; userId: string };

/** What a parent does with a child's purchase request (child-directed skills). */
export type ParentDecision = 'approve' | 'deny' | 'expire';

/** A child's purchase waiting for a parent. */
export interface PendingParentApproval {
  referenceName: string;
  productId: string;
  /** When the child asked (ISO 8601). */
  since: string;
}

/** What an in-process skill keeps in its storage for the simulated user. */
export interface StoredUserData {
  user: UserRecord | undefined;
  /** The purchase results the app recorded (its ledger), oldest first. */
  purchases: PurchaseEvent[];
}

export const SIMULATED_USER_ID = 'amzn1.ask.account.SIMULATED-USER';
const SIMULATED_DEVICE_ID = 'amzn1.ask.device.SIMULATED-DEVICE';
/** A skill that answers a purchase result with another purchase directive, forever, is stopped here. */
const MAX_PURCHASE_HOPS = 5;

export class Simulator {
  readonly turns: Turn[] = [];
  private session: (SimulatedSession & { reprompt?: string; reprompted?: boolean }) | undefined;
  private pending: PendingPurchase | undefined;
  private readonly nlus = new Map<string, CompiledNlu>();
  private readonly activeFaults = new Set<FaultName>();
  private readonly watchers = new Set<(event: SimulatorEvent) => void>();
  private readonly factory: RequestFactory;
  private currentLocale: string;
  private currentUser: string;

  private constructor(
    readonly project: SimulationProject,
    readonly emulator: MonetizationEmulator,
    private readonly target: SkillTarget,
    private readonly options: SimulatorOptions,
    private readonly clock: Clock,
    private readonly ownedApp: App | undefined,
  ) {
    this.factory = new RequestFactory(clock);
    const locales = Object.keys(project.models).sort();
    this.currentLocale = options.locale ?? (locales.includes('en-US') ? 'en-US' : locales[0]!);
    this.checkLocale(this.currentLocale);
    this.currentUser = options.userId ?? SIMULATED_USER_ID;
  }

  static async start(options: SimulatorOptions = {}): Promise<Simulator> {
    const dir = resolve(options.project ?? process.cwd());
    const project = loadSimulationProject(dir);
    if (Object.keys(project.models).length === 0) {
      throw skillshopError('PROJECT_NOT_FOUND', `${dir} has no language model to simulate.`);
    }
    const clock = options.clock ?? systemClock;
    let app = options.app;
    let ownedApp: App | undefined;
    let target: SkillTarget;
    if (options.endpoint) {
      target = httpTarget(options.endpoint);
    } else {
      if (!app) {
        const loaded = await loadProject(dir);
        app = ownedApp = loaded.app;
        const storage = options.appStorage ?? { type: 'memory' as const };
        if (storage !== 'project') app.applyProjectSettings({ storage });
      }
      target = inProcessTarget(app, options.app ? 'the app (in process)' : 'app/app (in process)');
    }
    const emulator = await startMonetizationEmulator({
      products: project.products,
      clock,
      ...(options.entitlementsDb ? { dbPath: options.entitlementsDb } : {}),
    });
    let simulator: Simulator | undefined;
    try {
      simulator = new Simulator(project, emulator, target, options, clock, ownedApp);
      for (const fault of options.faults ?? []) simulator.fault(fault);
      return simulator;
    } catch (error) {
      // A bad option must not leave the emulator's server (or the app's storage) open.
      await emulator.close();
      await ownedApp?.close();
      throw error;
    }
  }

  // ---- state --------------------------------------------------------------------------------

  get locale(): string {
    return this.currentLocale;
  }

  get userId(): string {
    return this.currentUser;
  }

  get lastTurn(): Turn | undefined {
    return this.turns.at(-1);
  }

  get sessionOpen(): boolean {
    return this.session !== undefined;
  }

  get awaitingPurchaseAnswer(): boolean {
    return this.pending !== undefined;
  }

  get faults(): FaultName[] {
    return [...this.activeFaults].sort();
  }

  get locales(): string[] {
    return Object.keys(this.project.models).sort();
  }

  get invocationName(): string {
    return this.nlu().invocationName;
  }

  /** The skillshop App driven in process; undefined over an endpoint. */
  get app(): App | undefined {
    return this.options.app ?? this.ownedApp;
  }

  /** How the skill is reached: "app/app (in process)" or its endpoint URL. */
  get skillTarget(): string {
    return this.target.description;
  }

  /** Switches the locale; the open session (if any) ends. */
  setLocale(locale: string): void {
    this.checkLocale(locale);
    this.session = undefined;
    this.pending = undefined;
    this.currentLocale = locale;
    this.emit({ type: 'locale', locale });
  }

  /** Switches the user; the open session (if any) ends. */
  setUser(userId: string): void {
    if (!userId.trim()) throw skillshopError('CLI_USAGE', 'A user id cannot be empty.');
    this.switchUser(userId);
    this.emit({ type: 'user', userId });
  }

  private switchUser(userId: string): void {
    this.session = undefined;
    this.pending = undefined;
    this.currentUser = userId;
  }

  entitlements(): EntitlementSummary[] {
    return this.emulator.entitlements(this.currentUser);
  }

  /** Like the developer console's "reset test purchases": this user's purchases are gone. */
  reset(): void {
    this.emulator.reset(this.currentUser);
    this.emit({ type: 'reset', userId: this.currentUser });
  }

  /**
   * Gives the user a product without Alexa's purchase dialog (a parent's approval included), as if
   * bought on another device. A consumable gains one purchase.
   */
  grant(referenceName: string): BuyResult {
    const productId = this.productIdOf(referenceName);
    let result = this.emulator.buy(this.currentUser, productId);
    if (result === 'PENDING_PURCHASE' && this.emulator.approvePurchase(this.currentUser, productId)) result = 'ACCEPTED';
    this.emit({ type: 'grant', referenceName, result });
    return result;
  }

  /** Amazon's refund or cancel, without the dialog: one consumable purchase or the entitlement goes; a subscription is cancelled (usable to its period's end). */
  revoke(referenceName: string): CancelResult {
    const result = this.emulator.cancel(this.currentUser, this.productIdOf(referenceName));
    this.emit({ type: 'revoke', referenceName, result });
    return result;
  }

  /** The purchases of this user that wait for a parent (child-directed skills, the `pending-purchase` fault). */
  pendingApprovals(): PendingParentApproval[] {
    return this.emulator.parentalTransactions(this.currentUser)
      .filter((transaction) => transaction.status === 'PENDING_APPROVAL_BY_PARENT')
      .map((transaction) => ({
        referenceName: this.emulator.offerFor(transaction.productId, this.currentLocale)?.referenceName ?? transaction.productId,
        productId: transaction.productId,
        since: transaction.createdTime,
      }));
  }

  /**
   * The parent answers a child's purchase request: `approve` gives the product, `deny` and
   * `expire` leave it locked (the transaction says DENIED_BY_PARENT / EXPIRED_NO_ACTION_BY_PARENT).
   * False when nothing of that product was waiting.
   */
  parent(decision: ParentDecision, referenceName: string): boolean {
    const productId = this.productIdOf(referenceName);
    const changed = decision === 'approve' ? this.emulator.approvePurchase(this.currentUser, productId)
      : decision === 'deny' ? this.emulator.denyPurchase(this.currentUser, productId)
        : this.emulator.expirePurchase(this.currentUser, productId);
    this.emit({ type: 'parent', referenceName, decision, changed });
    return changed;
  }

  /** Takes a product off sale for everyone (Amazon says NOT_PURCHASABLE; a Buy fails), or puts it back on sale. */
  setPurchasable(referenceName: string, purchasable: boolean): void {
    this.emulator.setPurchasable(this.productIdOf(referenceName), purchasable);
    this.emit({ type: 'purchasable', referenceName, purchasable });
  }

  /** Whether a product is for sale now (its definition, unless setPurchasable changed it). */
  isPurchasable(referenceName: string): boolean {
    return this.emulator.isForSale(this.productIdOf(referenceName));
  }

  /**
   * The user disables the skill and enables it again: Alexa gives them a new user id, their
   * purchases follow it (Amazon keeps them per account), and what the skill stored under the old id
   * is out of reach. The open session ends. Returns the new user id.
   */
  reenable(): string {
    let n = 1;
    const base = this.currentUser.replace(/-REENABLED-\d+$/, '');
    while (this.emulator.hasUser(`${base}-REENABLED-${n}`)) n += 1;
    const next = `${base}-REENABLED-${n}`;
    const previousUserId = this.currentUser;
    this.emulator.moveUser(previousUserId, next);
    this.switchUser(next);
    this.emit({ type: 'reenable', previousUserId, userId: next });
    return next;
  }

  /**
   * Ends Alexa's purchase dialog with a result of your choosing instead of the user's yes or no —
   * what the user cannot say: ALREADY_PURCHASED (bought on another device meanwhile), ERROR, a
   * result Amazon may add one day, a broken flow, or no result at all. The entitlement changes the
   * way Alexa would change it: ACCEPTED buys (or cancels, for Cancel), ALREADY_PURCHASED makes
   * sure the user owns the product, anything else changes nothing.
   */
  async answerPurchase(outcome: ForcedPurchaseOutcome): Promise<Turn> {
    const pending = this.pending;
    if (!pending) throw skillshopError('CLI_USAGE', 'No purchase dialog is waiting for an answer: a purchase directive starts one.');
    const described = outcome === 'no-result' ? '(no result)' : 'statusCode' in outcome ? `(status ${outcome.statusCode})` : `(${outcome.purchaseResult})`;
    const turn = emptyTurn(described);
    turn.forcedPurchase = outcome;
    const { name, productId, token } = pending;
    let result: PurchaseResultToSend | undefined;
    if (outcome !== 'no-result') {
      if ('statusCode' in outcome) {
        result = { status: { code: outcome.statusCode, message: outcome.message ?? 'Simulated failure' } };
      } else {
        this.applyForcedResult(name, productId, outcome.purchaseResult);
        const payload: NonNullable<PurchaseResultToSend['payload']> = { purchaseResult: outcome.purchaseResult, productId };
        if (outcome.message) payload.message = outcome.message;
        result = { status: { code: '200', message: 'OK' }, payload };
      }
    }
    await this.runDialog(turn, { kind: 'done', lines: [], name, productId, token, result });
    return this.record(turn);
  }

  private applyForcedResult(name: string, productId: string, purchaseResult: string): void {
    const owned = () => this.emulator.productFor(this.currentUser, productId, this.currentLocale)?.entitled === 'ENTITLED';
    if (purchaseResult === 'ACCEPTED') {
      if (name === 'Cancel') this.emulator.cancel(this.currentUser, productId);
      else this.emulator.buy(this.currentUser, productId);
    } else if (purchaseResult === 'ALREADY_PURCHASED' && !owned()) {
      this.emulator.buy(this.currentUser, productId);
    }
  }

  /** The session attributes Alexa keeps for the open session; undefined when none is open. */
  get sessionAttributes(): Record<string, unknown> | undefined {
    return this.session ? structuredClone(this.session.attributes) : undefined;
  }

  /** What an in-process skill has stored for the current user; undefined over an endpoint or before its storage opened. */
  async storedData(): Promise<StoredUserData | undefined> {
    const store = (this.options.app ?? this.ownedApp)?.store;
    if (!store) return undefined;
    const [user, purchases] = await Promise.all([store.getUser(this.currentUser), store.listPurchaseEvents(this.currentUser)]);
    return { user, purchases };
  }

  /** Calls `listener` after every turn and every state change; returns the function that stops it. */
  watch(listener: (event: SimulatorEvent) => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  fault(name: FaultName | string): void {
    if (!isFaultName(name)) {
      throw skillshopError('CLI_USAGE', `Unknown fault "${name}". Faults: ${Object.keys(FAULTS).join(', ')}.`);
    }
    this.activeFaults.add(name);
    this.applyFaults();
    this.emit({ type: 'faults', faults: this.faults });
  }

  clearFaults(name?: FaultName): void {
    if (name) this.activeFaults.delete(name);
    else this.activeFaults.clear();
    this.applyFaults();
    this.emit({ type: 'faults', faults: this.faults });
  }

  async close(): Promise<void> {
    await this.emulator.close();
    await this.ownedApp?.close();
  }

  // ---- what the user does --------------------------------------------------------------------

  /** The user says something. */
  async say(utterance: string): Promise<Turn> {
    const turn = emptyTurn(utterance);
    if (this.pending) {
      await this.runDialog(turn, answerPurchaseDialog(this.pending, utterance, this.dialogEnvironment()));
    } else if (!this.session) {
      await this.outOfSession(turn, utterance);
    } else {
      await this.inSession(turn, utterance);
    }
    return this.record(turn);
  }

  /** "open <invocation name>" */
  launch(): Promise<Turn> {
    return this.say(`open ${this.invocationName}`);
  }

  /** The user says nothing: Alexa reprompts once, then closes the session (EXCEEDED_MAX_REPROMPTS). */
  async silence(): Promise<Turn> {
    const turn = emptyTurn('(silence)');
    if (this.pending) {
      await this.runDialog(turn, answerPurchaseDialog(this.pending, '', this.dialogEnvironment()));
    } else if (this.session) {
      if (this.session.reprompt && !this.session.reprompted) {
        this.session.reprompted = true;
        say(turn, { speaker: 'skill', text: this.session.reprompt });
      } else {
        await this.endSession(turn, 'EXCEEDED_MAX_REPROMPTS');
      }
    }
    return this.record(turn);
  }

  /** The user closes the session ("exit"). */
  async quit(): Promise<Turn> {
    const turn = emptyTurn('(exit)');
    this.pending = undefined;
    if (this.session) await this.endSession(turn, 'USER_INITIATED');
    return this.record(turn);
  }

  // ---- the conversation --------------------------------------------------------------------

  private async outOfSession(turn: Turn, utterance: string): Promise<void> {
    let nlu = this.nlu().understand(utterance, { launch: true });
    if (nlu.kind === 'none' && nlu.reason === 'not-invoked' && this.options.implicitLaunch !== false) {
      const implicit = this.nlu().understand(utterance);
      if (implicit.kind === 'intent' || implicit.kind === 'launch') nlu = implicit;
    }
    turn.nlu = nlu;
    if (nlu.kind === 'launch') {
      this.session = this.factory.newSession();
      await this.exchange(turn, { type: 'LaunchRequest' });
    } else if (nlu.kind === 'intent' && nlu.intent) {
      this.session = this.factory.newSession();
      await this.exchange(turn, { type: 'IntentRequest', dialogState: 'COMPLETED', intent: nlu.intent });
    } else if (nlu.kind !== 'end') {
      say(turn, { speaker: 'alexa', text: this.lines().noSkill });
    }
  }

  private async inSession(turn: Turn, utterance: string): Promise<void> {
    const nlu = this.nlu().understand(utterance);
    turn.nlu = nlu;
    if (this.session) this.session.reprompted = false;
    if (nlu.kind === 'end') {
      await this.endSession(turn, 'USER_INITIATED');
    } else if (nlu.kind === 'launch') {
      this.session = this.factory.newSession();
      await this.exchange(turn, { type: 'LaunchRequest' });
    } else if (nlu.kind === 'intent' && nlu.intent) {
      await this.exchange(turn, { type: 'IntentRequest', dialogState: 'COMPLETED', intent: nlu.intent });
    } else {
      turn.problems.push({
        severity: 'warning',
        message: `Nothing in the ${this.currentLocale} model matches "${utterance}" and it declares no AMAZON.FallbackIntent, so Alexa has nothing to send.`,
      });
      turn.sessionOpen = true;
    }
  }

  private async endSession(turn: Turn, reason: 'USER_INITIATED' | 'EXCEEDED_MAX_REPROMPTS' | 'ERROR', error?: string): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    const request: Record<string, unknown> = { type: 'SessionEndedRequest', reason };
    if (error) request.error = { type: 'INVALID_RESPONSE', message: error };
    const envelope = this.factory.envelope(this.requestContext(), session, request);
    turn.requests.push(envelope);
    const reply = await this.target.send(envelope);
    turn.responses.push(reply.ok ? reply.body : undefined);
  }

  /** Sends one request in the current session and plays the answer. */
  private async exchange(turn: Turn, request: Record<string, unknown>, hops = 0): Promise<void> {
    const session = this.session;
    const envelope = this.factory.envelope(this.requestContext(), session, request);
    turn.requests.push(envelope);
    const reply = await this.target.send(envelope);
    turn.responses.push(reply.body);
    if (!reply.ok) return this.skillFailed(turn, reply.error);
    const problems = checkResponse(reply.body);
    turn.problems.push(...problems);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) return this.skillFailed(turn, errors.map((p) => p.message).join(' '));
    await this.play(turn, reply.body as ResponseEnvelope, hops);
  }

  private async play(turn: Turn, response: ResponseEnvelope, hops: number): Promise<void> {
    const speech = response.response.outputSpeech;
    if (speech) {
      const text = speech.type === 'SSML' ? ssmlToText(speech.ssml ?? '') : (speech.text ?? '');
      say(turn, { speaker: 'skill', text, ...(speech.ssml ? { ssml: speech.ssml } : {}) });
    }
    if (response.response.card) turn.card = response.response.card;
    const directive = purchaseDirectiveOf(response);
    if (directive) {
      // A purchase directive ends the session whatever shouldEndSession says (facts §1).
      this.session = undefined;
      if (hops >= MAX_PURCHASE_HOPS) {
        turn.problems.push({ severity: 'error', message: `The skill answered ${MAX_PURCHASE_HOPS} purchase results in a row with another purchase directive; the simulator stopped.` });
        return;
      }
      await this.runDialog(turn, startPurchaseDialog(directive, this.dialogEnvironment()), hops + 1);
      return;
    }
    if (response.response.shouldEndSession === false && this.session) {
      this.session.attributes = { ...(response.sessionAttributes ?? {}) };
      const reprompt = response.response.reprompt?.outputSpeech;
      this.session.reprompt = reprompt ? (reprompt.type === 'SSML' ? ssmlToText(reprompt.ssml ?? '') : (reprompt.text ?? '')) : undefined;
      turn.sessionOpen = true;
    } else {
      this.session = undefined;
    }
  }

  private async runDialog(turn: Turn, step: DialogStep, hops = 1): Promise<void> {
    for (const line of step.lines) say(turn, { speaker: 'alexa', text: line });
    if (step.kind === 'ask') {
      this.pending = step.pending;
      turn.awaitingPurchaseAnswer = true;
      return;
    }
    this.pending = undefined;
    const referenceName = this.emulator.offerFor(step.productId, this.currentLocale)?.referenceName;
    turn.purchase = {
      name: step.name,
      productId: step.productId,
      referenceName,
      purchaseResult: step.result?.payload?.purchaseResult,
      statusCode: step.result?.status.code,
      token: step.token,
    };
    if (!step.result) return; // a result that never comes back
    // The skill is launched again with the result, in a NEW session with no attributes (facts §2).
    this.session = this.factory.newSession();
    const request: Record<string, unknown> = { type: 'Connections.Response', name: step.name, status: step.result.status };
    if (step.result.payload) request.payload = step.result.payload;
    if (step.token !== undefined) request.token = step.token;
    await this.exchange(turn, request, hops);
  }

  private async skillFailed(turn: Turn, error: string): Promise<void> {
    turn.error = error;
    say(turn, { speaker: 'alexa', text: this.lines().skillError });
    await this.endSession(turn, 'ERROR', error);
  }

  private record(turn: Turn): Turn {
    turn.sessionOpen = this.session !== undefined;
    turn.awaitingPurchaseAnswer = this.pending !== undefined;
    this.turns.push(turn);
    this.emit({ type: 'turn', turn });
    return turn;
  }

  private emit(event: SimulatorEvent): void {
    for (const watcher of this.watchers) {
      try {
        watcher(event);
      } catch (error) {
        // A watcher is a view: its failure must not change what the simulated user experiences.
        console.warn(`A simulator watcher failed: ${(error as Error)?.message ?? String(error)}`);
      }
    }
  }

  private productIdOf(referenceName: string): string {
    const productId = this.emulator.productIdOf(referenceName);
    if (!productId) {
      throw skillshopError('CLI_USAGE', `No product "${referenceName}". Products: ${this.emulator.catalog.map((p) => p.referenceName).join(', ') || 'none'}.`);
    }
    return productId;
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** How the current locale's model understands an utterance, without saying it. */
  understand(utterance: string): NluResult {
    return this.nlu().understand(utterance, { launch: !this.session });
  }

  private nlu(): CompiledNlu {
    let nlu = this.nlus.get(this.currentLocale);
    if (!nlu) {
      nlu = compileModel(this.project.models[this.currentLocale]!, { skillId: this.project.skillId, locale: this.currentLocale });
      this.nlus.set(this.currentLocale, nlu);
    }
    return nlu;
  }

  private lines(): DialogLines {
    return dialogLinesFor(this.currentLocale, this.options.dialogLines);
  }

  private dialogEnvironment(): DialogEnvironment {
    return { emulator: this.emulator, userId: this.currentUser, locale: this.currentLocale, lines: this.lines(), faults: this.activeFaults };
  }

  private requestContext(): RequestContext {
    return {
      skillId: this.project.skillId,
      userId: this.currentUser,
      deviceId: SIMULATED_DEVICE_ID,
      locale: this.currentLocale,
      apiEndpoint: this.emulator.url,
      apiAccessToken: this.emulator.tokenFor(this.currentUser),
      supportedInterfaces: {},
    };
  }

  private applyFaults(): void {
    const has = (name: FaultName) => this.activeFaults.has(name);
    const status = has('monetization-401') ? 401 : has('monetization-429') ? 429 : has('monetization-500') ? 500 : undefined;
    this.emulator.setFault(status === undefined ? undefined : { status });
    this.emulator.setLatency(has('monetization-slow') ? 3000 : 0);
    this.emulator.setVoicePurchasing(!has('voice-purchasing-off'));
    this.emulator.setChildDirected(has('pending-purchase'));
  }

  private checkLocale(locale: string): void {
    if (!this.project.models[locale]) {
      throw skillshopError('CLI_USAGE', `The skill has no ${locale} model. Modelled locales: ${Object.keys(this.project.models).sort().join(', ')}.`);
    }
  }
}

/** Starts a simulator; see SimulatorOptions. */
export function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return Simulator.start(options);
}

