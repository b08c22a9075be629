/**
 * Persisted user data (`this.user().data`): saved after each request, versioned, never saved by a
 * failed handler; and session attributes, which live only while the session is open.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../src/app/app';
import type { AppConfig } from '../../src/app/config';
import type { HandlerMap } from '../../src/app/handlers';
import { skillshopError } from '../../src/errors';
import { silentLogger } from '../../src/logger';
import { MemoryStore } from '../../src/storage/memory-store';
import type { Store, UserData, UserRecord } from '../../src/storage/store';
import { intentRequest, launchRequest, purchaseResponse, USER_ID } from '../helpers/requests';
import { DEFAULT_ERROR_SPEECH, told } from './support';

let app: App | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

function appOn(store: Store, handlers: HandlerMap, config: AppConfig = {}): App {
  app = new App({ storage: store, logger: silentLogger, handlerTimeoutMs: 200, ...config }).setHandler(handlers);
  return app;
}

/** A MemoryStore whose saveUser can be made to fail, and which counts calls. */
class ConflictingStore extends MemoryStore {
  saves = 0;
  conflicts: number;
  constructor(conflicts: number) {
    super();
    this.conflicts = conflicts;
  }
  override async saveUser(userId: string, data: UserData, expectedVersion: number): Promise<UserRecord> {
    this.saves++;
    if (this.conflicts > 0) {
      this.conflicts--;
      throw skillshopError('STORAGE_VERSION_CONFLICT', `User ${userId} changed (simulated).`, { details: { userId, expectedVersion } });
    }
    return super.saveUser(userId, data, expectedVersion);
  }
}

const counting: HandlerMap = {
  LAUNCH() {
    const data = this.user().data as { visits?: number };
    data.visits = (data.visits ?? 0) + 1;
    this.tell(`Visit ${data.visits}.`);
  },
};

describe('user data: persistence', () => {
  it('saves this.user().data after the request and reads it back in the next one', async () => {
    const store = new MemoryStore();
    appOn(store, counting);
    assert.deepEqual(await app!.handle(launchRequest()), told('Visit 1.'));
    assert.deepEqual(await app!.handle(launchRequest()), told('Visit 2.'));
    const record = await store.getUser(USER_ID);
    assert.deepEqual(record?.data, { visits: 2 });
    assert.equal(record?.version, 2);
  });

  it("keeps each user's data apart", async () => {
    const store = new MemoryStore();
    appOn(store, counting);
    await app!.handle(launchRequest());
    assert.deepEqual(await app!.handle(launchRequest({ userId: 'amzn1.ask.account.OTHER' })), told('Visit 1.'));
    assert.deepEqual((await store.getUser(USER_ID))?.data, { visits: 1 });
    assert.deepEqual((await store.getUser('amzn1.ask.account.OTHER'))?.data, { visits: 1 });
  });

  it("works with storage: { type: 'memory' } and exposes the store as app.store", async () => {
    app = new App({ storage: { type: 'memory' }, logger: silentLogger }).setHandler(counting);
    assert.equal(app.store?.kind, undefined, 'opened by the first request');
    await app.handle(launchRequest());
    assert.deepEqual(await app.handle(launchRequest()), told('Visit 2.'));
    assert.equal(app.store?.kind, 'memory');
    assert.deepEqual((await app.store?.getUser(USER_ID))?.data, { visits: 2 });
  });

  it('replacing user().data wholesale is saved too', async () => {
    const store = new MemoryStore();
    appOn(store, {
      LAUNCH() {
        this.user().data = { inventory: ['map'], used: 0 };
        this.tell('ok');
      },
    });
    await store.saveUser(USER_ID, { old: true }, 0);
    await app!.handle(launchRequest());
    assert.deepEqual((await store.getUser(USER_ID))?.data, { inventory: ['map'], used: 0 });
  });

  it('reports isNew, id and createdAt', async () => {
    const store = new MemoryStore();
    const seen: unknown[] = [];
    appOn(store, {
      LAUNCH() {
        const user = this.user();
        seen.push({ id: user.id, isNew: user.isNew, hasCreatedAt: typeof user.createdAt === 'string' });
        (user.data as { n?: number }).n = 1;
        this.tell('ok');
      },
    });
    await app!.handle(launchRequest());
    await app!.handle(launchRequest());
    assert.deepEqual(seen, [
      { id: USER_ID, isNew: true, hasCreatedAt: false },
      { id: USER_ID, isNew: false, hasCreatedAt: true },
    ]);
  });

  it('does not save when the data did not change', async () => {
    const store = new ConflictingStore(0);
    appOn(store, { LAUNCH() { this.tell(`You have ${JSON.stringify(this.user().data)}.`); } });
    await app!.handle(launchRequest());
    assert.equal(store.saves, 0);
  });

  it('saves data changed in a callback after the handler returned', async () => {
    const store = new MemoryStore();
    appOn(store, {
      LAUNCH() {
        setTimeout(() => {
          (this.user().data as { late?: boolean }).late = true;
          this.tell('ok');
        }, 10);
      },
    });
    await app!.handle(launchRequest());
    assert.deepEqual((await store.getUser(USER_ID))?.data, { late: true });
  });

  it('saves nothing with persistUserData: false', async () => {
    const store = new MemoryStore();
    appOn(store, counting, { persistUserData: false });
    assert.deepEqual(await app!.handle(launchRequest()), told('Visit 1.'));
    assert.deepEqual(await app!.handle(launchRequest()), told('Visit 1.'));
    assert.equal(await store.getUser(USER_ID), undefined);
  });

  it('saves data changed in ON_PURCHASE (a new session)', async () => {
    const store = new MemoryStore();
    appOn(store, {
      ON_PURCHASE() {
        (this.user().data as { purchases?: number }).purchases = 1;
        this.tell('Thanks.');
      },
    });
    await app!.handle(purchaseResponse('Buy', 'ACCEPTED', 'amzn1.adg.product.x'));
    assert.deepEqual((await store.getUser(USER_ID))?.data, { purchases: 1 });
  });
});

