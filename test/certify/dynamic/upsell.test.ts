/** The dynamic upsell rules: a shop that breaks each (caught, with evidence) and one that keeps it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HandlerMap } from '../../../src';
import { certify } from '../../../src/certify';
import { allPass, certifyShop, failures, germanShop, shopApp, shopProject, shows } from './shop';

const TREASURE_PROMPT = 'The treasure map leads into the deep mine. Your adventure gets bigger.';

/**
 * The deep mine upsells the Treasure Map to every user who does not own it (`owners` false: to
 * everyone), with `message`, every time: no cap, no memory of a decline.
 */
function deepMineUpsells(message: string, owners = false): HandlerMap {
  return {
    async DeepMineIntent() {
      const product = await this.isp.getProductByReferenceName('treasure_map');
      if (product!.entitled === 'ENTITLED' && !owners) return void this.ask('You find a ruby. What next?', 'What next?');
      this.isp.upsell(product!.productId, message, 'resume:deep_mine');
    },
  };
}

const CLUB_EVERY_TIME: HandlerMap = {
  async ClubStoryIntent() {
    const product = await this.isp.getProductByReferenceName('explorer_club');
    if (product!.entitled === 'ENTITLED') return void this.ask('This week\'s club story. What next?', 'What next?');
    this.isp.upsell(product!.productId, 'Club members hear a story every week. Want to hear more?');
  },
};

