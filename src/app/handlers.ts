/**
 * The handler map: what `app.setHandler({...})` takes, its reserved names, and its checks.
 * Checked once, when set (work at start-up, not per request).
 */
import { skillshopError } from '../errors';
import type { HandlerContext } from './context';
import { parameterNames } from './parameters';

/** A handler; `this` is the request's HandlerContext, the parameters are the intent's inputs by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (this: HandlerContext, ...inputs: any[]) => unknown;

/** Intent handlers and, as nested objects, states. */
export interface HandlerMap {
  [name: string]: Handler | HandlerMap;
}

/** Names with a meaning of their own (everything else is an intent name or a state). */
export const HANDLER_NAMES = {
  LAUNCH: 'LAUNCH',
  END: 'END',
  UNHANDLED: 'Unhandled',
  NEW_SESSION: 'NEW_SESSION',
  ON_PURCHASE: 'ON_PURCHASE',
  ON_ERROR: 'ON_ERROR',
} as const;

/** Names that only make sense at the top level. */
const GLOBAL_ONLY = new Set<string>([HANDLER_NAMES.NEW_SESSION, HANDLER_NAMES.ON_ERROR]);

export interface CompiledHandler {
  readonly fn: Handler;
  /** Parameter names, read once: the inputs the handler asks for. */
  readonly parameters: readonly string[];
}

export interface CompiledState {
  readonly handlers: ReadonlyMap<string, CompiledHandler>;
  readonly states: ReadonlyMap<string, CompiledState>;
}

export function compileHandlers(map: HandlerMap, path: string[] = []): CompiledState {
  if (map === null || typeof map !== 'object' || Array.isArray(map)) {
    throw skillshopError('HANDLER_INVALID', `setHandler expects an object of handler functions${where(path)}, got ${describe(map)}.`);
  }
  const handlers = new Map<string, CompiledHandler>();
  const states = new Map<string, CompiledState>();
  for (const [name, value] of Object.entries(map)) {
    if (typeof value === 'function') {
      if (path.length > 0 && GLOBAL_ONLY.has(name)) {
        throw skillshopError('HANDLER_INVALID', `${name} must be a top-level handler, not inside state "${path.join('.')}".`);
      }
      handlers.set(name, { fn: value, parameters: parameterNames(value) });
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      if (name.includes('.')) {
        throw skillshopError('HANDLER_INVALID', `State name "${name}" must not contain a dot: nest state objects instead.`);
      }
      states.set(name, compileHandlers(value, [...path, name]));
    } else {
      throw skillshopError(
        'HANDLER_INVALID',
        `Handler "${[...path, name].join('.')}" must be a function (an intent handler) or an object (a state), got ${describe(value)}.`,
      );
    }
  }
  return { handlers, states };
}

/** Merges two compiled maps; later handlers replace earlier ones of the same name. */
export function mergeCompiled(a: CompiledState, b: CompiledState): CompiledState {
  const handlers = new Map(a.handlers);
  for (const [name, handler] of b.handlers) handlers.set(name, handler);
  const states = new Map(a.states);
  for (const [name, state] of b.states) {
    const existing = states.get(name);
    states.set(name, existing ? mergeCompiled(existing, state) : state);
  }
  return { handlers, states };
}

/**
 * Finds `name` in `state` ('A.B' for nested states), then in each enclosing state, then at the top.
 * Returns the handler and the state it was found in ('' for the top level).
 */
export function findHandler(
  root: CompiledState,
  state: string | undefined,
  name: string,
): { handler: CompiledHandler; state: string } | undefined {
  const chain = stateChain(root, state);
  for (let i = chain.length - 1; i >= 0; i--) {
    const handler = chain[i]!.node.handlers.get(name);
    if (handler) return { handler, state: chain[i]!.path };
  }
  return undefined;
}

function stateChain(root: CompiledState, state: string | undefined): { node: CompiledState; path: string }[] {
  const chain = [{ node: root, path: '' }];
  if (!state) return chain;
  let node: CompiledState | undefined = root;
  const parts: string[] = [];
  for (const part of state.split('.')) {
    node = node.states.get(part);
    if (!node) break;
    parts.push(part);
    chain.push({ node, path: parts.join('.') });
  }
  return chain;
}

export function hasState(root: CompiledState, state: string): boolean {
  let node: CompiledState | undefined = root;
  for (const part of state.split('.')) {
    node = node?.states.get(part);
    if (!node) return false;
  }
  return true;
}

function where(path: string[]): string {
  return path.length > 0 ? ` in state "${path.join('.')}"` : '';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
