/** The conversation as a chat, and what the user says next. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Step, ViewState } from '../../src/simulator/web/protocol';
import { sessionState, stepNote, type TurnStep } from './format';
import { recognitionConstructor, type Recognition } from './speech';

export interface ConversationProps {
  steps: Step[];
  selectedId: number | undefined;
  onSelect(id: number): void;
}

export function Conversation({ steps, selectedId, onSelect }: ConversationProps) {
  const end = useRef<HTMLLIElement>(null);
  const lastId = steps.at(-1)?.id;
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [lastId]);
  if (steps.length === 0) {
    return <p class="empty">Nothing said yet. Press <strong>Launch</strong>, or type what the user says below.</p>;
  }
  let number = 0;
  return (
    <div role="log" aria-label="Conversation" aria-live="polite">
    <ol class="log">
      {steps.map((step) => {
        if (step.kind !== 'turn') {
          return <li key={step.id} class={`note ${step.kind === 'reload' && !step.ok ? 'bad' : ''}`}>{stepNote(step)}</li>;
        }
        number++;
        return <TurnItem key={step.id} step={step} number={number} selected={step.id === selectedId} onSelect={onSelect} />;
      })}
      <li ref={end} class="end" aria-hidden="true" />
    </ol>
    </div>
  );
}

function TurnItem({ step, number, selected, onSelect }: { step: TurnStep; number: number; selected: boolean; onSelect(id: number): void }) {
  const { turn } = step;
  return (
    <li class={`turn${selected ? ' selected' : ''}`} data-turn={number}>
      <div class="said user"><span class="who">You</span><p>{turn.user}</p></div>
      {turn.lines.map((line, i) => (
        <div key={i} class={`said ${line.speaker}`}>
          <span class="who">{line.speaker === 'alexa' ? 'Alexa' : 'Skill'}</span>
          <p>{line.text}</p>
        </div>
      ))}
      {turn.lines.length === 0 && !turn.error && <p class="muted small-text">(nothing said)</p>}
      {turn.purchase && (
        <p class={`chip${turn.purchase.purchaseResult === 'ACCEPTED' ? '' : ' not-ok'}`}>
          {turn.purchase.name} {turn.purchase.referenceName ?? turn.purchase.productId} →{' '}
          <strong>{turn.purchase.purchaseResult ?? (turn.purchase.statusCode ? `status ${turn.purchase.statusCode}` : 'no result sent')}</strong>
        </p>
      )}
      {turn.error && <p class="problem error">The skill failed: {turn.error}</p>}
      {turn.problems.filter((p) => !turn.error || p.severity !== 'error').map((problem, i) => (
        <p key={i} class={`problem ${problem.severity}`}>{problem.severity}: {problem.message}</p>
      ))}
      <div class="turn-foot">
        <span class="muted small-text">{sessionState(turn)}</span>
        <button type="button" class="small" aria-pressed={selected} onClick={() => onSelect(step.id)}>
          Inspect turn {number}
        </button>
      </div>
    </li>
  );
}

export interface ComposerProps {
  view: ViewState;
  busy: boolean;
  readAloud: boolean;
  onReadAloud(on: boolean): void;
  onSay(text: string): Promise<boolean>;
  onAction(path: 'launch' | 'silence' | 'quit'): void;
}

export function Composer({ view, busy, readAloud, onReadAloud, onSay, onAction }: ComposerProps) {
  const [text, setText] = useState('');
  const [listening, setListening] = useState(false);
  const recognition = useRef<Recognition | null>(null);
  const Recognize = recognitionConstructor();

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!text.trim()) return;
    if (await onSay(text)) setText('');
  };
  const listen = () => {
    if (!Recognize) return;
    if (listening) {
      recognition.current?.stop();
      return;
    }
    const r = new Recognize();
    r.lang = view.locale;
    r.interimResults = false;
    r.maxAlternatives = 1;
    r.onresult = (event) => {
      const heard = event.results[0]?.[0]?.transcript ?? '';
      if (heard) void onSay(heard);
    };
    r.onerror = () => setListening(false);
    r.onend = () => setListening(false);
    recognition.current = r;
    setListening(true);
    r.start();
  };

  return (
    <div class="composer">
      <form onSubmit={submit} class="say-form">
        <label for="utterance">What the user says</label>
        <div class="row">
          <input
            id="utterance"
            type="text"
            autoComplete="off"
            placeholder={`e.g. open ${view.skill.invocationName}`}
            value={text}
            onInput={(e) => setText((e.target as HTMLInputElement).value)}
            maxLength={500}
          />
          <button type="submit" class="primary" disabled={busy}>Say</button>
          {Recognize && (
            <button type="button" onClick={listen} aria-pressed={listening} aria-label={listening ? 'Stop listening' : 'Speak (the browser\'s speech recognition)'}>
              <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M12 15a3 3 0 0 0 3-3V6a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-2.1A7 7 0 0 0 19 12z" /></svg>
            </button>
          )}
        </div>
      </form>
      <div class="quick" role="group" aria-label="Quick turns">
        <button type="button" disabled={busy} onClick={() => onAction('launch')}>Launch</button>
        <button type="button" disabled={busy} onClick={() => void onSay('yes')}>Yes</button>
        <button type="button" disabled={busy} onClick={() => void onSay('no')}>No</button>
        <button type="button" disabled={busy} onClick={() => void onSay('stop')}>Stop</button>
        <button type="button" disabled={busy} onClick={() => onAction('silence')}>Silence</button>
        <button type="button" disabled={busy} onClick={() => onAction('quit')} title="Alexa ends the session (the user said exit); the next utterance starts a new one">New session</button>
      </div>
      <div class="composer-foot">
        <label class="check"><input type="checkbox" checked={readAloud} onChange={(e) => onReadAloud((e.target as HTMLInputElement).checked)} /> Read answers aloud</label>
        <span class="status" role="status">{busy ? 'Alexa is thinking…' : sessionState({ awaitingPurchaseAnswer: view.session.awaitingPurchaseAnswer, sessionOpen: view.session.open })}</span>
      </div>
    </div>
  );
}
