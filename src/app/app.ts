/**
 * The App: handlers in, `app.handle(envelope)` out. Transport-free — the web service, AWS Lambda,
 * the simulator and tests all call the same `handle`.
 *
 * @example
 * const { App } = require('skillshop');
 * const app = new App();
 * app.setHandler({
 *   LAUNCH() { this.ask('Welcome to Cave Quest. Want to buy the expansion?', 'Say buy cave quest.'); },
 * });
 * module.exports = { app };
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConnectionsResponse, RequestEnvelope } from '../alexa/request';
import { PURCHASE_CONNECTION_NAMES } from '../isp/purchase-result';
import type { ResponseEnvelope } from '../alexa/response';
import { validateRequestEnvelope } from '../alexa/validate-request';
import { isSkillshopError, skillshopError } from '../errors';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { isoTimestamp } from '../clock';
import { createStore, type PurchaseEvent, type StorageConfig, type Store } from '../storage';
import { Completion, type CompletionResult } from './completion';
import { resolveConfig, type AppConfig, type AppSettings } from './config';
import { HandlerContext, type HandlerRunner } from './context';
import {
  compileHandlers,
  findHandler,
  HANDLER_NAMES,
  hasState,
  mergeCompiled,
  type CompiledHandler,
  type CompiledState,
  type HandlerMap,
} from './handlers';
import { inputForParameter } from './inputs';
import { emptyResponse, Output } from './output';
import { Delivery, RequestState } from './request-state';
import { route } from './router';
import { handleLambdaEvent, type LambdaCallback, type LambdaContext } from '../hosting/lambda';
import { handleWebhook, listen, type ListenOptions, type SkillServer, type WebhookOptions } from '../hosting/web-service';

/** What a handler without parameters is called with: one array for all, never changed (apply() copies it). */
const NO_ARGUMENTS: unknown[] = [];

/** How often a request is re-run when its user's record changed under it (a racing request). */
const MAX_SAVE_ATTEMPTS = 5;
/** The longest pause before the first re-run; it grows with each attempt. */
const CONFLICT_BACKOFF_MS = 15;
/** Time for an earlier delivery to save its data and keep its response, on top of its handler time limits. */
const SAVE_MARGIN_MS = 500;

/** ON_ERROR's time limit: the handlers', but at most 2 s (an apology must not keep the user waiting). */
function onErrorLimitMs(handlerTimeoutMs: number): number {
  return Math.min(2000, handlerTimeoutMs);
}

/** A response, and its JSON text when that was written already (by Output, or to keep it for a redelivery). */
export interface Answer {
  readonly response: ResponseEnvelope;
  readonly json?: string | undefined;
}

/** Read access to what skillshop stores for each user, for tools (the simulator, the debugger) and tests. */
export interface AppStorage {
  /** The user's purchase results as they arrived (one per requestId), oldest first. */
  purchases(userId: string): Promise<PurchaseEvent[]>;
  /** Units of a consumable the user has used (0 when none). */
  usage(userId: string, referenceName: string): Promise<number>;
}

export class App implements HandlerRunner {
  readonly settings: AppSettings;
  private readonly explicit: ReadonlySet<string>;
  private handlers: CompiledState = { handlers: new Map(), states: new Map() };
  private openStore: Store | undefined;
  private ready: Promise<Store> | undefined;

  /**
   * @example
   * await app.storage.purchases('amzn1.ask.account.X'); // [{ requestId, name: 'Buy', purchaseResult: 'ACCEPTED', … }]
   * await app.storage.usage('amzn1.ask.account.X', 'hint_pack'); // 3
   */
  readonly storage: AppStorage = {
    purchases: async (userId) => (await this.init()).listPurchaseEvents(userId),
    usage: async (userId, referenceName) => (await (await this.init()).getUsage(userId, referenceName)).used,
  };

  constructor(config?: AppConfig) {
    this.settings = resolveConfig(config);
    this.explicit = new Set(Object.keys(config ?? {}));
  }

