/** The catalog as this user sees it, with the console's test shortcuts: grant, revoke, reset. */
import type { LedgerLine, ViewState } from '../../src/simulator/web/protocol';
import { time } from './format';

export interface ShopProps {
  view: ViewState;
  busy: boolean;
  onGrant(referenceName: string): void;
  onRevoke(referenceName: string): void;
  onReset(): void;
}

export function Shop({ view, busy, onGrant, onRevoke, onReset }: ShopProps) {
  const { products, history, ledger } = view.shop;
  return (
    <>
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
            </div>
          </li>
        ))}
      </ul>
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
