/**
 * Reading the purchase result Alexa sends after its purchase dialog: a `Connections.Response`
 * request that relaunches the skill in a NEW session.
 * https://developer.amazon.com/en-US/docs/alexa/in-skill-purchase/add-isps-to-a-skill.html#handle-results
 *
 * `isEntitledAfter()` is a reading of this one message. Amazon's Monetization service stays the
 * source of truth (a cancelled subscription, for one, stays ENTITLED until its period ends): ask
 * it with `getProduct` when money or content depends on the answer.
 */
import { skillshopError } from '../errors';
import type { AlexaRequest, ConnectionsResponse } from '../alexa/request';
import type { Open } from './product';
import type { PurchaseConnectionName } from './directives';

export const PURCHASE_CONNECTION_NAMES: readonly PurchaseConnectionName[] = Object.freeze(['Buy', 'Upsell', 'Cancel']);

/**
 * The known values; the set is open, and anything else means "not entitled".
 * NOT_ENTITLED: a Cancel of something not owned. PENDING_PURCHASE: a child-directed skill waiting
 * for a parent's approval. Consumables only ever return ACCEPTED, DECLINED or ERROR.
 */
export type PurchaseResultValue =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'ALREADY_PURCHASED'
  | 'NOT_ENTITLED'
  | 'ERROR'
  | 'PENDING_PURCHASE';

/** True for a `Connections.Response` answering Buy, Upsell or Cancel. */
export function isPurchaseResult(request: Pick<AlexaRequest, 'type'> & { name?: unknown }): request is ConnectionsResponse {
  return (
    request.type === 'Connections.Response' &&
    (PURCHASE_CONNECTION_NAMES as readonly unknown[]).includes(request.name)
  );
}

/**
 * @example
 * const result = PurchaseResult.fromRequest(envelope.request);
 * if (result.isEntitledAfter()) return tell('Enjoy the expansion!');
 * if (result.purchaseResult === 'PENDING_PURCHASE') return tell('I asked a parent to approve it.');
 */
export class PurchaseResult {
  /** Rejects any request that is not a purchase result with SKILLSHOP_NOT_A_PURCHASE_RESULT. */
  static fromRequest(request: AlexaRequest): PurchaseResult {
    if (!isPurchaseResult(request)) {
      const name = 'name' in request && typeof request.name === 'string' ? ` named ${request.name}` : '';
      throw skillshopError(
        'NOT_A_PURCHASE_RESULT',
        `A purchase result is a Connections.Response named Buy, Upsell or Cancel; this request is a ${request.type}${name}`,
        { details: { type: request.type } },
      );
    }
    return new PurchaseResult(request);
  }

  readonly requestId: string;
  readonly name: Open<PurchaseConnectionName>;
  /** A string, "200" on success. */
  readonly statusCode: string;
  readonly statusMessage: string | undefined;
  readonly isSuccessStatus: boolean;
  /** As Alexa sent it; `ERROR` when it sent none. */
  readonly purchaseResult: Open<PurchaseResultValue>;
  readonly productId: string | undefined;
  readonly token: string | undefined;
  readonly payload: Readonly<Record<string, unknown>>;
  /** Alexa's optional free-text explanation in the payload. */
  readonly message: string | undefined;

  constructor(request: ConnectionsResponse) {
    const payload = request.payload ?? {};
    this.requestId = request.requestId;
    this.name = request.name;
    // The wire format says string; String() keeps a hand-written numeric 200 from reading as failure.
    this.statusCode = String(request.status.code);
    this.statusMessage = request.status.message;
    this.isSuccessStatus = this.statusCode === '200';
    this.payload = payload;
    this.purchaseResult = typeof payload.purchaseResult === 'string' ? payload.purchaseResult : 'ERROR';
    this.productId = typeof payload.productId === 'string' ? payload.productId : undefined;
    this.token = request.token;
    this.message = typeof payload.message === 'string' ? payload.message : undefined;
  }

  /**
   * Whether the user owns the product after this dialog, by this message alone: ACCEPTED for a Buy
   * or Upsell, or ALREADY_PURCHASED. A failed flow (status not "200"), PENDING_PURCHASE, a Cancel
   * and every unknown value read as false.
   */
  isEntitledAfter(): boolean {
    if (!this.isSuccessStatus) return false;
    if (this.purchaseResult === 'ALREADY_PURCHASED') return true;
    return this.purchaseResult === 'ACCEPTED' && (this.name === 'Buy' || this.name === 'Upsell');
  }
}
