/**
 * Fuzz: 10,000 mutated request bodies (truncated, wrong types, huge strings, deep nesting, bad
 * UTF-8, duplicate keys, …; deterministic from a seed) posted to a real `skillshop run` of
 * examples/cave-quest. Every answer must be the one the envelope validator calls for — a 4xx for a
 * broken body, a well-formed 200 for a still-valid one — never a 5xx, never a crash; and the server
 * must still serve, its memory bounded, at the end.
 *
 * SKILLSHOP_FUZZ_SEED and SKILLSHOP_FUZZ_COUNT change the run (a failure prints its seed and index).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseRequestEnvelope } from '../../src/alexa/validate-request';
import { isSkillshopError } from '../../src/errors';
import { REPO, type RunningServer } from '../helpers/cli';
import { product, productIdFor, startFakeMonetization, type FakeMonetization } from '../helpers/fake-monetization';
import { intentRequest, launchRequest, purchaseResponse, sessionEndedRequest, type EnvelopeOptions } from '../helpers/requests';
import { mutate } from './mutations';
import { inParallel, keepAlive, post, report, rssKb, startSkillServer, type Answer } from './skill-server';

const SEED = Number(process.env.SKILLSHOP_FUZZ_SEED ?? 20260101);
const COUNT = Number(process.env.SKILLSHOP_FUZZ_COUNT ?? 10_000);
const WARM_UP = Math.min(500, COUNT);
const CONCURRENCY = 16;
const MAX_BODY_BYTES = 256 * 1024;
/**
 * Resident memory: the heap grows lazily after huge bodies and the memory store keeps ledger entries
 * and kept responses, so some growth is normal; a leak shows as growth that goes on in the second
 * half of the run as much as in the first.
 */
const MAX_RSS_GROWTH_KB = 96 * 1024;
const MAX_SECOND_HALF_GROWTH_KB = 32 * 1024;
const EXAMPLE = join(REPO, 'examples', 'cave-quest');
/** Log lines that mean the process (or a request) blew up rather than answered. */
const CRASH = /Uncaught|FATAL|out of memory|Maximum call stack/i;

let fake: FakeMonetization;
let server: RunningServer;

before(async () => {
  fake = await startFakeMonetization({
    products: [
      product({ referenceName: 'cave_quest' }),
      product({ referenceName: 'hint_pack', type: 'CONSUMABLE', entitled: 'ENTITLED', purchasable: 'PURCHASABLE', activeEntitlementCount: 1 }),
      product({ referenceName: 'cave_club', type: 'SUBSCRIPTION' }),
    ],
  });
  server = await startSkillServer(EXAMPLE, { SKILLSHOP_STORAGE: 'memory' });
});

after(async () => {
  await server?.stop();
  await fake?.close();
});

/** Valid requests of every kind cave-quest answers, on the fake Monetization service. */
function bases(): unknown[] {
  const at = (n: number): EnvelopeOptions => ({
    apiEndpoint: fake.url,
    requestId: `amzn1.echo-api.request.base-${n}`,
    sessionId: `amzn1.echo-api.session.base-${n}`,
    userId: `amzn1.ask.account.FUZZ${n % 3}`,
    timestamp: '2026-01-01T00:00:00Z',
  });
  const slot = (id: string) => ({ ProductName: { value: id.replace(/_/g, ' '), id } });
  return [
    launchRequest(at(1)),
    intentRequest('BuySkillItemIntent', slot('cave_quest'), at(2)),
    intentRequest('RefundSkillItemIntent', slot('cave_quest'), at(3)),
    intentRequest('HintIntent', {}, at(4)),
    intentRequest('BuyHintsIntent', {}, at(5)),
    intentRequest('WhatCanIBuyIntent', {}, at(6)),
    intentRequest('AMAZON.HelpIntent', {}, at(7)),
    intentRequest('AMAZON.YesIntent', {}, { ...at(8), attributes: { STATE: 'nothing', turns: 2 } }),
    intentRequest('AMAZON.NoIntent', {}, at(9)),
    intentRequest('NoSuchIntent', { Thing: 'whatever' }, at(10)),
    sessionEndedRequest('USER_INITIATED', at(11)),
    purchaseResponse('Buy', 'ACCEPTED', productIdFor('cave_quest'), at(12)),
    purchaseResponse('Upsell', 'DECLINED', productIdFor('hint_pack'), { ...at(13), token: 'hint' }),
    purchaseResponse('Cancel', 'NOT_ENTITLED', productIdFor('cave_club'), { ...at(14), noSession: true }),
    purchaseResponse('Buy', 'ERROR', productIdFor('cave_quest'), { ...at(15), statusCode: '500', noPayload: true }),
  ];
}

