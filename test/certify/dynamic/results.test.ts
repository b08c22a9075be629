/** The dynamic purchase-result rules: a shop that breaks each (caught, with evidence) and the shop that keeps it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HandlerContext } from '../../../src/app/context';
import type { Handler } from '../../../src/app/handlers';
import { certify, type Check } from '../../../src/certify';
import { allPass, certifyShop, failures, germanShop, SHOP_HANDLERS, shopApp, shopProject, shows } from './shop';

type Ctx = HandlerContext;
const REPROMPT = 'What would you like to do?';

/** The well-behaved shop's own handler (to fall back on). */
const shop = (name: string) => SHOP_HANDLERS[name] as Handler;

/** The shop, with ON_PURCHASE replaced for Buy/Upsell results the test picks (others as the shop does them). */
function onBuyResult(pick: (result: string | undefined, ctx: Ctx) => Promise<boolean | void> | boolean | void) {
  return shopApp({
    async ON_PURCHASE() {
      if (this.isp.getName() !== 'Cancel' && (await pick(this.isp.getPurchaseResult(), this)) === true) return;
      return shop('ON_PURCHASE').call(this);
    },
  });
}

function byProduct(checks: Check[]): Record<string, Check> {
  return Object.fromEntries(checks.map((check) => [check.product!, check]));
}

function endsInFix(check: Check): void {
  assert.ok(check.evidence.at(-1)!.startsWith('fix: '), check.evidence.at(-1));
}

