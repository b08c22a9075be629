/** The dynamic refund and access rules: a shop that breaks each (caught, with evidence) and one that keeps it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HandlerMap } from '../../../src';
import type { HandlerContext } from '../../../src/app/context';
import type { Handler } from '../../../src/app/handlers';
import type { Check } from '../../../src/certify';
import { allPass, certifyShop, failures, shopApp, shopProject, shows, SHOP_HANDLERS } from './shop';

const NEXT = ' What would you like to do next?';
const REPROMPT = 'You can explore the free mine, or ask what you can buy.';
const DEEP_MINE = 'You follow the treasure map deep into the mine and find a glowing ruby the size of an egg.';
const CLUB_STORY = 'This week\'s club story: the old miner and the singing crystal cave.';

/** The shop, but the answer to a Cancel's result replaced (Buy and Upsell results as before). */
function onCancel(answer: (this: HandlerContext, result: string) => unknown): HandlerMap {
  const shop = SHOP_HANDLERS.ON_PURCHASE as Handler;
  return {
    ON_PURCHASE() {
      return this.isp.getName() === 'Cancel' ? answer.call(this, this.isp.getPurchaseResult()) : shop.call(this);
    },
  };
}

function products(checks: Check[]): (string | undefined)[] {
  return checks.map((check) => check.product).sort();
}

function fix(check: Check): string {
  const last = check.evidence.at(-1)!;
  assert.ok(last.startsWith('fix: '), `the evidence ends with a fix:\n${check.evidence.join('\n')}`);
  return last;
}

/** The shop's project with the hint pack sold as a second subscription. */
function twoSubscriptions(): string {
  return shopProject({
    products: {
      hint_pack: (definition) => {
        definition.type = 'SUBSCRIPTION';
        definition.subscriptionInformation = { subscriptionPaymentFrequency: 'MONTHLY', subscriptionTrialPeriodDays: 0 };
      },
    },
  });
}

