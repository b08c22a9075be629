/**
 * The dynamic rules: driving the skill through every purchase path in the simulator (one visit per
 * locale × product × user state × outcome of Alexa's dialog). The table is the report order of
 * isp-certification.md; each group file implements its rules' checks.
 */
import type { Rule } from '../../types';
import { forEachLocale, type DynamicImplementation } from './define';
import { DISCOVER_BUY_CHECKS } from './discover-buy';
import { UPSELL_CHECKS } from './upsell';
import { RESULT_CHECKS } from './results';
import { REFUND_ACCESS_CHECKS } from './refund-access';
import { CONSUMABLE_LOCALE_KIDS_CHECKS } from './consumable-locale-kids';

const CHECKS: Readonly<Record<string, DynamicImplementation>> = {
  ...DISCOVER_BUY_CHECKS,
  ...UPSELL_CHECKS,
  ...RESULT_CHECKS,
  ...REFUND_ACCESS_CHECKS,
  ...CONSUMABLE_LOCALE_KIDS_CHECKS,
};

const DYNAMIC: readonly [id: string, title: string, source: string, guidance?: boolean][] = [
  ['discover.lists-purchasable', '"What can I buy" names or upsells only purchasable products the user does not own', 'Amazon fact sample; litexa docs'],
  ['discover.nothing-left', 'With everything owned (or no products), a graceful answer, no directive, session continues', 'Amazon fact sample'],
  ['history.lists-owned', '"What did I buy" names owned entitlements, subscriptions and the consumable balance', 'premium checklist item 2'],
  ['buy.direct', '"Buy X" answers exactly one Buy directive for X, not Upsell', 'voice-search blog'],
  ['buy.owned-no-error', '"Buy X" when owned: no error phrase, says it is owned and continues', 'certification feedback (fact-in-skill-purchases #16)'],
  ['buy.unknown-product', '"Buy {unknown}" gets a helpful answer and a reprompt, no directive for a wrong product', 'Amazon fact sample'],
  ['buy.not-purchasable', 'A NOT_PURCHASABLE product is never offered, upsold or bought', 'ISP display-device certification tips'],
  ['buy.consumable-again', 'A consumable can be bought again while some are left', 'ISP FAQ'],
  ['upsell.no-price', 'No price in upsellMessage or any speech', 'design course module 5; design blog part 4; premium checklist item 5'],
  ['upsell.yes-no-question', 'upsellMessage ends in a yes/no question inviting to learn more', 'premium checklist item 3'],
  ['upsell.differs-from-prompt', 'upsellMessage is not (nearly) the product\'s purchasePromptDescription', 'ISP certification tips (forum article)'],
  ['upsell.not-owned', 'Never an Upsell for a product the user owns', 'Amazon kids sample; shopping test list'],
  ['upsell.not-again-after-decline', 'After DECLINED, the same product is not upsold again in that session', 'shopping test list; design course module 3', true],
  ['upsell.frequency', 'At most one upsell per session by default, never on consecutive turns', 'design course module 3', true],
  ['result.accepted-continues', 'After ACCEPTED: speech, no error phrase, premium content served, session continues', 'premium checklist item 7'],
  ['result.declined-continues', 'After DECLINED: free experience resumes, no immediate re-offer', 'premium checklist item 7; "understanding the ISP experience" blog'],
  ['result.already-purchased-no-error', 'After ALREADY_PURCHASED: no error phrase, owned content offered', 'fact-in-skill-purchases #16'],
  ['result.error-graceful', 'ERROR result or non-200 status: valid response, speech, offers to continue', 'design course module 5'],
  ['result.unknown-graceful', 'An unknown purchaseResult: valid response, no error phrase', 'Amazon fact sample'],
  ['result.never-silent', 'Every answer to a Connections.Response has speech, and a reprompt when the session stays open', 'premium checklist item 7; general certification feedback'],
  ['result.resumes-context', 'The answer picks up where the user was before the purchase', 'litexa docs; Amazon name-the-show sample', true],
  ['result.no-result-ever', 'When no result comes back, the next launch is not stuck', 'ASK SDK issue #667'],
  ['refund.cancel-directive', '"Refund X" / "cancel X" answers one Cancel directive for X', 'certification tips, tip 2; Amazon samples'],
  ['refund.subscription-default', '"Cancel my subscription" without a name targets the subscription product', 'Amazon fact sample'],
  ['refund.not-owned-graceful', 'Refund of something not owned: graceful speech, or Cancel then NOT_ENTITLED handled', 'litexa docs; Amazon fact sample'],
  ['refund.result-continues', 'Cancel ACCEPTED / DECLINED / NOT_ENTITLED: speech, no error phrase, session continues', 'Amazon consumable sample'],
  ['access.follows-entitlement', 'Premium content is served exactly when Amazon says ENTITLED', 'Amazon ISP skill component; add-isps-to-a-skill'],
  ['free.some-content', 'With no purchases, at least one content request is served without an offer', 'design course module 2'],
  ['consumable.persists', 'The balance survives a new session and a disable/re-enable of the skill', 'add-isps-to-a-skill; ISP test guide'],
  ['consumable.reconciles', 'A refund lowers the balance, never below zero', 'Amazon name-the-show sample'],
  ['consumable.inventory-query', '"How many … do I have" answers the right number at 0, 1 and N', 'ISP test guide scenarios'],
  ['consumable.empty-offers', 'Using one at zero balance offers to buy, never errors, never goes negative', 'Amazon name-the-show sample'],
  ['locale.no-premium-without-isp', 'In a locale without products: no premium talk, no purchase directive', 'certification tips, tip 1'],
  ['kids.voice-purchasing-off', 'Voice purchasing off: no Buy/Upsell anywhere, graceful answers, Help does not advertise buying', 'kid-skills page; Amazon kids sample'],
  ['kids.pending-approval', 'A purchase pending a parent\'s approval: no second Buy/Upsell, the child hears it is waiting', 'kid-skills page; Amazon kids sample; ask-sdk-model transaction statuses'],
];

const unknown = Object.keys(CHECKS).filter((id) => !DYNAMIC.some(([listed]) => listed === id));
if (unknown.length > 0) throw new Error(`certify: checks for rules that are not in the table: ${unknown.join(', ')}`);

export const DYNAMIC_RULES: readonly Rule[] = DYNAMIC.map(([id, title, source, guidance]) => {
  const check = CHECKS[id];
  // A rule in the table without its check is a mistake in this package, caught when it loads.
  if (check === undefined) throw new Error(`certify: the dynamic rule ${id} has no check`);
  return {
    id, title, source, kind: 'dynamic' as const,
    ...(guidance ? { guidance } : {}),
    run: (context) => 'wholeSkill' in check ? check.wholeSkill(context) : forEachLocale(context, check.perLocale, check),
  };
});