describe('user data: failures', () => {
  it('a handler that throws after changing the data saves nothing', async () => {
    const store = new MemoryStore();
    await store.saveUser(USER_ID, { coins: 5 }, 0);
    appOn(store, {
      LAUNCH() {
        (this.user().data as { coins: number }).coins = 0;
        throw new Error('half done');
      },
      ON_ERROR() { this.tell('Sorry.'); },
    });
    assert.deepEqual(await app!.handle(launchRequest()), told('Sorry.'));
    const record = await store.getUser(USER_ID);
    assert.deepEqual(record?.data, { coins: 5 });
    assert.equal(record?.version, 1);
  });

  it('a handler that times out saves nothing, not even what ON_ERROR changed', async () => {
    const store = new MemoryStore();
    appOn(store, {
      LAUNCH() { (this.user().data as { x?: number }).x = 1; },
      ON_ERROR() {
        (this.user().data as { y?: number }).y = 2;
        this.tell('Sorry.');
      },
    }, { handlerTimeoutMs: 50 });
    assert.deepEqual(await app!.handle(launchRequest()), told('Sorry.'));
    assert.equal(await store.getUser(USER_ID), undefined);
  });

  it('retries the request after a version conflict and saves', async () => {
    const store = new ConflictingStore(1);
    let runs = 0;
    appOn(store, {
      LAUNCH() {
        runs++;
        const data = this.user().data as { visits?: number };
        data.visits = (data.visits ?? 0) + 1;
        this.tell(`Visit ${data.visits}.`);
      },
    });
    assert.deepEqual(await app!.handle(launchRequest()), told('Visit 1.'));
    assert.equal(runs, 2);
    assert.equal(store.saves, 2);
    const record = await store.getUser(USER_ID);
    assert.deepEqual(record?.data, { visits: 1 });
    assert.equal(record?.version, 1);
  });

  it('re-reads the record on retry, so a racing save is not lost', async () => {
    const store = new MemoryStore();
    await store.saveUser(USER_ID, { visits: 1 }, 0);
    let raced = false;
    appOn(store, {
      async LAUNCH() {
        const data = this.user().data as { visits: number };
        if (!raced) {
          raced = true;
          // Another request of the same user saves while this one runs.
          await store.saveUser(USER_ID, { visits: 10 }, 1);
        }
        data.visits += 1;
        this.tell(`Visit ${data.visits}.`);
      },
    });
    assert.deepEqual(await app!.handle(launchRequest()), told('Visit 11.'));
    assert.deepEqual((await store.getUser(USER_ID))?.data, { visits: 11 });
  });

  it('answers the error speech when the conflict persists', async () => {
    const store = new ConflictingStore(Number.POSITIVE_INFINITY);
    let runs = 0;
    appOn(store, {
      LAUNCH() {
        runs++;
        (this.user().data as { x?: number }).x = 1;
        this.tell('Saved?');
      },
    });
    assert.deepEqual(await app!.handle(launchRequest()), told(DEFAULT_ERROR_SPEECH));
    assert.equal(runs, 5, 'five attempts, then the apology');
    assert.equal(await store.getUser(USER_ID), undefined);
  });

  it('answers the error speech when the store fails otherwise', async () => {
    class BrokenStore extends MemoryStore {
      override async saveUser(): Promise<UserRecord> {
        throw skillshopError('STORAGE_UNAVAILABLE', 'disk gone');
      }
    }
    let runs = 0;
    appOn(new BrokenStore(), {
      LAUNCH() {
        runs++;
        (this.user().data as { x?: number }).x = 1;
        this.tell('Saved?');
      },
    });
    assert.deepEqual(await app!.handle(launchRequest()), told(DEFAULT_ERROR_SPEECH));
    assert.equal(runs, 1);
  });

  it('answers the error speech for data with a cycle', async () => {
    const store = new MemoryStore();
    appOn(store, {
      LAUNCH() {
        const data = this.user().data as { self?: unknown };
        data.self = data;
        this.tell('ok');
      },
    });
    assert.deepEqual(await app!.handle(launchRequest()), told(DEFAULT_ERROR_SPEECH));
  });

  it('refuses data that cannot be stored as JSON with the error speech', async () => {
    const store = new MemoryStore();
    appOn(store, {
      LAUNCH() {
        (this.user().data as { big?: bigint }).big = 1n;
        this.tell('ok');
      },
    });
    assert.deepEqual(await app!.handle(launchRequest()), told(DEFAULT_ERROR_SPEECH));
    assert.equal(await store.getUser(USER_ID), undefined);
  });
});

