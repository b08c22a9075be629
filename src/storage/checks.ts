/**
 * Input checks every store makes the same way, so a bad save fails identically whatever the store.
 */
import type { ConsumeRequest, PurchaseEvent, UserData } from './store.js';

/** JSON text of the user's data; a TypeError for data that is not a JSON object. */
export function encodeUserData(userId: string, data: UserData): string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new TypeError(`saveUser(${JSON.stringify(userId)}): data must be a plain object, got ${describeValue(data)}.`);
  }
  try {
    return JSON.stringify(data);
  } catch (error) {
    throw new TypeError(
      `saveUser(${JSON.stringify(userId)}): data cannot be stored as JSON (${error instanceof Error ? error.message : String(error)}). ` +
        'Keep user data to objects, arrays, strings, finite numbers, booleans and null.',
      { cause: error },
    );
  }
}

export function checkPurchaseEvent(event: PurchaseEvent): void {
  for (const key of ['requestId', 'userId'] as const) {
    if (typeof event?.[key] !== 'string' || event[key] === '') {
      throw new TypeError(`recordPurchaseEvent: event.${key} must be a non-empty string, got ${describeValue(event?.[key])}.`);
    }
  }
}

function describeValue(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

export function checkConsumeRequest(request: ConsumeRequest): void {
  for (const key of ['userId', 'referenceName', 'requestId'] as const) {
    if (typeof request?.[key] !== 'string' || request[key] === '') {
      throw new TypeError(`consume: ${key} must be a non-empty string, got ${describeValue(request?.[key])}.`);
    }
  }
  if (!Number.isInteger(request.count) || request.count < 1) {
    throw new TypeError(`consume: count must be a whole number of at least 1, got ${String(request.count)}.`);
  }
  if (!Number.isInteger(request.limit) || request.limit < 0) {
    throw new TypeError(`consume: limit must be a whole number of at least 0, got ${String(request.limit)}.`);
  }
}

/** setUsage's numbers: whole, not negative (a database column would reject them less clearly). */
export function checkUsage(used: number, expectedUsed: number): void {
  for (const [name, value] of [['used', used], ['expectedUsed', expectedUsed]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new TypeError(`setUsage: ${name} must be a whole number of at least 0, got ${String(value)}.`);
    }
  }
}

/**
 * JSON text of a kept response — the caller's own serialisation when it passed one (a string), else
 * the response serialised here; a TypeError for a value JSON cannot hold.
 */
export function encodeResponse(requestId: string, response: unknown, serialised?: string): string {
  if (typeof requestId !== 'string' || requestId === '') {
    throw new TypeError(`saveResponse: requestId must be a non-empty string, got ${describeValue(requestId)}.`);
  }
  if (serialised !== undefined) {
    if (typeof serialised !== 'string' || serialised === '') {
      throw new TypeError(`saveResponse(${JSON.stringify(requestId)}): json must be the response's JSON text, got ${describeValue(serialised)}.`);
    }
    return serialised;
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(response);
  } catch (error) {
    throw new TypeError(`saveResponse(${JSON.stringify(requestId)}): the response cannot be stored as JSON (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
  if (json === undefined) throw new TypeError(`saveResponse(${JSON.stringify(requestId)}): the response must be a JSON value, got ${typeof response}.`);
  return json;
}
