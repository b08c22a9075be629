/**
 * Exactly once: a purchase result, or a request that used consumables, delivered twice (one after
 * the other, or at the same time) runs its effects once and gets the same answer twice.
 * alexa-isp-facts.md §9: the requestId is the only key of a delivery.
 */
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../src/app/app';
import type { AppConfig } from '../../src/app/config';
import type { HandlerMap } from '../../src/app/handlers';
import { skillshopError } from '../../src/errors';
import { silentLogger } from '../../src/logger';
import { MemoryStore } from '../../src/storage/memory-store';
import type { ConsumeOutcome, ConsumeRequest, PurchaseEvent, UserData, UserRecord } from '../../src/storage/store';
import { intentRequest, launchRequest, purchaseResponse, USER_ID } from '../helpers/requests';
import { product, productIdFor, startFakeMonetization, type FakeMonetization } from '../helpers/fake-monetization';
import { DEFAULT_ERROR_SPEECH, recordingLogger, sleep, told } from './support';

const CAVE_ID = productIdFor('cave_quest');
const hints = product({ referenceName: 'hint_pack', type: 'CONSUMABLE', entitled: 'ENTITLED', purchasable: 'PURCHASABLE', activeEntitlementCount: 1 });

/** A MemoryStore that counts the calls the exactly-once machinery makes. */
class CountingStore extends MemoryStore {
  calls = { getResponse: 0, saveResponse: 0, recordPurchaseEvent: 0, consume: 0 };
  override async getResponse(requestId: string): Promise<unknown> {
    this.calls.getResponse++;
    return super.getResponse(requestId);
  }
  override async saveResponse(requestId: string, userId: string, response: unknown): Promise<void> {
    this.calls.saveResponse++;
    return super.saveResponse(requestId, userId, response);
  }
  override async recordPurchaseEvent(event: PurchaseEvent): Promise<boolean> {
    this.calls.recordPurchaseEvent++;
    return super.recordPurchaseEvent(event);
  }
  override async consume(request: ConsumeRequest): Promise<ConsumeOutcome> {
    this.calls.consume++;
    return super.consume(request);
  }
}

let fake: FakeMonetization;
let app: App | undefined;
let store: CountingStore;

