/** The dynamic consumable, locale and kids rules: a shop that breaks each (caught, with evidence) and one that keeps it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type HandlerMap, type Input } from '../../../src';
import type { HandlerContext } from '../../../src/app/context';
import { certify } from '../../../src/certify';
import { contentFor } from '../../../src/certify/settings';
import type { Answer } from '../../../src/certify/explore/answers';
import { balanceIn, withoutInvocation } from '../../../src/certify/rules/dynamic/consumable-locale-kids-speech';
import { allPass, certifyShop, failures, MODEL, SHOP_HANDLERS, shopApp, shopProject, shows, UNITS_PER_PACK } from './shop';

const N = UNITS_PER_PACK;
const NEXT = ' What would you like to do next?';
const REPROMPT = 'You can explore the free mine, or use a hint.';

type Data = { used?: number; hints?: number; bought?: number };
const data = (ctx: HandlerContext) => ctx.user().data as Data;

/** The hints Amazon's purchases give: activeEntitlementCount × N. */
async function paid(ctx: HandlerContext): Promise<number> {
  const pack = await ctx.isp.getProductByReferenceName('hint_pack');
  return (pack?.activeEntitlementCount ?? 0) * N;
}

async function upsellHints(ctx: HandlerContext): Promise<void> {
  const pack = await ctx.isp.getProductByReferenceName('hint_pack');
  ctx.isp.upsell(pack!.productId, 'You are out of hints. Want to hear about the Hint Pack?');
}

/** A shop whose balance is `balance(ctx)` and whose use of a hint adds one to data.used. */
function hintsFrom(balance: (ctx: HandlerContext) => Promise<number>, store: 'user' | 'session' = 'user'): HandlerMap {
  const used = (ctx: HandlerContext) => store === 'user' ? (data(ctx).used ?? 0) : Number(ctx.getSessionAttribute('used') ?? 0);
  return {
    async UseHintIntent() {
      const left = await balance(this);
      if (left <= 0) return upsellHints(this);
      if (store === 'user') data(this).used = used(this) + 1;
      else this.setSessionAttribute('used', used(this) + 1);
      this.ask(`Here is your hint. You have ${left - 1} hints left.${NEXT}`, REPROMPT);
    },
    async HintCountIntent() {
      this.ask(`You have ${await balance(this)} hints.${NEXT}`, REPROMPT);
    },
  };
}

const spoken = (speech: string): Answer => ({ request: 'IntentRequest HintCountIntent', isPurchaseResult: false, speech, reprompt: '', sessionOpen: true, directive: undefined, invalid: undefined });

describe('certify: reading a balance', () => {
  it('takes the number of the sentence naming the unit, zero words per language, and a negative balance', () => {
    const read = (speech: string, locale = 'en-US', words = ['hint', 'hints']) => {
      const heard = balanceIn(spoken(speech), words, locale);
      return [heard.value, heard.negative];
    };
    assert.deepEqual(read('You have 2 hints. What would you like to do next?'), [2, undefined]);
    assert.deepEqual(read('Level one is done. You have three hints left.'), [3, undefined]);
    assert.deepEqual(read('You have no hints left.'), [0, undefined]);
    assert.deepEqual(read("You don't have any hints."), [0, undefined]);
    assert.deepEqual(read('You have minus one hints.'), [-1, '-1']);
    assert.deepEqual(read('You have -2 hints.'), [-2, '-2']);
    assert.deepEqual(read('Du hast keine Tipps mehr.', 'de-DE', ['Tipp', 'Tipps']), [0, undefined]);
    assert.deepEqual(read('Du hast zwei Tipps.', 'de-DE', ['Tipp', 'Tipps']), [2, undefined]);
    // No English words in a language without a table: "no" is not read as zero in Portuguese.
    assert.deepEqual(read('Você tem no dicas.', 'pt-BR', ['dica', 'dicas']), [undefined, undefined]);
    assert.deepEqual(read('Pick 1 of 2 doors.'), [undefined, undefined]);
  });

  it('leaves the skill\'s own name out of the purchase-word checks', () => {
    assert.equal(withoutInvocation('Welcome to Gem Shop. You can shop here.', 'gem shop'), 'Welcome to  . You can shop here.');
  });
});

