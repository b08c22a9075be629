/**
 * The `intent` of an IntentRequest, exactly as Alexa sends it: every slot the intent declares is
 * present, in declaration order; a filled slot has its value, `source: 'USER'` and, for types
 * with values, entity resolution; an unfilled one only its name and confirmationStatus.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-types-reference.html#slot-object
 */
import type { NluIntent, NluResolution, NluSlot } from './types';
import type { SlotCapture } from './match';
import type { SlotType } from './slot-types';

export const ER_AUTHORITY = 'amzn1.er-authority.echo-sdk';

interface IntentShape {
  readonly name: string;
  readonly slotNames: readonly string[];
  readonly slotTypes: readonly SlotType[];
}

export function buildIntent(intent: IntentShape, captures: readonly SlotCapture[], skillId: string): NluIntent {
  if (intent.slotNames.length === 0) return { name: intent.name, confirmationStatus: 'NONE' };
  const slots: Record<string, NluSlot> = {};
  intent.slotNames.forEach((name) => {
    slots[name] = { name, confirmationStatus: 'NONE' };
  });
  for (const capture of captures) {
    const name = intent.slotNames[capture.slot]!;
    const { value, entries } = capture.fill;
    const slot: NluSlot = { name, value, confirmationStatus: 'NONE', source: 'USER' };
    if (entries !== null) {
      const resolution: NluResolution = {
        authority: `${ER_AUTHORITY}.${skillId}.${intent.slotTypes[capture.slot]!.name}`,
        status: { code: entries.length > 0 ? 'ER_SUCCESS_MATCH' : 'ER_SUCCESS_NO_MATCH' },
      };
      if (entries.length > 0) {
        resolution.values = entries.map((entry) => ({ value: entry.id === undefined ? { name: entry.name } : { name: entry.name, id: entry.id } }));
      }
      slot.resolutions = { resolutionsPerAuthority: [resolution] };
    }
    slots[name] = slot;
  }
  return { name: intent.name, confirmationStatus: 'NONE', slots };
}
