/**
 * Pages of the list calls: `maxResults` 1..100 and an opaque `nextToken` (facts §3). A token names
 * the list it belongs to, so a product-list token sent to the transactions call is refused.
 */

export const MAX_RESULTS = 100;

export type PageScope = 'products' | 'transactions';

export interface Page<T> {
  items: T[];
  nextToken: string | null;
}

/** The page size a request asks for, or an error message for a 400. */
export function parseMaxResults(value: string | null): number | { error: string } {
  if (value === null) return MAX_RESULTS;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_RESULTS) {
    return { error: `maxResults must be an integer from 1 to ${MAX_RESULTS}, got ${JSON.stringify(value)}.` };
  }
  return Number(value);
}

/** One page from `items`, or an error message for a 400 when the token is not one of ours. */
export function pageOf<T>(items: readonly T[], scope: PageScope, token: string | null, size: number): Page<T> | { error: string } {
  const start = token === null ? 0 : offsetOf(token, scope);
  if (start === undefined || start > items.length) return { error: 'The nextToken is invalid or has expired.' };
  const end = start + size;
  return { items: items.slice(start, end), nextToken: end < items.length ? tokenFor(scope, end) : null };
}

function tokenFor(scope: PageScope, offset: number): string {
  return Buffer.from(`${scope}:${offset}`).toString('base64url');
}

function offsetOf(token: string, scope: PageScope): number | undefined {
  const match = /^([a-z]+):(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match?.[1] === scope ? Number(match[2]) : undefined;
}
