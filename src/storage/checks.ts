/**
 * Input checks every store makes the same way, so a bad save fails identically whatever the store.
 */
import type { PurchaseEvent, UserData } from './store.js';

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