before(async () => {
  fake = await startFakeMonetization({ products: [hints] });
});
after(async () => {
  await fake.close();
});
beforeEach(() => {
  store = new CountingStore();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function appOn(handlers: HandlerMap, config: AppConfig = {}): App {
  app = new App({ storage: store, logger: silentLogger, handlerTimeoutMs: 500, isp: { consumables: { hint_pack: { unitsPerPurchase: 5 } } }, ...config })
    .setHandler(handlers);
  return app;
}

/** ON_PURCHASE counts its runs in process and in user data, after an await (so deliveries overlap). */
function countingPurchases(runs: { count: number }): HandlerMap {
  return {
    async ON_PURCHASE() {
      runs.count++;
      await sleep(20);
      const data = this.user().data as { purchases?: number };
      data.purchases = (data.purchases ?? 0) + 1;
      this.tell(`Thanks! Purchase ${data.purchases}.`);
    },
  };
}

const buy = (requestId: string) => purchaseResponse('Buy', 'ACCEPTED', CAVE_ID, { requestId });
const hint = (requestId: string) => intentRequest('HintIntent', {}, { requestId, apiEndpoint: fake.url });

/** HintIntent uses a hint, then counts the hints heard in user data. */
const hintHandlers: HandlerMap = {
  async HintIntent() {
    const { available } = await this.isp.consume('hint_pack');
    const data = this.user().data as { heard?: number };
    data.heard = (data.heard ?? 0) + 1;
    this.tell(`Hint ${data.heard}: the dragon fears light. ${available} left.`);
  },
};

async function purchasesCounted(): Promise<number | undefined> {
  return ((await store.getUser(USER_ID))?.data as { purchases?: number } | undefined)?.purchases;
}

async function heard(): Promise<number | undefined> {
  return ((await store.getUser(USER_ID))?.data as { heard?: number } | undefined)?.heard;
}

describe('exactly once: purchase results', () => {
  it('the same Connections.Response twice: the handler runs once, the answers are identical', async () => {
    const runs = { count: 0 };
    appOn(countingPurchases(runs));
    const first = await app!.handle(buy('amzn1.echo-api.request.buy-1'));
    const second = await app!.handle(buy('amzn1.echo-api.request.buy-1'));
    assert.deepEqual(first, told('Thanks! Purchase 1.'));
    assert.deepEqual(second, first);
    assert.equal(runs.count, 1);
    assert.equal(await purchasesCounted(), 1);
    assert.equal((await app!.storage.purchases(USER_ID)).length, 1);
  });

  it('delivered twice at the same time: the second waits for the first and gets its answer', async () => {
    const runs = { count: 0 };
    appOn(countingPurchases(runs));
    const answers = await Promise.all([app!.handle(buy('amzn1.echo-api.request.buy-2')), app!.handle(buy('amzn1.echo-api.request.buy-2'))]);
    assert.equal(runs.count, 1);
    assert.deepEqual(answers[0], told('Thanks! Purchase 1.'));
    assert.deepEqual(answers[1], answers[0]);
    assert.equal(await purchasesCounted(), 1);
  });

  it('five deliveries at once, then a different purchase: each effect once', async () => {
    const runs = { count: 0 };
    appOn(countingPurchases(runs));
    const answers = await Promise.all(Array.from({ length: 5 }, () => app!.handle(buy('amzn1.echo-api.request.buy-3'))));
    for (const answer of answers) assert.deepEqual(answer, told('Thanks! Purchase 1.'));
    assert.deepEqual(await app!.handle(buy('amzn1.echo-api.request.buy-4')), told('Thanks! Purchase 2.'));
    assert.equal(runs.count, 2);
    assert.equal(await purchasesCounted(), 2);
  });

  it('a first delivery that failed keeps its answer too: the redelivery gets the same apology, no second run', async () => {
    let runs = 0;
    appOn({ ON_PURCHASE() { runs++; throw new Error('boom'); } });
    const first = await app!.handle(buy('amzn1.echo-api.request.failed'));
    assert.deepEqual(first, told(DEFAULT_ERROR_SPEECH));
    assert.deepEqual(await app!.handle(buy('amzn1.echo-api.request.failed')), first);
    assert.equal(runs, 1);
  });

  it('a first delivery that died before answering: the redelivery waits its time, then runs the handler (isRedelivery() is true)', async () => {
    const logger = recordingLogger();
    appOn({ ON_PURCHASE() { this.tell(this.isp.isRedelivery() ? 'Again.' : 'First.'); } }, { handlerTimeoutMs: 40, logger });
    // What a crash leaves behind: the ledger entry, but no kept response.
    await store.recordPurchaseEvent({
      requestId: 'amzn1.echo-api.request.crashed', userId: USER_ID, name: 'Buy', productId: CAVE_ID,
      purchaseResult: 'ACCEPTED', statusCode: '200', token: undefined, receivedAt: '',
    });
    const started = Date.now();
    assert.deepEqual(await app!.handle(buy('amzn1.echo-api.request.crashed')), told('Again.'));
    // handlerTimeoutMs + ON_ERROR's limit + the save margin: 40 + 40 + 500.
    assert.ok(Date.now() - started >= 500, `waited ${Date.now() - started} ms`);
    assert.ok(logger.lines.some((line) => line.level === 'warn' && /first delivery kept no response/.test(line.message)));
    // This answer is kept now.
    assert.deepEqual(await app!.handle(buy('amzn1.echo-api.request.crashed')), told('Again.'));
  });

  it('keeps the answer even when user data is not persisted', async () => {
    let runs = 0;
    appOn({ ON_PURCHASE() { runs++; this.tell(`Run ${runs}.`); } }, { persistUserData: false });
    await app!.handle(buy('amzn1.echo-api.request.nopersist'));
    assert.deepEqual(await app!.handle(buy('amzn1.echo-api.request.nopersist')), told('Run 1.'));
    assert.equal(runs, 1);
  });

  it('a failure to keep the answer is logged and the user still gets it', async () => {
    store.saveResponse = async () => {
      throw skillshopError('STORAGE_UNAVAILABLE', 'database down (simulated)');
    };
    const logger = recordingLogger();
    appOn({ ON_PURCHASE() { this.tell('Thanks!'); } }, { logger });
    assert.deepEqual(await app!.handle(buy('amzn1.echo-api.request.unsaved')), told('Thanks!'));
    assert.ok(logger.lines.some((line) => line.level === 'error' && /Could not keep the response/.test(line.message)));
  });

  it('app.storage.purchases lists the ledger, one entry per requestId, oldest first', async () => {
    appOn({ ON_PURCHASE() { this.tell('ok'); } });
    await app!.handle(buy('amzn1.echo-api.request.a'));
    await app!.handle(buy('amzn1.echo-api.request.a'));
    await app!.handle(purchaseResponse('Cancel', 'ACCEPTED', CAVE_ID, { requestId: 'amzn1.echo-api.request.b' }));
    const events = await app!.storage.purchases(USER_ID);
    assert.deepEqual(events.map((e) => [e.requestId, e.name, e.purchaseResult]), [
      ['amzn1.echo-api.request.a', 'Buy', 'ACCEPTED'],
      ['amzn1.echo-api.request.b', 'Cancel', 'ACCEPTED'],
    ]);
    assert.deepEqual(await app!.storage.purchases('amzn1.ask.account.SOMEONE_ELSE'), []);
  });
});

describe('exactly once: requests that use consumables', () => {
  it('an IntentRequest that consumed, delivered twice: used once, the same answer, user data changed once', async () => {
    appOn(hintHandlers);
    const first = await app!.handle(hint('amzn1.echo-api.request.hint-1'));
    assert.deepEqual(first, told('Hint 1: the dragon fears light. 4 left.'));
    assert.deepEqual(await app!.handle(hint('amzn1.echo-api.request.hint-1')), first);
    assert.equal(await app!.storage.usage(USER_ID, 'hint_pack'), 1);
    assert.equal(await heard(), 1);
    assert.deepEqual(await app!.handle(hint('amzn1.echo-api.request.hint-2')), told('Hint 2: the dragon fears light. 3 left.'));
  });

  it('delivered twice at the same time: used once, both answers the first one', async () => {
    const logger = recordingLogger();
    appOn(hintHandlers, { logger });
    const answers = await Promise.all([app!.handle(hint('amzn1.echo-api.request.hint-3')), app!.handle(hint('amzn1.echo-api.request.hint-3'))]);
    assert.deepEqual(answers[0], told('Hint 1: the dragon fears light. 4 left.'));
    assert.deepEqual(answers[1], answers[0]);
    assert.equal(await app!.storage.usage(USER_ID, 'hint_pack'), 1);
    assert.equal(await heard(), 1);
    assert.ok(logger.lines.some((line) => /delivered again: answering with the response it got the first time/.test(line.message)));
  });

  it('a seed-style callback is not called again on a redelivery', async () => {
    let callbacks = 0;
    appOn({
      HintIntent() {
        this.alexaSkill().inSkillPurchase().consume('hint_pack', (error, inventory) => {
          callbacks++;
          this.tell(error ? 'No hints left.' : `${inventory!.available} left.`);
        });
      },
    });
    const first = await app!.handle(hint('amzn1.echo-api.request.hint-cb'));
    assert.deepEqual(await app!.handle(hint('amzn1.echo-api.request.hint-cb')), first);
    assert.deepEqual(first, told('4 left.'));
    assert.equal(callbacks, 1);
  });

  it('a "not enough" answer is kept as well', async () => {
    appOn({
      async HintIntent() {
        try {
          await this.isp.consume('hint_pack', 6);
          this.tell('Six hints.');
        } catch {
          const data = this.user().data as { refused?: number };
          data.refused = (data.refused ?? 0) + 1;
          this.tell(`Not enough, refused ${data.refused}.`);
        }
      },
    });
    const first = await app!.handle(hint('amzn1.echo-api.request.hint-6'));
    assert.deepEqual(first, told('Not enough, refused 1.'));
    assert.deepEqual(await app!.handle(hint('amzn1.echo-api.request.hint-6')), first);
    assert.equal(((await store.getUser(USER_ID))?.data as { refused?: number }).refused, 1);
  });

  it('a re-run after a version conflict is not mistaken for a redelivery', async () => {
    let conflicts = 1;
    const save = store.saveUser.bind(store);
    store.saveUser = async (userId: string, data: UserData, expectedVersion: number): Promise<UserRecord> => {
      if (conflicts-- > 0) throw skillshopError('STORAGE_VERSION_CONFLICT', 'changed (simulated)', { details: { userId, expectedVersion } });
      return save(userId, data, expectedVersion);
    };
    const logger = recordingLogger();
    appOn(hintHandlers, { logger });
    const started = Date.now();
    assert.deepEqual(await app!.handle(hint('amzn1.echo-api.request.hint-conflict')), told('Hint 1: the dragon fears light. 4 left.'));
    assert.ok(Date.now() - started < 400, 'no wait for a kept response');
    assert.equal(await app!.storage.usage(USER_ID, 'hint_pack'), 1);
    assert.equal(store.calls.consume, 2);
    assert.ok(logger.lines.some((line) => /running it again/.test(line.message)));
    assert.ok(!logger.lines.some((line) => /delivered again/.test(line.message)));
  });

  it('a first delivery that died after consuming: the redelivery runs on, using nothing more', async () => {
    appOn(hintHandlers, { handlerTimeoutMs: 40 });
    // What a crash after the conditional write leaves: the consumption, but no response, no user data.
    await store.consume({ userId: USER_ID, referenceName: 'hint_pack', count: 1, limit: 5, requestId: 'amzn1.echo-api.request.hint-crash' });
    assert.deepEqual(await app!.handle(hint('amzn1.echo-api.request.hint-crash')), told('Hint 1: the dragon fears light. 4 left.'));
    assert.equal(await app!.storage.usage(USER_ID, 'hint_pack'), 1);
    assert.equal(await heard(), 1);
  });
});

describe('exactly once: what it costs', () => {
  it('a request that neither is a purchase result nor consumes makes no extra storage call', async () => {
    appOn({ LAUNCH() { this.tell('Hi.'); }, HelpIntent() { this.ask('Say hint.'); } });
    await app!.handle(launchRequest());
    await app!.handle(intentRequest('HelpIntent'));
    assert.deepEqual(store.calls, { getResponse: 0, saveResponse: 0, recordPurchaseEvent: 0, consume: 0 });
  });

  it('a first purchase result: one ledger write, one kept response, no read', async () => {
    appOn({ ON_PURCHASE() { this.tell('Thanks!'); } });
    await app!.handle(buy('amzn1.echo-api.request.cost'));
    assert.deepEqual(store.calls, { getResponse: 0, saveResponse: 1, recordPurchaseEvent: 1, consume: 0 });
  });

  it('a first consuming request: one conditional write, one kept response, no read of responses', async () => {
    appOn(hintHandlers);
    await app!.handle(hint('amzn1.echo-api.request.cost-hint'));
    assert.deepEqual(store.calls, { getResponse: 0, saveResponse: 1, recordPurchaseEvent: 0, consume: 1 });
  });
});
