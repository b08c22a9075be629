/**
 * Dynamic rules of consumables, locales without products, and child-directed skills
 * (isp-certification.md). How each is checked, in the simulator, for every ISP locale with
 * products and tester utterances (each visit is a fresh user; only what Alexa and Amazon see is
 * judged: speech, directives, Amazon's entitlement state — so a skill over --endpoint is checked
 * the same way):
 *
 * Consumable rules need `certify.consumables.<referenceName>` in skillshop.json (`unit`, `units`,
 * `useUtterance`, `countUtterance`, `unitsPerPurchase` = N; English locales default to "use a
 * {unit}" and "how many {units} do I have", other locales set theirs under
 * `certify.locales.<locale>.consumables`). A consumable without them is `skipped` with the JSON
 * to add; N comes from the locale's entry, else the top-level one, else the app's own isp setting (in process), else is taken as 1 (the
 * evidence says so). A balance is read from the answer's speech: the number of the sentence that
 * names the unit ("You have 2 hints"), else the speech's only number, else 0 when it says "no
 * hints" / "none" / "keine"… (a zero-word table per language); a negative number or "minus" is a
 * negative balance. Wherever a rule uses a unit while some are left, an answer with a purchase
 * directive or an error phrase is a failure too.
 *
 * - `consumable.persists`: the user owns 1 purchase (2 when N is 1: T units), uses one, leaves;
 *   in a new session "how many … do I have" must say exactly T−1. Then the skill is disabled and
 *   re-enabled (a new user id: Amazon keeps the purchases, the skill's storage under the old id is
 *   out of reach): the count must be at least T−1 (paid units are never lost) and not negative;
 *   more than T−1 passes with a note (the skill gives the used units back).
 * - `consumable.reconciles`: 2 purchases (2N units), one used (the count before is noted), then
 *   Amazon refunds one purchase: the count must be lower than before, at most N (what the purchase
 *   still standing gives) and not negative. N−1 is expected; N passes with a note (the used unit
 *   forgiven), below N−1 passes with a note. Then 1 purchase, one used,
 *   that purchase refunded: the count must be 0 (or "no {units}"), never negative.
 * - `consumable.inventory-query`: nothing bought → says 0 (or "no {units}"); 1 purchase → says N;
 *   then N−1 used → says 1 (not driven when N > 10, or the same as N when N is 1: a note says so).
 * - `consumable.empty-offers`: nothing bought, the use utterance → a valid answer without an
 *   error phrase that offers the consumable (a Buy/Upsell directive for it, or speech naming it
 *   with a purchase word); after "no" to Alexa's offer, the count says 0 (not negative, not more).
 *
 * - `locale.no-premium-without-isp` (the whole skill): every locale the skill has a model for
 *   where no product is published (with `--locale all` non-ISP locales such as en-AU too; else the
 *   selected ones) is visited: launch, help, every "what can I buy" utterance and the free
 *   utterances. No answer may carry a purchase directive, name a product (its name in any locale),
 *   say a purchase word (buy, premium, kaufen… — languages without a table skip this, with a
 *   note), or fail (invalid, silent, error phrase). Utterances the settings lack are noted as not
 *   checked. When every modelled locale sells products: one `skipped` finding.
 *
 * Kids rules run only for a child-directed skill (`manifest.isChildDirected` in skillshop.json);
 * any other skill gets one `skipped` finding.
 * - `kids.voice-purchasing-off`: with voice purchasing turned off, one visit says launch, every
 *   "what can I buy" utterance and help; one visit per product says "buy X" and X's premium
 *   utterances. No Buy or Upsell anywhere; every answer graceful (valid, spoken, no error phrase);
 *   the help answer says no purchase word.
 * - `kids.pending-approval`, per product for sale: "buy X" → yes → Alexa answers PENDING_PURCHASE:
 *   the skill's answer to it is graceful and continues (speech, reprompt). Then the next launch,
 *   "buy X" and X's premium utterances must not send another Buy/Upsell for X (the skill can see
 *   the pending request in getTransactions) and stay graceful. The parent denies → premium
 *   utterances are not served (unlike what an owner hears for them) and "buy X" gets no error
 *   phrase; the same in a fresh visit where the request expires; and in one where the parent
 *   approves, the premium content is served (a check of the path). Without premium utterances only
 *   "buy X" is checked after the decision (noted).
 */
import { CONSUMABLE_CHECKS } from './consumable-locale-kids-consumable';
import { KIDS_CHECKS } from './consumable-locale-kids-kids';
import { LOCALE_CHECKS } from './consumable-locale-kids-locale';
import type { DynamicImplementation } from './define';

export const CONSUMABLE_LOCALE_KIDS_CHECKS: Readonly<Record<string, DynamicImplementation>> = {
  ...CONSUMABLE_CHECKS,
  ...LOCALE_CHECKS,
  ...KIDS_CHECKS,
};
