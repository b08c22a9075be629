/**
 * When a handler is done: answers from callbacks after returning (seed style), returned promises,
 * timeouts, thrown errors, ON_ERROR and the error speech, and late answers.
 */
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { App } from '../../src/app/app';
import type { AppConfig } from '../../src/app/config';
import type { HandlerMap } from '../../src/app/handlers';
import type { Input } from '../../src/app/inputs';
import type { InSkillProduct } from '../../src/isp/product';
import { escapeSsml } from '../../src/alexa/ssml';
import { intentRequest, launchRequest } from '../helpers/requests';
import { product, startFakeMonetization, type FakeMonetization } from '../helpers/fake-monetization';
import { appWith, assertCode, DEFAULT_ERROR_SPEECH, recordingLogger, sleep, told } from './support';

let fake: FakeMonetization;
let app: App | undefined;

before(async () => {
  fake = await startFakeMonetization({ products: [product({ referenceName: 'cave_quest' })] });
});
after(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.fail(undefined);
  fake.delay(0);
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** An app whose ON_ERROR records the error and says "Error: <code or message>." */
function appRecordingErrors(handlers: HandlerMap, config: AppConfig = {}): { app: App; errors: unknown[] } {
  const errors: unknown[] = [];
  app = appWith({
    ...handlers,
    ON_ERROR(error: unknown) {
      errors.push(error);
      const code = (error as { code?: string }).code;
      this.tell(`Error: ${code ?? (error as Error).message}.`);
    },
  }, { handlerTimeoutMs: 100, ...config });
  return { app, errors };
}

const buyRequest = (id: string) => intentRequest('BuySkillItemIntent', { ProductName: { value: id.replace(/_/g, ' '), id } }, { apiEndpoint: fake.url });

describe('answering: from a callback after returning', () => {
  it('waits for an answer from a timer', async () => {
    app = appWith({ LAUNCH() { setTimeout(() => this.tell('Later.'), 20); } }, { handlerTimeoutMs: 500 });
    assert.deepEqual(await app.handle(launchRequest()), told('Later.'));
  });

  it("waits for the seed's getProductByReferenceName callback against the Monetization service", async () => {
    app = appWith({
      BuySkillItemIntent(productName: Input) {
        this.alexaSkill().inSkillPurchase().getProductByReferenceName(productName.id, (error, found) => {
          if (error) return this.tell('The shop is closed.');
          this.tell(`${found!.name}: ${found!.entitled}.`);
        });
      },
    });
    assert.deepEqual(await app.handle(buyRequest('cave_quest')), told('Cave Quest: NOT_ENTITLED.'));
  });

  it('waits for a skillshop callback even after output (code after tell in the callback still counts)', async () => {
    app = appWith({
      LAUNCH() {
        this.isp.getProductList((error, products) => {
          this.ask(`${products?.length ?? 0} products.`, 'Well?');
          this.setSessionAttribute('count', products?.length ?? 0);
        });
      },
    });
    const response = await app.handle(launchRequest({ apiEndpoint: fake.url }));
    assert.deepEqual(response.response.outputSpeech, { type: 'SSML', ssml: '<speak>1 products.</speak>' });
    assert.deepEqual(response.sessionAttributes, { count: 1 });
  });
});

describe('answering: by returning', () => {
  it('keeps what a synchronous handler adds after its answer, also in a promise it started', async () => {
    app = appWith({
      LAUNCH() {
        this.ask('Welcome.', 'Say buy.');
        this.setSessionAttribute('visits', 1);
        void Promise.resolve().then(() => this.setSessionAttribute('greeted', true));
      },
    });
    const response = await app.handle(launchRequest());
    assert.deepEqual(response.sessionAttributes, { visits: 1, greeted: true });
    assert.equal(response.response.shouldEndSession, false);
  });
});

describe('answering: by returning a promise', () => {
  it('answers from an async handler', async () => {
    app = appWith({
      async LAUNCH() {
        const found = await this.isp.getProductByReferenceName('cave_quest');
        this.tell(`Welcome to ${found?.name ?? 'nothing'}.`);
      },
    });
    assert.deepEqual(await app.handle(launchRequest({ apiEndpoint: fake.url })), told('Welcome to Cave Quest.'));
  });

  it('answers from a returned then-chain', async () => {
    app = appWith({
      LAUNCH() {
        return this.isp.getProductList().then((products: InSkillProduct[]) => {
          this.tell(products.map((p) => p.referenceName).join(', '));
        });
      },
    });
    assert.deepEqual(await app.handle(launchRequest({ apiEndpoint: fake.url })), told('cave_quest'));
  });

  it('ends silently when the returned promise settles without output, dropping a later timer answer', async () => {
    const logger = recordingLogger();
    app = appWith({
      async LAUNCH() {
        setTimeout(() => this.tell('Too late.'), 10);
      },
    }, { logger });
    assert.deepEqual(await app.handle(launchRequest()), { version: '1.0', response: { shouldEndSession: true } });
    await sleep(20);
    assert.ok(logger.lines.some((line) => line.level === 'warn' && /finished without output/.test(line.message)));
    assert.ok(logger.lines.some((line) => line.level === 'warn' && /answered after its response was sent/.test(line.message)));
  });
});

describe('answering: timeouts', () => {
  it('gives ON_ERROR SKILLSHOP_HANDLER_TIMEOUT when nothing is said within handlerTimeoutMs', async () => {
    const { app, errors } = appRecordingErrors({ LAUNCH() { /* forgets to answer */ } });
    const started = Date.now();
    assert.deepEqual(await app.handle(launchRequest()), told('Error: SKILLSHOP_HANDLER_TIMEOUT.'));
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 90 && elapsed < 3000, `took ${elapsed} ms`);
    assertCode(errors[0], 'SKILLSHOP_HANDLER_TIMEOUT', /LAUNCH produced no output within 100 ms/);
  });

  it('times out a callback that never answers (an error path without output)', async () => {
    fake.fail(500);
    const { app, errors } = appRecordingErrors({
      BuySkillItemIntent(productName: Input) {
        this.isp.getProductByReferenceName(productName.id, (error, found) => {
          if (!error) this.tell(`Found ${found?.name}.`);
          // the error path forgets to answer
        });
      },
    });
    assert.deepEqual(await app.handle(buyRequest('cave_quest')), told('Error: SKILLSHOP_HANDLER_TIMEOUT.'));
    assertCode(errors[0], 'SKILLSHOP_HANDLER_TIMEOUT');
  });

  it('times out a returned promise that never settles', async () => {
    const { app, errors } = appRecordingErrors({ LAUNCH() { return new Promise(() => {}); } });
    assert.deepEqual(await app.handle(launchRequest()), told('Error: SKILLSHOP_HANDLER_TIMEOUT.'));
    assertCode(errors[0], 'SKILLSHOP_HANDLER_TIMEOUT');
  });

  it('answers the error speech on a timeout without ON_ERROR', async () => {
    app = appWith({ LAUNCH() {} }, { handlerTimeoutMs: 50 });
    assert.deepEqual(await app.handle(launchRequest()), told(DEFAULT_ERROR_SPEECH));
  });

  it('does not let a late timer answer leak into the response, nor crash', async () => {
    const logger = recordingLogger();
    const { app } = appRecordingErrors({ LAUNCH() { setTimeout(() => this.tell('Late.'), 150); } }, { logger });
    assert.deepEqual(await app.handle(launchRequest()), told('Error: SKILLSHOP_HANDLER_TIMEOUT.'));
    await sleep(80);
    assert.ok(logger.lines.some((line) => line.level === 'warn' && /LAUNCH answered after its response was sent/.test(line.message)));
    // The app keeps working.
    app.setHandler({ LAUNCH() { this.tell('Fine.'); } });
    assert.deepEqual(await app.handle(launchRequest()), told('Fine.'));
  });

  it('does not let a late answer leak into a slow ON_ERROR response', async () => {
    app = appWith({
      LAUNCH() { setTimeout(() => this.tell('Late.'), 120); },
      ON_ERROR() { setTimeout(() => this.tell('Sorry from ON_ERROR.'), 50); },
    }, { handlerTimeoutMs: 100 });
    assert.deepEqual(await app.handle(launchRequest()), told('Sorry from ON_ERROR.'));
  });

  it('drops a late Monetization callback, even one that throws', async () => {
    fake.delay(150);
    const calls: string[] = [];
    const { app } = appRecordingErrors({
      BuySkillItemIntent(productName: Input) {
        this.isp.getProductByReferenceName(productName.id, (_error, found) => {
          calls.push('callback');
          this.tell(`Found ${found!.name}.`);
          throw new Error('after the answer');
        });
      },
    });
    assert.deepEqual(await app.handle(buyRequest('cave_quest')), told('Error: SKILLSHOP_HANDLER_TIMEOUT.'));
    await sleep(120);
    assert.deepEqual(calls, ['callback']);
  });

  it('shares one deadline between NEW_SESSION and the routed handler', async () => {
    const { app, errors } = appRecordingErrors({
      async NEW_SESSION() { await sleep(70); },
      async LAUNCH() {
        await sleep(70);
        this.tell('Too slow.');
      },
    });
    assert.deepEqual(await app.handle(launchRequest({ newSession: true })), told('Error: SKILLSHOP_HANDLER_TIMEOUT.'));
    // The message names the limit (handlerTimeoutMs), not what was left of it for LAUNCH.
    assertCode(errors[0], 'SKILLSHOP_HANDLER_TIMEOUT', /LAUNCH produced no output within 100 ms/);
  });
});