describe('certify: consumables', () => {
  it('consumable.persists', async () => {
    const kept = await certifyShop('consumable.persists');
    allPass(kept);
    // The shop forgets the hint used under the old user id: allowed, with a note.
    shows(kept[0]!, 'note: after the skill is disabled and re-enabled', 'says 3 where 2 are left');

    // Used hints kept in session attributes: a new session forgets them.
    const session = failures(await certifyShop('consumable.persists', {
      app: shopApp(hintsFrom(async (ctx) => (await paid(ctx)) - Number(ctx.getSessionAttribute('used') ?? 0), 'session')),
    }));
    assert.equal(session[0]!.product, 'hint_pack');
    assert.equal(session[0]!.locale, 'en-US');
    shows(session[0]!, '✗ in a new session after using one of 3 hints', 'says 3, not 2', 'is forgotten');
    shows(session[0]!, 'user: "how many hints do i have"');
    shows(session[0]!, 'state: the user disables and re-enables the skill');

    // Units credited on ACCEPTED and kept in storage: Amazon's purchases are never seen.
    const credited = failures(await certifyShop('consumable.persists', {
      app: shopApp(hintsFrom(async (ctx) => (data(ctx).hints ?? 0) - (data(ctx).used ?? 0))),
    }));
    shows(credited[0]!, '✗ after the skill is disabled and re-enabled', 'says 0, fewer than the 2 hints still paid for');
    shows(credited[0]!, '✗ "use a hint" with 3 hints answers a Upsell directive for hint_pack');
    assert.ok(credited[0]!.evidence.at(-1)!.startsWith('fix: '));
  });

  it('consumable.* skip a consumable without certify settings, with the JSON to add', async () => {
    const project = shopProject({ settings: (settings) => { delete settings.certify.consumables; } });
    for (const id of ['consumable.persists', 'consumable.reconciles', 'consumable.inventory-query', 'consumable.empty-offers']) {
      const checks = await certifyShop(id, { project });
      assert.deepEqual(checks.map((check) => [check.status, check.product]), [['skipped', 'hint_pack']]);
      shows(checks[0]!, 'note: No certify settings for the consumable hint_pack', '"certify": { "consumables": { "hint_pack": { "unit"');
    }
    // Without unitsPerPurchase in the settings, an app that says nothing either: one purchase is taken to give 1 unit, and the evidence says so.
    const noUnits = shopProject({ settings: (settings) => { delete settings.certify.consumables.hint_pack.unitsPerPurchase; } });
    const silentApp = new App({ storage: { type: 'memory' } });
    silentApp.setHandler({
      ...SHOP_HANDLERS,
      async HintCountIntent() {
        const pack = await this.isp.getProductByReferenceName('hint_pack');
        this.ask(`You have ${(pack?.activeEntitlementCount ?? 0) * UNITS_PER_PACK} hints.`, 'What next?');
      },
    });
    const checks = failures(await certifyShop('consumable.inventory-query', { project: noUnits, app: silentApp }));
    shows(checks[0]!, 'note: certify.consumables.hint_pack.unitsPerPurchase is not set');
    shows(checks[0]!, 'says 3, not 1');
  });

  it('consumable.* in German: their own utterances, or a skip that names them', async () => {
    const german = (consumable: Record<string, unknown>) => {
      const project = shopProject({
        products: {
          hint_pack: (definition) => {
            definition.publishingInformation.locales['de-DE'] = { ...definition.publishingInformation.locales['en-US'], name: 'Tipp-Paket' };
          },
        },
        settings: (settings) => {
          settings.certify.utterances = {
            'de-DE': {
              whatCanIBuy: ['was kann ich kaufen'], oneShot: ['frag {invocation} was ich kaufen kann'], whatDidIBuy: ['was habe ich gekauft'],
              tellMeAbout: ['erzähl mir mehr über {product}'], buy: ['kaufe {product}'], refund: ['erstatte {product}'],
              cancelSubscription: ['kündige mein abo'], cancel: ['abbrechen'], stop: ['stopp'],
            },
          };
          settings.certify.locales = { 'de-DE': { consumables: { hint_pack: consumable } } };
        },
      });
      const model = structuredClone(MODEL);
      model.intents = [
        { name: 'UseHintIntent', phrases: ['nutze einen tipp'] },
        { name: 'HintCountIntent', phrases: ['wie viele tipps habe ich'] },
      ];
      writeFileSync(join(project, 'models', 'de-DE.json'), JSON.stringify(model, null, 2));
      return project;
    };
    const run = async (project: string) => (await certify({ project, app: shopApp(), only: ['consumable.inventory-query'], locale: 'de-DE' })).checks;

    const missing = await run(german({ unit: 'Tipp', units: 'Tipps' }));
    assert.deepEqual(missing.map((check) => [check.status, check.locale, check.product]), [['skipped', 'de-DE', 'hint_pack']]);
    shows(missing[0]!, 'no useUtterance and countUtterance (only English ones have defaults)', '"certify": { "locales": { "de-DE"');

    // unitsPerPurchase comes from the English entry; the shop's English digits are read in German too.
    const given = await run(german({ unit: 'Tipp', units: 'Tipps', useUtterance: 'nutze einen Tipp', countUtterance: 'wie viele Tipps habe ich' }));
    allPass(given);
    shows(given[0]!, 'user: "wie viele Tipps habe ich" → HintCountIntent');
    shows(given[0]!, '"wie viele Tipps habe ich" at 3, then at 1');
  });

  it('consumable.reconciles', async () => {
    allPass(await certifyShop('consumable.reconciles'));
    // Every refund forgives the hints used: N instead of N − 1, allowed with a note.
    const forgiving = await certifyShop('consumable.reconciles', {
      app: shopApp(hintsFrom(async (ctx) => {
        const now = await paid(ctx);
        if (now < (data(ctx).bought ?? 0)) data(ctx).used = 0;
        data(ctx).bought = now;
        return now - (data(ctx).used ?? 0);
      })),
    });
    allPass(forgiving);
    shows(forgiving[0]!, 'note: after Amazon refunds one of 2 purchases (1 hint used)', 'says 3 where 2 are expected', 'forgiven');

    // used never lowered after a refund: the balance goes below zero.
    const negative = failures(await certifyShop('consumable.reconciles', {
      app: shopApp(hintsFrom(async (ctx) => (await paid(ctx)) - (data(ctx).used ?? 0))),
    }));
    assert.equal(negative[0]!.product, 'hint_pack');
    shows(negative[0]!, '✗ after Amazon refunds the only purchase (1 hint used)', 'says "-1", a negative balance');
    shows(negative[0]!, 'skill: "You have -1 hints.');
    shows(negative[0]!, 'state: Amazon refunds Hint Pack (hint_pack)');

    // The balance from the most hints ever bought: a refund never lowers it.
    const sticky = failures(await certifyShop('consumable.reconciles', {
      app: shopApp(hintsFrom(async (ctx) => {
        const bought = Math.max(data(ctx).bought ?? 0, await paid(ctx));
        data(ctx).bought = bought;
        return bought - (data(ctx).used ?? 0);
      })),
    }));
    shows(sticky[0]!, '✗ after Amazon refunds one of 2 purchases (1 hint used)', 'says 5, not fewer than the 5 before the refund');
    shows(sticky[0]!, '✗ after Amazon refunds the only purchase', 'says 2, not 0');
  });

  it('consumable.inventory-query', async () => {
    allPass(await certifyShop('consumable.inventory-query'));

    // "no hints" is 0.
    allPass(await certifyShop('consumable.inventory-query', {
      app: shopApp({
        async HintCountIntent() {
          const { available } = await this.isp.getInventory('hint_pack');
          this.ask(available === 0 ? `You don't have any hints.${NEXT}` : `You have ${available} ${available === 1 ? 'hint' : 'hints'}.${NEXT}`, REPROMPT);
        },
      }),
    }));

    // Packs counted instead of hints.
    const packs = failures(await certifyShop('consumable.inventory-query', {
      app: shopApp({
        async HintCountIntent() {
          const pack = await this.isp.getProductByReferenceName('hint_pack');
          const count = pack?.activeEntitlementCount ?? 0;
          this.ask(`You have ${count} hints.${NEXT}`, REPROMPT);
        },
      }),
    }));
    assert.deepEqual(packs.map((check) => [check.product, check.locale]), [['hint_pack', 'en-US']]);
    shows(packs[0]!, '✗ with 1 purchase (3 hints), "how many hints do i have": says 1, not 3');
    assert.ok(!packs[0]!.evidence.some((line) => line.startsWith('✗ with nothing bought')));
    shows(packs[0]!, 'skill: "You have 1 hints.');
  });

  it('consumable.empty-offers', async () => {
    allPass(await certifyShop('consumable.empty-offers'));
    // An offer in speech counts as well as an Upsell.
    allPass(await certifyShop('consumable.empty-offers', {
      app: shopApp({
        async UseHintIntent() {
          const { available } = await this.isp.getInventory('hint_pack');
          if (available === 0) return void this.ask(`You are out of hints. Would you like to buy the Hint Pack?`, 'Would you like to buy the Hint Pack?');
          await this.isp.consume('hint_pack');
          this.ask(`Here is your hint.${NEXT}`, REPROMPT);
        },
      }),
    }));

    // No check at zero: a hint "used" below zero, no offer.
    const broken = failures(await certifyShop('consumable.empty-offers', {
      app: shopApp({
        async UseHintIntent() {
          data(this).used = (data(this).used ?? 0) + 1;
          this.ask(`Here is your hint. You have ${(await paid(this)) - data(this).used!} hints left.${NEXT}`, REPROMPT);
        },
        async HintCountIntent() {
          this.ask(`You have ${(await paid(this)) - (data(this).used ?? 0)} hints.${NEXT}`, REPROMPT);
        },
      }),
    }));
    assert.equal(broken[0]!.product, 'hint_pack');
    shows(broken[0]!, '✗ "use a hint" with no hints: offers no Hint Pack');
    shows(broken[0]!, '✗ then "how many hints do i have": says "-1", a negative balance');
    shows(broken[0]!, 'skill: "Here is your hint. You have -1 hints left.');
  });
});