describe('session attributes vs user data', () => {
  it('session attributes travel in the response only while the session stays open', async () => {
    app = new App({ storage: { type: 'memory' }, logger: silentLogger }).setHandler({
      LAUNCH() {
        this.setSessionAttribute('step', 1).ask('Step one.', 'Well?');
      },
      NextIntent() {
        const step = Number(this.getSessionAttribute('step'));
        this.setSessionAttribute('step', step + 1);
        if (step + 1 >= 3) this.tell('Done.');
        else this.ask(`Step ${step + 1}.`, 'Well?');
      },
    });
    const first = await app.handle(launchRequest());
    assert.deepEqual(first.sessionAttributes, { step: 1 });
    const second = await app.handle(intentRequest('NextIntent', {}, { attributes: first.sessionAttributes }));
    assert.deepEqual(second.sessionAttributes, { step: 2 });
    const third = await app.handle(intentRequest('NextIntent', {}, { attributes: second.sessionAttributes }));
    assert.deepEqual(third, told('Done.'));
  });

  it('session attributes are not persisted as user data', async () => {
    const store = new MemoryStore();
    appOn(store, { LAUNCH() { this.setSessionAttribute('step', 1).ask('Hi.', 'Hm?'); } });
    await app!.handle(launchRequest());
    assert.equal(await store.getUser(USER_ID), undefined);
  });
});
