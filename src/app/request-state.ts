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

  constructor(
    readonly envelope: RequestEnvelope,
    readonly settings: AppSettings,
    readonly store: Store,
    readonly userRecord: UserRecord | undefined,
    readonly logger: Logger,
  ) {
    this.sessionAttributes = { ...(envelope.session?.attributes ?? {}) };
    this.inputs = inputsOf(envelope.request.type === 'IntentRequest' ? (envelope.request as IntentRequest).intent : undefined);
    this.userData = structuredClone(userRecord?.data ?? {});
    this.userDataBefore = JSON.stringify(this.userData);
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
}
