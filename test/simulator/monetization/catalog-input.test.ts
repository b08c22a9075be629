import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog, productFile } from '../../../src/isp/catalog';
import { ALICE, caveQuestDefinition, clientFor, explorersClubDefinition, hintPackDefinition, startEmulator } from './support';

describe('monetization emulator: fed by loadCatalog', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'skillshop-catalog-'));
    for (const definition of [caveQuestDefinition, explorersClubDefinition, hintPackDefinition]) {
      const file = join(dir, productFile(definition.type as 'ENTITLEMENT', definition.referenceName));
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, JSON.stringify(definition, null, 2));
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the catalog’s products as they are (they type-check as emulator input)', async () => {
    const { products } = loadCatalog(dir);
    assert.deepEqual(products.map((p) => p.referenceName), ['cave_quest', 'explorers_club', 'hint_pack']);
    const emulator = await startEmulator({ products });
    try {
      const served = await clientFor(emulator, ALICE, 'fr-FR').getProducts();
      assert.deepEqual(served.map((p) => [p.referenceName, p.type, p.name]), [
        ['cave_quest', 'ENTITLEMENT', 'La Quête de la Grotte'],
        ['explorers_club', 'SUBSCRIPTION', 'Club des Explorateurs'],
        ['hint_pack', 'CONSUMABLE', 'Pack d’Indices'],
      ]);
      assert.equal(emulator.offerFor(emulator.productIdOf('explorers_club')!, 'en-US')?.trialDays, 7);
    } finally {
      await emulator.close();
    }
  });
});