/** The shop with a second model, en-AU (no in-skill purchasing there: no product is published in it). */
function australianShop(): string {
  const project = shopProject();
  writeFileSync(join(project, 'models', 'en-AU.json'), JSON.stringify(MODEL, null, 2));
  return project;
}

/** Where nothing is sold (the request's locale is not one the products are published in), the shop says nothing about buying. */
const selling = (ctx: HandlerContext) => ctx.getLocale() === 'en-US';
const LOCALE_AWARE: HandlerMap = {
  LAUNCH() {
    this.ask(selling(this) ? `Welcome to Gem Shop. You can explore the free mine, or ask what you can buy.${NEXT}` : `Welcome to Gem Shop. You can explore the free mine.${NEXT}`, REPROMPT);
  },
  'AMAZON.HelpIntent'() {
    this.ask(selling(this) ? `You can explore the free mine, use a hint, or ask what you can buy.${NEXT}` : `You can explore the free mine.${NEXT}`, REPROMPT);
  },
  FreeMineIntent() { this.ask(`You dig in the free mine and find a shiny pebble.${NEXT}`, REPROMPT); },
  async WhatCanIBuyIntent() {
    if (!selling(this)) return void this.ask(`Everything here is free: the free mine is open.${NEXT}`, REPROMPT);
    const products = await this.isp.getProductList({ purchasable: 'PURCHASABLE' });
    this.ask(`You can buy ${products.map((p) => p.name).join(' or ')}.`, 'Which would you like?');
  },
};