describe('certify: upsells', () => {
  it('upsell.no-price', async () => {
    allPass(await certifyShop('upsell.no-price'));
    // Free-trial wording without an amount is not a price.
    allPass(await certifyShop('upsell.no-price', { app: shopApp({ ...CLUB_EVERY_TIME, async ClubStoryIntent() {
      const product = await this.isp.getProductByReferenceName('explorer_club');
      this.isp.upsell(product!.productId, 'The Explorer Club is free for seven days. Want to hear more?');
    } }) }));

    const inMessage = failures(await certifyShop('upsell.no-price', { app: shopApp(deepMineUpsells('The Treasure Map is only $1.99. Want it?')) }));
    assert.equal(inMessage.length, 1);
    assert.equal(inMessage[0]!.locale, 'en-US');
    shows(inMessage[0]!, '✗', '"explore the deep mine"', '"$1.99" in the upsellMessage');
    shows(inMessage[0]!, 'skill → Upsell treasure_map with upsellMessage "The Treasure Map is only $1.99. Want it?"');
    assert.ok(inMessage.at(-1)!.evidence.at(-1)!.startsWith('fix: Take the price out'));

    const inSpeech = failures(await certifyShop('upsell.no-price', { app: shopApp({ 'AMAZON.HelpIntent'() { this.ask('You can buy the Treasure Map for two dollars, or explore the free mine.', 'What next?'); } }) }));
    shows(inSpeech[0]!, '✗', '"help"', '"dollars" in the speech');
  });

  it('upsell.yes-no-question', async () => {
    const kept = await certifyShop('upsell.yes-no-question');
    allPass(kept);
    assert.deepEqual(kept.map((check) => check.product), ['explorer_club', 'hint_pack', 'treasure_map']);

    const statement = failures(await certifyShop('upsell.yes-no-question', { app: shopApp(deepMineUpsells('The deep mine is for Treasure Map owners.')) }));
    assert.deepEqual(statement.map((check) => check.product), ['treasure_map']);
    shows(statement[0]!, '✗', 'does not end in a question mark', 'Upsell of treasure_map after "explore the deep mine"');

    const open = failures(await certifyShop('upsell.yes-no-question', { app: shopApp(deepMineUpsells('The Treasure Map opens the deep mine. Which product do you want?')) }));
    shows(open[0]!, '✗', 'ends in an open question', 'starts with "which"');
    shows(open[0]!, 'skill → Upsell treasure_map');

    // Fillers before the opener, and "How about…", are yes/no questions.
    allPass((await certifyShop('upsell.yes-no-question', { app: shopApp(deepMineUpsells('The Treasure Map opens it. So, how about hearing more?')) })).filter((check) => check.product === 'treasure_map'));
  });

  it('upsell.differs-from-prompt', async () => {
    allPass(await certifyShop('upsell.differs-from-prompt'));
    const same = failures(await certifyShop('upsell.differs-from-prompt', { app: shopApp(deepMineUpsells(TREASURE_PROMPT)) }));
    assert.deepEqual(same.map((check) => check.product), ['treasure_map']);
    shows(same[0]!, '✗', 'is the purchasePromptDescription');
    shows(same[0]!, `purchasePromptDescription (en-US): "${TREASURE_PROMPT}"`);

    const contains = failures(await certifyShop('upsell.differs-from-prompt', { app: shopApp(deepMineUpsells(`${TREASURE_PROMPT} Want to hear more?`)) }));
    shows(contains[0]!, '✗', 'contains the whole purchasePromptDescription');

    const near = failures(await certifyShop('upsell.differs-from-prompt', { app: shopApp(deepMineUpsells('The treasure map leads into the deep mine, and your adventure gets bigger!')) }));
    shows(near[0]!, '✗', 'is nearly the purchasePromptDescription (likeness');
  });

  it('upsell.not-owned', async () => {
    const kept = await certifyShop('upsell.not-owned');
    allPass(kept);
    assert.deepEqual(kept.map((check) => check.product), ['explorer_club', 'treasure_map'], 'consumables are not checked');

    const broken = await certifyShop('upsell.not-owned', { app: shopApp(deepMineUpsells('The Treasure Map opens the deep mine. Want to hear more?', true)) });
    const caught = failures(broken);
    assert.deepEqual(caught.map((check) => check.product), ['treasure_map']);
    shows(caught[0]!, 'state: owns Treasure Map (treasure_map)');
    shows(caught[0]!, 'Amazon says: ENTITLED');
    shows(caught[0]!, '✗', '"explore the deep mine" brings an Upsell of treasure_map, which the user owns');
    shows(caught[0]!, 'skill → Upsell treasure_map');

    // A Buy nobody asked for, in the answer to "tell me more about".
    const buy = failures(await certifyShop('upsell.not-owned', { app: shopApp({
      async ProductInfoIntent(productName) {
        const product = await this.isp.getProductByReferenceName(productName?.id);
        this.isp.buy(product!.productId);
      },
    }) }));
    assert.deepEqual(buy.map((check) => check.product), ['explorer_club', 'treasure_map']);
    shows(buy[0]!, '✗', '"tell me more about explorer club" brings a Buy nobody asked for of explorer_club');

    // A spoken offer to an owner, at launch (cave-quest's way).
    const spoken = failures(await certifyShop('upsell.not-owned', { app: shopApp({ LAUNCH() { this.ask('Welcome to Gem Shop. Would you like to buy the Treasure Map?', 'What next?'); } }) }));
    assert.deepEqual(spoken.map((check) => check.product), ['treasure_map']);
    shows(spoken[0]!, '✗', '"open gem shop" asks "Would you like to buy the Treasure Map?", offering treasure_map, which the user owns');
    assert.match(spoken[0]!.evidence.at(-1)!, /^fix: Check the entitlement before offering treasure_map/);
  });

  it('upsell.not-again-after-decline', async () => {
    allPass(await certifyShop('upsell.not-again-after-decline'));

    const again = failures(await certifyShop('upsell.not-again-after-decline', { app: shopApp(deepMineUpsells('The Treasure Map opens the deep mine. Want to hear more?')) }), 'warn');
    assert.deepEqual(again.map((check) => check.product), ['treasure_map']);
    shows(again[0]!, '✗', '"explore the deep mine" said again after DECLINED brings another Upsell of treasure_map');
    shows(again[0]!, 'the tester says "explore the deep mine" again in the session that continues');
    shows(again[0]!, 'alexa → skill: Connections.Response Upsell DECLINED');

    // The answer to DECLINED is itself the same Upsell (once).
    const chained = failures(await certifyShop('upsell.not-again-after-decline', { app: shopApp({
      async ON_PURCHASE() {
        const product = await this.isp.getProduct(this.isp.getProductId() ?? '');
        if (this.isp.getPurchaseResult() === 'DECLINED' && product?.referenceName === 'treasure_map' && this.isp.getToken() !== 'again') {
          return this.isp.upsell(product.productId, 'Are you sure? The map is waiting.', 'again');
        }
        this.ask('Okay. The free mine is still open. What next?', 'What next?');
      },
    }) }), 'warn');
    assert.deepEqual(chained.map((check) => check.product), ['treasure_map']);
    shows(chained[0]!, '✗', 'the answer to DECLINED is another Upsell of treasure_map');
  });

  it('upsell.frequency', async () => {
    allPass(await certifyShop('upsell.frequency'));
    const noCap = shopApp({ ...deepMineUpsells('The Treasure Map opens the deep mine. Want to hear more?'), ...CLUB_EVERY_TIME });
    const caught = failures(await certifyShop('upsell.frequency', { app: noCap }), 'warn');
    assert.equal(caught.length, 1);
    shows(caught[0]!, '✗', 'Upsells in one session, more than 1', '"tell me the club story" → Upsell of explorer_club', '"explore the deep mine" → Upsell of treasure_map');
    shows(caught[0]!, '✗', 'two turns in a row each bring an Upsell');

    // With two allowed, the count passes; back-to-back upsells still do not.
    const project = shopProject({
      settings: (settings) => {
        settings.certify.maxUpsellsPerSession = 3;
      },
    });
    const twoInARow = failures(await certifyShop('upsell.frequency', { app: shopApp({ ...deepMineUpsells('The Treasure Map opens the deep mine. Want to hear more?'), ...CLUB_EVERY_TIME }), project }), 'warn');
    assert.ok(!twoInARow[0]!.evidence.some((line) => line.includes('in one session, more than')), twoInARow[0]!.evidence.join('\n'));
    shows(twoInARow[0]!, '✗', 'two turns in a row each bring an Upsell: "tell me the club story" → Upsell of explorer_club; then "explore the deep mine" → Upsell of treasure_map');
  });

  it('skips with what to add when the certify settings are missing, and when no Upsell is seen', async () => {
    const bare = shopProject({ settings: (settings) => { delete settings.certify; } });
    const [price] = await certifyShop('upsell.no-price', { project: bare });
    assert.equal(price!.status, 'skipped');
    assert.match(price!.evidence.at(-1)!, /^note: Nothing wrong on the paths explored, but some paths .* add certify\.freeUtterances .*certify\.premiumUtterances\.treasure_map .*certify\.consumables\.hint_pack/);

    const [question] = await certifyShop('upsell.yes-no-question', { project: bare });
    assert.equal(question!.status, 'skipped');
    assert.match(question!.evidence.at(-1)!, /^note: The skill sent no Upsell on the paths explored: launch, "what can I buy", "help", "tell me more about explorer club".*add certify\.freeUtterances/);

    // Only the Treasure Map's premium utterances missing: the others are judged, it is skipped.
    const partial = shopProject({ settings: (settings) => { delete settings.certify.premiumUtterances.treasure_map; } });
    const checks = await certifyShop('upsell.differs-from-prompt', { project: partial });
    assert.deepEqual(checks.map((check) => [check.product, check.status]), [['explorer_club', 'pass'], ['hint_pack', 'pass'], ['treasure_map', 'skipped']]);
    assert.match(checks[2]!.evidence.at(-1)!, /certify\.premiumUtterances\.treasure_map/);
    const owned = await certifyShop('upsell.not-owned', { project: partial });
    assert.deepEqual(owned.map((check) => [check.product, check.status]), [['explorer_club', 'pass'], ['treasure_map', 'skipped']]);

    // A shop that never upsells.
    const [none] = await certifyShop('upsell.not-again-after-decline', { app: shopApp({ ...deepMineUpsellsNever(), UseHintIntent() { this.ask('No hints left. What next?', 'What next?'); } }) });
    assert.equal(none!.status, 'skipped');
    assert.match(none!.evidence.at(-1)!, /^note: The skill sent no Upsell on the paths explored: launch, "explore the free mine" \(free content\)/);
  });
});

