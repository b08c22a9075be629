/**
 * A recorded exploration, written out as a regression test for `skillshop/testing` (node:test),
 * or as a `skillshop simulate --say …` command. The test sets up what held when the recording
 * began (locale, user, faults, what the user owned), replays every turn and every change made in
 * between, and asserts what was heard then.
 */
import type { RecordingStart } from './debug-session';
import type { ForcedOutcome, Step, WireTurn } from './protocol';

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
  for (const referenceName of start.offSale) body.push(`s.setPurchasable(${js(referenceName)}, false); // off sale when the recording began`);
  if (start.pendingApprovals.length > 0) {
    body.push(`// Waiting for a parent when the recording began (this test starts without): ${start.pendingApprovals.join(', ')}.`);
  }
  if (start.hadUserData) body.push('// The skill had stored data for this user when the recording began; this test starts without it.');
  let last: Extract<Step, { kind: 'turn' }> | undefined;
  let afterLast = 0;
  for (const step of steps) {
    switch (step.kind) {
      case 'turn':
        if (body.length > 0) body.push('');
        body.push(...turnLines(step.turn));
        last = step;
        afterLast = body.length;
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
      case 'parent':
        body.push(`s.parent(${js(step.decision)}, ${js(step.referenceName)});${step.changed ? '' : ' // nothing of it was waiting'}`);
        break;
      case 'purchasable':
        body.push(`s.setPurchasable(${js(step.referenceName)}, ${step.purchasable});`);
        break;
      case 'reenable':
        body.push('s.reenable(); // the skill disabled and enabled again: a new user id');
        break;
      case 'reload':
        break;
    }
  }
  if (last) {
    // Right after the last turn: a grant or a parent's decision after it may change what is owned.
    const owned = Object.fromEntries(last.after.holdings.map((h) => [h.referenceName, h.count]));
    body.splice(afterLast, 0,
      '', '// What the user owned (purchases that count) after the last turn.',
      'const owned = Object.fromEntries(s.entitlements().map((e) => [e.referenceName, e.activeEntitlementCount]));',
      `assert.deepEqual(owned, ${objectLiteral(owned)});`);
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
  const call = turn.forcedPurchase !== undefined ? `s.answerPurchase(${outcomeLiteral(turn.forcedPurchase)})`
    : turn.user === '(silence)' ? 's.silence()' : turn.user === '(exit)' ? 's.quit()' : `s.say(${js(turn.user)})`;
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

/**
 * `skillshop simulate --say …`: the utterances replayed in a fresh in-memory simulator, and what
 * was done between them as the `:commands` --say takes (a fault, a parent's decision, a result
 * chosen by hand…); what no command does (a grant, a revoke, a fault turned off) is a comment.
 */
export function exportSayScript(context: ExportContext): string {
  const { start, steps } = context;
  const flags = ['--memory', `--locale ${sh(start.locale)}`, `--user ${sh(start.userId)}`];
  if (context.endpoint) flags.push(`--endpoint ${sh(context.endpoint)}`);
  for (const fault of start.faults) flags.push(`--fault ${sh(fault)}`);
  const notes: string[] = [];
  const owned = start.holdings.filter((h) => h.entitled).map((h) => h.referenceName);
  if (owned.length > 0) notes.push(`# Owned when the recording began (a --say run starts without it): ${owned.join(', ')}.`);
  const says: string[] = start.offSale.map((referenceName) => `--say ${sh(`:offsale ${referenceName}`)}`);
  if (start.pendingApprovals.length > 0) notes.push(`# Waiting for a parent when the recording began (a --say run starts without): ${start.pendingApprovals.join(', ')}.`);
  let turnCount = 0;
  for (const step of steps) {
    if (step.kind === 'turn') {
      turnCount += 1;
      const said = sayOf(step.turn);
      if (said === undefined) notes.push(`# Turn ${turnCount}: ${step.turn.user} cannot be replayed with --say; left out.`);
      else says.push(`--say ${sh(said)}`);
      continue;
    }
    const command = commandOf(step);
    if (command !== undefined) says.push(`--say ${sh(command)}`);
    else if (step.kind !== 'reload') notes.push(`# After turn ${turnCount}: ${describe(step)} (not expressible with --say; the test file export replays it).`);
  }
  return [
    '#!/bin/sh',
    `# Recorded with skillshop's web debugger (${start.at}) with ${context.invocationName}. Run it in the project's folder.`,
    ...notes,
    ['npx skillshop simulate ' + flags.join(' '), ...says].join(' \\\n  '),
    '',
  ].join('\n');
}

/** What to pass to --say for a turn: the utterance, or the command that made it; undefined when none can. */
function sayOf(turn: WireTurn): string | undefined {
  const forced = turn.forcedPurchase;
  if (forced !== undefined) {
    if (forced === 'no-result') return ':result none';
    if ('statusCode' in forced) return `:result status=${forced.statusCode}`;
    return /^\S+$/.test(forced.purchaseResult) && forced.purchaseResult.toLowerCase() !== 'none' ? `:result ${forced.purchaseResult}` : undefined;
  }
  if (turn.user === '(silence)') return ':silence';
  if (turn.user === '(exit)') return undefined;
  return turn.user;
}

/** The REPL command (which --say takes too) that does what a step between turns did; undefined when there is none. */
function commandOf(step: Step): string | undefined {
  switch (step.kind) {
    case 'fault': return step.on ? `:fault ${step.name}` : undefined;
    case 'reset': return ':reset';
    case 'user': return `:user ${step.userId}`;
    case 'locale': return `:locale ${step.locale}`;
    case 'parent': return `:${step.decision} ${step.referenceName}`;
    case 'purchasable': return `${step.purchasable ? ':onsale' : ':offsale'} ${step.referenceName}`;
    case 'reenable': return ':reenable';
    default: return undefined;
  }
}

/** A ForcedOutcome as JavaScript source. */
function outcomeLiteral(outcome: ForcedOutcome): string {
  if (outcome === 'no-result') return '\'no-result\'';
  const message = outcome.message !== undefined ? `, message: ${js(outcome.message)}` : '';
  return 'statusCode' in outcome ? `{ statusCode: ${js(outcome.statusCode)}${message} }` : `{ purchaseResult: ${js(outcome.purchaseResult)}${message} }`;
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
