/** One turn, taken apart: how the NLU chose, every request and response, and the state after it. */
import type { Holding, WireNlu } from '../../src/simulator/web/protocol';
import { heardAs, requestLabel, type TurnStep } from './format';
import { JsonBlock, KeyValueDiff } from './json';

export function Inspector({ step, previous, number }: { step: TurnStep | undefined; previous: TurnStep | undefined; number: number }) {
  if (!step) return <p class="empty">Each turn's details show here: the NLU's choice, the JSON exchanged, and what changed.</p>;
  const { turn, after } = step;
  return (
    <div class="inspector-body" key={step.id}>
      <h3 class="turn-title">Turn {number}: “{turn.user}”</h3>
      <section aria-labelledby="nlu-h">
        <h4 id="nlu-h">Understanding</h4>
        {turn.nlu ? <Nlu nlu={turn.nlu} /> : <p class="muted">Alexa's purchase dialog took this answer (yes or no): the skill's model was not asked.</p>}
      </section>
      <section aria-labelledby="json-h">
        <h4 id="json-h">Requests and responses ({turn.requests.length})</h4>
        {turn.requests.length === 0 && <p class="muted">Nothing was sent to the skill in this turn.</p>}
        {turn.requests.map((request, i) => (
          <div key={i} class="hop">
            <JsonBlock title={`→ ${i + 1}. ${requestLabel(request)}`} value={request} />
            <JsonBlock title={`← ${i + 1}. response`} value={turn.responses[i] ?? null} />
          </div>
        ))}
      </section>
      <section aria-labelledby="after-h">
        <h4 id="after-h">After the turn</h4>
        <KeyValueDiff caption="Session attributes" before={previous?.after.sessionAttributes} after={after.sessionAttributes} empty="the session is closed" />
        <KeyValueDiff caption="Stored user data" before={previous?.after.userData} after={after.userData} empty="none stored (or not visible: a skill over --endpoint)" />
        <Holdings before={previous?.after.holdings} after={after.holdings} />
      </section>
    </div>
  );
}

function Nlu({ nlu }: { nlu: WireNlu }) {
  const slots = Object.values(nlu.intent?.slots ?? {});
  return (
    <>
      <dl class="facts">
        <dt>Heard as</dt><dd><strong>{heardAs(nlu)}</strong>{nlu.oneShot ? ' (one-shot: invoked and asked in one breath)' : ''}</dd>
        <dt>Words matched</dt><dd><code>{nlu.heard || '(none)'}</code></dd>
        <dt>Sample</dt><dd>{nlu.sample ? <code>{nlu.sample}</code> : '—'} <span class="muted">({nlu.reason})</span></dd>
        <dt>Confidence</dt><dd>{nlu.confidence.toFixed(2)}</dd>
      </dl>
      {slots.length > 0 && (
        <table>
          <caption>Slots</caption>
          <thead><tr><th scope="col">Slot</th><th scope="col">Heard</th><th scope="col">Entity resolution</th></tr></thead>
          <tbody>
            {slots.map((slot) => {
              const match = slot.resolutions?.resolutionsPerAuthority[0];
              const value = match?.values?.[0]?.value;
              return (
                <tr key={slot.name}>
                  <th scope="row"><code>{slot.name}</code></th>
                  <td>{slot.value ?? <span class="muted">(empty)</span>}</td>
                  <td>{match ? (match.status.code === 'ER_SUCCESS_MATCH' && value ? <><code>{value.id ?? value.name}</code> “{value.name}”</> : <span class="muted">{match.status.code}</span>) : <span class="muted">—</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {nlu.considered.length > 0 && (
        <table>
          <caption>Intents considered</caption>
          <thead><tr><th scope="col">Intent</th><th scope="col">Best sample</th><th scope="col" class="num">Score</th></tr></thead>
          <tbody>
            {nlu.considered.map((c, i) => (
              <tr key={i} class={i === 0 && nlu.kind === 'intent' && c.intent === nlu.intent?.name ? 'chosen' : undefined}>
                <th scope="row">{c.intent}</th>
                <td><code>{c.sample}</code>{Object.keys(c.slots).length > 0 && <span class="muted"> {Object.entries(c.slots).map(([k, v]) => `${k}="${v}"`).join(' ')}</span>}</td>
                <td class="num">{c.score.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Holdings({ before, after }: { before: Holding[] | undefined; after: Holding[] }) {
  const was = new Map((before ?? []).map((h) => [h.referenceName, h]));
  const changed = after.filter((h) => {
    const old = was.get(h.referenceName);
    return before !== undefined && (old === undefined || old.entitled !== h.entitled || old.count !== h.count);
  });
  if (changed.length === 0) return <p class="muted"><strong>Entitlements:</strong> {before === undefined ? 'as listed in the shop' : 'unchanged'}</p>;
  return (
    <p class="diff changed">
      <strong>Entitlements changed:</strong>{' '}
      {changed.map((h) => `${h.referenceName} ${h.entitled ? `owned${h.count > 1 ? ` ×${h.count}` : ''}` : 'not owned'}`).join(', ')}
    </p>
  );
}
