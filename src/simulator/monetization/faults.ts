/**
 * Errors on demand: the emulated Monetization service answers the next requests (or all of them)
 * with an error status and Amazon's `{ message }` body, the situations a skill must survive
 * (facts §3: 401 for an unlinked product, 429 when throttled, 500 …).
 */

export interface Fault {
  /** The HTTP status to answer with, e.g. 401, 403, 429, 500, 503. */
  status: number;
  /** How many requests fail; unset: every request until `setFault(undefined)`. */
  times?: number;
  /** The `message` of the body; a default that reads like Amazon's otherwise. */
  message?: string;
}

const MESSAGES: Readonly<Record<number, string>> = {
  400: 'The request is invalid.',
  401: 'The authentication token is not valid, or the product is not linked to this skill.',
  403: 'Request is forbidden.',
  404: 'The requested resource was not found.',
  429: 'Rate exceeded. Too many requests.',
  500: 'An unexpected error occurred.',
  503: 'Service is temporarily unavailable.',
};

export class FaultPlan {
  private fault: Fault | undefined;
  private remaining = Infinity;

  set(fault: Fault | undefined): void {
    if (fault !== undefined) {
      if (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599) {
        throw new RangeError(`A fault's status must be an HTTP error status (400..599), got ${fault.status}`);
      }
      if (fault.times !== undefined && (!Number.isInteger(fault.times) || fault.times < 1)) {
        throw new RangeError(`A fault's times must be a positive integer, got ${fault.times}`);
      }
    }
    this.fault = fault;
    this.remaining = fault?.times ?? Infinity;
  }

  /** The answer for this request when a fault is due (and counts it), else `undefined`. */
  take(): { status: number; body: { message: string } } | undefined {
    const fault = this.fault;
    if (fault === undefined) return undefined;
    this.remaining -= 1;
    if (this.remaining <= 0) this.fault = undefined;
    return { status: fault.status, body: { message: fault.message ?? MESSAGES[fault.status] ?? `Request failed with status ${fault.status}.` } };
  }
}
