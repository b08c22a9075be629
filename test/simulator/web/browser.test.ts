/**
 * The web debugger end to end in a real Chromium: Debian's `chromium` package driven by
 * playwright-core (which never downloads a browser). Under CI=true a missing Chromium fails the
 * run (.ci/run installs it); elsewhere these tests skip with a message saying how to run them.
 *
 * The run also takes the README's screenshots, web-debugger*.png (`npm run screenshots` writes them
 * to docs/images).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { simulator, type Simulator } from '../../../src/testing';
import { DEFAULT_ASSETS_DIR } from '../../../src/simulator/web/server';
import { startWebDebugger, type WebDebugger } from '../../../src/simulator/web';
import { screenshotDir } from '../../helpers/screenshots';
import { CAVE_QUEST, copyCaveQuest, hasBuild, runExportedTest } from './helpers';

const CHROMIUM = process.env.SKILLSHOP_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];
const MAX_FIRST_LOAD_BYTES = 200 * 1024;

const missing = !existsSync(CHROMIUM)
  ? `Chromium not found at ${CHROMIUM}: the web debugger's browser tests need it (Debian: apt-get install -y chromium).`
  : !existsSync(join(DEFAULT_ASSETS_DIR, 'app.js'))
    ? `The debugger's page is not built (${DEFAULT_ASSETS_DIR}): run npm run build.`
    : undefined;

if (missing && process.env.CI === 'true') {
  // CI must run them: .ci/run installs Chromium, and `npm test` builds the page first.
  it('the browser tests can run in CI', () => assert.fail(missing));
} else if (missing) {
  it('web debugger in Chromium', { skip: missing }, () => undefined);
} else {
  describe('web debugger in Chromium', () => {
    let sim: Simulator;
    let web: WebDebugger;
    let browser: Browser;
    let page: Page;
    const external: string[] = [];
    let firstLoadBytes = 0;

    before(async () => {
      sim = await simulator({ project: CAVE_QUEST });
      web = await startWebDebugger({ simulator: sim, port: 0 });
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
      page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
      page.on('request', (request) => {
        if (!request.url().startsWith(web.url)) external.push(request.url());
      });
      page.on('response', async (response) => {
        const body = await response.body().catch(() => Buffer.alloc(0));
        if (!response.url().includes('/api/')) firstLoadBytes += body.length;
      });
      page.on('pageerror', (error) => assert.fail(`the page threw: ${error.message}`));
    });
    after(async () => {
      await browser?.close();
      await web?.close();
      await sim?.close();
    });

    const turn = (n: number) => page.locator(`[data-turn="${n}"]`);
    const product = (name: string) => page.locator(`[data-product="${name}"]`);

    it('loads light, with nothing from the internet', async () => {
      await page.goto(web.url);
      await page.getByRole('heading', { name: 'Conversation' }).waitFor();
      await page.getByText('Live', { exact: true }).waitFor();
      assert.deepEqual(external, [], 'every request goes to the debugger itself');
      assert.ok(firstLoadBytes > 10_000 && firstLoadBytes < MAX_FIRST_LOAD_BYTES, `first load ${firstLoadBytes} bytes`);
    });

    it('every control has a label, and the keyboard reaches the utterance field', async () => {
      const unlabelled = await page.locator('input, select, button, textarea, a[href]').evaluateAll((elements) =>
        elements.filter((el) => {
          const labels = (el as unknown as { labels?: ArrayLike<{ textContent: string | null }> | null }).labels;
          const name = el.getAttribute('aria-label') ?? ((labels && labels.length > 0) ? labels[0]!.textContent : el.textContent);
          return !name || !name.trim();
        }).map((el) => el.outerHTML.slice(0, 80)));
      assert.deepEqual(unlabelled, []);
      await page.locator('body').focus();
      const focused = () => page.evaluate<string | undefined>('document.activeElement?.id');
      for (let i = 0; i < 40 && (await focused()) !== 'utterance'; i++) await page.keyboard.press('Tab');
      assert.equal(await focused(), 'utterance', 'Tab reaches "What the user says"');
    });

    it('launch, "buy cave quest", the purchase prompt, "yes": the entitlement appears in the shop', async () => {
      await page.getByRole('button', { name: 'Launch' }).click();
      await turn(1).getByText('Welcome to Cave Quest.').waitFor();
      assert.equal(await turn(1).locator('.said.skill .who').textContent(), 'Skill');

      // Keyboard only: type and press Enter.
      await page.getByLabel('What the user says').focus();
      await page.keyboard.type('buy cave quest');
      await page.keyboard.press('Enter');
      const prompt = turn(2).locator('.said.alexa');
      await prompt.getByText('It\'s $1.99 plus tax. Would you like to buy it?').waitFor();
      assert.equal(await prompt.locator('.who').textContent(), 'Alexa', 'the purchase dialog speaks as Alexa');
      await page.getByText('Alexa waits for yes or no', { exact: true }).first().waitFor();

      await page.getByRole('button', { name: 'Yes', exact: true }).click();
      await turn(3).getByText('Great! You now have Cave Quest.').waitFor();
      await turn(3).getByText('Buy cave_quest → ACCEPTED').waitFor();
      await product('cave_quest').getByText('Owned', { exact: true }).waitFor();
      assert.equal(sim.entitlements().find((e) => e.referenceName === 'cave_quest')?.entitled, true, 'the page is a view of this very simulator');
    });

    it('the inspector explains the NLU and shows the purchase hop\'s JSON', async () => {
      await page.getByRole('button', { name: 'Inspect turn 3' }).click();
      const inspector = page.locator('.inspector');
      await inspector.getByText('Alexa\'s purchase dialog took this answer').waitFor();
      await inspector.getByText('→ 1. Connections.Response Buy').click();
      await inspector.getByText('"purchaseResult": "ACCEPTED"').waitFor();
      await inspector.getByText('Entitlements changed: cave_quest owned').waitFor();

      await page.getByRole('button', { name: 'Inspect turn 2' }).click();
      await inspector.getByText('Turn 2: “buy cave quest”').waitFor();
      await inspector.locator('.facts').getByText('BuySkillItemIntent').waitFor();
      await inspector.locator('table').filter({ hasText: 'Slots' }).getByText('cave_quest').waitFor();
      await page.screenshot({ path: join(screenshotDir(), 'web-debugger.png') });
    });

    it('turns made elsewhere (the test API, as the REPL would) appear live', async () => {
      await sim.say('what can i buy');
      await turn(4).getByText('You can buy Cave Club or Hint Pack.', { exact: false }).waitFor();
    });

    it('reset clears the entitlement', async () => {
      await page.getByRole('button', { name: 'Reset test purchases' }).click();
      await product('cave_quest').getByText('Not owned', { exact: true }).waitFor();
      assert.equal(sim.entitlements().find((e) => e.referenceName === 'cave_quest')?.entitled, false);
    });

    it('a fault produces the expected error turn', async () => {
      await page.getByRole('checkbox', { name: /monetization-500/ }).check();
      await page.getByText('Fault monetization-500 on').waitFor();
      assert.deepEqual(sim.faults, ['monetization-500']);
      await page.getByLabel('What the user says').fill('buy cave quest');
      await page.getByRole('button', { name: 'Say', exact: true }).click();
      await turn(5).getByText('Sorry, something went wrong. Please try again later.').waitFor();
      await page.getByRole('checkbox', { name: /monetization-500/ }).uncheck();
      await page.getByText('Fault monetization-500 off').waitFor();
    });

    it('a kid skill: the purchase waits for a parent, who clicks Approve', async () => {
      await page.getByRole('checkbox', { name: /pending-purchase/ }).check();
      await page.getByText('Fault pending-purchase on').waitFor();
      await page.getByLabel('What the user says').fill('buy cave quest');
      await page.getByRole('button', { name: 'Say', exact: true }).click();
      await page.getByLabel('Force result').waitFor();
      await page.getByRole('button', { name: 'Yes', exact: true }).click();
      await turn(7).getByText('I\'ve asked the account holder to approve Cave Quest.').waitFor();
      assert.equal(await page.getByLabel('Force result').count(), 0, 'no dialog waits any more');
      const parent = page.locator('fieldset.parent');
      await parent.locator('[data-pending="cave_quest"]').waitFor();
      await parent.getByRole('button', { name: 'Approve Cave Quest' }).click();
      await page.getByText('Parent: approved cave_quest').waitFor();
      await product('cave_quest').getByText('Owned', { exact: true }).waitFor();
      await parent.getByText('No purchase waits for a parent').waitFor();
      assert.deepEqual(sim.pendingApprovals(), []);
      assert.equal(sim.entitlements().find((e) => e.referenceName === 'cave_quest')?.entitled, true);
      await page.getByRole('checkbox', { name: /pending-purchase/ }).uncheck();
      await page.getByText('Fault pending-purchase off').waitFor();
    });

    it('the exported test file runs green with node --test', { skip: hasBuild() ? false : 'needs npm run build' }, async () => {
      const downloading = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Download test file' }).click();
      const download = await downloading;
      assert.equal(download.suggestedFilename(), 'cave-quest.recorded.test.js');
      const source = readFileSync((await download.path())!, 'utf8');
      assert.match(source, /s\.fault\('monetization-500'\);/);
      const project = copyCaveQuest();
      try {
        const run = runExportedTest(project.dir, source);
        assert.equal(run.status, 0, run.output);
        assert.match(run.output, /# pass 1/);
      } finally {
        project.remove();
      }
    });

    it('is usable 360 px wide', async () => {
      const phone = await browser.newPage({ viewport: { width: 360, height: 780 } });
      try {
        await phone.goto(web.url);
        await phone.locator('[data-turn="3"]').waitFor();
        const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
        await phone.locator('[data-turn="2"]').scrollIntoViewIfNeeded();
        await phone.screenshot({ path: join(screenshotDir(), 'web-debugger-mobile.png') });
      } finally {
        await phone.close();
      }
    });
  });
}
