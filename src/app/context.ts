/**
 * `this` inside a handler: output (tell/ask), routing (states, toIntent), inputs, session and user
 * data, and `alexaSkill().inSkillPurchase()`. One context runs one handler chain of a request; if
 * the chain fails, ON_ERROR gets a fresh context so a late answer of the failed handler can never
 * leak into the error response.
 */
import type { Card, Directive } from '../alexa/response';
import type { RequestEnvelope } from '../alexa/request';
import { skillshopError } from '../errors';
import { InSkillPurchase } from '../isp/in-skill-purchase';
import type { Completion } from './completion';
import type { Input, Inputs } from './inputs';
import { Output } from './output';
import type { RequestState } from './request-state';
import type { UserData } from '../storage/store';

/** Runs handlers by name for toIntent/toStateIntent; provided by the App. */
export interface HandlerRunner {
  runIntent(context: HandlerContext, state: string | undefined, name: string, args: unknown[]): Promise<unknown>;
  hasState(state: string): boolean;
}

export interface SkillUser {
  /** Alexa's user id (`amzn1.ask.account.…`). */
  readonly id: string;
  /** Saved after the request when changed. Keep it JSON. */
  data: UserData;
  /** true until the first save of this user's data. */
  readonly isNew: boolean;
  readonly createdAt: string | undefined;
}

export type Speech = string | readonly string[];

export class AlexaSkill {
  private isp: InSkillPurchase | undefined;
  constructor(private readonly context: HandlerContext) {}

  /** Products, entitlements and the purchase directives: the seed's `inSkillPurchase()`. */
  inSkillPurchase(): InSkillPurchase {
    this.isp ??= new InSkillPurchase(this.context);
    return this.isp;
  }

  /** Whether the device has a screen, etc.: the request's supported interfaces. */
  hasInterface(name: string): boolean {
    return Boolean(this.context.request.context.System.device?.supportedInterfaces?.[name]);
  }
}

export class HandlerContext {
  readonly output = new Output();
  /** The error ON_ERROR was called for. */
  readonly error: unknown;
  private completion: Completion | undefined;
  private closed = false;
  private alexa: AlexaSkill | undefined;
  private currentHandler: string;

  constructor(
    readonly requestState: RequestState,
    private readonly runner: HandlerRunner,
    handlerName: string,
    error?: unknown,
  ) {
    this.error = error;
    this.currentHandler = handlerName;
  }

  // ---- output -------------------------------------------------------------------------------

  /** Says `speech` and ends the session. Plain text is escaped; `<speak>…</speak>` passes as SSML. */
  tell(speech: Speech): this {
    return this.produce(() => this.output.tell(this.pick(speech, 'tell')));
  }

  /** Says `speech`, keeps the session open and says `reprompt` if the user stays silent. */
  ask(speech: Speech, reprompt?: Speech): this {
    const said = this.pick(speech, 'ask');
    return this.produce(() => this.output.ask(said, reprompt === undefined ? said : this.pick(reprompt, 'ask')));
  }

  /** Ends the session without speech. */
  endSession(): this {
    return this.produce(() => this.output.endSession());
  }

  showSimpleCard(title: string, content: string): this {
    this.guard();
    this.output.card = { type: 'Simple', title, content };
    return this;
  }

  showStandardCard(title: string, text: string, image?: { smallImageUrl?: string; largeImageUrl?: string }): this {
    this.guard();
    const card: Card = { type: 'Standard', title, text };
    if (image) card.image = image;
    this.output.card = card;
    return this;
  }

  /** Adds a directive (not a purchase directive: use inSkillPurchase() for those). */
  addDirective(directive: Directive): this {
    // A directive alone (Dialog.Delegate, AudioPlayer.Play) is an answer.
    return this.produce(() => this.output.addDirective(directive));
  }

  /** @internal used by InSkillPurchase */
  sendPurchaseDirective(directive: Directive): void {
    this.produce(() => this.output.setPurchaseDirective(directive));
  }

  // ---- routing ------------------------------------------------------------------------------

  /** The state the next request starts in (kept until changed or removed). */
  followUpState(state: string): this {
    this.guard();
    if (!this.runner.hasState(state)) {
      throw skillshopError('HANDLER_NOT_FOUND', `followUpState("${state}"): no such state in setHandler.`);
    }
    this.requestState.state = state;
    return this;
  }

  removeState(): this {
    this.guard();
    this.requestState.state = undefined;
    return this;
  }

  getState(): string | undefined {
    return this.requestState.state;
  }

  /** Runs another handler of the current state (then global) with this request's inputs. */
  toIntent(name: string, ...args: unknown[]): Promise<unknown> {
    return this.route(this.requestState.state, name, args);
  }

  /** Switches to `state` and runs its handler `name`. */
  toStateIntent(state: string, name: string, ...args: unknown[]): Promise<unknown> {
    this.followUpState(state);
    return this.route(state, name, args);
  }

