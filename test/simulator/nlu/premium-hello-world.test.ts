/**
 * Amazon's premium-hello-world sample skill, read from the shared fixtures: every sample of its
 * models, with each slot filled by one of the slot type's values, is understood as its own intent.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileModel, type InteractionModelFile, type NluResolution } from '../../../src/simulator/nlu';
import { SKILL_ID, premiumHelloWorld } from './models';

interface Expanded {
  intent: string;
  sample: string;
  utterance: string;
  /** Slot name → the id of the value put in. */
  slots: Record<string, string>;
}

function expand(model: InteractionModelFile, pick: number): Expanded[] {
  const language = model.interactionModel.languageModel;
  const out: Expanded[] = [];
  for (const intent of language.intents) {
    for (const sample of intent.samples ?? []) {
      const slots: Record<string, string> = {};
      const utterance = sample.replace(/\{(\w+)\}/g, (_, name: string) => {
        const type = intent.slots!.find((slot) => slot.name === name)!.type;
        const values = language.types!.find((t) => t.name === type)!.values!;
        const value = values[pick % values.length]!.name.value;
        slots[name] = values[pick % values.length]!.id!;
        return value;
      });
      out.push({ intent: intent.name, sample, utterance, slots });
    }
  }
  return out;
}

for (const locale of ['en-US', 'fr-FR'] as const) {
  describe(`NLU: premium-hello-world ${locale}`, () => {
    const model = premiumHelloWorld(locale);
    const nlu = compileModel(model, { skillId: SKILL_ID, locale });

    it('understands every sample, slots filled with each listed value, as its own intent and sample, the slot resolved', () => {
      let checked = 0;
      for (const pick of [0, 1, 2]) {
        for (const { intent, sample, utterance, slots } of expand(model, pick)) {
          const result = nlu.understand(utterance);
          assert.equal(result.intent?.name, intent, `"${utterance}"`);
          assert.equal(result.sample, sample, `"${utterance}"`);
          for (const [name, id] of Object.entries(slots)) {
            const resolution: NluResolution | undefined = result.intent?.slots?.[name]?.resolutions?.resolutionsPerAuthority[0];
            assert.equal(resolution?.authority, `amzn1.er-authority.echo-sdk.${SKILL_ID}.productType`);
            assert.equal(resolution?.values?.[0]?.value.id, id, `"${utterance}" ${name}`);
          }
          checked++;
        }
      }
      assert.ok(checked > 100, `${checked} utterances`);
    });

    it('launches by its invocation name', () => {
      const invocation = model.interactionModel.languageModel.invocationName;
      const verb = locale === 'en-US' ? 'open' : 'ouvre';
      assert.equal(nlu.understand(`${verb} ${invocation}`, { launch: true }).kind, 'launch');
    });
  });
}

describe('NLU: premium-hello-world en-US, by hand', () => {
  const nlu = compileModel(premiumHelloWorld('en-US'), { skillId: SKILL_ID });

  it('resolves synonyms to the canonical value', () => {
    const result = nlu.understand('buy special greetings');
    assert.deepEqual(result.intent?.slots?.product, {
      name: 'product',
      value: 'special greetings',
      confirmationStatus: 'NONE',
      source: 'USER',
      resolutions: {
        resolutionsPerAuthority: [{
          authority: `amzn1.er-authority.echo-sdk.${SKILL_ID}.productType`,
          status: { code: 'ER_SUCCESS_MATCH' },
          values: [{ value: { name: 'greetings pack', id: 'Greetings_Pack' } }],
        }],
      },
    });
  });

  it('"cancel" is Cancel, "cancel the premium subscription" is a refund, "purchase history" is not a purchase', () => {
    assert.equal(nlu.understand('cancel').intent?.name, 'AMAZON.CancelIntent');
    assert.equal(nlu.understand('cancel the premium subscription').intent?.name, 'RefundProductIntent');
    assert.equal(nlu.understand('purchase history').intent?.name, 'PurchaseHistoryIntent');
    assert.equal(nlu.understand('purchase').intent?.name, 'BuyProductIntent');
    assert.equal(nlu.understand('Tell me more about the goodbyes pack, please.').intent?.name, 'DescribeProductIntent');
  });

  it('has no FallbackIntent: an utterance nothing explains sends nothing, and says so', () => {
    assert.deepEqual(nlu.understand("what's the weather"), {
      kind: 'none', intent: null, confidence: 0, reason: 'no-match', sample: null, oneShot: false, heard: "what's the weather", considered: [],
    });
  });
});
