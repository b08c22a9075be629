import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ISP_LOCALES, PRODUCT_TYPES } from '../../src/isp/product-definition';
import { marketplacesOf, priceIn, productTemplate } from '../../src/isp/templates';
import { validateProduct } from '../../src/isp/validate-product';

const base = { referenceName: 'cave_quest', name: 'Cave Quest', price: 1.99, releaseDate: '2026-01-01' } as const;

describe('product templates', () => {
  for (const type of PRODUCT_TYPES) {
    it(`a new ${type.toLowerCase()} has no errors, and warnings only where the developer must write content`, () => {
      const definition = productTemplate({ ...base, type, locales: [...ISP_LOCALES] });
      const problems = validateProduct(definition, 'new.json');
      assert.deepEqual(problems.filter((problem) => problem.severity !== 'warning'), []);
      assert.deepEqual([...new Set(problems.map((problem) => problem.rule))], ['isp/placeholder']);
      // Per locale: two icons, privacy policy, summary, description, both prompts, the example phrase.
      assert.equal(problems.length, 8 * ISP_LOCALES.length);
      assert.equal(definition.type, type);
      assert.equal(definition.version, '1.0');
      assert.equal(definition.purchasableState, 'PURCHASABLE');
      assert.ok(definition.testingInstructions && !definition.testingInstructions.includes('TODO'));
      assert.equal('subscriptionInformation' in definition, type === 'SUBSCRIPTION');
    });
  }

  it('sells each locale in its marketplace and currency, and distributes to its country', () => {
    const definition = productTemplate({ ...base, type: 'ENTITLEMENT', locales: [...ISP_LOCALES] });
    const pricing = definition.publishingInformation.pricing!;
    assert.deepEqual(
      Object.fromEntries(Object.entries(pricing).map(([marketplace, entry]) => [marketplace, entry!.defaultPriceListing.currency])),
      { 'amazon.com': 'USD', 'amazon.co.uk': 'GBP', 'amazon.de': 'EUR', 'amazon.fr': 'EUR', 'amazon.it': 'EUR', 'amazon.es': 'EUR', 'amazon.co.jp': 'JPY' },
    );
    assert.deepEqual(definition.publishingInformation.distributionCountries, ['DE', 'ES', 'FR', 'GB', 'IT', 'JP', 'US']);
    assert.equal(pricing['amazon.co.jp']!.defaultPriceListing.price, 199);
    assert.equal(pricing['amazon.de']!.releaseDate, '2026-01-01');
    assert.deepEqual(Object.keys(definition.publishingInformation.locales), [...ISP_LOCALES]);
    assert.deepEqual(Object.keys(definition.privacyAndCompliance!.locales!), [...ISP_LOCALES]);
  });

  it('es-US and en-US share amazon.com', () => {
    assert.deepEqual(marketplacesOf(['en-US', 'es-US']), ['amazon.com']);
    const definition = productTemplate({ ...base, type: 'CONSUMABLE', locales: ['es-US', 'en-US'] });
    assert.deepEqual(Object.keys(definition.publishingInformation.pricing!), ['amazon.com']);
    assert.deepEqual(definition.publishingInformation.distributionCountries, ['US']);
  });

  it('defaults to en-US, USD, today, and a monthly subscription without a free trial', () => {
    const definition = productTemplate({ ...base, type: 'SUBSCRIPTION', releaseDate: undefined });
    assert.deepEqual(Object.keys(definition.publishingInformation.locales), ['en-US']);
    assert.deepEqual(definition.publishingInformation.pricing!['amazon.com']!.defaultPriceListing, { price: 1.99, currency: 'USD' });
    assert.equal(definition.publishingInformation.pricing!['amazon.com']!.releaseDate, new Date().toISOString().slice(0, 10));
    assert.deepEqual(definition.subscriptionInformation, { subscriptionPaymentFrequency: 'MONTHLY', subscriptionTrialPeriodDays: 0 });
    const yearly = productTemplate({ ...base, type: 'SUBSCRIPTION', frequency: 'YEARLY', trialDays: 7 });
    assert.deepEqual(yearly.subscriptionInformation, { subscriptionPaymentFrequency: 'YEARLY', subscriptionTrialPeriodDays: 7 });
    assert.match(yearly.publishingInformation.locales['en-US']!.description!, /every year/);
  });

  it('prices other currencies the way Amazon\'s samples do', () => {
    assert.equal(priceIn('USD', 0.99, 'USD'), 0.99);
    assert.equal(priceIn('EUR', 0.99, 'USD'), 0.99);
    assert.equal(priceIn('JPY', 0.99, 'GBP'), 99);
    assert.equal(priceIn('USD', 99, 'JPY'), 0.99);
    const definition = productTemplate({ ...base, type: 'ENTITLEMENT', price: 300, currency: 'JPY', locales: ['ja-JP', 'en-GB'] });
    assert.deepEqual(definition.publishingInformation.pricing!['amazon.co.uk']!.defaultPriceListing, { price: 3, currency: 'GBP' });
  });

  it('uses the name in every locale, with keywords from it and the reference name in the icon URLs', () => {
    const definition = productTemplate({ ...base, type: 'ENTITLEMENT', name: 'The Dragon\'s Lair', locales: ['en-US', 'fr-FR'] });
    const fr = definition.publishingInformation.locales['fr-FR']!;
    assert.equal(fr.name, 'The Dragon\'s Lair');
    assert.deepEqual(fr.keywords, ['the', 'dragon', 'lair']);
    assert.equal(fr.smallIconUri, 'https://example.com/cave_quest/icon-108.png');
    assert.equal('$schema' in definition, false);
  });
});
