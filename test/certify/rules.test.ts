/** Each static and model rule of `certify`: a project that breaks it (caught, with evidence) and one that keeps it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { certify, type Check } from '../../src/certify';
import { imageSize, type IconFetch } from '../../src/certify/icons';
import { caveQuest, cleanCaveQuest, editJson, PRODUCTS } from './helpers';

async function run(dir: string, id: string, settings: Record<string, unknown> = {}): Promise<Check[]> {
  const report = await certify({ project: dir, only: [id], ...settings });
  assert.ok(report.checks.length > 0);
  for (const check of report.checks) assert.equal(check.id, id);
  return report.checks;
}

function failing(checks: Check[], status: 'fail' | 'warn' = 'fail'): Check[] {
  const found = checks.filter((check) => check.status === status);
  assert.ok(found.length > 0, `expected a ${status}: ${JSON.stringify(checks, null, 2)}`);
  return found;
}

function allPass(checks: Check[]): void {
  assert.deepEqual(checks.filter((check) => check.status !== 'pass'), [], 'every check passes');
}

const mentions = (check: Check, ...parts: string[]) =>
  assert.ok(check.evidence.some((item) => parts.every((part) => item.includes(part))), `evidence names ${parts.join(' + ')}: ${check.evidence.join('\n')}`);

const clean = cleanCaveQuest();

describe('certify: static rules', () => {
  it('catalog.no-price-in-text', async () => {
    const dir = caveQuest();
    editJson(dir, PRODUCTS.cave_quest, (json) => { json.publishingInformation.locales['en-US'].summary = 'Ten new levels for only $1.99!'; });
    const [check] = failing(await run(dir, 'catalog.no-price-in-text'));
    assert.equal(check!.product, 'cave_quest');
    mentions(check!, PRODUCTS.cave_quest, '$.publishingInformation.locales["en-US"].summary', '$1.99');
    allPass(await run(clean, 'catalog.no-price-in-text'));
  });

  it('catalog.no-placeholders', async () => {
    const broken = failing(await run(caveQuest(), 'catalog.no-placeholders'));
    mentions(broken[0]!, '$.publishingInformation.locales["en-US"].smallIconUri', 'example.com');
    const dir = cleanCaveQuest();
    editJson(dir, PRODUCTS.hint_pack, (json) => { json.publishingInformation.locales['en-US'].description = 'TODO write this 🎉'; });
    const [check] = failing(await run(dir, 'catalog.no-placeholders'));
    assert.equal(check!.product, 'hint_pack');
    mentions(check!, PRODUCTS.hint_pack, '.description', 'TODO');
    mentions(check!, '.description', 'emoji');
    allPass(await run(clean, 'catalog.no-placeholders'));
  });

  it('catalog.testing-instructions', async () => {
    const dir = cleanCaveQuest();
    editJson(dir, PRODUCTS.cave_club, (json) => { delete json.testingInstructions; });
    const [check] = failing(await run(dir, 'catalog.testing-instructions'));
    assert.equal(check!.product, 'cave_club');
    mentions(check!, PRODUCTS.cave_club, '$.testingInstructions', 'missing');
    // Copied instructions that never name the product.
    const copied = failing(await run(caveQuest(), 'catalog.testing-instructions'));
    assert.deepEqual(copied.map((c) => c.product), ['cave_club', 'hint_pack']);
    allPass(await run(clean, 'catalog.testing-instructions'));
  });

  it('catalog.release-date (guidance: warns; skipped without a publication date)', async () => {
    const skipped = await run(clean, 'catalog.release-date');
    assert.ok(skipped.every((check) => check.status === 'skipped' && check.evidence.at(-1)!.startsWith('note: ') && check.evidence.at(-1)!.includes('publicationDate')));
    const early = cleanCaveQuest();
    editJson(early, 'skillshop.json', (json) => { json.certify = { publicationDate: '2025-12-01' }; });
    const warned = failing(await run(early, 'catalog.release-date'), 'warn');
    mentions(warned[0]!, '$.publishingInformation.pricing["amazon.com"].releaseDate', '2026-01-01', '2025-12-01');
    const missing = cleanCaveQuest();
    editJson(missing, PRODUCTS.cave_quest, (json) => { delete json.publishingInformation.pricing['amazon.com'].releaseDate; });
    editJson(missing, 'skillshop.json', (json) => { json.certify = { publicationDate: '2026-02-01' }; });
    const [none] = failing(await run(missing, 'catalog.release-date'), 'warn');
    mentions(none!, PRODUCTS.cave_quest, 'releaseDate', 'missing');
    const later = cleanCaveQuest();
    editJson(later, 'skillshop.json', (json) => { json.certify = { publicationDate: '2026-02-01' }; });
    allPass(await run(later, 'catalog.release-date'));
  });

  it('manifest.allows-purchases', async () => {
    const dir = cleanCaveQuest();
    editJson(dir, 'skillshop.json', (json) => { json.manifest.allowsPurchases = false; });
    const [check] = failing(await run(dir, 'manifest.allows-purchases'));
    mentions(check!, 'skillshop.json', '$.manifest.allowsPurchases', 'false');
    allPass(await run(clean, 'manifest.allows-purchases'));
  });

  it('manifest.allows-purchases is skipped, not passed, without a manifest', async () => {
    const dir = cleanCaveQuest();
    editJson(dir, 'skillshop.json', (json) => { delete json.manifest; });
    const [check] = await run(dir, 'manifest.allows-purchases');
    assert.equal(check!.status, 'skipped');
    assert.match(check!.evidence.at(-1)!, /^note: No manifest/);
  });

  it('manifest.description-mentions-isp', async () => {
    const [silent] = failing(await run(caveQuest(), 'manifest.description-mentions-isp'));
    assert.equal(silent!.locale, 'en-US');
    mentions(silent!, 'skillshop.json', '$.manifest.description', 'does not say');
    const dir = cleanCaveQuest();
    editJson(dir, 'skillshop.json', (json) => { json.manifest.description = 'Premium levels for $1.99. Buy now!'; });
    const [pushy] = failing(await run(dir, 'manifest.description-mentions-isp'));
    mentions(pushy!, 'price', 'call to action');
    allPass(await run(clean, 'manifest.description-mentions-isp'));
  });

  it('manifest.example-phrases-no-cta', async () => {
    const [check] = failing(await run(caveQuest(), 'manifest.example-phrases-no-cta'));
    mentions(check!, 'skillshop.json', '$.manifest.examplePhrases[1]', 'to buy cave quest');
    allPass(await run(clean, 'manifest.example-phrases-no-cta'));
  });

  it('kids.allowed-products', async () => {
    const dir = cleanCaveQuest();
    editJson(dir, 'skillshop.json', (json) => { json.manifest.isChildDirected = true; });
    editJson(dir, PRODUCTS.cave_quest, (json) => { json.publishingInformation.pricing['amazon.com'].defaultPriceListing.price = 12.99; });
    const checks = failing(await run(dir, 'kids.allowed-products'));
    assert.deepEqual(checks.map((check) => check.product), ['cave_quest', 'hint_pack']);
    mentions(checks[0]!, PRODUCTS.cave_quest, 'defaultPriceListing.price', '9.99');
    mentions(checks[1]!, PRODUCTS.hint_pack, '$.type', 'consumable');
    allPass(await run(clean, 'kids.allowed-products'));
  });
});

describe('certify: model rules', () => {
  it('model.what-can-i-buy (with one-shot)', async () => {
    const [check] = failing(await run(caveQuest(), 'model.what-can-i-buy'));
    assert.equal(check!.locale, 'en-US');
    mentions(check!, 'models/en-US.json', '"tell me what I can buy"', 'AMAZON.FallbackIntent');
    mentions(check!, '"ask cave quest what can I buy"', '[one-shot]');
    allPass(await run(clean, 'model.what-can-i-buy'));
  });

  it('model.what-did-i-buy', async () => {
    const [check] = failing(await run(caveQuest(), 'model.what-did-i-buy'));
    mentions(check!, 'models/en-US.json', '"what did I buy"', 'AMAZON.FallbackIntent');
    allPass(await run(clean, 'model.what-did-i-buy'));
  });

  it('model.tell-me-about', async () => {
    const checks = failing(await run(caveQuest(), 'model.tell-me-about'));
    assert.deepEqual(checks.map((check) => check.product), ['cave_club', 'cave_quest', 'hint_pack']);
    mentions(checks[1]!, '"tell me more about cave quest"');
    allPass(await run(clean, 'model.tell-me-about'));
  });

  it('model.buy-each (names and synonyms)', async () => {
    const [check] = failing(await run(caveQuest(), 'model.buy-each'));
    assert.equal(check!.product, 'hint_pack');
    mentions(check!, '"buy hints"', 'BuyHintsIntent');
    const checks = await run(clean, 'model.buy-each');
    allPass(checks);
    mentions(checks.find((c) => c.product === 'cave_club')!, '"buy membership"', '→ cave_club');
  });

  it('model.refund-each', async () => {
    const dir = cleanCaveQuest();
    editJson(dir, 'models/en-US.json', (json) => {
      json.intents = json.intents.filter((intent: { name: string }) => intent.name !== 'RefundSkillItemIntent');
    });
    const checks = failing(await run(dir, 'model.refund-each'));
    assert.ok(checks.some((check) => check.product === 'cave_quest'));
    mentions(checks.find((check) => check.product === 'cave_quest')!, '"refund cave quest"');
    mentions(checks.find((check) => check.product === undefined)!, '"cancel my subscription"');
    allPass(await run(clean, 'model.refund-each'));
  });

  it('model.cancel-stop-exit', async () => {
    const dir = cleanCaveQuest();
    editJson(dir, 'models/en-US.json', (json) => {
      json.intents.find((intent: { name: string }) => intent.name === 'RefundSkillItemIntent').phrases.push('cancel');
    });
    const [check] = failing(await run(dir, 'model.cancel-stop-exit'));
    mentions(check!, '"cancel"', 'RefundSkillItemIntent', 'expected AMAZON.CancelIntent');
    allPass(await run(clean, 'model.cancel-stop-exit'));
  });

  it('locales without tester utterances are skipped with a note', async () => {
    const dir = cleanCaveQuest();
    editJson(dir, 'models/en-US.json', () => undefined);
    const report = await certify({ project: dir, only: ['model.'], locale: 'de-DE' });
    assert.ok(report.checks.every((check) => check.status === 'skipped' && check.evidence.at(-1)!.startsWith('note: ')));
  });
});

describe('certify: the opt-in icon check (--check-icons)', () => {
  const png = (width: number, height: number) => {
    const bytes = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
    bytes.writeUInt32BE(13, 8);
    bytes.write('IHDR', 12, 'latin1');
    bytes.writeUInt32BE(width, 16);
    bytes.writeUInt32BE(height, 20);
    return bytes;
  };
  const jpeg = (width: number, height: number) => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

  it('reads PNG and JPEG sizes', () => {
    assert.deepEqual(imageSize(png(108, 108)), { type: 'png', width: 108, height: 108 });
    assert.deepEqual(imageSize(jpeg(512, 512)), { type: 'jpeg', width: 512, height: 512 });
    assert.equal(imageSize(Buffer.from('<html>')), undefined);
  });

  it('fetches every icon: right size passes; wrong size, not an image, 404 and no network fail with the URL', async () => {
    const fetched: string[] = [];
    const good: IconFetch = async (url) => {
      fetched.push(url);
      return new Response(url.endsWith('-108.png') ? png(108, 108) : jpeg(512, 512), { status: 200 });
    };
    allPass(await certify({ project: clean, only: ['catalog.no-placeholders'], checkIcons: good }).then((report) => report.checks));
    assert.equal(fetched.length, 6, fetched.join('\n'));
    const bad: IconFetch = async (url) => {
      if (url.includes('cave_club-108')) return new Response(png(100, 100), { status: 200 });
      if (url.includes('cave_club-512')) return new Response('<html>nope</html>', { status: 200, headers: { 'content-type': 'text/html' } });
      if (url.includes('hint_pack-108')) return new Response('', { status: 404 });
      if (url.includes('hint_pack-512')) throw new Error('getaddrinfo ENOTFOUND');
      return good(url, { signal: AbortSignal.timeout(1), headers: {} });
    };
    const checks = (await certify({ project: clean, only: ['catalog.no-placeholders'], checkIcons: bad })).checks;
    const club = checks.find((check) => check.product === 'cave_club')!;
    assert.equal(club.status, 'fail');
    mentions(club, 'smallIconUri', 'is 100×100; smallIconUri is 108×108');
    mentions(club, 'largeIconUri', 'not a PNG or JPEG image (content-type text/html)');
    const hints = checks.find((check) => check.product === 'hint_pack')!;
    mentions(hints, 'answers HTTP 404');
    mentions(hints, 'could not be fetched (getaddrinfo ENOTFOUND)');
    assert.equal(checks.find((check) => check.product === 'cave_quest')!.status, 'pass');
  });
});
