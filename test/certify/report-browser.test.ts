/**
 * The certify HTML report in a real Chromium (Debian's package via playwright-core, as the web
 * debugger's tests): it renders with no outside request, shows what to fix first with the fix and
 * the transcript, and every rule below. Under CI=true a missing Chromium fails the run; elsewhere
 * the test skips saying how to run it. The run also takes the README's screenshots,
 * certify-report.png and certify-transcript.png (`npm run screenshots` writes them to docs/images).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { certify, formatHtml, RULES } from '../../src/certify';
import { screenshotDir } from '../helpers/screenshots';
import { caveQuest } from './helpers';

const CHROMIUM = process.env.SKILLSHOP_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];
const missing = existsSync(CHROMIUM) ? undefined : `Chromium not found at ${CHROMIUM}: the report's browser test needs it (Debian: apt-get install -y chromium).`;

if (missing && process.env.CI === 'true') {
  it('the certify report browser test can run in CI', () => assert.fail(missing));
} else if (missing) {
  it('certify report in Chromium', { skip: missing }, () => undefined);
} else {
  describe('certify report in Chromium', () => {
    let browser: Browser;
    before(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    });
    after(async () => {
      await browser?.close();
    });

    it('renders the cave-quest report self-contained, failures first with fix and transcript', async () => {
      const report = await certify({ project: caveQuest(), locale: 'en-US' });
      assert.ok(report.summary.fail > 0, 'the seed skill fails rules');
      const file = join(mkdtempSync(join(tmpdir(), 'skillshop-report-')), 'report.html');
      writeFileSync(file, formatHtml(report));
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('pageerror', (error) => assert.fail(`the page threw: ${error.message}`));
      await page.goto(pathToFileURL(file).href);
      assert.deepEqual(requests, [pathToFileURL(file).href], 'no request beyond the file itself');
      assert.equal(await page.title(), 'Certification report: Cave Quest');
      const fixes = page.locator('section.finding');
      assert.equal(await fixes.count(), report.summary.fail + report.summary.warn);
      assert.match(await page.locator('h2').first().innerText(), /What to fix \(\d+\)/);
      assert.ok(await fixes.first().locator('.fix').isVisible(), 'the first failure shows its fix');
      // Every rule has a row, whatever its status.
      const rows = await page.locator('tbody tr').count();
      assert.equal(rows, RULES.length);
      // A dynamic failure opens to the conversation that shows it.
      const dynamic = page.locator('section.finding', { has: page.locator('code', { hasText: /^result\./ }) }).first();
      await dynamic.locator('summary').click();
      assert.ok(await dynamic.locator('.transcript li.user').first().isVisible(), 'the transcript shows what the user said');
      await dynamic.screenshot({ path: join(screenshotDir(), 'certify-transcript.png') });
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: join(screenshotDir(), 'certify-report.png') });
      await page.close();
    });
  });
}
