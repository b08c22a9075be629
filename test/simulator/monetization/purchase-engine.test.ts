import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSkillshopError } from '../../../src/errors';
import { formatEntitlements } from '../../../src/simulator/monetization';
import { ALICE, BOB, DAY, START, catalogProduct, caveQuestDefinition, clientFor, daysAfterStart, startEmulator, type TestEmulator } from './support';

describe('monetization emulator: the purchase engine', () => {
  let emulator: TestEmulator;
  let quest: string;
  let club: string;
  let hints: string;
  before(async () => {
    emulator = await startEmulator();
    quest = emulator.productIdOf('cave_quest')!;
    club = emulator.productIdOf('explorers_club')!;
    hints = emulator.productIdOf('hint_pack')!;
  });
  after(() => emulator.close());
  afterEach(() => {
    emulator.reset();
    emulator.clock.set(START);
  });

  const seen = async (userId: string, referenceName: string) => (await clientFor(emulator, userId).getProductByReferenceName(referenceName))!;

  describe('an entitlement', () => {
    it('is bought once: ENTITLED, PURCHASED, count 1, NOT_PURCHASABLE; a second buy is ALREADY_PURCHASED', async () => {
      assert.equal(emulator.buy(ALICE, quest), 'ACCEPTED');
      const owned = await seen(ALICE, 'cave_quest');
      assert.equal(owned.entitled, 'ENTITLED');
      assert.equal(owned.entitlementReason, 'PURCHASED');
      assert.equal(owned.activeEntitlementCount, 1);
      assert.equal(owned.purchasable, 'NOT_PURCHASABLE');
      assert.equal(emulator.buy(ALICE, quest), 'ALREADY_PURCHASED');
      assert.equal((await seen(ALICE, 'cave_quest')).activeEntitlementCount, 1);
    });

    it('is refunded by Cancel, after which a Cancel is NOT_ENTITLED and it can be bought again', async () => {
      assert.equal(emulator.cancel(ALICE, quest), 'NOT_ENTITLED');
      emulator.buy(ALICE, quest);
      assert.equal(emulator.cancel(ALICE, quest), 'ACCEPTED');
      const refunded = await seen(ALICE, 'cave_quest');
      assert.equal(refunded.entitled, 'NOT_ENTITLED');
      assert.equal(refunded.entitlementReason, 'NOT_PURCHASED');
      assert.equal(refunded.activeEntitlementCount, 0);
      assert.equal(refunded.purchasable, 'PURCHASABLE');
      assert.equal(emulator.cancel(ALICE, quest), 'NOT_ENTITLED');
      assert.equal(emulator.buy(ALICE, quest), 'ACCEPTED');
    });
  });

  describe('a subscription with a 7-day trial, billed monthly', () => {
    it('runs trial → paid → cancelled but entitled until the period ends → expired', async () => {
      assert.equal(emulator.buy(ALICE, club), 'ACCEPTED');
      const inTrial = emulator.entitlements(ALICE).find((e) => e.referenceName === 'explorers_club')!;
      assert.deepEqual(inTrial.subscription, {
        phase: 'TRIAL',
        frequency: 'MONTHLY',
        startedAt: START,
        trialEndsAt: '2024-05-08T10:00:00.000Z',
        periodEndsAt: '2024-05-08T10:00:00.000Z',
        renews: true,
      });
      assert.equal((await seen(ALICE, 'explorers_club')).entitled, 'ENTITLED');
      assert.equal((await seen(ALICE, 'explorers_club')).purchasable, 'NOT_PURCHASABLE');
      assert.equal(emulator.buy(ALICE, club), 'ALREADY_PURCHASED');

      emulator.clock.set(daysAfterStart(20)); // 2024-05-21: first paid month, 8 May → 8 June
      const paid = emulator.entitlements(ALICE).find((e) => e.referenceName === 'explorers_club')!;
      assert.equal(paid.subscription?.phase, 'PAID');
      assert.equal(paid.subscription?.periodEndsAt, '2024-06-08T10:00:00.000Z');
      assert.equal((await seen(ALICE, 'explorers_club')).entitled, 'ENTITLED');

      emulator.clock.set('2024-06-20T00:00:00.000Z'); // second month, 8 June → 8 July
      assert.equal(emulator.cancel(ALICE, club), 'ACCEPTED');
      const cancelled = emulator.entitlements(ALICE).find((e) => e.referenceName === 'explorers_club')!;
      assert.equal(cancelled.subscription?.phase, 'CANCELLED');
      assert.equal(cancelled.subscription?.periodEndsAt, '2024-07-08T10:00:00.000Z');
      assert.equal(cancelled.subscription?.renews, false);
      assert.equal(emulator.cancel(ALICE, club), 'ACCEPTED', 'a second cancel changes nothing');

      emulator.clock.set('2024-07-08T09:59:59.999Z');
      assert.equal((await seen(ALICE, 'explorers_club')).entitled, 'ENTITLED');
      emulator.clock.set('2024-07-08T10:00:00.000Z');
      const expired = await seen(ALICE, 'explorers_club');
      assert.equal(expired.entitled, 'NOT_ENTITLED');
      assert.equal(expired.activeEntitlementCount, 0);
      assert.equal(expired.purchasable, 'PURCHASABLE');
      assert.equal(emulator.cancel(ALICE, club), 'NOT_ENTITLED');
    });

    it('cancelled during the trial, stays entitled until the trial ends', async () => {
      emulator.buy(ALICE, club);
      emulator.clock.set(daysAfterStart(2));
      emulator.cancel(ALICE, club);
      emulator.clock.set(daysAfterStart(7) - 1);
      assert.equal((await seen(ALICE, 'explorers_club')).entitled, 'ENTITLED');
      emulator.clock.set(daysAfterStart(7));
      assert.equal((await seen(ALICE, 'explorers_club')).entitled, 'NOT_ENTITLED');
    });

    it('gives the free trial once: a resubscription is paid from the start, until a reset', () => {
      assert.equal(emulator.offerFor(club, 'en-US', ALICE)?.trialDays, 7);
      emulator.buy(ALICE, club);
      emulator.cancel(ALICE, club);
      emulator.clock.set(daysAfterStart(30));
      assert.equal(emulator.offerFor(club, 'en-US', ALICE)?.trialDays, 0);
      assert.equal(emulator.offerFor(club, 'en-US')?.trialDays, 7, 'without a user: the product’s trial');
      assert.equal(emulator.buy(ALICE, club), 'ACCEPTED');
      const again = emulator.entitlements(ALICE).find((e) => e.referenceName === 'explorers_club')!;
      assert.equal(again.subscription?.phase, 'PAID');
      assert.equal(again.subscription?.trialEndsAt, undefined);
      assert.equal(again.subscription?.periodEndsAt, new Date(daysAfterStart(30) + 30 * DAY).toISOString());
      emulator.reset(ALICE);
      assert.equal(emulator.offerFor(club, 'en-US', ALICE)?.trialDays, 7);
    });

    it('bills yearly subscriptions per calendar year, and month ends clamp without drifting', async () => {
      const yearly = await startEmulator({
        products: [
          catalogProduct({
            type: 'SUBSCRIPTION',
            referenceName: 'annual_pass',
            subscriptionInformation: { subscriptionPaymentFrequency: 'YEARLY', subscriptionTrialPeriodDays: 0 },
          }),
          catalogProduct({ type: 'SUBSCRIPTION', referenceName: 'monthly_pass', subscriptionInformation: { subscriptionPaymentFrequency: 'MONTHLY' } }),
        ],
      });
      try {
        yearly.clock.set('2024-01-31T12:00:00.000Z');
        yearly.buy(ALICE, yearly.productIdOf('annual_pass')!);
        yearly.buy(ALICE, yearly.productIdOf('monthly_pass')!);
        const periodEnd = (name: string) => yearly.entitlements(ALICE).find((e) => e.referenceName === name)?.subscription?.periodEndsAt;
        assert.equal(periodEnd('annual_pass'), '2025-01-31T12:00:00.000Z');
        assert.equal(periodEnd('monthly_pass'), '2024-02-29T12:00:00.000Z');
        yearly.clock.set('2024-03-01T00:00:00.000Z');
        assert.equal(periodEnd('monthly_pass'), '2024-03-31T12:00:00.000Z');
        yearly.clock.set('2024-04-30T12:00:00.000Z');
        assert.equal(periodEnd('monthly_pass'), '2024-05-31T12:00:00.000Z');
      } finally {
        await yearly.close();
      }
    });
  });

  describe('a consumable', () => {
    it('counts purchases up, refunds down, never below 0; always PURCHASABLE; ENTITLED while the count is above 0', async () => {
      assert.equal(emulator.buy(ALICE, hints), 'ACCEPTED');
      assert.equal(emulator.buy(ALICE, hints), 'ACCEPTED');
      let product = await seen(ALICE, 'hint_pack');
      assert.equal(product.activeEntitlementCount, 2);
      assert.equal(product.entitled, 'ENTITLED');
      assert.equal(product.entitlementReason, 'PURCHASED');
      assert.equal(product.purchasable, 'PURCHASABLE');
      assert.equal(emulator.cancel(ALICE, hints), 'ACCEPTED');
      assert.equal((await seen(ALICE, 'hint_pack')).activeEntitlementCount, 1);
      assert.equal(emulator.cancel(ALICE, hints), 'ACCEPTED');
      assert.equal(emulator.cancel(ALICE, hints), 'NOT_ENTITLED');
      product = await seen(ALICE, 'hint_pack');
      assert.equal(product.activeEntitlementCount, 0);
      assert.equal(product.entitled, 'NOT_ENTITLED');
      assert.equal(product.purchasable, 'PURCHASABLE');
    });
  });

  it('resets one user, or everyone', async () => {
    emulator.buy(ALICE, quest);
    emulator.buy(ALICE, hints);
    emulator.buy(BOB, quest);
    emulator.reset(ALICE);
    assert.equal((await seen(ALICE, 'cave_quest')).entitled, 'NOT_ENTITLED');
    assert.equal((await seen(ALICE, 'hint_pack')).activeEntitlementCount, 0);
    assert.deepEqual(emulator.history(ALICE), []);
    assert.equal((await seen(BOB, 'cave_quest')).entitled, 'ENTITLED');
    emulator.reset();
    assert.equal((await seen(BOB, 'cave_quest')).entitled, 'NOT_ENTITLED');
    assert.deepEqual(emulator.history(BOB), []);
  });

  it('logs every buy, cancel and refund with its time and result', () => {
    emulator.buy(ALICE, quest);
    emulator.clock.set(daysAfterStart(1));
    emulator.buy(ALICE, quest);
    emulator.cancel(ALICE, quest);
    emulator.cancel(ALICE, club);
    assert.deepEqual(
      emulator.history(ALICE).map(({ referenceName, action, result, at }) => [referenceName, action, result, at]),
      [
        ['cave_quest', 'BUY', 'ACCEPTED', START],
        ['cave_quest', 'BUY', 'ALREADY_PURCHASED', '2024-05-02T10:00:00.000Z'],
        ['cave_quest', 'REFUND', 'ACCEPTED', '2024-05-02T10:00:00.000Z'],
        ['explorers_club', 'CANCEL', 'NOT_ENTITLED', '2024-05-02T10:00:00.000Z'],
      ],
    );
    assert.deepEqual(emulator.history(BOB), []);
  });

  it('offers a product in the locale’s marketplace and language', () => {
    assert.deepEqual(emulator.offerFor(quest, 'en-US'), {
      productId: quest,
      referenceName: 'cave_quest',
      type: 'ENTITLEMENT',
      locale: 'en-US',
      name: 'Cave Quest',
      summary: 'Cave Quest for your adventure.',
      description: 'Cave Quest opens new paths. Cave Quest is yours forever.',
      purchasePromptDescription: 'Cave Quest opens new paths in the cave.',
      boughtCardDescription: 'You now have Cave Quest.',
      marketplace: 'amazon.com',
      price: 1.99,
      currency: 'USD',
      frequency: undefined,
      trialDays: 0,
      forSale: true,
    });
    const french = emulator.offerFor(club, 'fr-FR')!;
    assert.equal(french.name, 'Club des Explorateurs');
    assert.equal(french.marketplace, 'amazon.fr');
    assert.equal(french.currency, 'EUR');
    assert.equal(french.frequency, 'MONTHLY');
    assert.equal(french.trialDays, 7);
    const british = emulator.offerFor(quest, 'en-GB')!;
    assert.equal(british.marketplace, 'amazon.co.uk');
    assert.equal(british.price, undefined, 'no amazon.co.uk price: not sold there');
    assert.equal(emulator.offerFor('amzn1.adg.product.nope', 'en-US'), undefined);
  });

  it('summarizes entitlements for the REPL', () => {
    emulator.buy(ALICE, quest);
    emulator.buy(ALICE, club);
    emulator.buy(ALICE, hints);
    emulator.buy(ALICE, hints);
    const text = formatEntitlements(emulator.entitlements(ALICE));
    assert.equal(
      text,
      [
        'cave_quest      ENTITLEMENT   ENTITLED',
        'explorers_club  SUBSCRIPTION  ENTITLED  trial until 2024-05-08T10:00:00.000Z, renews',
        'hint_pack       CONSUMABLE    ENTITLED  count 2',
      ].join('\n'),
    );
    assert.match(formatEntitlements(emulator.entitlements(BOB)), /cave_quest\s+ENTITLEMENT\s+NOT_ENTITLED/);
  });

  it('refuses an unknown product id with SKILLSHOP_PRODUCT_NOT_FOUND, and an empty user id', () => {
    assert.throws(() => emulator.buy(ALICE, 'amzn1.adg.product.nope'), (error) => isSkillshopError(error, 'PRODUCT_NOT_FOUND') && /cave_quest/.test(error.message));
    assert.throws(() => emulator.cancel(ALICE, 'amzn1.adg.product.nope'), (error) => isSkillshopError(error, 'PRODUCT_NOT_FOUND'));
    assert.throws(() => emulator.buy('', quest), TypeError);
    assert.equal(emulator.productFor(ALICE, 'amzn1.adg.product.nope', 'en-US'), undefined);
  });

  it('cannot sell a product whose definition is NOT_PURCHASABLE (ERROR), and reports it NOT_PURCHASABLE', async () => {
    const retired = await startEmulator({ products: [catalogProduct({ ...caveQuestDefinition, purchasableState: 'NOT_PURCHASABLE' })] });
    try {
      const id = retired.productIdOf('cave_quest')!;
      assert.equal(retired.productFor(ALICE, id, 'en-US')?.purchasable, 'NOT_PURCHASABLE');
      assert.equal(retired.buy(ALICE, id), 'ERROR');
      assert.equal(retired.productFor(ALICE, id, 'en-US')?.entitled, 'NOT_ENTITLED');
    } finally {
      await retired.close();
    }
  });

  it('takes a product off sale for everyone and back (setPurchasable): NOT_PURCHASABLE, a buy is ERROR, what is owned stays', async () => {
    emulator.buy(BOB, quest);
    try {
      emulator.setPurchasable(quest, false);
      assert.equal(emulator.isForSale(quest), false);
      assert.equal(emulator.isForSale(hints), true, 'only that product');
      assert.equal((await seen(ALICE, 'cave_quest')).purchasable, 'NOT_PURCHASABLE');
      assert.deepEqual(
        (await clientFor(emulator, ALICE).getProducts({ purchasable: 'PURCHASABLE' })).map((p) => p.referenceName),
        ['explorers_club', 'hint_pack'],
      );
      assert.equal(emulator.offerFor(quest, 'en-US')?.forSale, false);
      assert.equal(emulator.buy(ALICE, quest), 'ERROR');
      assert.equal((await seen(ALICE, 'cave_quest')).entitled, 'NOT_ENTITLED');
      assert.equal((await seen(BOB, 'cave_quest')).entitled, 'ENTITLED', 'what a user owns stays theirs');
      assert.equal(emulator.entitlements(ALICE).find((e) => e.referenceName === 'cave_quest')?.purchasable, false);

      emulator.setPurchasable(quest, true);
      assert.equal(emulator.isForSale(quest), true);
      assert.equal((await seen(ALICE, 'cave_quest')).purchasable, 'PURCHASABLE');
      assert.equal(emulator.buy(ALICE, quest), 'ACCEPTED');
    } finally {
      emulator.setPurchasable(quest, true);
    }
    assert.throws(() => emulator.setPurchasable('amzn1.adg.product.nope', false), (error) => isSkillshopError(error, 'PRODUCT_NOT_FOUND'));
  });

  it('puts a product whose definition is NOT_PURCHASABLE on sale with setPurchasable(true)', async () => {
    const retired = await startEmulator({ products: [catalogProduct({ ...caveQuestDefinition, purchasableState: 'NOT_PURCHASABLE' })] });
    try {
      const id = retired.productIdOf('cave_quest')!;
      assert.equal(retired.isForSale(id), false);
      retired.setPurchasable(id, true);
      assert.equal(retired.productFor(ALICE, id, 'en-US')?.purchasable, 'PURCHASABLE');
      assert.equal(retired.buy(ALICE, id), 'ACCEPTED');
      retired.setPurchasable(id, false);
      assert.equal(retired.isForSale(id), false, 'back to what the definition says');
    } finally {
      await retired.close();
    }
  });

  it('moves a user\'s purchases, trial and log to a new user id (moveUser), and knows who has any (hasUser)', async () => {
    const NEW = 'amzn1.ask.account.ALICE-AGAIN';
    assert.equal(emulator.hasUser(ALICE), false);
    emulator.buy(ALICE, quest);
    emulator.buy(ALICE, club);
    emulator.cancel(ALICE, club);
    emulator.buy(ALICE, hints);
    assert.equal(emulator.hasUser(ALICE), true);
    const before = emulator.entitlements(ALICE);
    const log = emulator.history(ALICE).map(({ referenceName, action, result, at }) => [referenceName, action, result, at]);

    emulator.moveUser(ALICE, NEW);
    assert.deepEqual(emulator.entitlements(NEW), before, 'holdings and the subscription\'s periods follow');
    assert.deepEqual(emulator.history(NEW).map(({ referenceName, action, result, at }) => [referenceName, action, result, at]), log);
    assert.equal(emulator.hasUser(ALICE), false);
    assert.equal(emulator.hasUser(NEW), true);
    assert.equal((await seen(ALICE, 'cave_quest')).entitled, 'NOT_ENTITLED');
    assert.equal((await seen(NEW, 'cave_quest')).entitled, 'ENTITLED');
    assert.deepEqual(emulator.history(ALICE), []);
    assert.equal(emulator.offerFor(club, 'en-US', NEW)?.trialDays, 0, 'the trial was used: no second one');
    assert.equal(emulator.offerFor(club, 'en-US', ALICE)?.trialDays, 7);
    emulator.moveUser(NEW, NEW);
    assert.equal(emulator.hasUser(NEW), true, 'moving to itself changes nothing');
  });

  it('refuses to move purchases onto a user who already has some, changing nothing', () => {
    emulator.buy(ALICE, quest);
    emulator.buy(BOB, hints);
    assert.throws(() => emulator.moveUser(ALICE, BOB), (error) => isSkillshopError(error, 'CONFIG_INVALID') && error.message.includes(BOB));
    assert.equal(emulator.entitlements(ALICE).find((e) => e.referenceName === 'cave_quest')?.entitled, true);
    assert.equal(emulator.entitlements(BOB).find((e) => e.referenceName === 'cave_quest')?.entitled, false);
    assert.equal(emulator.history(BOB).length, 1);
    // A user with only a logged transaction (a refund) is someone too.
    emulator.cancel(ALICE, quest);
    emulator.buy('amzn1.ask.account.CAROL', quest);
    emulator.cancel('amzn1.ask.account.CAROL', quest);
    assert.equal(emulator.hasUser('amzn1.ask.account.CAROL'), true);
    assert.throws(() => emulator.moveUser(ALICE, 'amzn1.ask.account.CAROL'), (error) => isSkillshopError(error, 'CONFIG_INVALID'));
    assert.throws(() => emulator.moveUser(ALICE, ''), TypeError);
  });

  it('uses injected product ids, and refuses an ambiguous catalog', async () => {
    const id = 'amzn1.adg.product.11111111-2222-4333-8444-555555555555';
    const deployed = await startEmulator({ productIds: { cave_quest: id } });
    try {
      assert.equal(deployed.productIdOf('cave_quest'), id);
      assert.equal((await clientFor(deployed, ALICE).getProduct(id))?.referenceName, 'cave_quest');
    } finally {
      await deployed.close();
    }
    const twice = [catalogProduct(caveQuestDefinition), catalogProduct(caveQuestDefinition, 'other.json')];
    await assert.rejects(startEmulator({ products: twice }), (error) => isSkillshopError(error, 'CONFIG_INVALID') && /other\.json/.test(error.message));
    await assert.rejects(startEmulator({ products: [{ referenceName: 'x', type: 'BUNDLE', definition: {} }] }), (error) =>
      isSkillshopError(error, 'CONFIG_INVALID'),
    );
    await assert.rejects(startEmulator({ productIds: { cave_quest: 'same', hint_pack: 'same' } }), (error) => isSkillshopError(error, 'CONFIG_INVALID'));
    await assert.rejects(startEmulator({ pageSize: 0 }), (error) => isSkillshopError(error, 'CONFIG_INVALID'));
  });
});
