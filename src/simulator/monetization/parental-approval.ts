/**
 * Purchases in a child-directed skill wait for a parent's approval: Alexa answers the skill with
 * PENDING_PURCHASE, asks the parent by text or e-mail, and the parent has about 24 hours
 * (alexa-isp-facts.md §2, §6). The skill sees the state through `GET inSkillProductsTransactions`.
 *
 * The emulator keeps the decision on the logged BUY transaction; a request left undecided past the
 * window reads as EXPIRED_NO_ACTION_BY_PARENT from then on (computed at read time from the clock).
 */
import type { InSkillProductTransaction } from '../../isp/product';
import type { LoggedTransaction } from './entitlement-db';

export const PARENT_APPROVAL_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The parental status of a logged purchase now, or `undefined` for one that never needed approval. */
export function parentalTransaction(entry: LoggedTransaction, now: number): Required<InSkillProductTransaction> | undefined {
  if (entry.approvalStatus === undefined) return undefined;
  const createdTime = new Date(entry.at).toISOString();
  const expiresAt = entry.at + PARENT_APPROVAL_WINDOW_MS;
  if (entry.approvalStatus === 'PENDING_APPROVAL_BY_PARENT' && now >= expiresAt) {
    return { status: 'EXPIRED_NO_ACTION_BY_PARENT', productId: entry.productId, createdTime, lastModifiedTime: new Date(expiresAt).toISOString() };
  }
  return {
    status: entry.approvalStatus,
    productId: entry.productId,
    createdTime,
    lastModifiedTime: new Date(entry.approvalModifiedAt ?? entry.at).toISOString(),
  };
}

export function isPending(entry: LoggedTransaction, now: number): boolean {
  return parentalTransaction(entry, now)?.status === 'PENDING_APPROVAL_BY_PARENT';
}