describe('certify: purchase results', () => {
  it('result.accepted-continues: passes the shop', async () => {
    const checks = await certifyShop('result.accepted-continues');
    allPass(checks);
    shows(byProduct(checks).treasure_map!, '"explore the deep mine" after Buy ACCEPTED is answered like an owner is');
    shows(byProduct(checks).hint_pack!, '"use a hint" after Buy ACCEPTED is answered like an owner is');
  });

  it('result.accepted-continues: a bare thank-you that ends the session fails', async () => {
    const broken = failures(await certifyShop('result.accepted-continues', {
      app: onBuyResult((result, ctx) => (result === 'ACCEPTED' ? (ctx.tell('Thank you!'), true) : false)),
    }));
    assert.deepEqual(broken.map((check) => check.product).sort(), ['explorer_club', 'hint_pack', 'treasure_map']);
    const map = byProduct(broken).treasure_map!;
    assert.equal(map.locale, 'en-US');
    shows(map, '✗ after Buy ACCEPTED: the session ends after only "Thank you!"');
    shows(map, 'alexa → skill: Connections.Response Buy ACCEPTED');
    shows(map, 'skill: "Thank you!"');
    endsInFix(map);
  });

  it('result.accepted-continues: another offer right after ACCEPTED fails, and is not accepted in turn', async () => {
    const broken = failures(await certifyShop('result.accepted-continues', {
      app: onBuyResult(async (result, ctx) => {
        if (result !== 'ACCEPTED' || ctx.isp.getToken() !== 'buy:treasure_map') return false;
        const club = await ctx.isp.getProductByReferenceName('explorer_club');
        ctx.isp.upsell(club!.productId, 'Treasure hunters love the Explorer Club. Want to hear about it?', 'cross-sell');
        return true;
      }),
    }));
    assert.deepEqual(broken.map((check) => check.product), ['treasure_map']);
    shows(broken[0]!, '✗ after Buy ACCEPTED: the skill answers with another Upsell directive instead of continuing');
    shows(broken[0]!, 'skill → Upsell explorer_club');
    assert.ok(!broken[0]!.evidence.some((line) => line.includes('Connections.Response Upsell ACCEPTED')), 'the cross-sell is walked away from, not bought');
  });

  it('result.accepted-continues: content delivered before the session ends passes', async () => {
    allPass(await certifyShop('result.accepted-continues', {
      app: onBuyResult((result, ctx) => (result === 'ACCEPTED' ? (ctx.tell('Thank you! Your new adventure starts the next time you open Gem Shop.'), true) : false)),
    }));
  });

  it('result.accepted-continues: premium content still locked after buying (a stale cache) fails', async () => {
    const app = shopApp({
      async LAUNCH() {
        // The bug: what the user owns is read once, at launch, and trusted for the whole session.
        const owned = (await this.isp.getProductList()).filter((p) => p.entitled === 'ENTITLED').map((p) => p.referenceName);
        (this.user().data as { owned?: string[] }).owned = owned;
        this.ask('Welcome to Gem Shop. What would you like to do?', REPROMPT);
      },
      DeepMineIntent() {
        const owned = (this.user().data as { owned?: string[] }).owned ?? [];
        if (owned.includes('treasure_map')) return void this.ask('You follow the treasure map deep into the mine and find a glowing ruby the size of an egg. What next?', REPROMPT);
        this.ask('That part of the mine stays closed for now. The free mine is open.', REPROMPT);
      },
    });
    const checks = await certifyShop('result.accepted-continues', { app });
    const broken = failures(checks);
    assert.deepEqual(broken.map((check) => check.product), ['treasure_map']);
    shows(broken[0]!, '✗ "explore the deep mine" after Buy ACCEPTED: the content is not served');
    shows(broken[0]!, 'what an owner hears for "explore the deep mine"');
    shows(broken[0]!, 'skill: "That part of the mine stays closed for now. The free mine is open."');
  });

  it('result.accepted-continues: without premium utterances the content part is left out, with a note', async () => {
    const project = shopProject({ settings: (settings) => { delete settings.certify.premiumUtterances; } });
    const checks = byProduct(await certifyShop('result.accepted-continues', { project }));
    assert.equal(checks.treasure_map!.status, 'pass');
    shows(checks.treasure_map!, 'note: whether the premium content is served after the purchase was not checked', '"premiumUtterances": { "treasure_map"');
  });

  it('result.declined-continues: passes the shop (Buy and Upsell declined)', async () => {
    const checks = await certifyShop('result.declined-continues');
    allPass(checks);
    shows(byProduct(checks).treasure_map!, 'alexa → skill: Connections.Response Upsell DECLINED');
  });

  it('result.declined-continues: an Upsell right after DECLINED fails', async () => {
    const broken = failures(await certifyShop('result.declined-continues', {
      app: onBuyResult((result, ctx) => {
        if (result !== 'DECLINED') return false;
        ctx.isp.upsell(ctx.isp.getProductId()!, 'Are you sure? It is really good. Want to hear more?');
        return true;
      }),
    }));
    assert.deepEqual(broken.map((check) => check.product).sort(), ['explorer_club', 'hint_pack', 'treasure_map']);
    const map = byProduct(broken).treasure_map!;
    shows(map, '✗ after Buy DECLINED: the skill answers with another Upsell directive');
    shows(map, 'skill → Upsell treasure_map');
    endsInFix(map);
  });

  it('result.declined-continues: speech that offers the product again fails', async () => {
    const broken = failures(await certifyShop('result.declined-continues', {
      app: onBuyResult((result, ctx) => {
        if (result !== 'DECLINED') return false;
        ctx.ask('Okay. The Treasure Map is still for sale, just say buy treasure map. What next?', REPROMPT);
        return true;
      }),
    }));
    assert.deepEqual(broken.map((check) => check.product), ['treasure_map']);
    shows(broken[0]!, '✗ after Buy DECLINED: the skill offers treasure_map again at once (speech naming "Treasure Map" with "buy")');
  });

  it('result.already-purchased-no-error', async () => {
    const checks = await certifyShop('result.already-purchased-no-error');
    allPass(checks);
    assert.deepEqual(checks.map((check) => check.product).sort(), ['explorer_club', 'treasure_map'], 'not asked of a consumable');
    const broken = failures(await certifyShop('result.already-purchased-no-error', {
      app: onBuyResult((result, ctx) => (result === 'ALREADY_PURCHASED' ? (ctx.tell('Error: you already bought that.'), true) : false)),
    }));
    assert.deepEqual(broken.map((check) => check.product).sort(), ['explorer_club', 'treasure_map']);
    shows(broken[0]!, '✗ after Buy ALREADY_PURCHASED: the skill says "Error" — an error phrase');
    shows(broken[0]!, '✗ after Buy ALREADY_PURCHASED: the session ends');
    shows(broken[0]!, 'user: "(ALREADY_PURCHASED)"');
  });

  it('result.error-graceful: passes the shop; an apology is noted, an ending answer fails', async () => {
    allPass(await certifyShop('result.error-graceful'));
    const apology = await certifyShop('result.error-graceful', {
      app: onBuyResult((result, ctx) => (result === 'ERROR' || result === undefined ? (ctx.ask('Sorry, there was a problem with the purchase. The free mine is open.', REPROMPT), true) : false)),
    });
    allPass(apology);
    shows(apology[0]!, 'note: after Buy ERROR: the skill says "problem" — an error phrase (an apology is allowed here)');
    const broken = failures(await certifyShop('result.error-graceful', {
      app: onBuyResult((result, ctx) => (result === 'ERROR' || result === undefined ? (ctx.tell('Sorry, that did not work.'), true) : false)),
    }));
    assert.deepEqual(broken.map((check) => check.product).sort(), ['explorer_club', 'hint_pack', 'treasure_map']);
    shows(broken[0]!, '✗ after Buy ERROR: the session ends');
    shows(broken[0]!, '✗ after Buy status 500: the session ends');
    shows(broken[0]!, 'alexa → skill: Connections.Response Buy status 500');
    shows(broken[0]!, 'state: purchase-error');
  });

  it('result.unknown-graceful: passes the shop; unlocking the content on an unknown result fails', async () => {
    allPass(await certifyShop('result.unknown-graceful'));
    // The bug: anything but DECLINED or ERROR counts as bought, in the skill's own storage.
    const unlocked = (ctx: Ctx) => ((ctx.user().data as { unlocked?: string[] }).unlocked ?? []);
    const app = shopApp({
      async ON_PURCHASE() {
        const result = this.isp.getPurchaseResult();
        if (this.isp.getName() !== 'Cancel' && result !== undefined && !['ACCEPTED', 'DECLINED', 'ERROR'].includes(result)) {
          const product = await this.isp.getProduct(this.isp.getProductId()!);
          (this.user().data as { unlocked?: string[] }).unlocked = [...unlocked(this), product!.referenceName];
          return void this.ask(`You have ${product!.name} now. What next?`, REPROMPT);
        }
        return shop('ON_PURCHASE').call(this);
      },
      async DeepMineIntent() {
        if (unlocked(this).includes('treasure_map')) return void this.ask('You follow the treasure map deep into the mine and find a glowing ruby the size of an egg. What would you like to do next?', REPROMPT);
        return shop('DeepMineIntent').call(this);
      },
    });
    const broken = failures(await certifyShop('result.unknown-graceful', { app }));
    assert.deepEqual(broken.map((check) => check.product), ['treasure_map']);
    shows(broken[0]!, '✗ "explore the deep mine" after Buy an unknown purchaseResult: the skill serves the content as if the user owned treasure_map');
    shows(broken[0]!, 'Connections.Response Buy SIMULATED_UNKNOWN_RESULT');
    shows(broken[0]!, 'NOT_ENTITLED');
  });

  it('result.unknown-graceful: reading the raw result out fails', async () => {
    const broken = failures(await certifyShop('result.unknown-graceful', {
      app: onBuyResult((result, ctx) => (result !== undefined && !['ACCEPTED', 'DECLINED', 'ERROR', 'ALREADY_PURCHASED'].includes(result) ? (ctx.ask(result, REPROMPT), true) : false)),
    }));
    assert.equal(broken.length, 3);
    shows(broken[0]!, '✗ after Buy an unknown purchaseResult: the skill reads out the raw purchase result "SIMULATED_UNKNOWN_RESULT"');
  });

  it('result.never-silent: passes the shop, with a line per outcome', async () => {
    const checks = await certifyShop('result.never-silent');
    allPass(checks);
    const club = byProduct(checks).explorer_club!;
    for (const outcome of ['Buy ACCEPTED', 'Buy DECLINED', 'Buy ALREADY_PURCHASED', 'Buy ERROR', 'Buy PENDING_PURCHASE', 'Buy an unknown purchaseResult', 'Buy status 500', 'Upsell ACCEPTED', 'Upsell DECLINED', 'Cancel ACCEPTED', 'Cancel DECLINED', 'Cancel NOT_ENTITLED', 'Cancel ERROR']) {
      shows(club, `${outcome}`, '→');
    }
    assert.ok(!byProduct(checks).hint_pack!.evidence.some((line) => line.includes('ALREADY_PURCHASED')), 'a consumable never gets ALREADY_PURCHASED');
  });

  it('result.never-silent: an answer to a Cancel result without a reprompt fails', async () => {
    const app = shopApp({
      async ON_PURCHASE() {
        if (this.isp.getName() === 'Cancel' && this.isp.getPurchaseResult() === 'NOT_ENTITLED') {
          // Keeps the session open, but says nothing when the user stays silent.
          this.ask('You do not have that.', '');
          return;
        }
        return shop('ON_PURCHASE').call(this);
      },
    });
    const broken = failures(await certifyShop('result.never-silent', { app }));
    assert.deepEqual(broken.map((check) => check.product).sort(), ['explorer_club', 'hint_pack', 'treasure_map']);
    const map = byProduct(broken).treasure_map!;
    shows(map, '✗ after Cancel NOT_ENTITLED: the session stays open without a reprompt');
    shows(map, 'Cancel NOT_ENTITLED → "You do not have that."');
    shows(map, 'alexa → skill: Connections.Response Cancel NOT_ENTITLED');
    assert.ok(!map.evidence.some((line) => line.includes('Connections.Response Buy ACCEPTED')), 'only the failing visits are shown in full');
  });

  it('result.resumes-context: passes the shop; a generic thank-you warns', async () => {
    allPass(await certifyShop('result.resumes-context'));
    const warned = failures(await certifyShop('result.resumes-context', {
      app: onBuyResult(async (result, ctx) => {
        if (result !== 'ACCEPTED') return false;
        const product = await ctx.isp.getProduct(ctx.isp.getProductId()!);
        ctx.ask(`You have ${product!.name} now. What would you like to do next?`, REPROMPT);
        return true;
      }),
    }), 'warn');
    assert.deepEqual(warned.map((check) => check.product).sort(), ['explorer_club', 'hint_pack', 'treasure_map']);
    const map = byProduct(warned).treasure_map!;
    shows(map, '✗ after Upsell ACCEPTED (after "explore the deep mine"): the answer does not pick up "explore the deep mine"');
    shows(map, 'alexa → skill: Connections.Response Upsell ACCEPTED');
    shows(map, 'what an owner hears for "explore the deep mine"');
  });

  it('result.resumes-context: skipped without settings, and where the content request offers nothing', async () => {
    const project = shopProject({ settings: (settings) => { delete settings.certify.premiumUtterances; delete settings.certify.consumables; } });
    const skipped = byProduct(await certifyShop('result.resumes-context', { project }));
    for (const reference of ['treasure_map', 'explorer_club', 'hint_pack']) assert.equal(skipped[reference]!.status, 'skipped');
    shows(skipped.treasure_map!, 'note: ', '"premiumUtterances": { "treasure_map"');
    shows(skipped.hint_pack!, 'note: ', '"consumables": { "hint_pack"');
    const noOffer = byProduct(await certifyShop('result.resumes-context', {
      app: shopApp({ DeepMineIntent() { this.ask('That part of the mine is closed today.', REPROMPT); } }),
    }));
    assert.equal(noOffer.treasure_map!.status, 'skipped');
    shows(noOffer.treasure_map!, 'note: "explore the deep mine" (not owned) leads to no offer of treasure_map');
    assert.equal(noOffer.explorer_club!.status, 'pass');
  });

  it('result.no-result-ever: passes the shop; a launch stuck on the lost purchase fails', async () => {
    allPass(await certifyShop('result.no-result-ever'));
    const pending = (ctx: Ctx) => ctx.user().data as { buying?: string };
    const app = shopApp({
      LAUNCH() {
        // The bug: a purchase "in progress" is only cleared by its result.
        const buying = pending(this).buying;
        if (buying) return void this.isp.buy(buying, 'retry');
        return shop('LAUNCH').call(this);
      },
      async BuyIntent(productName) {
        const product = await this.isp.getProductByReferenceName(productName?.id);
        if (product) pending(this).buying = product.productId;
        return shop('BuyIntent').call(this, productName);
      },
      async ON_PURCHASE() {
        delete pending(this).buying;
        return shop('ON_PURCHASE').call(this);
      },
    });
    const broken = failures(await certifyShop('result.no-result-ever', { app }));
    assert.deepEqual(broken.map((check) => check.product).sort(), ['explorer_club', 'hint_pack', 'treasure_map']);
    shows(broken[0]!, '✗ the next launch after a purchase that never got a result: the skill answers with another Buy directive');
    shows(broken[0]!, 'alexa: (no purchase result is sent to the skill)');
  });

  it('an offer at launch does not get in the way: the user walks away from it and asks again', async () => {
    const app = shopApp({
      async LAUNCH() {
        const map = await this.isp.getProductByReferenceName('treasure_map');
        this.isp.upsell(map!.productId, 'The Treasure Map leads into the deep mine. Want to hear about it?');
      },
    });
    const checks = await certifyShop('result.accepted-continues', { app });
    allPass(checks);
    shows(byProduct(checks).treasure_map!, 'skill → Upsell treasure_map');
    shows(byProduct(checks).treasure_map!, 'user: "buy treasure map" → BuyIntent');
  });

  it('a product whose "buy" starts no purchase dialog is skipped, with the transcript', async () => {
    const checks = byProduct(await certifyShop('result.accepted-continues', {
      app: shopApp({ BuyIntent() { this.ask('The shop is closed today.', REPROMPT); } }),
    }));
    assert.equal(checks.treasure_map!.status, 'skipped');
    shows(checks.treasure_map!, 'note: Buy ACCEPTED: "buy treasure map" starts no Buy or Upsell dialog for treasure_map (the skill answers "The shop is closed today."');
    shows(checks.treasure_map!, 'skill: "The shop is closed today."');
  });
});


