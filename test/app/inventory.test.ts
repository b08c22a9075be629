/**
 * Consumable inventory: `inSkillPurchase().getInventory()` and `consume()` against the fake
 * Monetization service and a MemoryStore. Amazon counts purchases (activeEntitlementCount), the
 * store counts use; refunds follow `isp.refundPolicy`.
 */
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../src/app/app';
import type { AppConfig } from '../../src/app/config';
import type { HandlerMap } from '../../src/app/handlers';
import type { InSkillProduct } from '../../src/isp/product';
import { InsufficientInventoryError, type Inventory } from '../../src/isp/inventory';
import { isSkillshopError } from '../../src/errors';
import { silentLogger } from '../../src/logger';
import { MemoryStore } from '../../src/storage/memory-store';
import { intentRequest, USER_ID } from '../helpers/requests';
import { product, productIdFor, startFakeMonetization, type FakeMonetization } from '../helpers/fake-monetization';
import { assertCode, recordingLogger, thrownBy } from './support';

const GOLD_ID = productIdFor('gold_coins');
const coins = (activeEntitlementCount: number): InSkillProduct =>
  product({ referenceName: 'gold_coins', type: 'CONSUMABLE', entitled: activeEntitlementCount > 0 ? 'ENTITLED' : 'NOT_ENTITLED', purchasable: 'PURCHASABLE', activeEntitlementCount });
const caveQuest = product({ referenceName: 'cave_quest', entitled: 'ENTITLED' });

let fake: FakeMonetization;
let app: App | undefined;
let store: MemoryStore;

