/** The three outputs of a certify report: the terminal text, the `--json` document, one self-contained HTML page. */
import { RULES } from './rules';
import type { CertifyReport, Check, CheckStatus } from './types';

const STATUSES: readonly CheckStatus[] = ['pass', 'fail', 'warn', 'skipped'];

function subject(check: Check): string {
  const parts = [check.locale, check.product].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? ` [${parts.join(' ')}]` : '';
}

/** Rule id → its checks, in registry order. */
function byRule(report: CertifyReport): [string, Check[]][] {
  const groups = new Map<string, Check[]>();
  for (const check of report.checks) groups.set(check.id, [...(groups.get(check.id) ?? []), check]);
  return [...groups.entries()];
}

/** The summary line: `12 pass, 3 fail, 1 warn, 40 skipped`. */
export function summaryLine(report: CertifyReport): string {
  const { pass, fail, warn, skipped } = report.summary;
  return `${pass} pass, ${fail} fail, ${warn} warn, ${skipped} skipped`;
}

export function formatTerminal(report: CertifyReport): string {
  const lines = [`skillshop certify: ${report.skill.name} (${report.skill.locales.join(', ') || 'no ISP locale'}; ${report.skill.products.length} product(s))`, ''];
  const width = Math.max(4, ...report.checks.map((check) => check.id.length));
  lines.push(`${'rule'.padEnd(width)}  ${STATUSES.map((status) => status.padStart(8)).join('')}`);
  for (const [id, checks] of byRule(report)) {
    lines.push(`${id.padEnd(width)}  ${STATUSES.map((status) => String(checks.filter((check) => check.status === status).length || '.').padStart(8)).join('')}`);
  }
  for (const [status, heading] of [['fail', 'Failures'], ['warn', 'Warnings']] as const) {
    const checks = report.checks.filter((check) => check.status === status);
    if (checks.length === 0) continue;
    lines.push('', `${heading}:`);
    for (const check of checks) {
      lines.push(`${status.toUpperCase()} ${check.id}${subject(check)}: ${check.title}`);
      for (const item of check.evidence) lines.push(`    ${item}`);
      lines.push(`    source: ${check.source}`);
    }
  }
  const skipped = report.checks.filter((check) => check.status === 'skipped');
  if (skipped.length > 0) {
    lines.push('', 'Skipped:');
    for (const check of skipped) lines.push(`SKIP ${check.id}${subject(check)}: ${check.evidence.at(-1) ?? ''}`);
  }
  lines.push('', `Summary: ${summaryLine(report)}`);
  return `${lines.join('\n')}\n`;
}

