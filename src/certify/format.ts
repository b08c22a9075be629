/** The three outputs of a certify report: the terminal text, the `--json` document, one self-contained HTML page. */
import { RULES, NOT_IMPLEMENTED } from './rules';
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

function isNotImplemented(check: Check): boolean {
  return check.status === 'skipped' && check.evidence.includes(`note: ${NOT_IMPLEMENTED}`);
}

/** The summary line: `12 pass, 3 fail, 1 warn, 40 skipped (35 dynamic rules not implemented yet: …)`. */
export function summaryLine(report: CertifyReport): string {
  const { pass, fail, warn, skipped } = report.summary;
  const dynamic = new Set(report.checks.filter(isNotImplemented).map((check) => check.id)).size;
  return `${pass} pass, ${fail} fail, ${warn} warn, ${skipped} skipped` + (dynamic > 0 ? ` (${dynamic} dynamic rules ${NOT_IMPLEMENTED})` : '');
}

export function formatTerminal(report: CertifyReport): string {
  const lines = [`skillshop certify: ${report.skill.name} (${report.skill.locales.join(', ') || 'no ISP locale'}; ${report.skill.products.length} product(s))`, ''];
  const width = Math.max(4, ...report.checks.map((check) => check.id.length));
  lines.push(`${'rule'.padEnd(width)}  ${STATUSES.map((status) => status.padStart(8)).join('')}`);
  for (const [id, checks] of byRule(report)) {
    if (checks.every(isNotImplemented)) continue;
    lines.push(`${id.padEnd(width)}  ${STATUSES.map((status) => String(checks.filter((check) => check.status === status).length || '.').padStart(8)).join('')}`);
  }
  const dynamic = byRule(report).filter(([, checks]) => checks.every(isNotImplemented)).map(([id]) => id);
  if (dynamic.length > 0) lines.push(`… and ${dynamic.length} dynamic rule(s) skipped: ${NOT_IMPLEMENTED}.`);
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
  const skipped = report.checks.filter((check) => check.status === 'skipped' && !isNotImplemented(check));
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
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d1d1f;max-width:72rem}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
.pass{color:#176f2c}.fail{color:#b3261e;font-weight:600}.warn{color:#8a5a00;font-weight:600}.skipped{color:#666}
.badge{display:inline-block;min-width:4.5rem}code{font:12px/1.4 ui-monospace,monospace;white-space:pre-wrap;word-break:break-word}
ul{margin:.2rem 0;padding-left:1.2rem}.source{color:#555;font-size:12px}details summary{cursor:pointer}
`;

/** One HTML file, no external assets: styles inline, no scripts, no links. */
export function formatHtml(report: CertifyReport): string {
  const rules = new Map(RULES.map((rule) => [rule.id, rule]));
  const rows = byRule(report).map(([id, checks]) => {
    const rule = rules.get(id);
    const counts = STATUSES.filter((status) => checks.some((check) => check.status === status))
      .map((status) => `<span class="${status}">${checks.filter((check) => check.status === status).length} ${status}</span>`).join(', ');
    const items = checks.map((check) => `<li><span class="badge ${check.status}">${check.status}</span>${escape(subject(check))}<ul>${
      check.evidence.map((item) => `<li><code>${escape(item)}</code></li>`).join('')}</ul></li>`).join('');
    const open = checks.some((check) => check.status === 'fail' || check.status === 'warn') ? ' open' : '';
    return `<tr><td><code>${escape(id)}</code><br><span class="source">${escape(rule?.kind ?? '')}${rule?.guidance ? ', guidance' : ''}</span></td>` +
      `<td>${escape(checks[0]!.title)}<br><span class="source">${escape(checks[0]!.source)}</span></td><td>${counts}</td>` +
      `<td><details${open}><summary>${checks.length} check(s)</summary><ul>${items}</ul></details></td></tr>`;
  }).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(`Certification report: ${report.skill.name}`)}</title>
<style>${CSS}</style></head>
<body>
<h1>Certification report: ${escape(report.skill.name)}</h1>
<p>Locales: ${escape(report.skill.locales.join(', ') || 'none')} · Products: ${escape(report.skill.products.join(', ') || 'none')}</p>
<p><strong>${escape(summaryLine(report))}</strong></p>
<table><thead><tr><th>Rule</th><th>What it checks</th><th>Status</th><th>Evidence</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
