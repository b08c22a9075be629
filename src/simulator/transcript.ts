/** Turns as a person reads them in a terminal. */
import type { Turn } from './turn';

export interface TranscriptOptions {
  /** Show the raw requests and responses. */
  json?: boolean;
  /** Show how the utterance was understood. */
  nlu?: boolean;
}

export function formatTurn(turn: Turn, options: TranscriptOptions = {}): string {
  const out: string[] = [];
  if (options.nlu && turn.nlu) {
    const nlu = turn.nlu;
    const slots = Object.values(nlu.intent?.slots ?? {})
      .filter((slot) => slot.value !== undefined)
      .map((slot) => {
        const match = slot.resolutions?.resolutionsPerAuthority?.[0];
        const resolved = match?.status.code === 'ER_SUCCESS_MATCH' ? ` → ${match.values?.[0]?.value.id ?? match.values?.[0]?.value.name}` : match ? ' (no match)' : '';
        return `${slot.name}="${slot.value}"${resolved}`;
      });
    const what = nlu.kind === 'intent' ? nlu.intent?.name : nlu.kind === 'launch' ? 'LaunchRequest' : nlu.kind;
    out.push(`  · heard: ${what}${slots.length ? ` ${slots.join(' ')}` : ''}${nlu.sample ? `  (sample "${nlu.sample}", confidence ${nlu.confidence.toFixed(2)})` : ''}`);
  }
  for (const line of turn.lines) out.push(`${line.speaker === 'alexa' ? 'Alexa' : 'Skill'}: ${line.text}`);
  if (turn.card) out.push(`  [card] ${turn.card.title ?? ''}: ${turn.card.content ?? turn.card.text ?? ''}`);
  if (turn.purchase) {
    const p = turn.purchase;
    out.push(`  · ${p.name} ${p.referenceName ?? p.productId} → ${p.purchaseResult ?? (p.statusCode ? `status ${p.statusCode}` : 'no result sent')}`);
  }
  for (const problem of turn.problems) out.push(`  ! ${problem.severity}: ${problem.message}`);
  if (turn.error) out.push(`  ! the skill failed: ${turn.error}`);
  if (options.json) {
    turn.requests.forEach((request, i) => {
      out.push(`  → ${JSON.stringify(request)}`);
      out.push(`  ← ${JSON.stringify(turn.responses[i])}`);
    });
  }
  if (turn.lines.length === 0 && !turn.error && turn.problems.length === 0) out.push('  (nothing said)');
  const state = turn.awaitingPurchaseAnswer ? 'Alexa waits for yes or no' : turn.sessionOpen ? 'session open' : 'session closed';
  out.push(`  · ${state}`);
  return out.join('\n');
}
