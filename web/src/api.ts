/** The debugger's JSON API, as the page calls it. */
import type { ErrorBody, StateResponse, Step, ViewState } from '../../src/simulator/web/protocol';

export interface ActionResult {
  steps: Step[];
  view: ViewState;
}

async function read<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => ({ error: { message: `HTTP ${response.status}` } }))) as T | ErrorBody;
  if (!response.ok) throw new Error((body as ErrorBody).error?.message ?? `HTTP ${response.status}`);
  return body as T;
}

export async function getState(): Promise<StateResponse> {
  return read<StateResponse>(await fetch('/api/state', { cache: 'no-store' }));
}

export async function post(path: string, body: Record<string, unknown> = {}): Promise<ActionResult> {
  const response = await fetch(`/api/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return read<ActionResult>(response);
}

export async function getText(path: string): Promise<string> {
  const response = await fetch(path, { cache: 'no-store' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

/** Steps by id, oldest first, without duplicates (the same step may come by event and by answer). */
export function mergeSteps(known: Step[], incoming: Step[]): Step[] {
  if (incoming.length === 0) return known;
  const last = known.at(-1)?.id ?? 0;
  if (incoming.every((step) => step.id > last)) return [...known, ...incoming.filter((s, i, all) => all.findIndex((o) => o.id === s.id) === i)];
  const byId = new Map(known.map((step) => [step.id, step]));
  for (const step of incoming) byId.set(step.id, step);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
