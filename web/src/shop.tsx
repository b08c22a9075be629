/**
 * The catalog as this user sees it, with the console's test shortcuts (grant, revoke, reset), what
 * Amazon could do (take a product off sale), a parent's side of a kid skill, and a purchase dialog
 * answered with a result the user cannot say.
 */
import { useState } from 'preact/hooks';
import type { ForcedOutcome, LedgerLine, ParentDecision, ViewState } from '../../src/simulator/web/protocol';
import { time } from './format';

export interface ShopProps {
  view: ViewState;
  busy: boolean;
  onGrant(referenceName: string): void;
  onRevoke(referenceName: string): void;
  onReset(): void;
  onForSale(referenceName: string, forSale: boolean): void;
  onParent(decision: ParentDecision, referenceName: string): void;
  onAnswer(outcome: ForcedOutcome): void;
}

/** The results the page can force, by option value. */
const FORCED: Record<string, [string, ForcedOutcome]> = {
  ACCEPTED: ['ACCEPTED', { purchaseResult: 'ACCEPTED' }],
  DECLINED: ['DECLINED', { purchaseResult: 'DECLINED' }],
  ALREADY_PURCHASED: ['ALREADY_PURCHASED', { purchaseResult: 'ALREADY_PURCHASED' }],
  ERROR: ['ERROR', { purchaseResult: 'ERROR' }],
  PENDING_PURCHASE: ['PENDING_PURCHASE', { purchaseResult: 'PENDING_PURCHASE' }],
  unknown: ['A result Amazon may add (unknown)', { purchaseResult: 'SIMULATED_UNKNOWN_RESULT' }],
  status500: ['Status 500, no result', { statusCode: '500' }],
  none: ['No result at all', 'no-result'],
};

export function Shop({ view, busy, onGrant, onRevoke, onReset, onForSale, onParent, onAnswer }: ShopProps) {
  const { products, history, ledger, pendingApprovals } = view.shop;
  const [forced, setForced] = useState('ALREADY_PURCHASED');
  return (
    <>
      {view.session.awaitingPurchaseAnswer && (
        <form class="field" onSubmit={(e) => { e.preventDefault(); onAnswer(FORCED[forced]![1]); }}>
          <label for="force-result">Force result <span class="muted">(instead of yes or no)</span></label>
          <div class="row">
            <select id="force-result" value={forced} onChange={(e) => setForced((e.target as HTMLSelectElement).value)}>
              {Object.entries(FORCED).map(([value, [label]]) => <option key={value} value={value}>{label}</option>)}
            </select>
            <button type="submit" disabled={busy}>Send</button>
          </div>
        </form>
      )}
      {products.length === 0 && <p class="muted">The project has no in-skill products.</p>}
      <ul class="products">
        {products.map((p) => (
          <li key={p.referenceName} class={`product${p.entitled ? ' owned' : ''}`} data-product={p.referenceName}>
            <div class="product-head">
              <span class="product-name">{p.name}</span>
              <span class={`badge ${p.entitled ? 'owned' : 'not-owned'}`} data-state>
                {p.entitled ? (p.type === 'CONSUMABLE' ? `Owned ×${p.count}` : 'Owned') : 'Not owned'}
              </span>
            </div>
            <div class="product-meta">
              <code>{p.referenceName}</code> · {p.type.toLowerCase()} · {p.price ?? 'no price here'}
              {!p.forSale && ' · not for sale'}
              {p.note && <> · {p.note}</>}
            </div>
            <div class="product-actions">
              <button type="button" class="small" disabled={busy} onClick={() => onGrant(p.referenceName)} aria-label={`Grant ${p.name}`}>Grant</button>
              <button type="button" class="small" disabled={busy || !p.entitled} onClick={() => onRevoke(p.referenceName)} aria-label={`Revoke ${p.name}`}
                title={p.type === 'SUBSCRIPTION' ? 'Cancels the subscription: usable until the period ends' : 'Refunds one purchase'}>Revoke</button>
              <label class="check small-text"><input type="checkbox" checked={p.forSale} disabled={busy} aria-label={`${p.name} on sale`}
                onChange={(e) => onForSale(p.referenceName, (e.target as HTMLInputElement).checked)} /> On sale</label>
            </div>
          </li>
        ))}
      </ul>
      <fieldset class="parent">
        <legend>Parent</legend>
        {pendingApprovals.length === 0 ? <p class="muted small-text">No purchase waits for a parent (the <code>pending-purchase</code> fault makes one).</p> : (
          <ul class="products">
            {pendingApprovals.map((p) => (
              <li key={p.referenceName} data-pending={p.referenceName}>
                {p.name} <span class="muted small-text">asked at <time dateTime={p.since}>{time(p.since)}</time></span>
                <div class="product-actions">
                  <button type="button" class="small" disabled={busy} onClick={() => onParent('approve', p.referenceName)} aria-label={`Approve ${p.name}`}>Approve</button>
                  <button type="button" class="small" disabled={busy} onClick={() => onParent('deny', p.referenceName)} aria-label={`Deny ${p.name}`}>Deny</button>
                  <button type="button" class="small" disabled={busy} onClick={() => onParent('expire', p.referenceName)} aria-label={`Let ${p.name} expire`}>Let expire</button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <button type="button" class="danger" disabled={busy} onClick={onReset}>Reset test purchases</button>
      <Ledger title="Amazon's purchase log" lines={history} empty="No purchases yet." />
      {ledger && <Ledger title="The skill's ledger (its storage)" lines={ledger} empty="No purchase results recorded." />}
    </>
  );
}

function Ledger({ title, lines, empty }: { title: string; lines: LedgerLine[]; empty: string }) {
  return (
    <details class="ledger">
      <summary>{title} ({lines.length})</summary>
      {lines.length === 0 ? <p class="muted">{empty}</p> : (
        <ol>
          {lines.map((line, i) => (
            <li key={i}><time dateTime={line.at}>{time(line.at)}</time> {line.action} <code>{line.referenceName}</code> → {line.result}</li>
          ))}
        </ol>
      )}
    </details>
  );
}
