/** findPrice and free-trial wording: a duration without an amount is not a price (upsell.no-price). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findPrice } from '../../src/certify';

describe('certify: free-trial wording is not a price', () => {
  it('leaves trial durations alone', () => {
    for (const text of ['It is free for seven days.', 'Try it free for 7 days.', 'Start your 7-day free trial.', 'Your first 30 days are free, a month of new stories.', 'Get 14 days free, then a new cave every week.', 'Open 7 days a week.']) {
      assert.equal(findPrice(text), undefined, text);
    }
  });

  it('still finds an amount next to a trial', () => {
    for (const text of ['Free for 7 days, then $4.99 a month.', 'Free for 7 days, then 4.99 per month.', 'Seven days free, then 3 coins every month.', 'After the trial it costs five dollars.']) {
      assert.ok(findPrice(text), text);
    }
  });
});
