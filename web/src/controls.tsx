/** Who is talking, in which language, on what device — and everything that can go wrong. */
import { useEffect, useState } from 'preact/hooks';
import type { ViewState } from '../../src/simulator/web/protocol';

const DEVICE_FAULTS = new Set(['device-cannot-buy', 'voice-purchasing-off']);

export interface ControlsProps {
  view: ViewState;
  busy: boolean;
  onLocale(locale: string): void;
  onUser(userId: string): void;
  onDevice(setting: { canBuy?: boolean; voicePurchasing?: boolean }): void;
  onFault(name: string, on: boolean): void;
  onReload(): void;
  onReenable(): void;
}

export function Controls({ view, busy, onLocale, onUser, onDevice, onFault, onReload, onReenable }: ControlsProps) {
  const [user, setUser] = useState(view.userId);
  useEffect(() => setUser(view.userId), [view.userId]);
  // A switch shows the new position at once, until the server's view confirms (or refuses) it.
  const [pending, setPending] = useState<Record<string, boolean>>({});
  useEffect(() => setPending({}), [view]);
  const flip = (key: string, send: (on: boolean) => void) => (e: Event) => {
    const on = (e.target as HTMLInputElement).checked;
    setPending((p) => ({ ...p, [key]: on }));
    send(on);
  };
  return (
    <>
      <div class="field">
        <label for="locale">Locale</label>
        <select id="locale" value={view.locale} disabled={busy} onChange={(e) => onLocale((e.target as HTMLSelectElement).value)}>
          {view.skill.locales.map((locale) => <option key={locale} value={locale}>{locale}</option>)}
        </select>
      </div>
      <form class="field" onSubmit={(e) => { e.preventDefault(); if (user.trim()) onUser(user.trim()); }}>
        <label for="user-id">User id</label>
        <div class="row">
          <input id="user-id" type="text" value={user} autoComplete="off" spellcheck={false} onInput={(e) => setUser((e.target as HTMLInputElement).value)} />
          <button type="submit" disabled={busy || user.trim() === view.userId}>Switch</button>
        </div>
      </form>
      <button type="button" disabled={busy} onClick={onReenable}
        title="A new user id; the purchases follow it; what the skill stored for the old id is out of reach">Disable &amp; re-enable skill</button>
      <fieldset>
        <legend>Device</legend>
        <label class="check"><input type="checkbox" checked={pending.canBuy ?? view.device.canBuy} onChange={flip('canBuy', (canBuy) => onDevice({ canBuy }))} /> This device can make purchases</label>
        <label class="check"><input type="checkbox" checked={pending.voicePurchasing ?? view.device.voicePurchasing} onChange={flip('voicePurchasing', (voicePurchasing) => onDevice({ voicePurchasing }))} /> Voice purchasing on (Alexa app setting)</label>
      </fieldset>
      <fieldset>
        <legend>Faults</legend>
        {view.faults.filter((f) => !DEVICE_FAULTS.has(f.name)).map((fault) => (
          <label key={fault.name} class="check fault">
            <input type="checkbox" name="fault" value={fault.name} checked={pending[fault.name] ?? fault.active} onChange={flip(fault.name, (on) => onFault(fault.name, on))} />
            <span><code>{fault.name}</code> <span class="muted">{fault.description}</span></span>
          </label>
        ))}
      </fieldset>
      {view.skill.reloadable && <button type="button" disabled={busy} onClick={onReload}>Reload the skill</button>}
    </>
  );
}
