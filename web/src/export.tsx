/** The exploration so far, as a regression test for skillshop/testing or a --say script. */
import { useEffect, useState } from 'preact/hooks';
import type { ViewState } from '../../src/simulator/web/protocol';
import { getText } from './api';
import { time } from './format';
import { CopyButton } from './json';

export function Export({ view, busy, version, onClear }: { view: ViewState; busy: boolean; version: string; onClear(): void }) {
  const [open, setOpen] = useState(false);
  const [test, setTest] = useState('');
  useEffect(() => {
    getText('/api/export/test').then(setTest, () => setTest(''));
  }, [version]);
  const steps = view.recording.steps;
  return (
    <>
      <p class="muted">Recording since {time(view.recording.since)}: {steps} {steps === 1 ? 'step' : 'steps'}.</p>
      <div class="buttons">
        <a class="button primary" href="/api/export/test?download" download>Download test file</a>
        <a class="button" href="/api/export/say?download" download>Download --say script</a>
        <CopyButton text={test} label="Copy test file" idle="Copy test file" />
        <button type="button" disabled={busy} onClick={onClear}>Clear recording</button>
      </div>
      <details open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>Preview the test file</summary>
        <pre class="export" tabIndex={0} aria-label="The exported test file">{test}</pre>
      </details>
    </>
  );
}
