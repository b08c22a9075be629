/** Temporary copies of examples/cave-quest for the certify tests: as shipped, or cleaned up to pass every rule. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../helpers/cli';

export const PRODUCTS = {
  cave_quest: 'platforms/alexaSkill/isps/entitlement/cave_quest.json',
  cave_club: 'platforms/alexaSkill/isps/subscription/cave_club.json',
  hint_pack: 'platforms/alexaSkill/isps/consumable/hint_pack.json',
} as const;

/** A copy of examples/cave-quest without run-time data or built files. */
export function caveQuest(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skillshop-certify-'));
  const source = join(REPO, 'examples', 'cave-quest');
  for (const entry of ['app', 'models', 'skillshop.json']) cpSync(join(source, entry), join(dir, entry), { recursive: true });
  cpSync(join(source, 'platforms', 'alexaSkill', 'isps'), join(dir, 'platforms', 'alexaSkill', 'isps'), { recursive: true });
  // The app says require('skillshop'): outside the repository that needs an installed package.
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(REPO, join(dir, 'node_modules', 'skillshop'), 'dir');
  return dir;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke into arbitrary JSON files
export function editJson(dir: string, file: string, edit: (json: any) => void): void {
  const path = join(dir, file);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
}

/** cave-quest with every static and model rule kept. */
export function cleanCaveQuest(): string {
  const dir = caveQuest();
  for (const [reference, file] of Object.entries(PRODUCTS)) {
    const path = join(dir, file);
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll('example.com', 'cavequest.games'));
    editJson(dir, file, (json) => {
      const name = json.publishingInformation.locales['en-US'].name;
      json.testingInstructions = `Open cave quest and say 'buy ${name.toLowerCase()}' (${reference}); say 'refund ${name.toLowerCase()}' to return it.`;
    });
  }
  editJson(dir, 'skillshop.json', (json) => {
    json.endpoint = 'https://cavequest.games/webhook';
    json.manifest.privacyPolicyUrl = 'https://cavequest.games/privacy';
    json.manifest.description = 'Explore the caves of Cave Quest by voice. Includes premium content available for purchase: ten deeper levels, a monthly club and hint packs.';
    json.manifest.examplePhrases = ['Alexa, open cave quest', 'Alexa, ask cave quest for a hint'];
  });
  editJson(dir, 'models/en-US.json', (json) => {
    const intent = (name: string) => json.intents.find((i: { name: string }) => i.name === name);
    intent('WhatCanIBuyIntent').phrases.push('tell me what i can buy', 'what can i shop for');
    intent('BuyHintsIntent').phrases = ['buy more hints', 'get more hints', 'more hints'];
    json.intents.push({ name: 'WhatDidIBuyIntent', phrases: ['what did i buy', 'what have i bought', 'what have i purchased'] });
    json.intents.push({ name: 'ProductInfoIntent', phrases: ['tell me more about {ProductName}', 'what is {ProductName}'], inputs: [{ name: 'ProductName', type: 'LIST_OF_PRODUCT_NAMES' }] });
  });
  return dir;
}