  /** Runs a global handler, ignoring the state. */
  toStatelessIntent(name: string, ...args: unknown[]): Promise<unknown> {
    return this.route(undefined, name, args);
  }

  private route(state: string | undefined, name: string, args: unknown[]): Promise<unknown> {
    this.guard();
    this.currentHandler = name;
    const result = this.runner.runIntent(this, state, name, args);
    // A seed-style caller does not return this promise; its failure must still reach ON_ERROR.
    result.catch((error: unknown) => this.completion?.fail(error));
    return result;
  }

  // ---- request ------------------------------------------------------------------------------

  get request(): RequestEnvelope {
    return this.requestState.envelope;
  }

  getRequest(): RequestEnvelope {
    return this.requestState.envelope;
  }

  getRequestType(): string {
    return this.request.request.type;
  }

  getIntentName(): string | undefined {
    const request = this.request.request as { intent?: { name: string } };
    return request.intent?.name;
  }

  /** The handler running now (after toIntent, the target). */
  getHandlerPath(): string {
    return this.currentHandler;
  }

  getLocale(): string {
    return this.requestState.locale;
  }

  getUserId(): string {
    return this.requestState.userId;
  }

  isNewSession(): boolean {
    return this.requestState.isNewSession;
  }

  getInput(name: string): Input | undefined {
    return this.requestState.inputs[name];
  }

  getInputs(): Inputs {
    return this.requestState.inputs;
  }

  getError(): unknown {
    return this.error;
  }

  // ---- session and user ---------------------------------------------------------------------

  getSessionAttribute(name: string): unknown {
    return this.requestState.sessionAttributes[name];
  }

  setSessionAttribute(name: string, value: unknown): this {
    this.guard();
    this.requestState.sessionAttributes[name] = value;
    return this;
  }

  getSessionAttributes(): Record<string, unknown> {
    return this.requestState.sessionAttributes;
  }

  setSessionAttributes(attributes: Record<string, unknown>): this {
    this.guard();
    const state = this.requestState.state;
    for (const key of Object.keys(this.requestState.sessionAttributes)) delete this.requestState.sessionAttributes[key];
    Object.assign(this.requestState.sessionAttributes, attributes);
    if (state !== undefined && attributes.STATE === undefined) this.requestState.state = state;
    return this;
  }

  user(): SkillUser {
    const state = this.requestState;
    return {
      id: state.userId,
      get data() {
        return state.userData;
      },
      set data(value: UserData) {
        for (const key of Object.keys(state.userData)) delete state.userData[key];
        Object.assign(state.userData, value);
      },
      isNew: state.userRecord === undefined,
      createdAt: state.userRecord?.createdAt,
    };
  }

  alexaSkill(): AlexaSkill {
    this.alexa ??= new AlexaSkill(this);
    return this.alexa;
  }

  /** Shortcut for `alexaSkill().inSkillPurchase()`. */
  get isp(): InSkillPurchase {
    return this.alexaSkill().inSkillPurchase();
  }

  // ---- lifecycle (internal) -----------------------------------------------------------------

  /** @internal: `handlerName` is the handler about to run (LAUNCH, an intent, Unhandled, …). */
  attach(completion: Completion, handlerName?: string): void {
    this.completion = completion;
    if (handlerName !== undefined) this.currentHandler = handlerName;
  }

  /** @internal: no further output is accepted (the response went out or the handler failed). */
  close(): void {
    this.closed = true;
  }

  /** @internal: a callback handed to user code; its errors fail the handler. */
  beginCallback(): (run: () => unknown) => void {
    if (!this.completion) return (run) => void run();
    return this.completion.beginCallback();
  }

  private produce(write: () => void): this {
    if (this.closed) {
      // A late answer (after a timeout or failure) may come from a timer we cannot catch: throwing
      // there would crash the process, so it is dropped with a warning instead.
      this.requestState.logger.warn(`Handler ${this.currentHandler} answered after its response was sent; the answer is dropped.`);
      return this;
    }
    write();
    this.output.produced = true;
    this.completion?.outputProduced();
    return this;
  }

  private guard(): void {
    if (this.closed) {
      throw skillshopError(
        'OUTPUT_CONFLICT',
        `Handler ${this.currentHandler} answered after its response was already sent (or after it failed or timed out).`,
      );
    }
  }

  private pick(speech: Speech, method: string): string {
    if (typeof speech === 'string') return speech;
    if (Array.isArray(speech) && speech.length > 0 && speech.every((s) => typeof s === 'string')) {
      return speech[Math.floor(this.requestState.settings.random() * speech.length)] ?? speech[0]!;
    }
    throw new TypeError(`this.${method}() expects a string or a non-empty array of strings, got ${JSON.stringify(speech)}.`);
  }
}