describe('answering: failures go to ON_ERROR', () => {
  it('a handler that throws', async () => {
    const { app, errors } = appRecordingErrors({ LAUNCH() { throw new Error('the cave collapsed'); } });
    assert.deepEqual(await app.handle(launchRequest()), told('Error: the cave collapsed.'));
    assert.equal((errors[0] as Error).message, 'the cave collapsed');
  });

  it('a handler that answers and then throws: its answer is dropped', async () => {
    const { app } = appRecordingErrors({
      LAUNCH() {
        this.tell('Half done.');
        throw new Error('after the answer');
      },
    });
    assert.deepEqual(await app.handle(launchRequest()), told('Error: after the answer.'));
  });

  it('a rejected promise', async () => {
    const { app, errors } = appRecordingErrors({ async LAUNCH() { await Promise.reject(new RangeError('no such room')); } });
    assert.deepEqual(await app.handle(launchRequest()), told('Error: no such room.'));
    assert.ok(errors[0] instanceof RangeError);
  });

  it("a callback that throws: the seed's product.entitled on an unknown reference name", async () => {
    const { app, errors } = appRecordingErrors({
      BuySkillItemIntent(productName: Input) {
        const productReferenceName = productName.id;
        this.alexaSkill().inSkillPurchase().getProductByReferenceName(productReferenceName, (error, found) => {
          if (found!.entitled === 'ENTITLED') {
            this.tell('You own it already');
            return;
          }
          this.alexaSkill().inSkillPurchase().buy(found!.productId);
        });
      },
    });
    const response = await app.handle(buyRequest('dragon_quest'));
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof TypeError, `got ${String(errors[0])}`);
    assert.match((errors[0] as Error).message, /entitled/);
    assert.deepEqual(response, told(escapeSsml(`Error: ${(errors[0] as Error).message}.`)));
  });

  it('a callback that ignores its error and fails: the Monetization error is named as the cause', async () => {
    fake.failNext(401);
    const { app, errors } = appRecordingErrors({
      BuySkillItemIntent(productName: Input) {
        this.isp.getProductByReferenceName(productName.id, (_error, found) => {
          this.alexaSkill().inSkillPurchase().buy(found!.productId);
        });
      },
    });
    assert.deepEqual(await app.handle(buyRequest('cave_quest')), told('Error: SKILLSHOP_HANDLER_FAILED.'));
    const error = assertCode(errors[0], 'SKILLSHOP_HANDLER_FAILED', /Check `error` first/);
    assertCode(error.cause, 'SKILLSHOP_MONETIZATION_HTTP', /401/);
  });

  it('an async callback that rejects', async () => {
    const { app } = appRecordingErrors({
      LAUNCH() {
        this.isp.getProductList(async () => {
          await Promise.resolve();
          throw new Error('async callback failed');
        });
      },
    }, {});
    assert.deepEqual(await app.handle(launchRequest({ apiEndpoint: fake.url })), told('Error: async callback failed.'));
  });

  it('a non-Error thrown value', async () => {
    const { app, errors } = appRecordingErrors({
      LAUNCH() {
        throw Object.assign(new Error('x'), { code: 'CUSTOM' });
      },
    });
    assert.deepEqual(await app.handle(launchRequest()), told('Error: CUSTOM.'));
    assert.equal((errors[0] as { code: string }).code, 'CUSTOM');
  });
});

