/** JSON as the inspector shows it: collapsible and copyable blocks, and key-by-key diffs. */
import { useState } from 'preact/hooks';
import { json } from './format';

export function CopyButton({ text, label, idle = 'Copy' }: { text: string; label: string; idle?: string }) {
  const [done, setDone] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone('Copied');
    } catch {
      setDone('Copy failed: select the text instead');
    }
    setTimeout(() => setDone(''), 1500);
  };
  return (
    <button type="button" class="small" onClick={copy} aria-label={label}>
      {done || idle}
      <span class="visually-hidden" aria-live="polite">{done}</span>
    </button>
  );
}

export function JsonBlock({ title, value, open = false }: { title: string; value: unknown; open?: boolean }) {
  const text = json(value);
  return (
    <details class="json" open={open}>
      <summary>{title}</summary>
      <div class="json-tools"><CopyButton text={text} label={`Copy ${title}`} /></div>
      <pre tabIndex={0} aria-label={title}>{text}</pre>
    </details>
  );
}

type Change = 'added' | 'changed' | 'removed' | undefined;

/** Top-level keys of an object, each marked when it differs from `before`. */
export function KeyValueDiff({ caption, before, after, empty }: { caption: string; before: Record<string, unknown> | null | undefined; after: Record<string, unknown> | null; empty: string }) {
  if (after === null) return <p class="muted"><strong>{caption}:</strong> {empty}</p>;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  if (keys.length === 0) return <p class="muted"><strong>{caption}:</strong> none</p>;
  return (
    <table class="kv">
      <caption>{caption}</caption>
      <thead><tr><th scope="col">Key</th><th scope="col">Value</th><th scope="col">Change</th></tr></thead>
      <tbody>
        {keys.map((key) => {
          const inBefore = before != null && key in before;
          const inAfter = after != null && key in after;
          const change: Change = !inBefore && inAfter ? 'added' : inBefore && !inAfter ? 'removed' : inBefore && JSON.stringify(before[key]) !== JSON.stringify(after?.[key]) ? 'changed' : undefined;
          const value = inAfter ? after[key] : before?.[key];
          return (
            <tr key={key} class={change ? `diff ${change}` : undefined}>
              <th scope="row"><code>{key}</code></th>
              <td><code class="value">{JSON.stringify(value)}</code></td>
              <td>{change ? <span class={`badge ${change}`}>{change}</span> : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