function deepMineUpsellsNever(): HandlerMap {
  const closed = function (this: { ask(speech: string, reprompt: string): void }) { this.ask('That part stays closed. What next?', 'What next?'); };
  return { DeepMineIntent: closed, ClubStoryIntent: closed };
}


describe('certify: upsells in German', () => {
  it('judges German yes/no questions with German openers, and asks for German settings under certify.locales', async () => {
    const run = async (message: string) => (await certify({ project: germanShop(), app: shopApp(deepMineUpsells(message)), only: ['upsell.yes-no-question'], locale: 'de-DE' })).checks;
    const kept = await run('Die tiefe Mine gehört zur Schatzkarte. Möchtest du mehr darüber hören?');
    assert.deepEqual(kept.map((check) => [check.locale, check.product, check.status]), [['de-DE', 'explorer_club', 'fail'], ['de-DE', 'hint_pack', 'fail'], ['de-DE', 'treasure_map', 'pass']]);
    // The shop's other upsells are English: "Want to…" opens no German yes/no question.
    shows(kept[0]!, '✗', 'starts with "want"');
    const open = (await run('Die tiefe Mine gehört zur Schatzkarte. Welches Produkt willst du?')).filter((check) => check.product === 'treasure_map');
    assert.equal(open[0]!.status, 'fail');
    shows(open[0]!, '✗', 'ends in an open question', 'starts with "welches"');
    shows(open[0]!, 'user: "erkunde die tiefe mine"');

    const project = germanShop();
    editJsonFile(project, (settings) => { delete settings.certify.locales['de-DE'].freeUtterances; });
    const [price] = (await certify({ project, app: shopApp(), only: ['upsell.no-price'], locale: 'de-DE' })).checks;
    assert.equal(price!.status, 'skipped');
    assert.match(price!.evidence.at(-1)!, /add certify\.locales\.de-DE\.freeUtterances/);
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function editJsonFile(dir: string, edit: (json: any) => void): void {
  const path = join(dir, 'skillshop.json');
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
}
