/**
 * Everything one request shares between the handlers it runs (NEW_SESSION, the routed handler,
 * toIntent targets, ON_ERROR): the envelope, session attributes, state, the user's record and the
 * lazily made Monetization client.
 */
import type { ConnectionsResponse, IntentRequest, RequestEnvelope } from '../alexa/request';
import type { Store, UserData, UserRecord } from '../storage/store';
import { inputsOf, type Inputs } from './inputs';
import type { Logger } from '../logger';
import { MonetizationClient } from '../isp/monetization-client';
import type { AppSettings } from './config';

/** The session attribute that carries the current state between turns. */
export const STATE_ATTRIBUTE = 'STATE';

export class RequestState {
  readonly sessionAttributes: Record<string, unknown>;
  readonly inputs: Inputs;
  /** The user's persisted data; handlers mutate it, skillshop saves it after the request. */
  readonly userData: UserData;
  private readonly userDataBefore: string;
  private monetizationClient: MonetizationClient | undefined;
  /** false when this Connections.Response's requestId was seen before (a redelivery). */
  firstDelivery = true;
  /**
   * The response must be kept for a redelivery of this requestId (Store.saveResponse): set for a
   * purchase result, and by consume() once the store has recorded its outcome.
   */
  keepResponse = false;
  /** consume() replayed a consumption this delivery did not make: Alexa delivered the request again. */
  redeliveryDetected = false;
  private consumptions: Map<string, number> | undefined;

  constructor(
    readonly envelope: RequestEnvelope,
    readonly settings: AppSettings,
    readonly store: Store,
    readonly userRecord: UserRecord | undefined,
    readonly logger: Logger,
    readonly delivery: Delivery = new Delivery(),
  ) {
    this.sessionAttributes = { ...(envelope.session?.attributes ?? {}) };
    this.inputs = inputsOf(envelope.request.type === 'IntentRequest' ? (envelope.request as IntentRequest).intent : undefined);
    // Every Store returns a fresh copy of the data (the contract suite checks it), so this request
    // may own it without copying again. No record: nothing to serialise either.
    this.userData = userRecord?.data ?? {};
    this.userDataBefore = userRecord === undefined ? '{}' : JSON.stringify(this.userData);
  }

  get userId(): string {
    return this.envelope.context.System.user.userId;
  }

  get locale(): string {
    return this.envelope.request.locale ?? 'en-US';
  }

  get state(): string | undefined {
    const value = this.sessionAttributes[STATE_ATTRIBUTE];
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  set state(value: string | undefined) {
    if (value === undefined) delete this.sessionAttributes[STATE_ATTRIBUTE];
    else this.sessionAttributes[STATE_ATTRIBUTE] = value;
  }

  get isNewSession(): boolean {
    return this.envelope.session?.new === true;
  }

  get connectionsResponse(): ConnectionsResponse | undefined {
    return this.envelope.request.type === 'Connections.Response' ? (this.envelope.request as ConnectionsResponse) : undefined;
  }

  monetization(): MonetizationClient {
    if (!this.monetizationClient) {
      const system = this.envelope.context.System;
      this.monetizationClient = new MonetizationClient({
        apiEndpoint: system.apiEndpoint ?? '',
        apiAccessToken: system.apiAccessToken ?? '',
        locale: this.locale,
        timeoutMs: this.settings.monetizationTimeoutMs,
        ...(this.settings.fetch ? { fetch: this.settings.fetch } : {}),
      });
    }
    return this.monetizationClient;
  }

  userDataChanged(): boolean {
    return JSON.stringify(this.userData) !== this.userDataBefore;
  }

  /**
   * The key of the next consume() of `referenceName` in this request: the requestId, then
   * `<requestId>#2`, `#3`… for further uses of the same product. A re-run of the same request makes
   * the same calls in the same order, so it gets the same keys and replays instead of using again.
   */
  consumptionKey(referenceName: string): string {
    this.consumptions ??= new Map();
    const nth = (this.consumptions.get(referenceName) ?? 0) + 1;
    this.consumptions.set(referenceName, nth);
    const requestId = this.envelope.request.requestId;
    return nth === 1 ? requestId : `${requestId}#${nth}`;
  }
}

/**
 * One delivery of a request, across its runs (a re-run after a version conflict gets a fresh
 * RequestState but the same Delivery). It tells a replayed consumption of this delivery's own
 * earlier run from one made by an earlier delivery of the same requestId.
 */
export class Delivery {
  private own: Set<string> | undefined;
  /**
   * Set once this delivery waited for the earlier delivery's kept response and found none (that
   * delivery crashed): from then on replays are this delivery's to continue with.
   */
  waitedForEarlier = false;

  owns(consumptionKey: string): boolean {
    return this.waitedForEarlier || this.own?.has(consumptionKey) === true;
  }

  claim(consumptionKey: string): void {
    (this.own ??= new Set()).add(consumptionKey);
  }
}

/**
 * Stops the handler of a redelivered request at its consume(): the App answers with the response
 * the earlier delivery kept instead. Not an error a handler should catch (if it does, its answer is
 * ignored anyway).
 */
export class RedeliveredRequest extends Error {
  constructor(readonly requestId: string) {
    super(`Request ${requestId} was delivered before and already used its consumables: skillshop answers with the response it gave then.`);
    this.name = 'RedeliveredRequest';
  }
}