/** What the server must answer: the validator's verdict on the same bytes. */
function expectedStatus(body: Buffer): number {
  if (body.length > MAX_BODY_BYTES) return 413;
  try {
    parseRequestEnvelope(body);
    return 200;
  } catch (error) {
    return isSkillshopError(error) && error.statusCode !== undefined ? error.statusCode : 500;
  }
}

/** Why `answer` is wrong for a body that called for `expected`, or undefined when it is right. */
function problemWith(answer: Answer, expected: number): string | undefined {
  if (answer.status >= 500) return `server error ${answer.status}: ${answer.body.slice(0, 300)}`;
  if (answer.status !== expected) return `status ${answer.status}, expected ${expected}: ${answer.body.slice(0, 200)}`;
  let parsed: { version?: unknown; response?: unknown; error?: { code?: unknown } };
  try {
    parsed = JSON.parse(answer.body) as typeof parsed;
  } catch {
    return `the ${answer.status} body is not JSON: ${answer.body.slice(0, 200)}`;
  }
  if (answer.status === 200) {
    if (parsed.version !== '1.0' || typeof parsed.response !== 'object' || parsed.response === null) {
      return `a 200 that is not a response envelope: ${answer.body.slice(0, 200)}`;
    }
  } else if (typeof parsed.error?.code !== 'string') {
    return `a ${answer.status} without an error code: ${answer.body.slice(0, 200)}`;
  }
  return undefined;
}

describe('reliability: fuzzing skillshop run', () => {
  it(`answers ${COUNT} mutated bodies correctly, without crashing or leaking`, async () => {
    const valid = bases();
    const agent = keepAlive(CONCURRENCY);
    const pid = server.child.pid;
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let failureCount = 0;
    let closedOnOversize = 0;

    const send = async (index: number) => {
      const { label, body } = mutate(valid, SEED, index);
      const expected = expectedStatus(body);
      let answer: Answer;
      try {
        answer = await post(server.url, body, agent);
      } catch (error) {
        // Refusing an oversized body, the server may hang up while the client is still sending.
        if (expected === 413) {
          closedOnOversize++;
          return;
        }
        answer = { status: 0, body: `transport failure: ${(error as Error).message}` };
      }
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      const problem = answer.status === 0 ? answer.body : problemWith(answer, expected);
      if (problem) {
        failureCount++;
        if (failures.length < 15) failures.push(`#${index} (seed ${SEED}) ${label}: ${problem}`);
      }
    };

    const started = Date.now();
    const indexes = Array.from({ length: COUNT }, (_, i) => i);
    await inParallel(indexes.slice(0, WARM_UP), CONCURRENCY, send);
    const rssBefore = rssKb(pid);
    const half = WARM_UP + Math.floor((COUNT - WARM_UP) / 2);
    await inParallel(indexes.slice(WARM_UP, half), CONCURRENCY, send);
    const rssMiddle = rssKb(pid);
    await inParallel(indexes.slice(half), CONCURRENCY, send);
    const rssAfter = rssKb(pid);
    agent.destroy();

    // Still serving, with the right answer.
    const alive = await post(server.url, JSON.stringify(launchRequest({ apiEndpoint: fake.url })));
    const seconds = (Date.now() - started) / 1000;
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}:${n}`).join(',');
    report('fuzz', {
      bodies: COUNT,
      seed: SEED,
      statuses: byStatus,
      closedOnOversize,
      wrong: failureCount,
      rssAfterWarmUpMB: rssBefore === undefined ? 'n/a' : (rssBefore / 1024).toFixed(1),
      rssHalfwayMB: rssMiddle === undefined ? 'n/a' : (rssMiddle / 1024).toFixed(1),
      rssAtEndMB: rssAfter === undefined ? 'n/a' : (rssAfter / 1024).toFixed(1),
      seconds: seconds.toFixed(1),
    });

    assert.equal(server.child.exitCode, null, `the server exited:\n${server.output().slice(-3000)}`);
    assert.deepEqual(failures, [], `${failureCount} wrong answers, first ones:\n${failures.join('\n')}`);
    const crashLines = server.output().split('\n').filter((line) => CRASH.test(line));
    assert.deepEqual(crashLines.slice(0, 10), [], 'the server log shows a crash or a stack overflow');
    assert.equal(alive.status, 200);
    assert.match(alive.body, /Welcome to Cave Quest/);
    if (rssBefore !== undefined && rssMiddle !== undefined && rssAfter !== undefined) {
      assert.ok(rssAfter - rssBefore <= MAX_RSS_GROWTH_KB, `resident memory grew ${((rssAfter - rssBefore) / 1024).toFixed(1)} MB`);
      assert.ok(rssAfter - rssMiddle <= MAX_SECOND_HALF_GROWTH_KB, `resident memory grew ${((rssAfter - rssMiddle) / 1024).toFixed(1)} MB in the second half`);
    }
  });
});