describe('certify: locales without products', () => {
  it('locale.no-premium-without-isp', async () => {
    const project = australianShop();
    const kept = await certify({ project, app: shopApp(LOCALE_AWARE), only: ['locale.no-premium-without-isp'], locale: 'all' });
    assert.deepEqual(kept.checks.map((check) => [check.status, check.locale]), [['pass', 'en-AU']], JSON.stringify(kept.checks, null, 2));
    shows(kept.checks[0]!, 'user: "what can I buy"');
    shows(kept.checks[0]!, 'user: "explore the free mine"');

    const broken = await certify({ project, app: shopApp(), only: ['locale.no-premium-without-isp'], locale: 'all' });
    assert.deepEqual(broken.checks.map((check) => [check.status, check.locale]), [['fail', 'en-AU']]);
    const check = broken.checks[0]!;
    shows(check, '✗ the launch: the skill says "buy"');
    shows(check, '✗ "help": the skill says "buy"');
    shows(check, '— en-AU: en-AU, where no product is sold —');
    assert.ok(check.evidence.at(-1)!.startsWith('fix: In en-AU nothing is sold'));

    // Every modelled locale sells products (or only en-US is selected): one skipped finding.
    const only = await certifyShop('locale.no-premium-without-isp');
    assert.deepEqual(only.map((entry) => entry.status), ['skipped']);
    shows(only[0]!, 'note: every modelled locale sells products');
    const selected = await certify({ project, app: shopApp(), only: ['locale.no-premium-without-isp'], locale: 'en-US' });
    assert.deepEqual(selected.checks.map((entry) => entry.status), ['skipped']);
    shows(selected.checks[0]!, 'every modelled locale sells products', '--locale all');
  });

  it('locale.no-premium-without-isp: an Upsell and a product name where nothing is sold', async () => {
    const project = australianShop();
    const report = await certify({
      project,
      app: shopApp({
        ...LOCALE_AWARE,
        FreeMineIntent() { this.ask(`You dig in the free mine. The Treasure Map would show you more.${NEXT}`, REPROMPT); },
        async 'AMAZON.HelpIntent'() { await this.isp.upsellByReferenceName('treasure_map', 'The Treasure Map shows the way. Want to hear about it?'); },
      }),
      only: ['locale.no-premium-without-isp'],
      locale: 'all',
    });
    const check = report.checks[0]!;
    assert.equal(check.status, 'fail');
    shows(check, '✗ "explore the free mine": the skill names the product "Treasure Map" (treasure_map)');
    shows(check, '✗ "help": the skill answers a Upsell directive for treasure_map');
    shows(check, 'skill → Upsell treasure_map');
  });
});

