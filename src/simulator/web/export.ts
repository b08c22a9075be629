/**
 * A recorded exploration, written out as a regression test for `skillshop/testing` (node:test),
 * or as a `skillshop simulate --say …` command. The test sets up what held when the recording
 * began (locale, user, faults, what the user owned), replays every turn and every change made in
 * between, and asserts what was heard then.
 */
import type { RecordingStart } from './debug-session';
import type { Step, WireTurn } from './protocol';

export interface ExportContext {
  start: RecordingStart;
  steps: readonly Step[];
  invocationName: string;
  /** The skill's URL when it runs over --endpoint. */
  endpoint?: string;
}

/** A file name for the exported test, e.g. `cave-quest.recorded.test.js`. */
export function exportFileName(invocationName: string, kind: 'test' | 'say'): string {
  const slug = invocationName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'skill';
  return kind === 'test' ? `${slug}.recorded.test.js` : `${slug}.recorded.sh`;
}

export function exportTest(context: ExportContext): string {
  const { start, steps } = context;
  const turns = steps.filter((step): step is Extract<Step, { kind: 'turn' }> => step.kind === 'turn');
  const title = turns.length > 0 ? turns.slice(0, 4).map((step) => step.turn.user).join(', ') + (turns.length > 4 ? ', …' : '') : 'nothing yet';
  const options = [`project: path.join(__dirname, '..')`, `locale: ${js(start.locale)}`, `userId: ${js(start.userId)}`];
  if (context.endpoint) options.push(`endpoint: ${js(context.endpoint)}`);
  if (start.faults.length > 0) options.push(`faults: [${start.faults.map(js).join(', ')}]`);

  const body: string[] = [];
  for (const holding of start.holdings) {
    if (!holding.entitled) continue;
    const times = Math.max(1, holding.count);
    body.push(`// ${holding.referenceName} was owned${times > 1 ? ` (${times} purchases)` : ''} when the recording began.`);
    for (let i = 0; i < times; i++) body.push(`s.grant(${js(holding.referenceName)});`);
  }
  if (start.hadUserData) body.push('// The skill had stored data for this user when the recording began; this test starts without it.');
  let last: Extract<Step, { kind: 'turn' }> | undefined;
  for (const step of steps) {
    switch (step.kind) {
      case 'turn':
        if (body.length > 0) body.push('');
        body.push(...turnLines(step.turn));
        last = step;
        break;
      case 'fault':
        body.push(step.on ? `s.fault(${js(step.name)});` : `s.clearFaults(${js(step.name)});`);
        break;
      case 'reset':
        body.push('s.reset(); // reset test purchases');
        break;
      case 'grant':
      case 'revoke':
        body.push(`s.${step.kind}(${js(step.referenceName)});`);
        break;
      case 'user':
        body.push(`s.setUser(${js(step.userId)});`);
        break;
      case 'locale':
        body.push(`s.setLocale(${js(step.locale)});`);
        break;
      case 'reload':
        break;
    }
  }
  if (last) {
    const owned = Object.fromEntries(last.after.holdings.map((h) => [h.referenceName, h.count]));
    body.push('', '// What the user owned (purchases that count) after the last turn.');
    body.push('const owned = Object.fromEntries(s.entitlements().map((e) => [e.referenceName, e.activeEntitlementCount]));');
    body.push(`assert.deepEqual(owned, ${objectLiteral(owned)});`);
  }

  return [
    '\'use strict\';',
    '',
    `// Recorded with skillshop's web debugger (${start.at}): ${turns.length} ${turns.length === 1 ? 'turn' : 'turns'} with ${context.invocationName}.`,
    '// Save it in the project\'s test/ folder and run it with `node --test test/`.',
    '',
    'const { test } = require(\'node:test\');',
    'const assert = require(\'node:assert/strict\');',
    'const path = require(\'node:path\');',
    'const { simulator } = require(\'skillshop/testing\');',
    '',
    `test(${js(`recorded: ${title}`)}, async () => {`,
    `  const s = await simulator({ ${options.join(', ')} });`,
    '  try {',
    ...body.map((line) => (line === '' ? '' : `    ${line}`)),
    '  } finally {',
    '    await s.close();',
    '  }',
    '});',
    '',
  ].join('\n');
}

function turnLines(turn: WireTurn): string[] {
  const call = turn.user === '(silence)' ? 's.silence()' : turn.user === '(exit)' ? 's.quit()' : `s.say(${js(turn.user)})`;
  // Each turn in its own block, so every one can name its result `turn`.
  const out = [`const turn = await ${call};`];
  out.push(`assert.equal(turn.speech, ${js(turn.speech)});`);
  if (turn.purchase) {
    out.push(turn.purchase.purchaseResult === undefined
      ? 'assert.equal(turn.purchase?.purchaseResult, undefined); // no result came back'
      : `assert.equal(turn.purchase?.purchaseResult, ${js(turn.purchase.purchaseResult)});`);
  }
  if (turn.awaitingPurchaseAnswer) out.push('assert.equal(turn.awaitingPurchaseAnswer, true);');
  if (turn.error) out.push('assert.ok(turn.error, \'the skill failed here when this was recorded\');');
  else out.push('assert.equal(turn.error, undefined);');
  return ['{', ...out.map((line) => `  ${line}`), '}'];
}

/** `skillshop simulate --say …`: the utterances, replayed in a fresh in-memory simulator. */
export function exportSayScript(context: ExportContext): string {
  const { start, steps } = context;
  const flags = ['--memory', `--locale ${sh(start.locale)}`, `--user ${sh(start.userId)}`];
  if (context.endpoint) flags.push(`--endpoint ${sh(context.endpoint)}`);
  for (const fault of start.faults) flags.push(`--fault ${sh(fault)}`);
  const notes: string[] = [];
  const owned = start.holdings.filter((h) => h.entitled).map((h) => h.referenceName);
  if (owned.length > 0) notes.push(`# Owned when the recording began (a --say run starts without it): ${owned.join(', ')}.`);
  const says: string[] = [];
  for (const step of steps) {
    if (step.kind === 'turn') {
      if (step.turn.user === '(silence)' || step.turn.user === '(exit)') notes.push(`# Turn ${says.length + 1}: ${step.turn.user} cannot be said with --say; left out.`);
      else says.push(`--say ${sh(step.turn.user)}`);
    } else if (step.kind !== 'reload') {
      notes.push(`# After turn ${says.length}: ${describe(step)} (not expressible with --say; the test file export replays it).`);
    }
  }
  return [
    '#!/bin/sh',
    `# Recorded with skillshop's web debugger (${start.at}) with ${context.invocationName}. Run it in the project's folder.`,
    ...notes,
    ['npx skillshop simulate ' + flags.join(' '), ...says].join(' \\\n  '),
    '',
  ].join('\n');
}

function describe(step: Step): string {
  switch (step.kind) {
    case 'fault': return `fault ${step.name} ${step.on ? 'on' : 'off'}`;
    case 'reset': return 'test purchases reset';
    case 'grant': return `${step.referenceName} granted`;
    case 'revoke': return `${step.referenceName} revoked`;
    case 'user': return `user ${step.userId}`;
    case 'locale': return `locale ${step.locale}`;
    default: return step.kind;
  }
}

/** A single-quoted JavaScript string literal. */
function js(text: string): string {
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, '\\\'')}'`;
}

function objectLiteral(record: Record<string, number>): string {
  const entries = Object.entries(record).map(([key, value]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : js(key)}: ${value}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

/** A POSIX shell single-quoted word. */
function sh(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, '\'\\\'\'')}'`;
}
