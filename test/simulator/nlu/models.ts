/**
 * Interaction models for the NLU tests: the seed's Cave Quest skill written out as `skillshop
 * build` would, and Amazon's premium-hello-world sample read from the shared fixtures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InteractionModelFile, InteractionModelIntent, InteractionModelType } from '../../../src/simulator/nlu';

export const SKILL_ID = 'amzn1.ask.skill.11111111-2222-3333-4444-555555555555';
export const AUTHORITY = `amzn1.er-authority.echo-sdk.${SKILL_ID}.LIST_OF_PRODUCT_NAMES`;

export function interactionModel(
  invocationName: string,
  intents: InteractionModelIntent[],
  types: InteractionModelType[] = [],
): InteractionModelFile {
  return { interactionModel: { languageModel: { invocationName, intents, types } } };
}

const builtIns = (...names: string[]): InteractionModelIntent[] => names.map((name) => ({ name: `AMAZON.${name}`, samples: [] }));
const productName = [{ name: 'ProductName', type: 'LIST_OF_PRODUCT_NAMES' }];

/** The seed's model (seed/alexa-in-skill-purchases.md), plus the built-ins the build adds. */
export function caveQuestModel(): InteractionModelFile {
  return interactionModel(
    'cave quest',
    [
      {
        name: 'BuySkillItemIntent',
        slots: productName,
        samples: ['buy', 'shop', 'buy {ProductName}', 'purchase {ProductName}', 'want {ProductName}', 'would like {ProductName}'],
      },
      {
        name: 'RefundSkillItemIntent',
        slots: productName,
        samples: ['return {ProductName}', 'refund {ProductName}', 'want a refund for {ProductName}', 'would like to return {ProductName}'],
      },
      ...builtIns('CancelIntent', 'HelpIntent', 'StopIntent', 'NavigateHomeIntent', 'FallbackIntent', 'YesIntent', 'NoIntent'),
    ],
    [{ name: 'LIST_OF_PRODUCT_NAMES', values: [{ id: 'cave_quest', name: { value: 'Cave Quest' } }] }],
  );
}

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'amazon-samples', 'premium-hello-world', 'models');

export function premiumHelloWorld(locale: 'en-US' | 'fr-FR'): InteractionModelFile {
  return JSON.parse(readFileSync(join(FIXTURES, `${locale}.json`), 'utf8')) as InteractionModelFile;
}