/** A child-directed shop: no consumable (kids.allowed-products), manifest.isChildDirected. */
function kidsShop(): string {
  return shopProject({
    products: { hint_pack: false },
    settings: (settings) => {
      settings.manifest.isChildDirected = true;
      delete settings.certify.consumables;
    },
  });
}

const PREMIUM: Record<string, { ref: string; content: string }> = {
  DeepMineIntent: { ref: 'treasure_map', content: 'You follow the treasure map deep into the mine and find a glowing ruby the size of an egg.' },
  ClubStoryIntent: { ref: 'explorer_club', content: 'This week\'s club story: the old miner and the singing crystal cave.' },
};

async function pendingFor(ctx: HandlerContext, productId: string): Promise<boolean> {
  try {
    return (await ctx.isp.getTransactions({ productId, status: 'PENDING_APPROVAL_BY_PARENT' })).length > 0;
  } catch {
    return false;
  }
}

/** What a kid skill must do: no purchase while voice purchasing is off or a parent has not decided. */
async function kidsPremium(ctx: HandlerContext, intent: string): Promise<void> {
  const { ref, content } = PREMIUM[intent]!;
  const product = await ctx.isp.getProductByReferenceName(ref);
  if (product?.entitled === 'ENTITLED') return void ctx.ask(content + NEXT, REPROMPT);
  if (!product || !(await ctx.isp.isVoicePurchasingEnabled()) || await pendingFor(ctx, product.productId)) {
    return void ctx.ask(`That part of the mine stays closed for now. The free mine is open.${NEXT}`, REPROMPT);
  }
  ctx.isp.upsell(product.productId, `That part of the mine is for ${product.name} owners. Want to learn more about it?`);
}