  /**
   * Project-level defaults (skillshop.json, the project folder): applied where the app's own config
   * is silent, before the first request. Called by loadProject.
   */
  applyProjectSettings(defaults: Pick<AppConfig, 'projectDir' | 'storage' | 'applicationIds'>): void {
    if (this.ready) throw new Error('applyProjectSettings must run before the first request.');
    const settings = this.settings as { -readonly [K in keyof AppSettings]: AppSettings[K] };
    if (defaults.projectDir && !this.explicit.has('projectDir')) settings.projectDir = defaults.projectDir;
    if (defaults.storage !== undefined && !this.explicit.has('storage')) settings.storage = defaults.storage;
    if (defaults.applicationIds && !this.explicit.has('applicationIds')) settings.applicationIds = [...defaults.applicationIds];
  }

  /** Adds handlers (several calls merge; a later handler replaces an earlier one of the same name). */
  setHandler(...maps: HandlerMap[]): this {
    for (const map of maps) this.handlers = mergeCompiled(this.handlers, compileHandlers(map));
    return this;
  }

  /** Opens storage. Called by the first request if not before; call it at start-up to fail fast. */
  init(): Promise<Store> {
    if (!this.ready) {
      const ready = (async () => {
        const store = createStore(this.storageConfig(), this.settings.projectDir);
        await store.open();
        this.openStore = store;
        return store;
      })();
      this.ready = ready;
      ready.catch(() => {
        if (this.ready === ready) this.ready = undefined; // the next request tries again (the database may come back)
      });
    }
    return this.ready;
  }

  private storageConfig(): StorageConfig | undefined {
    // Lambda's file system is read-only but for /tmp, which lives only as long as the instance.
    if (this.settings.storage === undefined && process.env.AWS_LAMBDA_FUNCTION_NAME && !process.env.SKILLSHOP_STORAGE && !process.env.DATABASE_URL) {
      this.settings.logger.warn(
        'On AWS Lambda without a storage setting: user data goes to SQLite in /tmp and is lost when the instance is recycled. ' +
          'Configure shared storage for production.',
      );
      return { type: 'sqlite', path: join(tmpdir(), 'skillshop', 'skillshop.db') };
    }
    return this.settings.storage;
  }

  /** The opened store (after init or the first request). */
  get store(): Store | undefined {
    return this.openStore;
  }

  /** Closes storage. */
  async close(): Promise<void> {
    const store = this.openStore;
    this.openStore = undefined;
    this.ready = undefined;
    await store?.close();
  }

  /**
   * Handles one request envelope in process and resolves its response envelope. A malformed
   * envelope rejects with SKILLSHOP_REQUEST_INVALID; handler failures never reject: they go to
   * ON_ERROR and become a spoken apology.
   *
   * Exactly once: a request whose effects must not repeat — a purchase result, or any request whose
   * handler called consume() — keeps its response (Store.saveResponse). Alexa may deliver such a
   * request again (same requestId): the second delivery runs no handler and gets the kept response.
   * A purchase result is recognised as a redelivery before any handler runs (its ledger entry
   * exists); any other request when its consume() replays a consumption it did not make (the
   * store's consume is keyed by requestId). Other requests pay nothing for this: no extra read.
   */
  async handle(body: unknown): Promise<ResponseEnvelope> {
    return (await this.answer(validateRequestEnvelope(body))).response;
  }

  /**
   * For transports, which have validated the envelope already (parseRequestEnvelope): `handle`
   * without checking the envelope again, also resolving the response's JSON text when it was
   * written already (most answers), so the transport need not serialise it.
   * @internal
   */
  async answer(envelope: RequestEnvelope): Promise<Answer> {
    try {
      return await this.handleValid(envelope);
    } catch (error) {
      // The database is down (or went down mid-request): the user hears the skill's apology, not
      // Alexa's generic error, and the next request tries the database again.
      if (!isSkillshopError(error, 'STORAGE_UNAVAILABLE')) throw error;
      this.settings.logger.error('Storage unavailable; answering with the error speech', { error });
      return this.apology();
    }
  }

