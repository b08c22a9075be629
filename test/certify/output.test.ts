/** certify's report: the JSON shape, the HTML file, the CLI (built dist: `npm run build` first), determinism, and the two detectors. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { certify, findErrorPhrase, findPrice, RULES } from '../../src/certify';
import { runCli } from '../helpers/cli';
import { caveQuest, cleanCaveQuest } from './helpers';

describe('certify: price and error-phrase detection', () => {
  it('finds prices as the rules define them', () => {
    for (const text of ['Only $1.99!', 'für 2,99 €', 'USD 5', '5 EUR', 'two dollars', 'fifty cents', '3 coins per month', 'per month for 2', 'at a great price', '¥300']) {
      assert.ok(findPrice(text), text);
    }
    for (const text of ['A new cave every month.', 'Ten levels and a dragon.', 'Free for 7 days.', 'The Cave Club']) assert.equal(findPrice(text), undefined, text);
  });

  it('finds error phrases', () => {
    for (const text of ['There was an error.', 'Sorry, a problem occurred', '<speak>Something went wrong</speak>', 'Please try again later', 'Contact us for help']) {
      assert.ok(findErrorPhrase(text), text);
    }
    for (const text of ['Ein Fehler ist aufgetreten.', 'Da ist etwas schiefgelaufen.', 'Versuche es später noch einmal.', 'Une erreur est survenue.', 'Algo salió mal.', 'Qualcosa è andato storto, riprova.', 'エラーが発生しました。']) {
      assert.ok(findErrorPhrase(text), text);
    }
    for (const text of ['Great! You now own Cave Quest.', 'Okay, maybe later.', 'Prima, du hast jetzt das Höhlenpaket.', 'Fehlerfrei geht es weiter.', 'Très bien !']) assert.equal(findErrorPhrase(text), undefined, text);
  });
});

describe('certify: the report', () => {
  it('has the --json shape, lists every rule, and skips the dynamic ones with a note', async () => {
    const report = await certify({ project: caveQuest() });
    assert.deepEqual(Object.keys(report), ['skill', 'checks', 'summary']);
    assert.deepEqual(Object.keys(report.summary), ['pass', 'fail', 'warn', 'skipped']);
    for (const check of report.checks) {
      assert.deepEqual(Object.keys(check).filter((key) => !['locale', 'product'].includes(key)), ['id', 'title', 'status', 'evidence', 'source']);
      assert.ok(['pass', 'fail', 'warn', 'skipped'].includes(check.status));
      assert.ok(Array.isArray(check.evidence) && check.evidence.every((item) => typeof item === 'string'));
    }
    assert.deepEqual([...new Set(report.checks.map((check) => check.id))], RULES.map((rule) => rule.id));
    const dynamic = RULES.filter((rule) => rule.kind === 'dynamic');
    assert.equal(dynamic.length, 35);
    for (const rule of dynamic) {
      const checks = report.checks.filter((c) => c.id === rule.id);
      assert.ok(checks.length > 0, rule.id);
      // A dynamic rule never passes without evidence, and never skips without saying why.
      for (const check of checks) {
        if (check.status === 'skipped') assert.match(check.evidence.at(-1) ?? '', /^note: /, rule.id);
        else assert.ok(check.evidence.length > 0, rule.id);
      }
    }
    const counts = { pass: 0, fail: 0, warn: 0, skipped: 0 };
    for (const check of report.checks) counts[check.status] += 1;
    assert.deepEqual(report.summary, counts);
    assert.equal(report.skill.name, 'Cave Quest');
    assert.deepEqual(report.skill.products, ['cave_club', 'cave_quest', 'hint_pack']);
  });

  it('rejects an unknown rule id and a locale without ISP', async () => {
    await assert.rejects(certify({ project: caveQuest(), only: ['nope.rule'] }), /no rule "nope.rule"/);
    await assert.rejects(certify({ project: caveQuest(), locale: 'pt-BR' }), /not an in-skill purchasing locale/);
  });
});

describe('skillshop certify (CLI)', () => {
  it('prints the table, the failures and the summary; exits 1 when anything fails', async () => {
    const { code, stdout } = await runCli(['certify', '--cwd', caveQuest()]);
    assert.equal(code, 1, stdout);
    assert.match(stdout, /^model\.what-did-i-buy\s+\.\s+1/m);
    assert.match(stdout, /FAIL manifest\.example-phrases-no-cta \[en-US\]/);
    assert.match(stdout, /skillshop\.json \$\.manifest\.examplePhrases\[1\]/);
    assert.match(stdout, /Summary: \d+ pass, \d+ fail, \d+ warn, \d+ skipped/);
  });

  it('exits 0 when nothing fails', async () => {
    const { code, stdout } = await runCli(['certify', '--cwd', cleanCaveQuest(), '--only', 'catalog.,manifest.,model.']);
    assert.equal(code, 0, stdout);
    assert.match(stdout, / 0 fail, /);
  });

  it('--json writes only the report, identical across runs', async () => {
    const dir = caveQuest();
    const first = await runCli(['certify', '--cwd', dir, '--json']);
    const second = await runCli(['certify', '--cwd', dir, '--json']);
    assert.equal(first.code, 1);
    assert.equal(first.stdout, second.stdout);
    const report = JSON.parse(first.stdout);
    assert.deepEqual(Object.keys(report), ['skill', 'checks', 'summary']);
    assert.ok(report.summary.fail > 0);
  });

  it('--only and --locale select; an unknown id is a usage error', async () => {
    const dir = caveQuest();
    const only = await runCli(['certify', '--cwd', dir, '--json', '--only', 'model.what-can-i-buy,model.cancel-stop-exit', '--locale', 'en-US']);
    assert.deepEqual(JSON.parse(only.stdout).checks.map((check: { id: string; status: string }) => [check.id, check.status]),
      [['model.what-can-i-buy', 'fail'], ['model.cancel-stop-exit', 'pass']]);
    const bad = await runCli(['certify', '--cwd', dir, '--only', 'model.nope']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--only: no rule "model.nope"/);
  });

  it('--report writes one self-contained HTML file', async () => {
    const dir = caveQuest();
    const { code } = await runCli(['certify', '--cwd', dir, '--report', 'report.html']);
    assert.equal(code, 1);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import/i);
    for (const rule of RULES) assert.ok(html.includes(rule.id), rule.id);
    assert.match(html, /catalog\.no-placeholders/);
    assert.ok(html.includes('&quot;Alexa, ask cave quest to buy cave quest&quot;'), 'evidence is escaped text');
  });
});

describe('certify: the documentation', () => {
  it('docs/certify.md explains every rule', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'certify.md'), 'utf8');
    assert.deepEqual(RULES.filter((rule) => !doc.includes(rule.id)).map((rule) => rule.id), []);
  });
});