export function formatJson(report: CertifyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const CSS = `
:root{--pass:#176f2c;--fail:#b3261e;--warn:#8a5a00;--skip:#5f6368;--line:#e3e3e8}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
main{max-width:75rem;margin:0 auto;padding:1.5rem 2rem 4rem}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:2.2rem 0 .8rem}h3{font-size:1rem;margin:0 0 .3rem}
.meta{color:#555;margin:.2rem 0 1rem}
.cards{display:flex;gap:.8rem;flex-wrap:wrap}.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:.6rem 1rem;min-width:7rem}
.card b{display:block;font-size:1.6rem}.card.pass b{color:var(--pass)}.card.fail b{color:var(--fail)}.card.warn b{color:var(--warn)}.card.skipped b{color:var(--skip)}
.finding{background:#fff;border:1px solid var(--line);border-left:5px solid var(--fail);border-radius:8px;padding:.8rem 1rem;margin:.8rem 0}
.finding.is-warn{border-left-color:var(--warn)}
.why{margin:.3rem 0;padding-left:1.1rem}.why li{color:var(--fail)}.finding.is-warn .why li{color:var(--warn)}
.fix{background:#eef6ee;border-radius:6px;padding:.4rem .7rem;margin:.5rem 0}.note{background:#f1f1f4;border-radius:6px;padding:.3rem .6rem}
.source{color:#666;font-size:13px}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:13px;color:#555}
.pass{color:var(--pass)}.fail{color:var(--fail);font-weight:600}.warn{color:var(--warn);font-weight:600}.skipped{color:var(--skip)}
.badge{display:inline-block;font-size:12px;font-weight:600;border-radius:4px;padding:0 .4rem;margin-right:.3rem;color:#fff}
.badge.pass{background:var(--pass)}.badge.fail{background:var(--fail)}.badge.warn{background:var(--warn)}.badge.skipped{background:var(--skip)}
details summary{cursor:pointer;color:#333}
.transcript{list-style:none;margin:.4rem 0;padding:0;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace}
.transcript li{padding:.1rem .5rem;border-radius:4px;white-space:pre-wrap;word-break:break-word}
.transcript .visit{margin-top:.6rem;font-weight:600;color:#333;background:#f1f1f4}
.transcript .user{color:#0b57d0}.transcript .skill{color:#1d1d1f}.transcript .alexa{color:#7b1fa2}.transcript .state{color:#8a5a00}
.transcript .bad{color:var(--fail);font-weight:600}.transcript .plain{color:#444}
code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace}
`;

/** The style of one evidence line: who speaks, a state change, a failure, the fix. */
function lineClass(line: string): string {
  if (line.startsWith('✗')) return 'bad';
  if (line.startsWith('— ')) return 'visit';
  if (line.startsWith('user:')) return 'user';
  if (line.startsWith('alexa')) return 'alexa';
  if (line.startsWith('skill') || line.startsWith('  (')) return 'skill';
  if (line.startsWith('state:')) return 'state';
  return 'plain';
}

function evidenceList(lines: readonly string[]): string {
  return `<ul class="transcript">${lines.map((line) => `<li class="${lineClass(line)}">${escape(line)}</li>`).join('')}</ul>`;
}

/** A failure or warning: what is wrong, the fix, and the transcripts behind it. */
function findingBlock(check: Check): string {
  const why = check.evidence.filter((line) => line.startsWith('✗')).map((line) => line.slice(1).trim());
  const fix = check.evidence.find((line) => line.startsWith('fix: '));
  const rest = check.evidence.filter((line) => !line.startsWith('✗') && !line.startsWith('fix: '));
  return `<section class="finding is-${check.status}"><h3><span class="badge ${check.status}">${check.status}</span><code>${escape(check.id)}</code>${escape(subject(check))} — ${escape(check.title)}</h3>` +
    (why.length > 0 ? `<ul class="why">${why.map((line) => `<li>${escape(line)}</li>`).join('')}</ul>` : '') +
    (fix ? `<div class="fix"><b>Fix:</b> ${escape(fix.slice('fix: '.length))}</div>` : '') +
    (rest.length > 0 ? `<details${why.length === 0 ? ' open' : ''}><summary>Evidence (${rest.length} line${rest.length === 1 ? '' : 's'})</summary>${evidenceList(rest)}</details>` : '') +
    `<div class="source">Source: ${escape(check.source)}</div></section>`;
}

/** One HTML file, no external assets: styles inline, no scripts, no links. */
export function formatHtml(report: CertifyReport): string {
  const rules = new Map(RULES.map((rule) => [rule.id, rule]));
  const cards = STATUSES.map((status) => `<div class="card ${status}"><b>${report.summary[status]}</b>${status}</div>`).join('');
  const problems = report.checks.filter((check) => check.status === 'fail' || check.status === 'warn');
  const rows = byRule(report).map(([id, checks]) => {
    const rule = rules.get(id);
    const counts = STATUSES.filter((status) => checks.some((check) => check.status === status))
      .map((status) => `<span class="${status}">${checks.filter((check) => check.status === status).length} ${status}</span>`).join(', ');
    const items = checks.map((check) => `<details><summary><span class="badge ${check.status}">${check.status}</span>${escape(subject(check).trim() || 'the skill')}</summary>${evidenceList(check.evidence)}</details>`).join('');
    return `<tr><td><code>${escape(id)}</code><br><span class="source">${escape(rule?.kind ?? '')}${rule?.guidance ? ', guidance' : ''}</span></td>` +
      `<td>${escape(checks[0]!.title)}<br><span class="source">${escape(checks[0]!.source)}</span></td><td>${counts}</td><td>${items}</td></tr>`;
  }).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(`Certification report: ${report.skill.name}`)}</title>
<style>${CSS}</style></head>
<body><main>
<h1>Certification report: ${escape(report.skill.name)}</h1>
<p class="meta">Locales: ${escape(report.skill.locales.join(', ') || 'none')} · Products: ${escape(report.skill.products.join(', ') || 'none')} · ${escape(summaryLine(report))}</p>
<div class="cards">${cards}</div>
<h2>${problems.length === 0 ? 'Nothing fails' : `What to fix (${problems.length})`}</h2>
${problems.length === 0 ? '<p>No rule fails or warns. Skipped rules below say what they need.</p>' : problems.map(findingBlock).join('\n')}
<h2>Every rule</h2>
<table><thead><tr><th>Rule</th><th>What it checks</th><th>Status</th><th>Checks and evidence</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</main></body></html>
`;
}