  private async handleValid(envelope: RequestEnvelope): Promise<Answer> {
    const store = this.openStore ?? (await this.init());
    const userId = envelope.context.System.user.userId;
    const requestId = envelope.request.requestId;
    const purchase = purchaseResultOf(envelope);
    const firstDelivery = purchase ? await this.recordPurchase(store, envelope, purchase) : true;
    const delivery = new Delivery();
    if (!firstDelivery) {
      const kept = await this.keptResponse(store, requestId, delivery);
      if (kept) return { response: kept };
    }

    for (let attempt = 1; ;) {
      const record = this.settings.persistUserData ? await store.getUser(userId) : undefined;
      const state = new RequestState(envelope, this.settings, store, record, this.settings.logger, delivery);
      state.firstDelivery = firstDelivery;
      state.keepResponse = purchase !== undefined;
      const { answer: dispatched, failed } = await this.dispatch(state);
      if (state.redeliveryDetected) {
        // An earlier delivery already used this request's consumables: answer as it did. If it left
        // no response (it crashed), run again: consume() now continues from the replayed outcome.
        const kept = await this.keptResponse(store, requestId, delivery);
        if (kept) return { response: kept };
        continue;
      }
      let answer = dispatched;
      // A failed handler may have half-changed the data: keep what was stored.
      if (!failed && this.settings.persistUserData) {
        try {
          // Inside the try: data that is not JSON (a BigInt, a cycle) cannot even be compared.
          if (state.userDataChanged()) await store.saveUser(userId, state.userData, record?.version ?? 0);
        } catch (error) {
          if (isSkillshopError(error, 'STORAGE_VERSION_CONFLICT') && attempt < MAX_SAVE_ATTEMPTS) {
            this.settings.logger.warn('User data changed during the request; running it again', { userId, attempt });
            // A short, random pause, so requests racing for one user do not collide again in lockstep.
            await sleep(Math.round(this.settings.random() * CONFLICT_BACKOFF_MS * attempt));
            attempt++;
            continue;
          }
          this.settings.logger.error('Could not save user data; answering with the error speech', { userId, error });
          answer = this.apology();
        }
      }
      if (!state.keepResponse) return answer;
      return { response: answer.response, json: await this.keepResponse(store, requestId, userId, answer) };
    }
  }

  /** AWS Lambda handler: `exports.handler = (event, context, callback) => app.handleLambda(event, context, callback)`. */
  async handleLambda(event: unknown, context?: LambdaContext, callback?: LambdaCallback): Promise<unknown> {
    return handleLambdaEvent(this, event, context, callback);
  }

  /** A node:http / Express request handler with Alexa request verification. */
  handleWebhook(req: IncomingMessage & { body?: unknown }, res: ServerResponse, options?: WebhookOptions): Promise<void> {
    return handleWebhook(this, req, res, options);
  }

  /** Serves the skill over HTTP (POST `path`, default `/webhook`). */
  async listen(options?: ListenOptions): Promise<SkillServer> {
    return listen(this, options);
  }

  // ---- HandlerRunner ------------------------------------------------------------------------

  hasState(state: string): boolean {
    return hasState(this.handlers, state);
  }

  async runIntent(context: HandlerContext, state: string | undefined, name: string, args: unknown[]): Promise<unknown> {
    const found = findHandler(this.handlers, state, name) ?? findHandler(this.handlers, state, HANDLER_NAMES.UNHANDLED);
    if (!found) throw skillshopError('HANDLER_NOT_FOUND', `toIntent("${name}"): no handler "${name}" (nor Unhandled)${state ? ` in state "${state}" or globally` : ''}.`);
    return found.handler.fn.apply(context, args.length > 0 ? args : this.argumentsFor(found.handler, context.requestState));
  }

  // ---- dispatch -----------------------------------------------------------------------------

