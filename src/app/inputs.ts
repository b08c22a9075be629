/**
 * Inputs: an intent's slots, entity-resolved, in the shape Jovo users know.
 * `key` is the resolved name (the canonical value) and `id` the resolved id when entity resolution
 * matched; otherwise `key` is what was heard and `id` is undefined.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/entity-resolution.html
 */
import type { Intent, Slot } from '../alexa/request';

export interface Input {
  /** The slot name, e.g. `ProductName`. */
  name: string;
  /** What the user said, e.g. `the cave quest`. */
  value: string | undefined;
  /** The resolved value's name (e.g. `Cave Quest`), else `value`. */
  key: string | undefined;
  /** The resolved value's id (e.g. `cave_quest`), else undefined. */
  id: string | undefined;
  /** The raw Alexa slot. */
  alexaSkill: Slot;
}

export type Inputs = Record<string, Input>;

function resolve(slot: Slot): { name: string; id: string | undefined } | undefined {
  for (const authority of slot.resolutions?.resolutionsPerAuthority ?? []) {
    if (authority.status.code !== 'ER_SUCCESS_MATCH') continue;
    const first = authority.values?.[0]?.value;
    if (first) return { name: first.name, id: first.id };
  }
  return undefined;
}

export function inputsOf(intent: Intent | undefined): Inputs {
  const inputs: Inputs = {};
  for (const [name, slot] of Object.entries(intent?.slots ?? {})) {
    const resolved = resolve(slot);
    inputs[name] = {
      name,
      value: slot.value,
      key: resolved?.name ?? slot.value,
      id: resolved?.id,
      alexaSkill: slot,
    };
  }
  return inputs;
}

/** `productName` → `ProductName`'s input, as the seed's handler parameters expect. */
export function inputForParameter(inputs: Inputs, parameter: string): Input | undefined {
  if (inputs[parameter]) return inputs[parameter];
  const wanted = parameter.toLowerCase();
  for (const [name, input] of Object.entries(inputs)) {
    if (name.toLowerCase() === wanted || name.replace(/[_\-\s]/g, '').toLowerCase() === wanted) return input;
  }
  return undefined;
}
