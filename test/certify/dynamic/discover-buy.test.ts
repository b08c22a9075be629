/** The dynamic discovery and buying rules: a shop that breaks each (caught, with evidence) and one that keeps it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LocaleTester, ProductUnderTest } from '../../../src/certify/explore/explorer';
import { nameSaid, offerSentence } from '../../../src/certify/rules/dynamic/discover-buy-judges';
import { allPass, certifyShop, failures, shopApp, shopProject, shows } from './shop';

/** Every line of the evidence that marks a failure. */
const failureLines = (check: { evidence: string[] }) => check.evidence.filter((line) => line.startsWith('✗'));

describe('certify: discovery and buying', () => {
  it('a product counts as named on its own, not inside another name, and when named like the skill only in an offer', () => {
    const product = (referenceName: string, ...names: string[]) => ({ referenceName, names, label: `${names[0]} (${referenceName})` }) as ProductUnderTest;
    const quest = product('cave_quest', 'Cave Quest');
    const pack = product('hint_pack', 'Hint Pack', 'hints');
    const deluxe = product('hint_pack_deluxe', 'Hint Pack Deluxe');
    const tester = { locale: 'en-US', invocation: 'cave quest', products: [quest, pack, deluxe] } as unknown as LocaleTester;
    assert.equal(nameSaid('You can buy the Hint Pack Deluxe.', pack, tester), undefined);
    assert.equal(nameSaid('You can buy the Hint Pack or the Hint Pack Deluxe.', pack, tester), 'Hint Pack');
    assert.equal(nameSaid('You have 3 hints.', pack, tester), 'hints');
    assert.equal(nameSaid('Welcome to Cave Quest. You can explore the caves.', quest, tester), undefined);
    assert.equal(nameSaid('Welcome back. You can buy Cave Quest.', quest, tester), 'Cave Quest');
    assert.equal(offerSentence('You own the Hint Pack. Nothing else to do.', pack, tester), undefined);
    assert.equal(offerSentence('You own the map. Want to buy the Hint Pack?', pack, tester), 'Want to buy the Hint Pack');
  });

  it('discover.lists-purchasable', async () => {
    allPass(await certifyShop('discover.lists-purchasable'));

    // An Upsell for one product for sale is an answer too.
    allPass(await certifyShop('discover.lists-purchasable', {
      app: shopApp({
        async WhatCanIBuyIntent() {
          const product = (await this.isp.getProductList()).find((p) => p.purchasable === 'PURCHASABLE' && (p.type === 'CONSUMABLE' || p.entitled !== 'ENTITLED'));
          this.isp.upsell(product!.productId, `${product!.name} is waiting for you. Want to hear about it?`);
        },
      }),
    }));

    // The whole catalog, owned or off sale, with a price.
    const [broken] = failures(await certifyShop('discover.lists-purchasable', {
      app: shopApp({
        WhatCanIBuyIntent() { this.ask('You can buy the Treasure Map, the Explorer Club or the Hint Pack, each for $1.99.', 'Which would you like?'); },
      }),
    }));
    assert.equal(broken!.locale, 'en-US');
    shows(broken!, '✗ "what can I buy" (nothing owned): the skill says a price ("$1.99")');
    shows(broken!, '✗ "what can I buy" (Treasure Map (treasure_map) owned): the answer names "Treasure Map"', 'is owned by the user');
    shows(broken!, '✗ "what can I buy" (Explorer Club (explorer_club) owned): the answer names "Explorer Club"');
    shows(broken!, '✗ "what can I buy" (Hint Pack (hint_pack) off sale): the answer names "Hint Pack"', 'is not for sale');
    shows(broken!, 'state: owns Treasure Map (treasure_map)');
    shows(broken!, 'state: Hint Pack (hint_pack) is not purchasable');
    // The price is reported once per utterance, not again in every state.
    assert.equal(failureLines(broken!).filter((line) => line.includes('$1.99')).length, 3);
    assert.ok(!failureLines(broken!).some((line) => line.includes('owned): the answer names "Hint Pack"')), 'consumables may be named whatever is owned');
    assert.match(broken!.evidence.at(-1)!, /^fix: .*getProductList.*Alexa says the price/);

    // Leaving a product out, and a Buy directive as the answer.
    const [lists] = failures(await certifyShop('discover.lists-purchasable', {
      app: shopApp({
        WhatCanIBuyIntent() { this.ask('You can buy the Treasure Map. Which would you like?', 'Which would you like?'); },
      }),
    }));
    shows(lists!, '✗ "what can I buy" (nothing owned): the answer does not name Explorer Club (explorer_club), Hint Pack (hint_pack), for sale and not owned');
    const [buys] = failures(await certifyShop('discover.lists-purchasable', {
      app: shopApp({
        async WhatCanIBuyIntent() { await this.isp.buyByReferenceName('hint_pack'); },
      }),
    }));
    shows(buys!, 'the skill answers with a Buy directive for hint_pack instead of saying what is for sale');
    shows(buys!, 'skill → Buy hint_pack');

    // A product NOT_PURCHASABLE by its definition is never named, whatever the state.
    const [definition] = failures(await certifyShop('discover.lists-purchasable', {
      project: shopProject({ products: { explorer_club: (product) => { product.purchasableState = 'NOT_PURCHASABLE'; } } }),
      app: shopApp({ WhatCanIBuyIntent() { this.ask('You can buy the Treasure Map, the Explorer Club or the Hint Pack.', 'Which would you like?'); } }),
    }));
    shows(definition!, '✗ "what can I buy" (nothing owned): the answer names "Explorer Club" — Explorer Club (explorer_club) is not for sale');
    assert.ok(!definition!.evidence.some((line) => line.includes('(Explorer Club (explorer_club) off sale)')), 'no off-sale visit of its own');
  });

  it('discover.nothing-left', async () => {
    allPass(await certifyShop('discover.nothing-left'));
    // A consumable may still be offered when everything else is owned.
    allPass(await certifyShop('discover.nothing-left', {
      app: shopApp({ async WhatCanIBuyIntent() { await this.isp.upsellByReferenceName('hint_pack', 'More hints? Want to hear about the Hint Pack?'); } }),
    }));

    const [ends] = failures(await certifyShop('discover.nothing-left', {
      app: shopApp({
        async WhatCanIBuyIntent() {
          const left = (await this.isp.getProductList()).filter((p) => p.type !== 'CONSUMABLE' && p.entitled !== 'ENTITLED');
          if (left.length === 0) return void this.tell('You own everything already.');
          this.ask(`You can buy ${left.map((p) => p.name).join(' or ')}.`, 'Which one?');
        },
      }),
    }));
    assert.equal(ends!.locale, 'en-US');
    shows(ends!, '✗ "what can I buy" with everything owned: the session ends');
    shows(ends!, 'skill: "You own everything already."');
    shows(ends!, 'state: owns Treasure Map (treasure_map)');

    const [upsells] = failures(await certifyShop('discover.nothing-left', {
      app: shopApp({ async WhatCanIBuyIntent() { await this.isp.upsellByReferenceName('treasure_map', 'Want to hear about the Treasure Map?'); } }),
    }));
    shows(upsells!, '✗ "what can I buy" with everything owned: the skill answers with an Upsell directive for treasure_map, which the user owns');

    const [error] = failures(await certifyShop('discover.nothing-left', {
      app: shopApp({ WhatCanIBuyIntent() { this.ask('Sorry, there was a problem with the shop.', 'What now?'); } }),
    }));
    shows(error!, '"problem" — an error phrase');
  });

  it('history.lists-owned', async () => {
    allPass(await certifyShop('history.lists-owned'));

    // Names the entitlements but forgets the hints; and talks as if the user owned the map when nothing is owned.
    const [broken] = failures(await certifyShop('history.lists-owned', {
      app: shopApp({
        async WhatDidIBuyIntent() {
          const owned = (await this.isp.getProductList()).filter((p) => p.type !== 'CONSUMABLE' && p.entitled === 'ENTITLED');
          this.ask(owned.length > 0 ? `You own ${owned.map((p) => p.name).join(' and ')}.` : 'Your Treasure Map is in your backpack.', 'What next?');
        },
      }),
    }));
    assert.equal(broken!.locale, 'en-US');
    shows(broken!, '✗ "what did I buy" with purchases: the answer does not say the hints balance of Hint Pack (hint_pack), 3 after one purchase (numbers said: none)');
    shows(broken!, '✗ "what did I buy" with nothing owned: the answer names "Treasure Map" as if the user had Treasure Map (treasure_map)');
    shows(broken!, 'state: owns Hint Pack (hint_pack) (1 purchase)');
    assert.match(broken!.evidence.at(-1)!, /^fix: .*getInventory/);

    const [forgets] = failures(await certifyShop('history.lists-owned', {
      app: shopApp({ WhatDidIBuyIntent() { this.ask('You have 3 hints.', 'What next?'); } }),
    }));
    shows(forgets!, '✗ "what did I buy" with purchases: the answer does not name Explorer Club (explorer_club), Treasure Map (treasure_map), which the user owns');

    const [fallback] = failures(await certifyShop('history.lists-owned', {
      app: shopApp({ async WhatDidIBuyIntent() { await this.isp.upsellByReferenceName('treasure_map', 'Want the map?'); } }),
    }));
    shows(fallback!, '✗ "what did I buy" with nothing owned: the skill answers with an Upsell directive for treasure_map');

    // Without consumable settings the balance is skipped with what to add; the rest still passes.
    const checks = await certifyShop('history.lists-owned', {
      project: shopProject({ settings: (settings) => { delete settings.certify.consumables; } }),
    });
    const skipped = checks.find((check) => check.status === 'skipped');
    assert.equal(skipped?.product, 'hint_pack');
    assert.match(skipped!.evidence.at(-1)!, /^note: .*"certify": \{ "consumables": \{ "hint_pack"/);
    assert.equal(checks.find((check) => check.product === undefined)?.status, 'pass');
  });

  it('buy.direct', async () => {
    allPass(await certifyShop('buy.direct'));
    const broken = failures(await certifyShop('buy.direct', {
      app: shopApp({
        async BuyIntent(productName) {
          const product = await this.isp.getProductByReferenceName(productName?.id);
          this.isp.upsell(product!.productId, 'Want to hear about it?');
        },
      }),
    }));
    assert.deepEqual(broken.map((check) => check.product).sort(), ['explorer_club', 'hint_pack', 'treasure_map']);
    shows(broken[0]!, '✗', 'gets Upsell, not Buy');
    shows(broken[0]!, 'skill → Upsell');
    assert.ok(broken[0]!.evidence.at(-1)!.startsWith('fix: '));
  });

  it('buy.owned-no-error', async () => {
    allPass(await certifyShop('buy.owned-no-error'));
    // A Buy even when owned is fine when ALREADY_PURCHASED is answered gracefully (the shop's ON_PURCHASE does).
    allPass(await certifyShop('buy.owned-no-error', {
      app: shopApp({
        async BuyIntent(productName) {
          const product = await this.isp.getProductByReferenceName(productName?.id);
          this.isp.buy(product!.productId);
        },
      }),
    }));

    const broken = failures(await certifyShop('buy.owned-no-error', {
      app: shopApp({
        async BuyIntent(productName) {
          const product = await this.isp.getProductByReferenceName(productName?.id);
          if (product!.entitled === 'ENTITLED') return void this.tell('You own it already');
          this.isp.buy(product!.productId);
        },
      }),
    }));
    assert.deepEqual(broken.map((check) => check.product).sort(), ['explorer_club', 'treasure_map']);
    const map = broken.find((check) => check.product === 'treasure_map')!;
    shows(map, '✗ "buy treasure map" when owned: the session ends');
    shows(map, 'state: owns Treasure Map (treasure_map)');
    shows(map, 'skill: "You own it already"');

    const [error] = failures(await certifyShop('buy.owned-no-error', {
      app: shopApp({
        async BuyIntent(productName) {
          const product = await this.isp.getProductByReferenceName(productName?.id);
          this.isp.buy(product!.productId);
        },
        ON_PURCHASE() { this.tell(`Sorry, there was an error: ${this.isp.getPurchaseResult()}`); },
      }),
    }));
    shows(error!, '✗ "buy', 'when owned, then the answer to ALREADY_PURCHASED: the skill says "error"');
    shows(error!, 'alexa → skill: Connections.Response Buy ALREADY_PURCHASED');
  });

  it('buy.unknown-product', async () => {
    allPass(await certifyShop('buy.unknown-product'));

    // Whatever is asked for, the skill buys the first product.
    const [broken] = failures(await certifyShop('buy.unknown-product', {
      app: shopApp({
        async BuyIntent(productName) {
          const product = await this.isp.getProductByReferenceName(productName?.id ?? 'treasure_map');
          this.isp.buy((product ?? await this.isp.getProductByReferenceName('treasure_map'))!.productId);
        },
      }),
    }));
    assert.equal(broken!.locale, 'en-US');
    shows(broken!, '✗ "buy purple bicycle" (no such product): the skill answers with a Buy directive for treasure_map, a product the user did not ask for');
    shows(broken!, '✗ "buy" alone: the skill answers with a Buy directive for treasure_map although the user named no product and 3 products are for sale');
    shows(broken!, 'user: "buy purple bicycle" → BuyIntent (ProductName="purple bicycle" → no match)');

    // A skill that sells one product may answer "buy" alone with a Buy for it; an unknown name still needs a question.
    const single = shopProject({ products: { explorer_club: false, hint_pack: false } });
    const [one] = failures(await certifyShop('buy.unknown-product', {
      project: single,
      app: shopApp({ async BuyIntent() { await this.isp.buyByReferenceName('treasure_map'); } }),
    }));
    assert.deepEqual(failureLines(one!), ['✗ "buy purple bicycle" (no such product): the skill answers with a Buy directive for treasure_map, a product the user did not ask for']);
    const kept = await certifyShop('buy.unknown-product', {
      project: single,
      app: shopApp({
        async BuyIntent(productName) {
          if (!productName?.value) return this.isp.buyByReferenceName('treasure_map');
          this.ask('We only have the Treasure Map. Would you like it?', 'Would you like the Treasure Map?');
        },
      }),
    });
    allPass(kept);
    shows(kept[0]!, '(a Buy for treasure_map: the only product for sale here, accepted)');

    // Unhandled answering without a reprompt, ending the session.
    const [ends] = failures(await certifyShop('buy.unknown-product', {
      app: shopApp({
        async BuyIntent(productName) {
          if (!productName?.id) return void this.tell('I do not know that one.');
          await this.isp.buyByReferenceName(productName.id);
        },
      }),
    }));
    shows(ends!, '✗ "buy purple bicycle" (no such product): the session ends');
  });

  it('buy.not-purchasable', async () => {
    allPass(await certifyShop('buy.not-purchasable'));
    // A product NOT_PURCHASABLE by its definition is checked without taking it off sale.
    const offSale = shopProject({ products: { treasure_map: (definition) => { definition.purchasableState = 'NOT_PURCHASABLE'; } } });
    const kept = await certifyShop('buy.not-purchasable', { project: offSale });
    allPass(kept);
    shows(kept.find((check) => check.product === 'treasure_map')!, 'Treasure Map (treasure_map) is not purchasable (its definition says NOT_PURCHASABLE)');

    // Sells, lists and upsells whatever its purchasable state.
    const broken = failures(await certifyShop('buy.not-purchasable', {
      app: shopApp({
        async BuyIntent(productName) { await this.isp.buyByReferenceName(productName!.id!); },
        WhatCanIBuyIntent() { this.ask('You can buy the Treasure Map, the Explorer Club or the Hint Pack.', 'Which would you like?'); },
        async DeepMineIntent() { await this.isp.upsellByReferenceName('treasure_map', 'The deep mine needs the Treasure Map. Want to hear about it?'); },
      }),
    }));
    assert.deepEqual(broken.map((check) => check.product).sort(), ['explorer_club', 'hint_pack', 'treasure_map']);
    const map = broken.find((check) => check.product === 'treasure_map')!;
    shows(map, '✗ "buy treasure map" while Treasure Map (treasure_map) is not purchasable: the skill answers with a Buy directive for treasure_map');
    shows(map, '✗ "what can I buy" while Treasure Map (treasure_map) is not purchasable: the answer names "Treasure Map" among what can be bought');
    shows(map, '✗ "explore the deep mine" while Treasure Map (treasure_map) is not purchasable: the skill answers with an Upsell directive for treasure_map');
    shows(map, 'state: Treasure Map (treasure_map) is not purchasable (NOT_PURCHASABLE)');

    // Speech that offers the off-sale product after a premium request.
    const [speech] = failures(await certifyShop('buy.not-purchasable', {
      app: shopApp({ DeepMineIntent() { this.ask('The deep mine needs the Treasure Map. Say buy the treasure map to get it.', 'What now?'); } }),
    }));
    assert.equal(speech!.product, 'treasure_map');
    shows(speech!, '✗ "explore the deep mine"', 'the answer offers it ("Say buy the treasure map to get it")');
  });

  it('buy.consumable-again', async () => {
    const kept = await certifyShop('buy.consumable-again');
    allPass(kept);
    shows(kept[0]!, "(Amazon's count of hint_pack: 1 → 2)");

    const [owned] = failures(await certifyShop('buy.consumable-again', {
      app: shopApp({
        async BuyIntent(productName) {
          const product = await this.isp.getProductByReferenceName(productName?.id);
          if (product!.activeEntitlementCount > 0) return void this.ask(`You already have ${product!.name}.`, 'What next?');
          this.isp.buy(product!.productId);
        },
      }),
    }));
    assert.equal(owned!.product, 'hint_pack');
    shows(owned!, '✗ "buy hint pack" with one purchase held: no Buy directive — the skill does not sell it again');
    shows(owned!, 'state: owns Hint Pack (hint_pack) (1 purchase)');

    const [error] = failures(await certifyShop('buy.consumable-again', {
      app: shopApp({ ON_PURCHASE() { this.tell(this.isp.getPurchaseResult() === 'ACCEPTED' ? 'Error: could not add the hints.' : 'Okay.'); } }),
    }));
    shows(error!, '✗ "buy hint pack" with one purchase held, then the answer to ACCEPTED: the skill says "Error"');
    shows(error!, 'alexa → skill: Connections.Response Buy ACCEPTED');
  });
});
