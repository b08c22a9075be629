import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSkillshopError } from '../../../src/errors';
import { ALICE, BOB, START, clientFor, daysAfterStart, startEmulator } from './support';

describe('monetization emulator: state in a SQLite file', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'skillshop-monetization-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps purchases, subscriptions and the log across close and reopen', async () => {
    const dbPath = join(dir, 'nested', 'monetization.db');
    const first = await startEmulator({ dbPath });
    const quest = first.productIdOf('cave_quest')!;
    const club = first.productIdOf('explorers_club')!;
    const hints = first.productIdOf('hint_pack')!;
    first.buy(ALICE, quest);
    first.buy(ALICE, club);
    first.buy(ALICE, hints);
    first.buy(ALICE, hints);
    first.buy(BOB, hints);
    await first.close();
    await first.close(); // closing twice is harmless

    const second = await startEmulator({ dbPath });
    try {
      const products = await clientFor(second, ALICE).getProducts();
      assert.deepEqual(
        products.map((p) => [p.referenceName, p.entitled, p.activeEntitlementCount]),
        [
          ['cave_quest', 'ENTITLED', 1],
          ['explorers_club', 'ENTITLED', 1],
          ['hint_pack', 'ENTITLED', 2],
        ],
      );
      assert.equal(second.buy(ALICE, quest), 'ALREADY_PURCHASED');
      assert.equal(second.history(ALICE).length, 5);
      assert.equal(second.history(ALICE)[0]?.at, START);
      second.clock.set(daysAfterStart(3));
      assert.equal(second.entitlements(ALICE).find((e) => e.referenceName === 'explorers_club')?.subscription?.phase, 'TRIAL');
      second.reset();
    } finally {
      await second.close();
    }
    const third = await startEmulator({ dbPath });
    try {
      assert.equal(third.entitlements(BOB).find((e) => e.referenceName === 'hint_pack')?.activeEntitlementCount, 0, 'the reset stuck');
    } finally {
      await third.close();
    }
  });

  it('keeps nothing with :memory: (the default)', async () => {
    const first = await startEmulator();
    first.buy(ALICE, first.productIdOf('cave_quest')!);
    await first.close();
    const second = await startEmulator();
    try {
      assert.equal(second.entitlements(ALICE)[0]?.entitled, false);
    } finally {
      await second.close();
    }
  });

  it('refuses a file that is not a database, naming it and the dbPath setting', async () => {
    const dbPath = join(dir, 'not-a-db.db');
    writeFileSync(dbPath, 'this is not SQLite, just text that is long enough to be read as a header '.repeat(10));
    await assert.rejects(startEmulator({ dbPath }), (error) => {
      assert.ok(isSkillshopError(error, 'STORAGE_UNAVAILABLE'));
      assert.match(error.message, /not-a-db\.db/);
      assert.equal(error.details.setting, 'dbPath');
      return true;
    });
  });
});