const KIDS: HandlerMap = {
  DeepMineIntent() { return kidsPremium(this, 'DeepMineIntent'); },
  ClubStoryIntent() { return kidsPremium(this, 'ClubStoryIntent'); },
  async BuyIntent(productName: Input) {
    const product = await this.isp.getProductByReferenceName(productName?.id);
    if (!product) return void this.ask('Which would you like: the Treasure Map or the Explorer Club?', 'Which would you like?');
    if (product.entitled === 'ENTITLED') return void this.ask(`You already have ${product.name}.${NEXT}`, REPROMPT);
    if (!(await this.isp.isVoicePurchasingEnabled())) return void this.ask(`Ask a grown-up to turn on voice purchasing in the Alexa app. Until then, the free mine is open.${NEXT}`, REPROMPT);
    if (await pendingFor(this, product.productId)) return void this.ask(`A grown-up still has to say yes to ${product.name}. Until then, the free mine is open.${NEXT}`, REPROMPT);
    this.isp.buy(product.productId);
  },
  async 'AMAZON.HelpIntent'() {
    const voice = await this.isp.isVoicePurchasingEnabled();
    this.ask(voice ? `You can explore the free mine, or ask what you can buy.${NEXT}` : `You can explore the free mine.${NEXT}`, REPROMPT);
  },
};

