/**
 * A small shop skill for the dynamic rule tests: a project on disk (model, three products, the
 * `certify` settings) and an App that keeps every rule. Each test breaks it one way, by replacing
 * handlers (`shopApp({ BuyIntent() { … } })`) or editing the project, and certifies the result.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { App, InsufficientInventoryError, type HandlerMap, type Input } from '../../../src';
import type { HandlerContext } from '../../../src/app/context';
import { certify, type Check } from '../../../src/certify';

export const UNITS_PER_PACK = 3;

const product = (referenceName: string, type: string, name: string, summary: string, extra: Record<string, unknown> = {}) => ({
  version: '1.0',
  type,
  referenceName,
  purchasableState: 'PURCHASABLE',
  ...extra,
  publishingInformation: {
    locales: {
      'en-US': {
        name,
        smallIconUri: `https://gemshop.games/icons/${referenceName}-108.png`,
        largeIconUri: `https://gemshop.games/icons/${referenceName}-512.png`,
        summary,
        description: `${summary} It is part of Gem Shop.`,
        examplePhrases: [`Alexa, ask gem shop about the ${name.toLowerCase()}`],
        keywords: ['gems', 'mine'],
        customProductPrompts: {
          purchasePromptDescription: `${summary} Your adventure gets bigger.`,
          boughtCardDescription: `You now have the ${name}.`,
        },
      },
    },
    distributionCountries: ['US'],
    pricing: { 'amazon.com': { releaseDate: '2026-01-01', defaultPriceListing: { price: 1.99, currency: 'USD' } } },
    taxInformation: { category: 'SOFTWARE' },
  },
  privacyAndCompliance: { locales: { 'en-US': { privacyPolicyUrl: 'https://gemshop.games/privacy' } } },
  testingInstructions: `Open gem shop and say 'buy ${name.toLowerCase()}' (${referenceName}).`,
});

export const PRODUCTS = {
  treasure_map: product('treasure_map', 'ENTITLEMENT', 'Treasure Map', 'The treasure map leads into the deep mine.'),
  explorer_club: product('explorer_club', 'SUBSCRIPTION', 'Explorer Club', 'Club members hear a new story every week.', {
    subscriptionInformation: { subscriptionPaymentFrequency: 'MONTHLY', subscriptionTrialPeriodDays: 7 },
  }),
  hint_pack: product('hint_pack', 'CONSUMABLE', 'Hint Pack', 'Three hints for the trickiest tunnels.'),
};

const DIRS: Record<string, string> = { ENTITLEMENT: 'entitlement', SUBSCRIPTION: 'subscription', CONSUMABLE: 'consumable' };

export const MODEL = {
  invocation: 'gem shop',
  intents: [
    { name: 'FreeMineIntent', phrases: ['explore the free mine', 'dig in the free mine'] },
    { name: 'DeepMineIntent', phrases: ['explore the deep mine', 'go to the deep mine'] },
    { name: 'ClubStoryIntent', phrases: ['tell me the club story', 'read the club story'] },
    { name: 'UseHintIntent', phrases: ['use a hint', 'give me a hint'] },
    { name: 'HintCountIntent', phrases: ['how many hints do i have', 'how many hints are left'] },
    { name: 'WhatCanIBuyIntent', phrases: ['what can i buy', 'tell me what i can buy', 'what can i shop for', 'shop', 'premium'] },
    { name: 'WhatDidIBuyIntent', phrases: ['what did i buy', 'what have i bought', 'what have i purchased'] },
    { name: 'ProductInfoIntent', phrases: ['tell me more about {ProductName}', 'what is {ProductName}'], inputs: [{ name: 'ProductName', type: 'PRODUCT' }] },
    { name: 'BuyIntent', phrases: ['buy {ProductName}', 'i want to buy {ProductName}', 'purchase {ProductName}', 'subscribe to {ProductName}', 'buy'], inputs: [{ name: 'ProductName', type: 'PRODUCT' }] },
    { name: 'RefundIntent', phrases: ['refund {ProductName}', 'return {ProductName}', 'i want a refund for {ProductName}', 'cancel {ProductName}'], inputs: [{ name: 'ProductName', type: 'PRODUCT' }] },
    { name: 'CancelSubscriptionIntent', phrases: ['cancel my subscription', 'cancel subscription'] },
  ],
  inputTypes: [{
    name: 'PRODUCT',
    values: [
      { value: 'Treasure Map', id: 'treasure_map', synonyms: ['map'] },
      { value: 'Explorer Club', id: 'explorer_club', synonyms: ['club'] },
      { value: 'Hint Pack', id: 'hint_pack', synonyms: ['hints'] },
    ],
  }],
};

export const CERTIFY_SETTINGS = {
  freeUtterances: ['explore the free mine'],
  premiumUtterances: { treasure_map: ['explore the deep mine'], explorer_club: ['tell me the club story'] },
  consumables: { hint_pack: { unit: 'hint', units: 'hints', useUtterance: 'use a hint', countUtterance: 'how many hints do i have', unitsPerPurchase: UNITS_PER_PACK } },
};

export interface ShopProjectOptions {
  /** Products to leave out, or to change. */
  products?: Partial<Record<keyof typeof PRODUCTS, false | ((definition: any) => void)>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  model?: (model: typeof MODEL) => void;
  settings?: (settings: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The shop's project folder (a fresh temporary copy each call). */
export function shopProject(options: ShopProjectOptions = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'skillshop-certify-shop-'));
  const model = structuredClone(MODEL);
  options.model?.(model);
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'en-US.json'), JSON.stringify(model, null, 2));
  for (const [reference, definition] of Object.entries(PRODUCTS)) {
    const edit = options.products?.[reference as keyof typeof PRODUCTS];
    if (edit === false) continue;
    const copy = structuredClone(definition);
    edit?.(copy);
    const folder = join(dir, 'platforms', 'alexaSkill', 'isps', DIRS[copy.type]!);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${reference}.json`), JSON.stringify(copy, null, 2));
  }
  const settings = {
    endpoint: 'https://gemshop.games/alexa',
    manifest: {
      name: 'Gem Shop',
      summary: 'Dig for gems by voice.',
      description: 'Dig for gems in the mines by voice. Offers in-skill purchases: a treasure map, an explorer club and hint packs.',
      examplePhrases: ['Alexa, open gem shop', 'Alexa, ask gem shop to explore the free mine'],
      keywords: ['gems'],
      category: 'GAMES',
      distributionCountries: ['US'],
      testingInstructions: 'Say what can I buy.',
      privacyPolicyUrl: 'https://gemshop.games/privacy',
      allowsPurchases: true,
    },
    certify: structuredClone(CERTIFY_SETTINGS) as Record<string, unknown>,
  };
  options.settings?.(settings);
  writeFileSync(join(dir, 'skillshop.json'), JSON.stringify(settings, null, 2));
  return dir;
}

const PREMIUM: Record<string, { ref: string; content: string }> = {
  deep_mine: { ref: 'treasure_map', content: 'You follow the treasure map deep into the mine and find a glowing ruby the size of an egg.' },
  club_story: { ref: 'explorer_club', content: 'This week\'s club story: the old miner and the singing crystal cave.' },
};
const NEXT = ' What would you like to do next?';
const REPROMPT = 'You can explore the free mine, use a hint, or ask what you can buy.';
/** How long the skill waits before it offers something again: a visit, roughly. */
const VISIT_MS = 15 * 60 * 1000;

type Ctx = HandlerContext;

function data(ctx: Ctx): { upsoldAt?: number; declined?: string[] } {
  return ctx.user().data as { upsoldAt?: number; declined?: string[] };
}

/** One upsell a visit, and never a product the user just declined. */
function mayUpsell(ctx: Ctx, referenceName: string): boolean {
  const d = data(ctx);
  if (d.upsoldAt !== undefined && Date.now() - d.upsoldAt < VISIT_MS) return false;
  return !(d.declined ?? []).includes(referenceName);
}

async function premium(ctx: Ctx, key: string): Promise<void> {
  const { ref, content } = PREMIUM[key]!;
  const product = await ctx.isp.getProductByReferenceName(ref);
  if (product?.entitled === 'ENTITLED') return void ctx.ask(content + NEXT, REPROMPT);
  if (product && product.purchasable === 'PURCHASABLE' && mayUpsell(ctx, ref)) {
    data(ctx).upsoldAt = Date.now();
    return ctx.isp.upsell(product.productId, `That part of the mine is for ${product.name} owners. Want to learn more about it?`, `resume:${key}`);
  }
  ctx.ask('That part of the mine stays closed for now. The free mine is open.' + NEXT, REPROMPT);
}

async function useHint(ctx: Ctx): Promise<void> {
  try {
    const { available } = await ctx.isp.consume('hint_pack');
    ctx.ask(`Here is your hint: look behind the blue rocks. You have ${available} ${available === 1 ? 'hint' : 'hints'} left.${NEXT}`, REPROMPT);
  } catch (error) {
    if (!(error instanceof InsufficientInventoryError)) throw error;
    const pack = await ctx.isp.getProductByReferenceName('hint_pack');
    if (pack && pack.purchasable === 'PURCHASABLE' && mayUpsell(ctx, 'hint_pack')) {
      data(ctx).upsoldAt = Date.now();
      return ctx.isp.upsell(pack.productId, 'You are out of hints. The Hint Pack has three more. Want to hear about it?', 'resume:hint');
    }
    ctx.ask('You are out of hints for now.' + NEXT, REPROMPT);
  }
}

function list(names: string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** Every handler of the well-behaved shop; tests replace some. */
export const SHOP_HANDLERS: HandlerMap = {
  LAUNCH() { this.ask('Welcome to Gem Shop. You can explore the free mine, or ask what you can buy.' + NEXT, REPROMPT); },
  FreeMineIntent() { this.ask('You dig in the free mine and find a shiny pebble.' + NEXT, REPROMPT); },
  DeepMineIntent() { return premium(this, 'deep_mine'); },
  ClubStoryIntent() { return premium(this, 'club_story'); },
  UseHintIntent() { return useHint(this); },
  async HintCountIntent() {
    const { available } = await this.isp.getInventory('hint_pack');
    this.ask(`You have ${available} ${available === 1 ? 'hint' : 'hints'}.${NEXT}`, REPROMPT);
  },
  async WhatCanIBuyIntent() {
    const products = (await this.isp.getProductList()).filter((p) => p.purchasable === 'PURCHASABLE' && (p.type === 'CONSUMABLE' || p.entitled !== 'ENTITLED'));
    if (products.length === 0) return void this.ask('You have everything the shop offers. The deep mine is waiting.' + NEXT, REPROMPT);
    this.ask(`You can buy ${list(products.map((p) => p.name))}. Which would you like?`, `You can buy ${list(products.map((p) => p.name))}.`);
  },
  async WhatDidIBuyIntent() {
    const owned = (await this.isp.getProductList()).filter((p) => p.type !== 'CONSUMABLE' && p.entitled === 'ENTITLED').map((p) => p.name);
    const { available } = await this.isp.getInventory('hint_pack');
    const hints = `You have ${available} ${available === 1 ? 'hint' : 'hints'}.`;
    this.ask(`${owned.length > 0 ? `You own ${list(owned)}. ` : 'You have not bought anything yet. '}${hints}${NEXT}`, REPROMPT);
  },
  async ProductInfoIntent(productName: Input) {
    const product = await this.isp.getProductByReferenceName(productName?.id);
    if (!product) return void this.ask('Which product? The Treasure Map, the Explorer Club or the Hint Pack?', 'Which product?');
    this.ask(`${product.summary}${NEXT}`, REPROMPT);
  },
  async BuyIntent(productName: Input) {
    const product = await this.isp.getProductByReferenceName(productName?.id);
    if (!product) return void this.ask('Which would you like: the Treasure Map, the Explorer Club or the Hint Pack?', 'Which would you like?');
    if (product.purchasable !== 'PURCHASABLE' && product.entitled !== 'ENTITLED') return void this.ask(`${product.name} is not available right now.${NEXT}`, REPROMPT);
    if (product.type !== 'CONSUMABLE' && product.entitled === 'ENTITLED') return void this.ask(`You already have ${product.name}.${NEXT}`, REPROMPT);
    this.isp.buy(product.productId, `buy:${product.referenceName}`);
  },
  async RefundIntent(productName: Input) {
    const product = await this.isp.getProductByReferenceName(productName?.id);
    if (!product) return void this.ask('Which product would you like to return?', 'Which product?');
    this.isp.cancel(product.productId, `refund:${product.referenceName}`);
  },
  async CancelSubscriptionIntent() {
    await this.isp.cancelByReferenceName('explorer_club', 'refund:explorer_club');
  },
  async ON_PURCHASE() {
    const isp = this.isp;
    const result = isp.getPurchaseResult();
    const token = isp.getToken() ?? '';
    if (isp.getName() === 'Cancel') {
      const said = result === 'ACCEPTED' ? 'Okay, that is taken care of.' : result === 'NOT_ENTITLED' ? 'You do not have that, so there is nothing to return.' : 'Okay, nothing changes.';
      return void this.ask(said + NEXT, REPROMPT);
    }
    const product = await isp.getProduct(isp.getProductId() ?? '');
    if (result === 'ACCEPTED' || result === 'ALREADY_PURCHASED') {
      if (token === 'resume:hint') return useHint(this);
      const key = token.startsWith('resume:') ? token.slice('resume:'.length) : undefined;
      if (key && PREMIUM[key]) return void this.ask(PREMIUM[key].content + NEXT, REPROMPT);
      return void this.ask(`You have ${product?.name ?? 'it'} now.${NEXT}`, REPROMPT);
    }
    if (result === 'DECLINED' && product) data(this).declined = [...(data(this).declined ?? []), product.referenceName];
    if (result === 'PENDING_PURCHASE') return void this.ask('A grown-up has to approve that first. Until then, the free mine is open.' + NEXT, REPROMPT);
    this.ask('Okay. The free mine is still open.' + NEXT, REPROMPT);
  },
  'AMAZON.HelpIntent'() { this.ask('You can explore the free mine, use a hint, or ask what you can buy.' + NEXT, REPROMPT); },
  END() { this.tell('Goodbye.'); },
  Unhandled() { this.ask('Sorry, I did not catch that. ' + REPROMPT, REPROMPT); },
};

/** The well-behaved shop, with some handlers replaced. */
export function shopApp(overrides: HandlerMap = {}): App {
  const app = new App({ storage: { type: 'memory' }, isp: { consumables: { hint_pack: { unitsPerPurchase: UNITS_PER_PACK } } } });
  app.setHandler({ ...SHOP_HANDLERS, ...overrides });
  return app;
}

/** Certifies the shop (or a broken variant) on one rule; every check is of that rule. */
export async function certifyShop(id: string, options: { app?: App; project?: string } = {}): Promise<Check[]> {
  const report = await certify({ project: options.project ?? shopProject(), app: options.app ?? shopApp(), only: [id], locale: 'en-US' });
  assert.ok(report.checks.length > 0, `${id} reported nothing`);
  for (const check of report.checks) assert.equal(check.id, id);
  return report.checks;
}

export function failures(checks: Check[], status: 'fail' | 'warn' = 'fail'): Check[] {
  const found = checks.filter((check) => check.status === status);
  assert.ok(found.length > 0, `expected a ${status}: ${JSON.stringify(checks, null, 2)}`);
  return found;
}

export function allPass(checks: Check[]): void {
  assert.deepEqual(checks.filter((check) => check.status !== 'pass').map((check) => ({ product: check.product, evidence: check.evidence })), [], 'every check passes');
}

/** The evidence has a line containing every part. */
export function shows(check: Check, ...parts: string[]): void {
  assert.ok(check.evidence.some((line) => parts.every((part) => line.includes(part))), `evidence shows ${parts.join(' + ')}:\n${check.evidence.join('\n')}`);
}

/** German content settings of the shop (certify.locales["de-DE"]): free, premium and consumable. */
export const GERMAN_CONTENT = {
  freeUtterances: ['erkunde die freie mine'],
  premiumUtterances: { treasure_map: ['erkunde die tiefe mine'], explorer_club: ['erzähl die clubgeschichte'] },
  consumables: { hint_pack: { unit: 'tipp', units: 'tipps', useUtterance: 'nutze einen tipp' } },
};

/** The shop sold in de-DE too: a German model, German product texts, German tester utterances and `content` settings. */
export function germanShop(content: Record<string, unknown> = GERMAN_CONTENT): string {
  const german: Record<string, { name: string; summary: string }> = {
    treasure_map: { name: 'Schatzkarte', summary: 'Die Schatzkarte führt in die tiefe Mine.' },
    explorer_club: { name: 'Forscherclub', summary: 'Clubmitglieder hören jede Woche eine neue Geschichte.' },
    hint_pack: { name: 'Tipp Paket', summary: 'Drei Tipps für die kniffligsten Tunnel.' },
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const addGerman = (reference: string) => (definition: any) => {
    const { name, summary } = german[reference]!;
    definition.publishingInformation.locales['de-DE'] = {
      ...definition.publishingInformation.locales['en-US'], name, summary, description: summary,
      customProductPrompts: { purchasePromptDescription: `${summary} Dein Abenteuer wird größer.`, boughtCardDescription: `Du hast jetzt ${name}.` },
    };
    definition.publishingInformation.distributionCountries.push('DE');
    definition.publishingInformation.pricing['amazon.de'] = { releaseDate: '2026-01-01', defaultPriceListing: { price: 1.99, currency: 'EUR' } };
  };
  const dir = shopProject({
    products: { treasure_map: addGerman('treasure_map'), explorer_club: addGerman('explorer_club'), hint_pack: addGerman('hint_pack') },
    settings: (settings) => {
      settings.certify.utterances = {
        'de-DE': {
          whatCanIBuy: ['was kann ich kaufen'], oneShot: ['frage {invocation} was ich kaufen kann'], whatDidIBuy: ['was habe ich gekauft'],
          tellMeAbout: ['erzähl mir mehr über {product}'], buy: ['kaufe {product}'], refund: ['gib {product} zurück'],
          cancelSubscription: ['kündige mein abo'], cancel: ['abbrechen'], stop: ['stopp'],
        },
      };
      settings.certify.locales = { 'de-DE': content };
    },
  });
  const model = {
    invocation: 'edelstein laden',
    intents: [
      { name: 'FreeMineIntent', phrases: ['erkunde die freie mine'] },
      { name: 'DeepMineIntent', phrases: ['erkunde die tiefe mine'] },
      { name: 'ClubStoryIntent', phrases: ['erzähl die clubgeschichte'] },
      { name: 'UseHintIntent', phrases: ['nutze einen tipp'] },
      { name: 'HintCountIntent', phrases: ['wie viele tipps habe ich'] },
      { name: 'WhatCanIBuyIntent', phrases: ['was kann ich kaufen'] },
      { name: 'WhatDidIBuyIntent', phrases: ['was habe ich gekauft'] },
      { name: 'ProductInfoIntent', phrases: ['erzähl mir mehr über {ProductName}'], inputs: [{ name: 'ProductName', type: 'PRODUCT' }] },
      { name: 'BuyIntent', phrases: ['kaufe {ProductName}'], inputs: [{ name: 'ProductName', type: 'PRODUCT' }] },
      { name: 'RefundIntent', phrases: ['gib {ProductName} zurück'], inputs: [{ name: 'ProductName', type: 'PRODUCT' }] },
      { name: 'CancelSubscriptionIntent', phrases: ['kündige mein abo'] },
    ],
    inputTypes: [{ name: 'PRODUCT', values: Object.entries(german).map(([id, { name }]) => ({ value: name, id })) }],
  };
  writeFileSync(join(dir, 'models', 'de-DE.json'), JSON.stringify(model, null, 2));
  return dir;
}