describe('certify: purchase results in German', () => {
  it('finds German error phrases, drives the dialog with "ja", and compares the German premium content', async () => {
    const app = shopApp({
      async ON_PURCHASE() {
        const result = this.isp.getPurchaseResult();
        if (result === 'ACCEPTED' && this.isp.getToken()?.startsWith('buy:')) return void this.ask('Leider ist ein Fehler aufgetreten, aber du hast es jetzt. Was möchtest du tun?', 'Was möchtest du tun?');
        return shop('ON_PURCHASE').call(this);
      },
    });
    const report = await certify({ project: germanShop({ premiumUtterances: { treasure_map: ['erkunde die tiefe mine'] } }), app, only: ['result.accepted-continues'], locale: 'de-DE' });
    const checks = byProduct(report.checks);
    assert.deepEqual(Object.keys(checks).sort(), ['explorer_club', 'hint_pack', 'treasure_map']);
    const map = checks.treasure_map!;
    assert.equal(map.status, 'fail');
    assert.equal(map.locale, 'de-DE');
    shows(map, '✗ after Buy ACCEPTED: the skill says "Fehler" — an error phrase');
    shows(map, 'user: "kaufe schatzkarte"');
    shows(map, 'user: "ja"');
    shows(map, '"erkunde die tiefe mine" after Buy ACCEPTED is answered like an owner is');
    shows(checks.explorer_club!, 'note: whether the premium content is served after the purchase was not checked', '"locales": { "de-DE": { "premiumUtterances": { "explorer_club"');
  });
});
