/**
 * A readable account of what a user owns, for the REPL's `:entitlements` command and for tests.
 */
import type { ProductType } from '../../isp/product';
import type { EmulatedProduct, SubscriptionFrequency } from './emulated-catalog';
import type { Holding } from './entitlement-db';
import type { ProductState } from './product-state';
import type { SubscriptionPhase } from './subscription-periods';

export interface EntitlementSummary {
  productId: string;
  referenceName: string;
  type: ProductType;
  entitled: boolean;
  activeEntitlementCount: number;
  purchasable: boolean;
  /** Subscriptions ever bought; times are ISO-8601. */
  subscription?: {
    phase: SubscriptionPhase;
    frequency: SubscriptionFrequency;
    startedAt: string;
    /** Only when the subscription began with a free trial. */
    trialEndsAt?: string;
    /** The end of the current period or trial; when access ends(ed) once cancelled. */
    periodEndsAt: string;
    renews: boolean;
  };
  /** Child-directed skills: a purchase of this product awaits a parent's decision since then. */
  pendingApprovalSince?: string;
}

/** The summary of one product, from its state now (`pendingSince`: ms, when a parent was asked). */
export function summarize(product: EmulatedProduct, holding: Holding | undefined, state: ProductState, pendingSince?: number): EntitlementSummary {
  const summary: EntitlementSummary = {
    productId: product.productId,
    referenceName: product.referenceName,
    type: product.type,
    entitled: state.entitled,
    activeEntitlementCount: state.activeEntitlementCount,
    purchasable: state.purchasable,
  };
  const sub = holding?.subscription;
  if (sub !== undefined && state.subscription !== undefined) {
    const { phase, periodEndsAt } = state.subscription;
    summary.subscription = {
      phase,
      frequency: sub.frequency,
      startedAt: iso(sub.startedAt),
      periodEndsAt: iso(periodEndsAt),
      renews: phase === 'TRIAL' || phase === 'PAID',
    };
    if (sub.trialEndsAt > sub.startedAt) summary.subscription.trialEndsAt = iso(sub.trialEndsAt);
  }
  if (pendingSince !== undefined) summary.pendingApprovalSince = iso(pendingSince);
  return summary;
}

/**
 * One line per product, e.g.
 * `premium_club  SUBSCRIPTION  ENTITLED  trial until 2024-05-08T10:00:00.000Z, renews`.
 */
export function formatEntitlements(summaries: readonly EntitlementSummary[]): string {
  if (summaries.length === 0) return '(no products)';
  const width = Math.max(...summaries.map((summary) => summary.referenceName.length));
  return summaries
    .map((summary) => {
      const parts = [summary.referenceName.padEnd(width), summary.type.padEnd(12), summary.entitled ? 'ENTITLED' : 'NOT_ENTITLED'];
      const notes: string[] = [];
      if (summary.type === 'CONSUMABLE') notes.push(`count ${summary.activeEntitlementCount}`);
      const sub = summary.subscription;
      if (sub !== undefined) {
        if (sub.phase === 'TRIAL') notes.push(`trial until ${sub.periodEndsAt}, renews`);
        else if (sub.phase === 'PAID') notes.push(`${sub.frequency.toLowerCase()} period until ${sub.periodEndsAt}, renews`);
        else if (sub.phase === 'CANCELLED') notes.push(`cancelled, usable until ${sub.periodEndsAt}`);
        else notes.push(`expired ${sub.periodEndsAt}`);
      }
      if (summary.pendingApprovalSince !== undefined) notes.push(`awaiting a parent's approval since ${summary.pendingApprovalSince}`);
      return [...parts, notes.join('; ')].join('  ').trimEnd();
    })
    .join('\n');
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