describe('certify: child-directed skills', () => {
  it('kids.* skip a skill that is not child-directed', async () => {
    for (const id of ['kids.voice-purchasing-off', 'kids.pending-approval']) {
      const checks = await certifyShop(id);
      assert.deepEqual(checks.map((check) => check.status), ['skipped']);
      shows(checks[0]!, 'note: not a child-directed skill');
    }
  });

  it('kids.voice-purchasing-off', async () => {
    const project = kidsShop();
    allPass(await certifyShop('kids.voice-purchasing-off', { project, app: shopApp(KIDS) }));

    const broken = failures(await certifyShop('kids.voice-purchasing-off', { project, app: shopApp() }));
    assert.deepEqual(broken.map((check) => check.product ?? '(skill)').sort(), ['(skill)', 'explorer_club', 'treasure_map']);
    const map = broken.find((check) => check.product === 'treasure_map')!;
    shows(map, '✗ "buy treasure map": the skill answers a Buy directive for treasure_map although voice purchasing is off');
    shows(map, '✗ "explore the deep mine": the skill answers a Upsell directive for treasure_map');
    shows(map, 'state: voice-purchasing-off');
    const skill = broken.find((check) => check.product === undefined)!;
    assert.equal(skill.locale, 'en-US');
    shows(skill, '✗ "help": the help says "buy" although voice purchasing is off');
  });

  it('kids.pending-approval', async () => {
    const project = kidsShop();
    const kept = await certifyShop('kids.pending-approval', { project, app: shopApp(KIDS) });
    allPass(kept);
    shows(kept[0]!, 'state: the parent denies the purchase');
    shows(kept[0]!, 'state: the parent lets expire the purchase');
    shows(kept[0]!, 'state: the parent approves the purchase');

    // "Buy X" sent whenever X is not owned: Alexa is asked again while the parent decides.
    const broken = failures(await certifyShop('kids.pending-approval', {
      project,
      app: shopApp({
        async BuyIntent(productName: Input) {
          const product = await this.isp.getProductByReferenceName(productName?.id);
          if (product?.entitled === 'ENTITLED') return void this.ask(`You already have ${product.name}.${NEXT}`, REPROMPT);
          this.isp.buy(product!.productId);
        },
      }),
    }));
    assert.deepEqual(broken.map((check) => check.product).sort(), ['explorer_club', 'treasure_map']);
    const map = broken.find((check) => check.product === 'treasure_map')!;
    shows(map, '✗ "buy treasure map" while the parent has not decided: the skill answers a Buy directive for treasure_map again');
    shows(map, 'alexa → skill: Connections.Response Buy PENDING_PURCHASE');

    // A skill that never sells: the pending path cannot be reached, which is said, not passed.
    const never = await certifyShop('kids.pending-approval', {
      project,
      app: shopApp({
        BuyIntent() { this.ask(`Ask a grown-up for that.${NEXT}`, REPROMPT); },
        DeepMineIntent() { this.ask(`That part of the mine is closed.${NEXT}`, REPROMPT); },
        ClubStoryIntent() { this.ask(`The club is closed.${NEXT}`, REPROMPT); },
      }),
    });
    assert.deepEqual(never.map((check) => check.status), ['skipped', 'skipped']);
    shows(never[0]!, 'note: "buy explorer club" starts no purchase of explorer_club', 'nor does its premium content');
    shows(never[0]!, 'user: "tell me the club story"');

    // An error answer to PENDING_PURCHASE, and premium content given away after a denial.
    const careless = failures(await certifyShop('kids.pending-approval', {
      project,
      app: shopApp({
        ...KIDS,
        ON_PURCHASE() { this.tell('Sorry, something went wrong.'); },
        DeepMineIntent() { this.ask(PREMIUM.DeepMineIntent!.content + NEXT, REPROMPT); },
      }),
    }));
    const deep = careless.find((check) => check.product === 'treasure_map')!;
    shows(deep, '✗ the answer to PENDING_PURCHASE: the skill says "something went wrong"');
    shows(deep, '✗ the answer to PENDING_PURCHASE: the session ends');
    shows(deep, '✗ after the parent denies, "explore the deep mine" serves the premium content of treasure_map');
    shows(deep, '✗ after the request expires, "explore the deep mine" serves the premium content');
  });
});

describe('certify settings: consumables per locale', () => {
  it('a non-English locale inherits unitsPerPurchase from the top-level entry', () => {
    const settings = { consumables: { hint_pack: { unit: 'hint', unitsPerPurchase: 3 } }, locales: { 'de-DE': { consumables: { hint_pack: { unit: 'Hinweis', units: 'Hinweise' } } } } };
    assert.equal(contentFor(settings, 'de-DE').consumables?.hint_pack?.unitsPerPurchase, 3);
    assert.equal(contentFor(settings, 'de-DE').consumables?.hint_pack?.unit, 'Hinweis');
    assert.equal(contentFor(settings, 'en-GB').consumables?.hint_pack?.unitsPerPurchase, 3);
    assert.equal(contentFor(settings, 'fr-FR').consumables, undefined);
  });
});

describe('certify: units per purchase from the app', () => {
  it('an in-process app without certify.consumables.<ref>.unitsPerPurchase lends its own isp setting', async () => {
    const project = shopProject({ settings: (settings) => { delete settings.certify.consumables.hint_pack.unitsPerPurchase; } });
    allPass(await certifyShop('consumable.inventory-query', { project }));
  });
});
