/**
 * A purchase event as both SQL stores keep it (the same column names in SQLite and PostgreSQL),
 * and its conversion back to the Store's shape.
 */
import type { PurchaseEvent } from './store.js';

export interface EventRow {
  request_id: string;
  user_id: string;
  name: string;
  product_id: string | null;
  purchase_result: string | null;
  status_code: string;
  token: string | null;
  received_at: string;
}

export function eventFromRow(row: EventRow): PurchaseEvent {
  return {
    requestId: row.request_id,
    userId: row.user_id,
    name: row.name,
    productId: row.product_id ?? undefined,
    purchaseResult: row.purchase_result ?? undefined,
    statusCode: row.status_code,
    token: row.token ?? undefined,
    receivedAt: row.received_at,
  };
}