  private async dispatch(state: RequestState): Promise<{ answer: Answer; failed: boolean }> {
    const deadline = this.settings.clock.now() + this.settings.handlerTimeoutMs;
    const request = state.envelope.request;
    const context = new HandlerContext(state, this, request.type);
    try {
      const newSession = this.handlers.handlers.get(HANDLER_NAMES.NEW_SESSION);
      if (newSession && state.isNewSession && request.type !== 'SessionEndedRequest') {
        const result = await this.run(context, newSession, HANDLER_NAMES.NEW_SESSION, false, deadline);
        if (result === 'output') return { answer: this.respond(context), failed: false };
      }
      const target = route(this.handlers, state.state, request, this.settings.intentMap);
      if (!target) {
        if (request.type === 'LaunchRequest' || request.type === 'IntentRequest' || request.type === 'Connections.Response') {
          throw skillshopError('HANDLER_NOT_FOUND', `No handler for ${describeRequest(state.envelope)} and no Unhandled handler.`);
        }
        if (request.type === 'System.ExceptionEncountered') {
          this.settings.logger.warn('Alexa reported an error with the previous response', { error: (request as { error?: unknown }).error });
        }
        return { answer: emptyAnswer(), failed: false };
      }
      await this.run(context, target.handler, target.name, target.waitForOutput, deadline);
      return { answer: this.respond(context), failed: false };
    } catch (error) {
      context.close();
      // Stopped at consume() as a redelivery: handle() answers with the earlier delivery's response.
      if (state.redeliveryDetected) return { answer: emptyAnswer(), failed: true };
      return { answer: await this.onError(state, error), failed: true };
    }
  }

  private run(context: HandlerContext, handler: CompiledHandler, name: string, waitForOutput: boolean, deadline: number): Promise<CompletionResult> {
    const completion = new Completion({
      name,
      hasOutput: () => context.output.produced,
      waitForOutput,
      timeoutMs: Math.max(1, deadline - this.settings.clock.now()),
      limitMs: this.settings.handlerTimeoutMs,
    });
    context.attach(completion, name);
    return completion.run(() => handler.fn.apply(context, this.argumentsFor(handler, context.requestState)));
  }

  private respond(context: HandlerContext): Answer {
    context.close();
    // Alexa accepts no speech after a SessionEndedRequest; END handlers shared with
    // AMAZON.StopIntent (which may speak) are normal, so their output is dropped here.
    if (context.requestState.envelope.request.type === 'SessionEndedRequest') return emptyAnswer();
    if (!context.output.produced) {
      // Events (AudioPlayer.*, AlexaSkillEvent.*, …) take no speech and no session flag.
      const type = context.requestState.envelope.request.type;
      const conversational = type === 'LaunchRequest' || type === 'IntentRequest' || type === 'Connections.Response';
      return conversational ? this.silentEnd(context.output) : emptyAnswer();
    }
    return context.output.toAnswer(context.requestState.sessionAttributes);
  }

  private silentEnd(output: Output): Answer {
    this.settings.logger.warn('A handler finished without output; the session ends silently.');
    output.endSession();
    return output.toAnswer(undefined);
  }

  private async onError(state: RequestState, error: unknown): Promise<Answer> {
    this.settings.logger.error('Handler failed', { request: describeRequest(state.envelope), error });
    const handler = this.handlers.handlers.get(HANDLER_NAMES.ON_ERROR);
    if (!handler) return this.apology();
    const context = new HandlerContext(state, this, HANDLER_NAMES.ON_ERROR, error);
    const limit = onErrorLimitMs(this.settings.handlerTimeoutMs);
    const deadline = this.settings.clock.now() + limit;
    try {
      const completion = new Completion({
        name: HANDLER_NAMES.ON_ERROR,
        hasOutput: () => context.output.produced,
        waitForOutput: true,
        timeoutMs: Math.max(1, deadline - this.settings.clock.now()),
        limitMs: limit,
      });
      context.attach(completion);
      await completion.run(() => handler.fn.call(context, error));
      return context.output.produced ? this.respond(context) : this.apology();
    } catch (secondError) {
      context.close();
      this.settings.logger.error('ON_ERROR failed too', { error: secondError });
      return this.apology();
    }
  }

  private apology(): Answer {
    const output = new Output();
    output.tell(this.settings.errorSpeech);
    return output.toAnswer(undefined);
  }