describe('certify: refunds, cancels and access', () => {
  it('refund.cancel-directive', async () => {
    allPass(await certifyShop('refund.cancel-directive'));

    const speech = failures(await certifyShop('refund.cancel-directive', {
      app: shopApp({ RefundIntent() { this.ask('Refunds are handled in the Alexa app.' + NEXT, REPROMPT); } }),
    }));
    assert.deepEqual(products(speech), ['explorer_club', 'hint_pack', 'treasure_map']);
    const map = speech.find((check) => check.product === 'treasure_map')!;
    shows(map, '✗ "refund treasure map" gets no Cancel directive; the skill says "Refunds are handled');
    shows(map, 'state: owns Treasure Map (treasure_map)');
    shows(map, 'user: "refund treasure map" → RefundIntent');
    assert.match(fix(map), /exactly one Cancel directive for treasure_map/);

    const wrong = failures(await certifyShop('refund.cancel-directive', {
      app: shopApp({ async RefundIntent() { await this.isp.cancelByReferenceName('treasure_map'); } }),
    }));
    assert.deepEqual(products(wrong), ['explorer_club', 'hint_pack']);
    shows(wrong[0]!, '✗ "refund explorer club" cancels treasure_map, not explorer_club');
    shows(wrong[0]!, 'skill → Cancel treasure_map');

    const buy = failures(await certifyShop('refund.cancel-directive', {
      app: shopApp({ async RefundIntent() { await this.isp.buyByReferenceName('hint_pack'); } }),
    }));
    shows(buy.find((check) => check.product === 'hint_pack')!, '✗ "refund hint pack" gets a Buy directive, not Cancel');
  });

  it('refund.subscription-default', async () => {
    const kept = await certifyShop('refund.subscription-default');
    allPass(kept);
    assert.deepEqual(products(kept), ['explorer_club']);

    const [asks] = failures(await certifyShop('refund.subscription-default', {
      app: shopApp({ CancelSubscriptionIntent() { this.ask('Which subscription would you like to cancel?', 'Which subscription?'); } }),
    }));
    assert.equal(asks!.product, 'explorer_club');
    shows(asks!, '✗ "cancel my subscription" gets no Cancel directive; the skill says "Which subscription');
    assert.match(fix(asks!), /only subscription/);

    const [none] = await certifyShop('refund.subscription-default', { project: shopProject({ products: { explorer_club: false } }) });
    assert.equal(none!.status, 'skipped');
    shows(none!, 'note: The skill sells no subscription in en-US');

    // Two subscriptions: a Cancel for one of them, or a question, both keep the rule.
    allPass(await certifyShop('refund.subscription-default', { project: twoSubscriptions() }));
    allPass(await certifyShop('refund.subscription-default', {
      project: twoSubscriptions(),
      app: shopApp({ CancelSubscriptionIntent() { this.ask('Which one: the Explorer Club or the Hint Pack?', 'Which subscription?'); } }),
    }));
    const [ends] = failures(await certifyShop('refund.subscription-default', {
      project: twoSubscriptions(),
      app: shopApp({ CancelSubscriptionIntent() { this.tell('Goodbye.'); } }),
    }));
    assert.equal(ends!.product, undefined);
    shows(ends!, '✗ "cancel my subscription" (neither a Cancel nor a question): the session ends');
  });

  it('refund.not-owned-graceful', async () => {
    allPass(await certifyShop('refund.not-owned-graceful'));
    // Saying so without a Cancel keeps it too.
    allPass(await certifyShop('refund.not-owned-graceful', {
      app: shopApp({
        async RefundIntent(productName) {
          const product = await this.isp.getProductByReferenceName(productName?.id);
          if (product && product.entitled !== 'ENTITLED') return void this.ask(`You do not have ${product.name}, so there is nothing to return.${NEXT}`, REPROMPT);
          this.isp.cancel(product!.productId);
        },
      }),
    }));

    const error = failures(await certifyShop('refund.not-owned-graceful', {
      app: shopApp(onCancel(function () { this.tell('Sorry, there was a problem with your request.'); })),
    }));
    assert.deepEqual(products(error), ['explorer_club', 'hint_pack', 'treasure_map']);
    shows(error[0]!, '✗ after Cancel NOT_ENTITLED: the skill says "problem" — an error phrase');
    shows(error[0]!, '✗ after Cancel NOT_ENTITLED: the session ends');
    shows(error[0]!, 'alexa → skill: Connections.Response Cancel NOT_ENTITLED');

    const upsells = failures(await certifyShop('refund.not-owned-graceful', {
      app: shopApp({
        async RefundIntent(productName) {
          const product = await this.isp.getProductByReferenceName(productName?.id);
          this.isp.upsell(product!.productId, `You do not have ${product!.name}. Want to hear about it?`);
        },
      }),
    }));
    shows(upsells[0]!, '✗ "refund explorer club" gets an Upsell directive: a refund request must not start a purchase');

    const ends = failures(await certifyShop('refund.not-owned-graceful', {
      app: shopApp({ RefundIntent() { this.tell('You have nothing to return.'); } }),
    }));
    shows(ends[0]!, '✗ "refund explorer club": the session ends');
  });

  it('refund.result-continues', async () => {
    const kept = await certifyShop('refund.result-continues');
    allPass(kept);
    shows(kept.find((check) => check.product === 'explorer_club')!, 'checked: Cancel ACCEPTED, DECLINED, NOT_ENTITLED');

    // The seed's way: the raw result, and the session ends.
    const raw = failures(await certifyShop('refund.result-continues', {
      app: shopApp(onCancel(function (result) { this.tell(result); })),
    }));
    assert.deepEqual(products(raw), ['explorer_club', 'hint_pack', 'treasure_map']);
    const club = raw.find((check) => check.product === 'explorer_club')!;
    shows(club, '✗ after Cancel ACCEPTED: the skill reads out the raw purchaseResult "ACCEPTED"');
    shows(club, '✗ after Cancel DECLINED: the session ends');
    shows(club, '✗ after Cancel NOT_ENTITLED: the session ends');
    shows(club, 'user: "no"');
    const map = raw.find((check) => check.product === 'treasure_map')!;
    assert.ok(!map.evidence.some((line) => line.includes('DECLINED')), 'an entitlement has no DECLINED, not even in the fix');
    shows(map, 'alexa: "For a refund, check out the link I sent to your Alexa app."');
    assert.match(fix(map), /In ON_PURCHASE, answer every result of a Cancel/);

    const [accepted] = failures(await certifyShop('refund.result-continues', {
      app: shopApp(onCancel(function (result) {
        this.ask(result === 'ACCEPTED' ? 'Done. If there is a problem, contact us.' + NEXT : 'Okay.' + NEXT, REPROMPT);
      })),
    })).filter((check) => check.product === 'hint_pack');
    shows(accepted!, '✗ after Cancel ACCEPTED: the skill says "problem" — an error phrase');
    assert.ok(!accepted!.evidence.some((line) => line.startsWith('✗ after Cancel NOT_ENTITLED')));

    // No Cancel ever: nothing to judge, and no guessed pass.
    const never = await certifyShop('refund.result-continues', {
      app: shopApp({
        RefundIntent() { this.ask('Refunds are handled in the Alexa app.' + NEXT, REPROMPT); },
        CancelSubscriptionIntent() { this.ask('Subscriptions are handled in the Alexa app.' + NEXT, REPROMPT); },
      }),
    });
    assert.deepEqual(never.map((check) => check.status), ['skipped', 'skipped', 'skipped']);
    shows(never[0]!, 'ACCEPTED not checked');
    shows(never[0]!, 'note: Alexa\'s cancel dialog for');
  });

  it('access.follows-entitlement', async () => {
    const kept = await certifyShop('access.follows-entitlement');
    allPass(kept);
    assert.deepEqual(products(kept), ['explorer_club', 'treasure_map']);
    const keptClub = kept.find((check) => check.product === 'explorer_club')!;
    shows(keptClub, 'amazon: after the cancel, explorer_club is ENTITLED');
    shows(keptClub, 'amazon: 40 days after the cancel, explorer_club is NOT_ENTITLED');
    // Off sale now, bought before: the owner still has it (the visit gives it anyway).
    const offSale = await certifyShop('access.follows-entitlement', { project: shopProject({ products: { treasure_map: (definition) => { definition.purchasableState = 'NOT_PURCHASABLE'; } } }) });
    allPass(offSale);
    shows(offSale.find((check) => check.product === 'treasure_map')!, 'amazon: treasure_map is ENTITLED');

    // Free for everyone.
    const [free] = failures(await certifyShop('access.follows-entitlement', {
      app: shopApp({ DeepMineIntent() { this.ask(DEEP_MINE + NEXT, REPROMPT); } }),
    }));
    assert.equal(free!.product, 'treasure_map');
    shows(free!, '✗ "explore the deep mine" gets the same answer whether Treasure Map (treasure_map) is owned or not: premium content is free, or never served');
    assert.equal(free!.evidence.filter((line) => line.startsWith('✗')).length, 1, 'the root cause only');

    // Never served, not even to owners.
    const [closed] = failures(await certifyShop('access.follows-entitlement', {
      app: shopApp({ ClubStoryIntent() { this.ask('The club room is closed today.' + NEXT, REPROMPT); } }),
    }));
    assert.equal(closed!.product, 'explorer_club');
    shows(closed!, 'premium content is free, or never served');

    // Ownership remembered by the skill: a refund or a lapsed subscription is missed.
    const [cached, cachedClub] = failures(await certifyShop('access.follows-entitlement', {
      app: shopApp({
        async DeepMineIntent() {
          const data = this.user().data as { map?: boolean };
          const product = await this.isp.getProductByReferenceName('treasure_map');
          if (data.map || product?.entitled === 'ENTITLED') {
            data.map = true;
            return void this.ask(DEEP_MINE + NEXT, REPROMPT);
          }
          this.ask('The deep mine is for Treasure Map owners.' + NEXT, REPROMPT);
        },
        async ClubStoryIntent() {
          const data = this.user().data as { club?: boolean };
          const product = await this.isp.getProductByReferenceName('explorer_club');
          if (data.club || product?.entitled === 'ENTITLED') {
            data.club = true;
            return void this.ask(CLUB_STORY + NEXT, REPROMPT);
          }
          this.ask('The club story is for Explorer Club members.' + NEXT, REPROMPT);
        },
      }),
    })).sort((a, b) => a.product!.localeCompare(b.product!)).reverse();
    assert.equal(cached!.product, 'treasure_map');
    shows(cached!, '✗ after the refund Amazon says NOT_ENTITLED, but "explore the deep mine" in a new session is still served like to an owner');
    shows(cached!, 'state: Amazon refunds Treasure Map (treasure_map) (ACCEPTED)');
    assert.equal(cachedClub!.product, 'explorer_club');
    shows(cachedClub!, '✗ 40 days after the cancel the period is over and Amazon says NOT_ENTITLED, but "tell me the club story" is still served like to an owner');
    assert.match(fix(cachedClub!), /never from a flag the skill stored/);

    // Locked as soon as the user cancels: a cancelled subscription runs to its period's end.
    const [locked] = failures(await certifyShop('access.follows-entitlement', {
      app: shopApp({
        ...onCancel(function (result) {
          if (result === 'ACCEPTED') (this.user().data as { cancelled?: boolean }).cancelled = true;
          this.ask('Okay, that is taken care of.' + NEXT, REPROMPT);
        }),
        async ClubStoryIntent() {
          const product = await this.isp.getProductByReferenceName('explorer_club');
          if (product?.entitled === 'ENTITLED' && !(this.user().data as { cancelled?: boolean }).cancelled) return void this.ask(CLUB_STORY + NEXT, REPROMPT);
          this.ask('The club story is for Explorer Club members.' + NEXT, REPROMPT);
        },
      }),
    }));
    assert.equal(locked!.product, 'explorer_club');
    shows(locked!, '✗ after the cancel, explorer_club stays ENTITLED until the period ends, but "tell me the club story" in a new session is not served');
    shows(locked!, 'alexa → skill: Connections.Response Cancel ACCEPTED');

    const skipped = await certifyShop('access.follows-entitlement', { project: shopProject({ settings: (settings) => delete settings.certify.premiumUtterances }) });
    assert.deepEqual(skipped.map((check) => check.status), ['skipped', 'skipped']);
    shows(skipped.find((check) => check.product === 'treasure_map')!, 'note: ', '"certify": { "premiumUtterances": { "treasure_map": ["…"] } }');
  });

  it('free.some-content', async () => {
    const [kept] = await certifyShop('free.some-content');
    allPass([kept!]);
    shows(kept!, '✓ "explore the free mine" is served');

    const [upsell] = failures(await certifyShop('free.some-content', {
      app: shopApp({
        async FreeMineIntent() { await this.isp.upsellByReferenceName('treasure_map', 'The free mine is closed. Want to hear about the Treasure Map?'); },
      }),
    }));
    shows(upsell!, '✗ none of the free utterances ("explore the free mine") is served to a user who owns nothing');
    shows(upsell!, '· "explore the free mine" is not served: an Upsell directive for treasure_map');
    assert.match(fix(upsell!), /freeUtterances/);

    const [offer] = failures(await certifyShop('free.some-content', {
      app: shopApp({ FreeMineIntent() { this.ask('The free mine is empty. Buy the Treasure Map to dig deeper.' + NEXT, REPROMPT); } }),
    }));
    shows(offer!, '"explore the free mine" is not served: an offer: speech naming "Treasure Map" with "buy"');

    // One served request is enough; each is listed.
    const [some] = await certifyShop('free.some-content', {
      project: shopProject({ settings: (settings) => { settings.certify.freeUtterances = ['explore the deep mine', 'explore the free mine']; } }),
    });
    allPass([some!]);
    shows(some!, '· "explore the deep mine" is not served: an Upsell directive for treasure_map');
    shows(some!, '✓ "explore the free mine" is served');

    const [skipped] = await certifyShop('free.some-content', { project: shopProject({ settings: (settings) => delete settings.certify.freeUtterances }) });
    assert.equal(skipped!.status, 'skipped');
    shows(skipped!, 'note: ', '"certify": { "freeUtterances": ["…"] }');
  });
});
