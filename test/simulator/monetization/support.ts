/**
 * Shared bits of the monetization emulator suites: a small catalog written as ISP definition files
 * (facts §4), Amazon's premium-hello-world products read from the shared fixtures, an emulator on
 * a fixed clock, and raw HTTP helpers for what the project's client never sends.
 */
import { request as httpRequest } from 'node:http';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '../../../src/clock';
import { MonetizationClient } from '../../../src/isp/monetization-client';
import type { EmulatedProductInput, ProductDefinitionInput } from '../../../src/simulator/monetization/emulated-catalog';
import {
  startMonetizationEmulator,
  type MonetizationEmulator,
  type MonetizationEmulatorOptions,
} from '../../../src/simulator/monetization/monetization-emulator';
import { MONETIZATION_BASE_PATH } from '../../../src/simulator/monetization';

export const START = '2024-05-01T10:00:00.000Z';
export const ALICE = 'amzn1.ask.account.ALICE';
export const BOB = 'amzn1.ask.account.BOB';

function locales(name: string, french: string) {
  return {
    'en-US': {
      name,
      summary: `${name} for your adventure.`,
      description: `${name} opens new paths. {PREMIUM_CONTENT_TITLE} is yours forever.`,
      customProductPrompts: {
        purchasePromptDescription: `{PREMIUM_CONTENT_TITLE} opens new paths in the cave.`,
        boughtCardDescription: `You now have ${name}.`,
      },
    },
    'fr-FR': {
      name: french,
      summary: `${french} pour votre aventure.`,
      description: `${french} ouvre de nouveaux chemins.`,
      customProductPrompts: { purchasePromptDescription: `${french} ouvre de nouveaux chemins.`, boughtCardDescription: `Vous avez ${french}.` },
    },
  };
}

const pricing = (usd: number, eur: number) => ({
  'amazon.com': { releaseDate: '2024-01-01', defaultPriceListing: { price: usd, currency: 'USD' } },
  'amazon.fr': { releaseDate: '2024-01-01', defaultPriceListing: { price: eur, currency: 'EUR' } },
});

function definition(type: string, referenceName: string, extra: Partial<ProductDefinitionInput> & Record<string, unknown>, info: object) {
  return { version: '1.0', type, referenceName, purchasableState: 'PURCHASABLE', publishingInformation: info, ...extra };
}

export const caveQuestDefinition = definition('ENTITLEMENT', 'cave_quest', {}, {
  locales: locales('Cave Quest', 'La Quête de la Grotte'),
  distributionCountries: ['US', 'FR'],
  pricing: pricing(1.99, 1.99),
  taxInformation: { category: 'SOFTWARE' },
});

export const explorersClubDefinition = definition(
  'SUBSCRIPTION',
  'explorers_club',
  { subscriptionInformation: { subscriptionPaymentFrequency: 'MONTHLY', subscriptionTrialPeriodDays: 7 } },
  { locales: locales('Explorers Club', 'Club des Explorateurs'), pricing: pricing(2.99, 2.99), taxInformation: { category: 'SOFTWARE' } },
);

export const hintPackDefinition = definition('CONSUMABLE', 'hint_pack', {}, {
  locales: locales('Hint Pack', 'Pack d’Indices'),
  pricing: pricing(0.99, 0.99),
  taxInformation: { category: 'SOFTWARE' },
});

/** The shape `loadCatalog(projectDir).products` has. */
export function catalogProduct(definition: { type: string; referenceName: string } & ProductDefinitionInput, file?: string): EmulatedProductInput {
  return { referenceName: definition.referenceName, type: definition.type, file: file ?? `isps/${definition.type.toLowerCase()}/${definition.referenceName}.json`, definition };
}

export const PRODUCTS: EmulatedProductInput[] = [caveQuestDefinition, explorersClubDefinition, hintPackDefinition].map((d) => catalogProduct(d));

/** Amazon's own sample products; read in place, never copied into the repository. */
export const SAMPLES_DIR = join(
  process.env.SKILLSHOP_AMAZON_SAMPLES ?? '/work/shared/fixtures/amazon-samples',
  'premium-hello-world',
  'isps',
);
export const HAVE_SAMPLES = existsSync(SAMPLES_DIR);

export function sampleProducts(): EmulatedProductInput[] {
  const products: EmulatedProductInput[] = [];
  for (const folder of readdirSync(SAMPLES_DIR).sort()) {
    for (const file of readdirSync(join(SAMPLES_DIR, folder)).sort()) {
      const path = join(SAMPLES_DIR, folder, file);
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as { type: string; referenceName: string } & ProductDefinitionInput;
      products.push(catalogProduct(parsed, path));
    }
  }
  return products;
}

export type TestEmulator = MonetizationEmulator & { clock: ReturnType<typeof fixedClock> };

export async function startEmulator(options: Partial<MonetizationEmulatorOptions> = {}): Promise<TestEmulator> {
  const clock = fixedClock(START);
  const emulator = await startMonetizationEmulator({ products: PRODUCTS, clock, ...options });
  return Object.assign(emulator, { clock });
}

/** The project's own runtime client, as a skill handling a request from `userId` builds it. */
export function clientFor(emulator: MonetizationEmulator, userId: string, locale = 'en-US', timeoutMs?: number): MonetizationClient {
  return new MonetizationClient({ apiEndpoint: emulator.url, apiAccessToken: emulator.tokenFor(userId), locale, ...(timeoutMs ? { timeoutMs } : {}) });
}

/** A raw GET under `/v1/users/~current/skills/~current/`, with exactly the headers given. */
export async function get(emulator: MonetizationEmulator, resource: string, headers: Record<string, string> = {}) {
  const response = await fetch(emulator.url + MONETIZATION_BASE_PATH + resource, { headers });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as unknown, headers: response.headers };
}

export function authorized(emulator: MonetizationEmulator, userId: string, locale = 'en-US'): Record<string, string> {
  return { Authorization: `Bearer ${emulator.tokenFor(userId)}`, 'Accept-Language': locale };
}

export const DAY = 86_400_000;
export function daysAfterStart(days: number): number {
  return Date.parse(START) + days * DAY;
}

/** A GET through node:http, which (unlike fetch) sends no header it was not given. */
export function rawGet(emulator: MonetizationEmulator, resource: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(emulator.url + MONETIZATION_BASE_PATH + resource, { headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    request.on('error', reject);
    request.end();
  });
}