  private argumentsFor(handler: CompiledHandler, state: RequestState): unknown[] {
    if (handler.parameters.length === 0) return NO_ARGUMENTS;
    return handler.parameters.map((name) => (name ? inputForParameter(state.inputs, name) : undefined));
  }

  /**
   * Resolves false when this purchase result's requestId was recorded before (a redelivery). Not
   * async itself: it hands on the store's promise rather than wrapping it in another.
   */
  private recordPurchase(store: Store, envelope: RequestEnvelope, response: ConnectionsResponse): Promise<boolean> {
    const payload = response.payload ?? {};
    return store.recordPurchaseEvent({
      requestId: response.requestId,
      userId: envelope.context.System.user.userId,
      name: response.name,
      productId: typeof payload.productId === 'string' ? payload.productId : undefined,
      purchaseResult: typeof payload.purchaseResult === 'string' ? payload.purchaseResult : undefined,
      statusCode: response.status.code,
      token: response.token,
      receivedAt: isoTimestamp(this.settings.clock.now()),
    });
  }

  /**
   * The response an earlier delivery of `requestId` kept. That delivery may still be running: it
   * is polled for as long as it can take to answer (its handler and ON_ERROR time limits, and a
   * save). Nothing by then means it died before answering (a crash, a lost database write): this
   * delivery then runs the handler itself — consume() replays, so units are still used once, and a
   * purchase result's effects are applied by this run alone because the earlier run saved nothing.
   */
  private async keptResponse(store: Store, requestId: string, delivery: Delivery): Promise<ResponseEnvelope | undefined> {
    const { handlerTimeoutMs, logger } = this.settings;
    const budget = handlerTimeoutMs + onErrorLimitMs(handlerTimeoutMs) + SAVE_MARGIN_MS;
    // Counted in sleeps, not by the clock: an injected clock may stand still.
    for (let waited = 0, pause = 5; ; waited += pause, pause = Math.min(pause * 2, 100)) {
      const kept = await store.getResponse(requestId);
      if (kept !== undefined) {
        logger.info('A request was delivered again: answering with the response it got the first time', { requestId });
        return kept as ResponseEnvelope;
      }
      if (waited >= budget) break;
      await sleep(pause);
    }
    logger.warn('A request was delivered again, but its first delivery kept no response: running it again', { requestId });
    delivery.waitedForEarlier = true;
    return undefined;
  }

  /**
   * Keeps the answer for a redelivery and resolves its JSON text (serialised once, for the store and
   * the transport). A failure here must not cost the user this answer: it is logged, and the
   * transport serialises the answer itself.
   */
  private async keepResponse(store: Store, requestId: string, userId: string, answer: Answer): Promise<string | undefined> {
    const { response } = answer;
    let json = answer.json;
    try {
      json ??= JSON.stringify(response);
      await store.saveResponse(requestId, userId, response, json);
      return json;
    } catch (error) {
      this.settings.logger.error('Could not keep the response for a redelivery of this request', { requestId, error });
      return json;
    }
  }
}

/** An answer with nothing to say (a fresh envelope each time: the caller may change it). */
function emptyAnswer(): Answer {
  return { response: emptyResponse() };
}

/** The request when it is a purchase result (Buy, Upsell or Cancel), which must be applied once. */
function purchaseResultOf(envelope: RequestEnvelope): ConnectionsResponse | undefined {
  const request = envelope.request;
  if (request.type !== 'Connections.Response') return undefined;
  const response = request as ConnectionsResponse;
  return (PURCHASE_CONNECTION_NAMES as readonly string[]).includes(response.name) ? response : undefined;
}

function describeRequest(envelope: RequestEnvelope): string {
  const request = envelope.request as { type: string; intent?: { name: string }; name?: string };
  if (request.intent) return `IntentRequest ${request.intent.name}`;
  if (request.type === 'Connections.Response') return `Connections.Response ${request.name ?? ''}`.trim();
  return request.type;
}

export type { HandlerMap };

function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
