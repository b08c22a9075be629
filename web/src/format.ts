/** Small words and labels the panels share. */
import type { Step, WireNlu, WireTurn } from '../../src/simulator/web/protocol';

export type TurnStep = Extract<Step, { kind: 'turn' }>;

export function isTurn(step: Step): step is TurnStep {
  return step.kind === 'turn';
}

/** "LaunchRequest", "IntentRequest BuySkillItemIntent", "Connections.Response Buy". */
export function requestLabel(request: unknown): string {
  const r = (request as { request?: { type?: string; name?: string; intent?: { name?: string }; reason?: string } } | undefined)?.request;
  if (!r?.type) return 'request';
  if (r.type === 'IntentRequest') return `IntentRequest ${r.intent?.name ?? ''}`.trim();
  if (r.type === 'Connections.Response') return `Connections.Response ${r.name ?? ''}`.trim();
  if (r.type === 'SessionEndedRequest') return `SessionEndedRequest ${r.reason ?? ''}`.trim();
  return r.type;
}

export function heardAs(nlu: WireNlu): string {
  if (nlu.kind === 'intent') return nlu.intent?.name ?? 'an intent';
  if (nlu.kind === 'launch') return 'LaunchRequest (open the skill)';
  if (nlu.kind === 'end') return 'exit: Alexa ends the session';
  return nlu.reason === 'not-invoked' ? 'nothing: it does not name this skill' : 'nothing the model matches';
}

export function sessionState(turn: Pick<WireTurn, 'awaitingPurchaseAnswer' | 'sessionOpen'>): string {
  if (turn.awaitingPurchaseAnswer) return 'Alexa waits for yes or no';
  return turn.sessionOpen ? 'Session open: the microphone is on' : 'Session closed';
}

export function stepNote(step: Step): string {
  switch (step.kind) {
    case 'fault': return `Fault ${step.name} ${step.on ? 'on' : 'off'}`;
    case 'reset': return `Test purchases of ${step.userId} reset`;
    case 'grant': return `Granted ${step.referenceName}: ${step.result}`;
    case 'revoke': return `Revoked ${step.referenceName}: ${step.result}`;
    case 'user': return `User is now ${step.userId}`;
    case 'locale': return `Locale is now ${step.locale}`;
    case 'reload': return step.message;
    case 'parent': return step.changed ? `Parent: ${step.decision === 'approve' ? 'approved' : step.decision === 'deny' ? 'denied' : 'let expire'} ${step.referenceName}` : `Parent: nothing of ${step.referenceName} was waiting`;
    case 'purchasable': return `${step.referenceName} ${step.purchasable ? 'on sale' : 'off sale'}`;
    case 'reenable': return `Skill disabled and re-enabled: user is now ${step.userId}`;
    case 'turn': return step.turn.user;
  }
}

export function time(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'undefined';
}