describe('answering: ON_ERROR missing or failing', () => {
  it('answers errorSpeech without ON_ERROR', async () => {
    app = appWith({ LAUNCH() { throw new Error('boom'); } });
    assert.deepEqual(await app.handle(launchRequest()), told(DEFAULT_ERROR_SPEECH));
  });

  it('answers a configured errorSpeech', async () => {
    app = appWith({ LAUNCH() { throw new Error('boom'); } }, { errorSpeech: 'The cave is closed & dark.' });
    assert.deepEqual(await app.handle(launchRequest()), told('The cave is closed &amp; dark.'));
  });

  it('answers errorSpeech when ON_ERROR throws', async () => {
    app = appWith({
      LAUNCH() { throw new Error('boom'); },
      ON_ERROR() { throw new Error('boom again'); },
    });
    assert.deepEqual(await app.handle(launchRequest()), told(DEFAULT_ERROR_SPEECH));
  });

  it('answers errorSpeech when ON_ERROR rejects', async () => {
    app = appWith({
      LAUNCH() { throw new Error('boom'); },
      async ON_ERROR() { throw new Error('boom again'); },
    });
    assert.deepEqual(await app.handle(launchRequest()), told(DEFAULT_ERROR_SPEECH));
  });

  it('answers errorSpeech when ON_ERROR says nothing (it times out too)', async () => {
    app = appWith({ LAUNCH() { throw new Error('boom'); }, ON_ERROR() {} }, { handlerTimeoutMs: 60 });
    assert.deepEqual(await app.handle(launchRequest()), told(DEFAULT_ERROR_SPEECH));
  });

  it('answers errorSpeech when an async ON_ERROR settles without output', async () => {
    app = appWith({ LAUNCH() { throw new Error('boom'); }, async ON_ERROR() {} });
    assert.deepEqual(await app.handle(launchRequest()), told(DEFAULT_ERROR_SPEECH));
  });

  it('lets ON_ERROR ask and keep the session open', async () => {
    app = appWith({
      LAUNCH() { throw new Error('boom'); },
      ON_ERROR() { this.ask('Something went wrong. Try again?', 'Try again?'); },
    });
    assert.deepEqual(await app.handle(launchRequest()), {
      version: '1.0',
      response: {
        outputSpeech: { type: 'SSML', ssml: '<speak>Something went wrong. Try again?</speak>' },
        reprompt: { outputSpeech: { type: 'SSML', ssml: '<speak>Try again?</speak>' } },
        shouldEndSession: false,
      },
    });
  });
});
