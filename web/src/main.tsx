/**
 * The skillshop web debugger's page: a view of one simulator session on the local server. It
 * follows the server's events (every turn, whoever makes it) and sends the user's actions back.
 */
import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Step, ViewState } from '../../src/simulator/web/protocol';
import { getState, mergeSteps, post, type ActionResult } from './api';
import { Composer, Conversation } from './conversation';
import { Controls } from './controls';
import { Export } from './export';
import { isTurn, type TurnStep } from './format';
import { Inspector } from './inspector';
import { Shop } from './shop';
import { canSpeak, speak, stopSpeaking } from './speech';
import './styles.css';

type Connection = 'connecting' | 'live' | 'offline';

function App() {
  const [view, setView] = useState<ViewState | null>(null);
  const [steps, setSteps] = useState<Step[]>([]);
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [readAloud, setReadAloud] = useState(false);
  const spokenUpTo = useRef<number | undefined>(undefined);

  useEffect(() => {
    const events = new EventSource('/api/events');
    const refresh = () => getState().then((state) => {
      setView(state.view);
      setSteps(state.steps);
      setConnection('live');
    }, (e: Error) => setError(`Could not read the debugger's state: ${e.message}`));
    events.addEventListener('open', () => void refresh());
    events.addEventListener('error', () => setConnection('offline'));
    events.addEventListener('view', (e) => setView(JSON.parse((e as MessageEvent<string>).data) as ViewState));
    events.addEventListener('step', (e) => {
      const step = JSON.parse((e as MessageEvent<string>).data) as Step;
      setSteps((known) => mergeSteps(known, [step]));
    });
    events.addEventListener('steps', (e) => {
      setSteps(JSON.parse((e as MessageEvent<string>).data) as Step[]);
      setSelected(undefined);
    });
    return () => events.close();
  }, []);

  // Read new answers aloud (not the ones already there when the page opened).
  useEffect(() => {
    const last = steps.at(-1)?.id ?? 0;
    if (spokenUpTo.current === undefined || !readAloud || !view) {
      spokenUpTo.current = last;
      return;
    }
    for (const step of steps) if (step.id > spokenUpTo.current && isTurn(step)) speak(step.turn.lines, view.locale);
    spokenUpTo.current = last;
  }, [steps, readAloud]);

  const act = useCallback(async (work: () => Promise<ActionResult>): Promise<boolean> => {
    setBusy(true);
    setError('');
    try {
      const result = await work();
      setView(result.view);
      setSteps((known) => mergeSteps(known, result.steps));
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  const turns = useMemo(() => steps.filter(isTurn), [steps]);
  const shownIndex = selected === undefined ? turns.length - 1 : turns.findIndex((t) => t.id === selected);
  const shown: TurnStep | undefined = turns[shownIndex];

  if (!view) {
    return <p class="loading" role="status">{error || 'Connecting to the simulator…'}</p>;
  }
  return (
    <>
      <header class="top">
        <h1>skillshop <span>debugger</span></h1>
        <p class="skill"><strong>{view.skill.invocationName}</strong> <span class="muted">· {view.locale} · {view.skill.target}</span></p>
        <p class={`conn ${connection}`} role="status">{connection === 'live' ? 'Live' : connection === 'offline' ? 'Offline: reconnecting…' : 'Connecting…'}</p>
      </header>
      {error && <p class="alert" role="alert">{error} <button type="button" class="small" onClick={() => setError('')}>Dismiss</button></p>}
      <main class="layout">
        <section class="panel chat" aria-labelledby="chat-h">
          <h2 id="chat-h">Conversation</h2>
          <div class="scroll">
            <Conversation steps={steps} selectedId={shown?.id} onSelect={setSelected} />
          </div>
          <Composer
            view={view}
            busy={busy}
            readAloud={readAloud}
            onReadAloud={(on) => { if (!on) stopSpeaking(); setReadAloud(on && canSpeak); }}
            onSay={(text) => act(() => post('say', { text }))}
            onAction={(path) => void act(() => post(path))}
          />
        </section>
        <section class="panel inspector" aria-labelledby="inspector-h">
          <h2 id="inspector-h">Inspector</h2>
          <div class="scroll">
            <Inspector step={shown} previous={shownIndex > 0 ? turns[shownIndex - 1] : undefined} number={shownIndex + 1} />
          </div>
        </section>
        <div class="side">
          <section class="panel" aria-labelledby="shop-h">
            <h2 id="shop-h">Shop</h2>
            <Shop
              view={view}
              busy={busy}
              onGrant={(referenceName) => void act(() => post('grant', { referenceName }))}
              onRevoke={(referenceName) => void act(() => post('revoke', { referenceName }))}
              onReset={() => void act(() => post('reset'))}
              onForSale={(referenceName, purchasable) => void act(() => post('purchasable', { referenceName, purchasable }))}
              onParent={(decision, referenceName) => void act(() => post('parent', { decision, referenceName }))}
              onAnswer={(outcome) => void act(() => post('answer', outcome === 'no-result' ? { noResult: true } : outcome))}
            />
          </section>
          <section class="panel" aria-labelledby="controls-h">
            <h2 id="controls-h">Controls</h2>
            <Controls
              view={view}
              busy={busy}
              onLocale={(locale) => void act(() => post('locale', { locale }))}
              onUser={(userId) => void act(() => post('user', { userId }))}
              onDevice={(setting) => void act(() => post('device', setting))}
              onFault={(name, on) => void act(() => post('fault', { name, on }))}
              onReload={() => void act(() => post('reload'))}
              onReenable={() => void act(() => post('reenable'))}
            />
          </section>
          <section class="panel" aria-labelledby="export-h">
            <h2 id="export-h">Record and export</h2>
            <Export view={view} busy={busy} version={`${steps.length}-${steps.at(-1)?.id ?? 0}`} onClear={() => void act(() => post('recording/clear'))} />
          </section>
        </div>
      </main>
    </>
  );
}

render(<App />, document.getElementById('root')!);