before(async () => {
  fake = await startFakeMonetization();
});
after(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.setProducts([coins(3), caveQuest]);
  fake.fail(undefined);
  store = new MemoryStore();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** An app on `store` whose ON_ERROR says the error's code, and which records errors. */
function shop(handlers: HandlerMap, config: AppConfig = {}): { app: App; errors: unknown[] } {
  const errors: unknown[] = [];
  app = new App({ storage: store, logger: silentLogger, handlerTimeoutMs: 1000, isp: { consumables: { gold_coins: { unitsPerPurchase: 100 } } }, ...config })
    .setHandler({
      ...handlers,
      ON_ERROR(error: unknown) {
        errors.push(error);
        this.tell(`Error ${(error as { code?: string }).code ?? (error as Error).message}`);
      },
    });
  return { app, errors };
}

const ask = (intent: string, requestId?: string) =>
  intentRequest(intent, {}, { apiEndpoint: fake.url, ...(requestId ? { requestId } : {}) });

function speech(response: { response: { outputSpeech?: { ssml?: string } } }): string {
  return (response.response.outputSpeech?.ssml ?? '').replace(/<[^>]+>/g, '');
}

const describeInventory = (inventory: Inventory) => `${inventory.purchased}/${inventory.used}/${inventory.available}`;

/** Intents: Inventory (getInventory), Use<n> (consume n), each answering with purchased/used/available. */
const inventoryHandlers = (referenceName = 'gold_coins'): HandlerMap => ({
  async Inventory() {
    this.tell(describeInventory(await this.alexaSkill().inSkillPurchase().getInventory(referenceName)));
  },
  async Use() {
    this.tell(describeInventory(await this.isp.consume(referenceName)));
  },
  async Use50() {
    try {
      this.tell(describeInventory(await this.isp.consume(referenceName, 50)));
    } catch (error) {
      if (!(error instanceof InsufficientInventoryError)) throw error;
      this.tell(`Not enough: ${describeInventory(error.inventory)} asked ${error.requested}`);
    }
  },
});

describe('inventory: getInventory', () => {
  it('purchased is activeEntitlementCount × unitsPerPurchase; used comes from storage', async () => {
    shop(inventoryHandlers());
    assert.equal(speech(await app!.handle(ask('Inventory'))), '300/0/300');
    await store.consume({ userId: USER_ID, referenceName: 'gold_coins', count: 120, limit: 300, requestId: 'earlier' });
    assert.equal(speech(await app!.handle(ask('Inventory'))), '300/120/180');
  });

  it('a consumable not configured gives 1 unit per purchase', async () => {
    shop(inventoryHandlers(), { isp: {} });
    assert.equal(speech(await app!.handle(ask('Inventory'))), '3/0/3');
  });

  it('resolves referenceName and productId too', async () => {
    let seen: Inventory | undefined;
    shop({ async Inventory() { seen = await this.isp.getInventory('gold_coins'); this.tell('ok'); } });
    await app!.handle(ask('Inventory'));
    assert.deepEqual(seen, { referenceName: 'gold_coins', productId: GOLD_ID, purchased: 300, used: 0, available: 300 });
  });

  it('an unknown product fails with SKILLSHOP_PRODUCT_NOT_FOUND', async () => {
    const { errors } = shop(inventoryHandlers('silver_coins'));
    assert.equal(speech(await app!.handle(ask('Inventory'))), 'Error SKILLSHOP_PRODUCT_NOT_FOUND');
    assertCode(errors[0], 'SKILLSHOP_PRODUCT_NOT_FOUND', /silver_coins.*known: gold_coins, cave_quest/);
  });

  it('an entitlement fails with SKILLSHOP_NOT_A_CONSUMABLE, for getInventory and consume', async () => {
    const { errors } = shop(inventoryHandlers('cave_quest'));
    assert.equal(speech(await app!.handle(ask('Inventory'))), 'Error SKILLSHOP_NOT_A_CONSUMABLE');
    assertCode(errors[0], 'SKILLSHOP_NOT_A_CONSUMABLE', /cave_quest is an ENTITLEMENT, not a CONSUMABLE.*isEntitled/);
    assert.equal(speech(await app!.handle(ask('Use'))), 'Error SKILLSHOP_NOT_A_CONSUMABLE');
    assert.equal(await app!.storage.usage(USER_ID, 'cave_quest'), 0);
  });

  it('an unreadable activeEntitlementCount fails and changes nothing', async () => {
    fake.setProducts([{ ...coins(3), activeEntitlementCount: 'lots' as unknown as number }]);
    await store.consume({ userId: USER_ID, referenceName: 'gold_coins', count: 7, limit: 300, requestId: 'earlier' });
    const { errors } = shop(inventoryHandlers());
    assert.equal(speech(await app!.handle(ask('Use'))), 'Error SKILLSHOP_MONETIZATION_BAD_RESPONSE');
    assertCode(errors[0], 'SKILLSHOP_MONETIZATION_BAD_RESPONSE', /activeEntitlementCount of "lots"/);
    assert.deepEqual(await store.getUsage(USER_ID, 'gold_coins'), { used: 7, version: 1 });
  });

  it('a Monetization failure reaches ON_ERROR and writes nothing', async () => {
    fake.fail(500);
    const { errors } = shop(inventoryHandlers());
    assert.equal(speech(await app!.handle(ask('Use'))), 'Error SKILLSHOP_MONETIZATION_HTTP');
    assert.equal(errors.length, 1);
    assert.equal(await app!.storage.usage(USER_ID, 'gold_coins'), 0);
  });
});

describe('inventory: consume', () => {
  it('uses one unit by default and resolves the inventory after it', async () => {
    shop(inventoryHandlers());
    assert.equal(speech(await app!.handle(ask('Use'))), '300/1/299');
    assert.equal(speech(await app!.handle(ask('Use'))), '300/2/298');
    assert.equal(await app!.storage.usage(USER_ID, 'gold_coins'), 2);
  });

  it('not enough left: an InsufficientInventoryError carrying the inventory, and nothing written', async () => {
    fake.setProducts([coins(1)]);
    shop(inventoryHandlers(), { isp: { consumables: { gold_coins: { unitsPerPurchase: 60 } } } });
    assert.equal(speech(await app!.handle(ask('Use50'))), '60/50/10');
    assert.equal(speech(await app!.handle(ask('Use50'))), 'Not enough: 60/50/10 asked 50');
    assert.deepEqual(await store.getUsage(USER_ID, 'gold_coins'), { used: 50, version: 1 });
  });

  it('the error is a SkillshopError with a stable code and an actionable message', async () => {
    fake.setProducts([coins(0)]);
    const { errors } = shop({ async Use() { await this.isp.consume('gold_coins', 2); } });
    assert.equal(speech(await app!.handle(ask('Use'))), 'Error SKILLSHOP_INSUFFICIENT_INVENTORY');
    const error = errors[0];
    assert.ok(error instanceof InsufficientInventoryError);
    assert.ok(isSkillshopError(error, 'INSUFFICIENT_INVENTORY'));
    assert.equal(error.name, 'InsufficientInventoryError');
    assert.deepEqual(error.inventory, { referenceName: 'gold_coins', productId: GOLD_ID, purchased: 0, used: 0, available: 0 });
    assert.equal(error.requested, 2);
    assert.match(error.message, /Cannot use 2 of gold_coins: 0 left \(0 bought, 0 used\)\. Nothing was used/);
    assert.deepEqual(error.toJSON().details, { referenceName: 'gold_coins', productId: GOLD_ID, purchased: 0, used: 0, available: 0, requested: 2 });
  });

  it('exactly the limit succeeds; one more does not', async () => {
    fake.setProducts([coins(1)]);
    shop(inventoryHandlers(), { isp: { consumables: { gold_coins: { unitsPerPurchase: 100 } } } });
    assert.equal(speech(await app!.handle(ask('Use50'))), '100/50/50');
    assert.equal(speech(await app!.handle(ask('Use50'))), '100/100/0');
    assert.equal(speech(await app!.handle(ask('Use'))), 'Error SKILLSHOP_INSUFFICIENT_INVENTORY');
    assert.equal(await app!.storage.usage(USER_ID, 'gold_coins'), 100);
  });

  it('the same request delivered twice consumes once and answers the same', async () => {
    shop(inventoryHandlers());
    const first = await app!.handle(ask('Use50', 'amzn1.echo-api.request.use-once'));
    const again = await app!.handle(ask('Use50', 'amzn1.echo-api.request.use-once'));
    assert.equal(speech(first), '300/50/250');
    assert.deepEqual(again, first);
    assert.equal(await app!.storage.usage(USER_ID, 'gold_coins'), 50);
    assert.equal(speech(await app!.handle(ask('Use50'))), '300/100/200');
  });

  it('two uses of one product in one request both count, and a redelivery counts neither again', async () => {
    shop({
      async Twice() {
        await this.isp.consume('gold_coins');
        this.tell(describeInventory(await this.isp.consume('gold_coins', 2)));
      },
    });
    const first = await app!.handle(ask('Twice', 'amzn1.echo-api.request.twice'));
    assert.equal(speech(first), '300/3/297');
    assert.deepEqual(await app!.handle(ask('Twice', 'amzn1.echo-api.request.twice')), first);
    assert.equal(await app!.storage.usage(USER_ID, 'gold_coins'), 3);
  });

  it('racing requests never use more than was bought', async () => {
    fake.setProducts([coins(1)]);
    shop(inventoryHandlers(), { isp: { consumables: { gold_coins: { unitsPerPurchase: 7 } } } });
    const answers = await Promise.all(Array.from({ length: 12 }, () => app!.handle(ask('Use'))));
    const used = answers.map(speech).filter((text) => !text.startsWith('Error'));
    assert.equal(used.length, 7);
    assert.equal(answers.map(speech).filter((text) => text === 'Error SKILLSHOP_INSUFFICIENT_INVENTORY').length, 5);
    assert.equal(await app!.storage.usage(USER_ID, 'gold_coins'), 7);
  });

  it('refuses a count that is not a whole number of at least 1, writing nothing', async () => {
    for (const count of [0, -1, 1.5, Number.NaN, '2']) {
      const { errors } = shop({ async Use() { await this.isp.consume('gold_coins', count as number); } });
      assert.match(speech(await app!.handle(ask('Use'))), /^Error consume\(referenceName, count\): count must be a whole number of at least 1/);
      assert.ok(errors[0] instanceof TypeError);
      await app!.close();
    }
    assert.equal(await store.getUsage(USER_ID, 'gold_coins').then((u) => u.used), 0);
  });
});

describe('inventory: Node-style callbacks, as the seed writes lookups', () => {
  it('getInventory(referenceName, callback)', async () => {
    shop({
      Inventory() {
        this.alexaSkill().inSkillPurchase().getInventory('gold_coins', (error, inventory) => {
          this.tell(error ? `failed ${error.message}` : describeInventory(inventory!));
        });
      },
    });
    assert.equal(speech(await app!.handle(ask('Inventory'))), '300/0/300');
  });

  it('consume(referenceName, callback) and consume(referenceName, count, callback)', async () => {
    shop({
      Use() {
        this.alexaSkill().inSkillPurchase().consume('gold_coins', (error, inventory) => {
          this.tell(error ? `failed ${error.message}` : describeInventory(inventory!));
        });
      },
      Use50() {
        this.alexaSkill().inSkillPurchase().consume('gold_coins', 250, (error, inventory) => {
          if (error instanceof InsufficientInventoryError) return this.tell(`not enough, ${error.inventory.available} left`);
          this.tell(describeInventory(inventory!));
        });
      },
    });
    assert.equal(speech(await app!.handle(ask('Use'))), '300/1/299');
    assert.equal(speech(await app!.handle(ask('Use50'))), '300/251/49');
    assert.equal(speech(await app!.handle(ask('Use50'))), 'not enough, 49 left');
  });

  it('a callback that ignores its error and then fails reaches ON_ERROR with the real cause', async () => {
    fake.setProducts([coins(0)]);
    const { errors } = shop({
      Use() {
        this.alexaSkill().inSkillPurchase().consume('gold_coins', (_error, inventory) => {
          this.tell(`You have ${inventory!.available} left.`);
        });
      },
    });
    assert.equal(speech(await app!.handle(ask('Use'))), 'Error SKILLSHOP_HANDLER_FAILED');
    assertCode(errors[0], 'SKILLSHOP_HANDLER_FAILED', /given an error it did not handle \(Cannot use 1 of gold_coins/);
    assert.ok(errors[0] instanceof Error && errors[0].cause instanceof InsufficientInventoryError);
  });
});

describe('inventory: refunds and test resets (Amazon count below what was used)', () => {
  async function useThenRefund(policy: 'clamp' | 'reset' | undefined, standing: number): Promise<string> {
    fake.setProducts([coins(2)]);
    const logger = recordingLogger();
    shop(inventoryHandlers(), { logger, isp: { consumables: { gold_coins: { unitsPerPurchase: 5 } }, ...(policy ? { refundPolicy: policy } : {}) } });
    await store.consume({ userId: USER_ID, referenceName: 'gold_coins', count: 7, limit: 10, requestId: 'earlier' });
    fake.setProducts([coins(standing)]);
    const answer = speech(await app!.handle(ask('Inventory')));
    if (standing * 5 < 7) assert.ok(logger.lines.some((line) => line.level === 'info' && /refunded or reset/.test(line.message)));
    return answer;
  }

  it('clamp (the default): used falls to what was bought, nothing is left', async () => {
    assert.equal(await useThenRefund(undefined, 1), '5/5/0');
    assert.equal(await app!.storage.usage(USER_ID, 'gold_coins'), 5);
    // A new purchase gives its units again.
    fake.setProducts([coins(2)]);
    assert.equal(speech(await app!.handle(ask('Use'))), '10/6/4');
  });

  it('clamp after a test reset (count 0): used is 0, and so is available', async () => {
    assert.equal(await useThenRefund('clamp', 0), '0/0/0');
    fake.setProducts([coins(1)]);
    assert.equal(speech(await app!.handle(ask('Inventory'))), '5/0/5');
  });

  it('reset: used goes back to 0, the standing purchase is whole again', async () => {
    assert.equal(await useThenRefund('reset', 1), '5/0/5');
    assert.equal(await app!.storage.usage(USER_ID, 'gold_coins'), 0);
  });

  it('a count still above used changes nothing, whatever the policy', async () => {
    assert.equal(await useThenRefund('reset', 2), '10/7/3');
  });

  it('consume applies the policy before it uses', async () => {
    fake.setProducts([coins(2)]);
    shop(inventoryHandlers(), { isp: { consumables: { gold_coins: { unitsPerPurchase: 5 } }, refundPolicy: 'reset' } });
    await store.consume({ userId: USER_ID, referenceName: 'gold_coins', count: 9, limit: 10, requestId: 'earlier' });
    fake.setProducts([coins(1)]);
    assert.equal(speech(await app!.handle(ask('Use'))), '5/1/4');
  });

  it('the adjustment is conditional: a use racing it is not overwritten', async () => {
    // setUsage loses once: another request used a unit between the read and the write.
    class RacingStore extends MemoryStore {
      raced = false;
      override async setUsage(userId: string, referenceName: string, used: number, expectedUsed: number): Promise<boolean> {
        if (!this.raced) {
          this.raced = true;
          await this.consume({ userId, referenceName, count: 1, limit: 100, requestId: 'racer' });
        }
        return super.setUsage(userId, referenceName, used, expectedUsed);
      }
    }
    store = new RacingStore();
    fake.setProducts([coins(2)]);
    shop(inventoryHandlers(), { isp: { consumables: { gold_coins: { unitsPerPurchase: 5 } } } });
    await store.consume({ userId: USER_ID, referenceName: 'gold_coins', count: 7, limit: 10, requestId: 'earlier' });
    fake.setProducts([coins(1)]);
    assert.equal(speech(await app!.handle(ask('Inventory'))), '5/5/0');
    assert.equal((store as RacingStore).raced, true);
    // earlier use (1), the racer's use (2), then the adjustment, judged again on 8 used (3).
    assert.deepEqual(await store.getUsage(USER_ID, 'gold_coins'), { used: 5, version: 3 });
  });
});

describe('inventory: configuration, checked at construction', () => {
  const invalid: Array<[string, unknown, RegExp]> = [
    ['isp not an object', 'yes', /isp must be an object/],
    ['an unknown isp option', { refundPolicies: 'clamp' }, /unknown option isp\.refundPolicies/],
    ['an unknown refund policy', { refundPolicy: 'forgive' }, /isp\.refundPolicy must be "clamp" or "reset", got "forgive"/],
    ['consumables not an object', { consumables: ['gold_coins'] }, /isp\.consumables must map reference names/],
    ['an entry not an object', { consumables: { gold_coins: 100 } }, /isp\.consumables\.gold_coins must be an object/],
    ['an unknown entry option', { consumables: { gold_coins: { units: 100 } } }, /unknown option isp\.consumables\.gold_coins\.units/],
    ['zero units', { consumables: { gold_coins: { unitsPerPurchase: 0 } } }, /gold_coins\.unitsPerPurchase must be a whole number of at least 1.*got 0/],
    ['fractional units', { consumables: { gold_coins: { unitsPerPurchase: 2.5 } } }, /got 2\.5/],
    ['units as a string', { consumables: { gold_coins: { unitsPerPurchase: '100' } } }, /got "100"/],
  ];
  for (const [label, isp, message] of invalid) {
    it(`refuses ${label} with SKILLSHOP_CONFIG_INVALID`, () => {
      assertCode(thrownBy(() => new App({ isp: isp as AppConfig['isp'] })), 'SKILLSHOP_CONFIG_INVALID', message);
    });
  }

  it('defaults: clamp, 1 unit per purchase', () => {
    const { isp } = new App().settings;
    assert.equal(isp.refundPolicy, 'clamp');
    assert.equal(isp.unitsPerPurchase.size, 0);
  });

  it('keeps the units per consumable', () => {
    const { isp } = new App({ isp: { consumables: { gold_coins: { unitsPerPurchase: 100 }, hint_pack: {} }, refundPolicy: 'reset' } }).settings;
    assert.deepEqual([...isp.unitsPerPurchase], [['gold_coins', 100], ['hint_pack', 1]]);
    assert.equal(isp.refundPolicy, 'reset');
  });
});
