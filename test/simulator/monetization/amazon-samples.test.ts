import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ALICE, HAVE_SAMPLES, SAMPLES_DIR, clientFor, sampleProducts, startEmulator, type TestEmulator } from './support';

describe('monetization emulator: Amazon’s premium-hello-world products', { skip: HAVE_SAMPLES ? false : `no samples at ${SAMPLES_DIR}` }, () => {
  let emulator: TestEmulator;
  before(async () => {
    emulator = await startEmulator({ products: sampleProducts() });
  });
  after(() => emulator.close());

  it('serves the sample catalog in English and Italian', async () => {
    const english = await clientFor(emulator, ALICE).getProducts();
    assert.deepEqual(
      english.map((p) => [p.referenceName, p.type, p.name]),
      [
        ['Goodbyes_Pack', 'CONSUMABLE', 'Goodbyes Pack'],
        ['Greetings_Pack', 'ENTITLEMENT', 'Greetings Pack'],
        ['Premium_Subscription', 'SUBSCRIPTION', 'Premium Subscription'],
      ],
    );
    const italian = await clientFor(emulator, ALICE, 'it-IT').getProductByReferenceName('Greetings_Pack');
    assert.equal(italian?.name, 'Pacchetto di saluti');
    // ja-JP has a price but no texts: names fall back to en-US
    assert.equal((await clientFor(emulator, ALICE, 'ja-JP').getProductByReferenceName('Greetings_Pack'))?.name, 'Greetings Pack');
  });

  it('offers each in its marketplace’s currency', () => {
    const premium = emulator.productIdOf('Premium_Subscription')!;
    const us = emulator.offerFor(premium, 'en-US')!;
    assert.deepEqual([us.price, us.currency, us.frequency, us.trialDays], [9.99, 'USD', 'MONTHLY', 7]);
    const jp = emulator.offerFor(premium, 'ja-JP')!;
    assert.deepEqual([jp.marketplace, jp.price, jp.currency], ['amazon.co.jp', 999, 'JPY']);
    const de = emulator.offerFor(emulator.productIdOf('Goodbyes_Pack')!, 'de-DE')!;
    assert.deepEqual([de.marketplace, de.price, de.currency, de.name], ['amazon.de', 0.99, 'EUR', 'Goodbyes Pack']);
    const es = emulator.offerFor(emulator.productIdOf('Greetings_Pack')!, 'es-US')!;
    assert.deepEqual([es.marketplace, es.currency, es.name], ['amazon.com', 'USD', 'Paquete de Bienvenidas']);
  });

  it('sells them: the subscription’s trial, the consumable’s count', async () => {
    emulator.buy(ALICE, emulator.productIdOf('Premium_Subscription')!);
    emulator.buy(ALICE, emulator.productIdOf('Goodbyes_Pack')!);
    const owned = await clientFor(emulator, ALICE).getProducts({ entitled: 'ENTITLED' });
    assert.deepEqual(owned.map((p) => [p.referenceName, p.activeEntitlementCount]), [
      ['Goodbyes_Pack', 1],
      ['Premium_Subscription', 1],
    ]);
    assert.equal(emulator.entitlements(ALICE).find((e) => e.referenceName === 'Premium_Subscription')?.subscription?.phase, 'TRIAL');
  });
});
