/**
 * `this.alexaSkill().inSkillPurchase()` at run time, against the fake Monetization service:
 * purchase directives, lookups, and the purchase result in ON_PURCHASE.
 */
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { App } from '../../src/app/app';
import type { HandlerMap } from '../../src/app/handlers';
import type { Input } from '../../src/app/inputs';
import type { ResponseEnvelope } from '../../src/alexa/response';
import type { InSkillProduct } from '../../src/isp/product';
import { intentRequest, launchRequest, purchaseResponse, USER_ID } from '../helpers/requests';
import { product, productIdFor, startFakeMonetization, type FakeMonetization } from '../helpers/fake-monetization';
import { appWith, assertCode, told } from './support';

const LIST_PATH = '/v1/users/~current/skills/~current/inSkillProducts';
const caveQuest = product({ referenceName: 'cave_quest' });
const skyQuest = product({ referenceName: 'sky_quest', entitled: 'ENTITLED' });
const hints = product({ referenceName: 'hint_pack', type: 'CONSUMABLE', entitled: 'ENTITLED', purchasable: 'PURCHASABLE', activeEntitlementCount: 2 });
const club = product({ referenceName: 'explorers_club', type: 'SUBSCRIPTION' });
const catalogue = [caveQuest, skyQuest, hints, club];
const CAVE_ID = productIdFor('cave_quest');

let fake: FakeMonetization;
let app: App | undefined;

before(async () => {
  fake = await startFakeMonetization({ products: catalogue });
});
after(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.setProducts(catalogue);
  fake.fail(undefined);
  fake.delay(0);
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** An app whose ON_ERROR records the error and says its code. */
function appRecordingErrors(handlers: HandlerMap): { app: App; errors: unknown[] } {
  const errors: unknown[] = [];
  app = appWith({
    ...handlers,
    ON_ERROR(error: unknown) {
      errors.push(error);
      this.tell(`Error: ${(error as { code?: string }).code ?? (error as Error).message}.`);
    },
  }, { handlerTimeoutMs: 300 });
  return { app, errors };
}

function purchaseOnly(name: 'Buy' | 'Upsell' | 'Cancel', productId: string, token: string, upsellMessage?: string): ResponseEnvelope {
  const payload: Record<string, unknown> = { InSkillProduct: { productId } };
  if (upsellMessage !== undefined) payload.upsellMessage = upsellMessage;
  return { version: '1.0', response: { directives: [{ type: 'Connections.SendRequest', name, payload, token }] } };
}

const launch = () => launchRequest({ apiEndpoint: fake.url });
const intent = (name: string, productId?: string) =>
  intentRequest(name, productId === undefined ? {} : { ProductName: { value: productId.replace(/_/g, ' '), id: productId } }, { apiEndpoint: fake.url });

/** Checks the rules of a purchase response (facts §1). */
function assertPurchaseOnly(response: ResponseEnvelope): void {
  assert.equal(response.response.outputSpeech, undefined);
  assert.equal(response.response.reprompt, undefined);
  assert.notEqual(response.response.shouldEndSession, false);
  assert.equal(response.response.directives?.length, 1);
  assert.equal(response.response.directives?.[0]?.type, 'Connections.SendRequest');
  assert.equal(response.sessionAttributes, undefined);
}

describe('isp: purchase directives', () => {
  it('buy sends exactly one Connections.SendRequest Buy, nothing else', async () => {
    app = appWith({ LAUNCH() { this.alexaSkill().inSkillPurchase().buy(CAVE_ID); } });
    const response = await app.handle(launch());
    assert.deepEqual(response, purchaseOnly('Buy', CAVE_ID, `Buy:${CAVE_ID}`));
    assertPurchaseOnly(response);
  });

  it('upsell carries the upsellMessage and a custom token', async () => {
    app = appWith({ LAUNCH() { this.isp.upsell(CAVE_ID, 'The cave goes deeper. Want to hear more?', 'upsell-from-launch'); } });
    const response = await app.handle(launch());
    assert.deepEqual(response, purchaseOnly('Upsell', CAVE_ID, 'upsell-from-launch', 'The cave goes deeper. Want to hear more?'));
    assertPurchaseOnly(response);
  });

  it('cancel sends a Cancel directive', async () => {
    app = appWith({ RefundSkillItemIntent() { this.isp.cancel(CAVE_ID); } });
    const response = await app.handle(intent('RefundSkillItemIntent'));
    assert.deepEqual(response, purchaseOnly('Cancel', CAVE_ID, `Cancel:${CAVE_ID}`));
  });

  it('drops the session attributes and the state with the purchase directive', async () => {
    app = appWith({
      BuyState: {
        YesIntent() {
          this.setSessionAttribute('asked', true);
          this.isp.buy(CAVE_ID);
        },
      },
    });
    const response = await app.handle(intentRequest('YesIntent', {}, { attributes: { STATE: 'BuyState' }, apiEndpoint: fake.url }));
    assert.deepEqual(response, purchaseOnly('Buy', CAVE_ID, `Buy:${CAVE_ID}`));
  });

  it("runs the seed's BuySkillItemIntent: look up by reference name, then buy", async () => {
    app = appWith({
      BuySkillItemIntent(productName: Input) {
        const productReferenceName = productName.id;
        this.alexaSkill()
          .inSkillPurchase()
          .getProductByReferenceName(productReferenceName, (error, found) => {
            if (found!.entitled === 'ENTITLED') {
              this.tell('You own it already');
              return;
            }
            this.alexaSkill().inSkillPurchase().buy(found!.productId);
          });
      },
    });
    assert.deepEqual(await app.handle(intent('BuySkillItemIntent', 'cave_quest')), purchaseOnly('Buy', CAVE_ID, `Buy:${CAVE_ID}`));
    assert.deepEqual(await app.handle(intent('BuySkillItemIntent', 'sky_quest')), told('You own it already'));
  });

  it("runs the seed's refund: cancel by product id from a lookup", async () => {
    app = appWith({
      RefundSkillItemIntent(productName: Input) {
        this.alexaSkill().inSkillPurchase().getProductByReferenceName(productName.id, (error, found) => {
          this.alexaSkill().inSkillPurchase().cancel(found!.productId);
        });
      },
    });
    const response = await app.handle(intent('RefundSkillItemIntent', 'sky_quest'));
    assert.deepEqual(response, purchaseOnly('Cancel', productIdFor('sky_quest'), `Cancel:${productIdFor('sky_quest')}`));
  });

  it('buyByReferenceName, upsellByReferenceName and cancelByReferenceName look the product up', async () => {
    app = appWith({
      BuyIntent() { return this.isp.buyByReferenceName('cave_quest', 't1'); },
      UpsellIntent() { return this.isp.upsellByReferenceName('explorers_club', 'Join the club?'); },
      CancelIntent() { return this.isp.cancelByReferenceName('explorers_club'); },
    });
    const clubId = productIdFor('explorers_club');
    assert.deepEqual(await app.handle(intent('BuyIntent')), purchaseOnly('Buy', CAVE_ID, 't1'));
    assert.deepEqual(await app.handle(intent('UpsellIntent')), purchaseOnly('Upsell', clubId, `Upsell:${clubId}`, 'Join the club?'));
    assert.deepEqual(await app.handle(intent('CancelIntent')), purchaseOnly('Cancel', clubId, `Cancel:${clubId}`));
  });
});

describe('isp: output conflicts', () => {
  const cases: Record<string, HandlerMap[string]> = {
    'tell after buy'() {
      this.isp.buy(CAVE_ID);
      this.tell('Enjoy!');
    },
    'buy after tell'() {
      this.tell('Here it comes.');
      this.isp.buy(CAVE_ID);
    },
    'ask after upsell'() {
      this.isp.upsell(CAVE_ID, 'Want it?');
      this.ask('Well?', 'Well?');
    },
    'buy after ask'() {
      this.ask('Want it?', 'Well?');
      this.isp.buy(CAVE_ID);
    },
    'buy twice'() {
      this.isp.buy(CAVE_ID);
      this.isp.buy(CAVE_ID);
    },
    'buy after addDirective'() {
      this.addDirective({ type: 'Dialog.Delegate' });
      this.isp.buy(CAVE_ID);
    },
    'addDirective after cancel'() {
      this.isp.cancel(CAVE_ID);
      this.addDirective({ type: 'Dialog.Delegate' });
    },
    'endSession after buy'() {
      this.isp.buy(CAVE_ID);
      this.endSession();
    },
  };
  for (const [name, handler] of Object.entries(cases)) {
    it(`${name} → SKILLSHOP_OUTPUT_CONFLICT to ON_ERROR`, async () => {
      const { app, errors } = appRecordingErrors({ LAUNCH: handler });
      assert.deepEqual(await app.handle(launch()), told('Error: SKILLSHOP_OUTPUT_CONFLICT.'));
      assertCode(errors[0], 'SKILLSHOP_OUTPUT_CONFLICT');
    });
  }

  it('tell in a lookup callback after buy → SKILLSHOP_OUTPUT_CONFLICT', async () => {
    const { app, errors } = appRecordingErrors({
      LAUNCH() {
        this.isp.buy(CAVE_ID);
        this.isp.getProductList(() => this.tell('Also this.'));
      },
    });
    assert.deepEqual(await app.handle(launch()), told('Error: SKILLSHOP_OUTPUT_CONFLICT.'));
    assertCode(errors[0], 'SKILLSHOP_OUTPUT_CONFLICT', /purchase directive/);
  });

  it('buy with a missing product id → SKILLSHOP_PRODUCT_NOT_FOUND', async () => {
    const { app, errors } = appRecordingErrors({
      async LAUNCH() {
        const found = await this.isp.getProductByReferenceName('dragon_quest');
        this.isp.buy(found?.productId as string);
      },
    });
    assert.deepEqual(await app.handle(launch()), told('Error: SKILLSHOP_PRODUCT_NOT_FOUND.'));
    assertCode(errors[0], 'SKILLSHOP_PRODUCT_NOT_FOUND', /Buy directive needs the product's productId/);
  });

  it('upsell without a message → TypeError to ON_ERROR', async () => {
    const { app, errors } = appRecordingErrors({ LAUNCH() { this.isp.upsell(CAVE_ID, ''); } });
    await app.handle(launch());
    assert.ok(errors[0] instanceof TypeError);
  });
});

describe('isp: buyByReferenceName of an unknown name', () => {
  it('fails with SKILLSHOP_PRODUCT_NOT_FOUND naming the known reference names', async () => {
    const { app, errors } = appRecordingErrors({ BuyIntent() { return this.isp.buyByReferenceName('dragon_quest'); } });
    assert.deepEqual(await app.handle(intent('BuyIntent')), told('Error: SKILLSHOP_PRODUCT_NOT_FOUND.'));
    const error = assertCode(errors[0], 'SKILLSHOP_PRODUCT_NOT_FOUND', /"dragon_quest".*cave_quest, sky_quest, hint_pack, explorers_club/);
    assert.deepEqual(error.details, { referenceName: 'dragon_quest' });
  });

  it('fails the handler even when the promise is not returned', async () => {
    const { app, errors } = appRecordingErrors({
      BuyIntent() {
        this.isp.buyByReferenceName('dragon_quest').catch((error: unknown) => {
          errors.push('caught');
          this.tell(`Caught ${(error as { code: string }).code}.`);
        });
      },
    });
    assert.deepEqual(await app.handle(intent('BuyIntent')), told('Caught SKILLSHOP_PRODUCT_NOT_FOUND.'));
    assert.deepEqual(errors, ['caught']);
  });
});

describe('isp: lookups', () => {
  it('getProductList returns every product, promise or callback style', async () => {
    let fromPromise: InSkillProduct[] = [];
    let fromCallback: InSkillProduct[] | undefined;
    app = appWith({
      async LAUNCH() {
        fromPromise = await this.isp.getProductList();
        this.isp.getProductList((error, products) => {
          fromCallback = products;
          this.tell(`${products?.length} products.`);
        });
      },
    });
    assert.deepEqual(await app.handle(launch()), told('4 products.'));
    assert.deepEqual(fromPromise, catalogue);
    assert.deepEqual(fromCallback, catalogue);
  });

  it('getProductList filters by entitled, purchasable and productType', async () => {
    const results: Record<string, string[]> = {};
    app = appWith({
      async LAUNCH() {
        const names = (products: InSkillProduct[]) => products.map((p) => p.referenceName);
        results.entitled = names(await this.isp.getProductList({ entitled: 'ENTITLED' }));
        results.notEntitled = names(await this.isp.getProductList({ entitled: 'NOT_ENTITLED' }));
        results.purchasable = names(await this.isp.getProductList({ purchasable: 'PURCHASABLE' }));
        results.consumable = names(await this.isp.getProductList({ productType: 'CONSUMABLE' }));
        results.both = names(await this.isp.getProductList({ entitled: 'NOT_ENTITLED', productType: 'SUBSCRIPTION' }));
        this.isp.getProductList({ productType: 'ENTITLEMENT' }, (error, products) => {
          results.callback = names(products ?? []);
          this.tell('ok');
        });
      },
    });
    await app.handle(launch());
    assert.deepEqual(results, {
      entitled: ['sky_quest', 'hint_pack'],
      notEntitled: ['cave_quest', 'explorers_club'],
      purchasable: ['cave_quest', 'hint_pack', 'explorers_club'],
      consumable: ['hint_pack'],
      both: ['explorers_club'],
      callback: ['cave_quest', 'sky_quest'],
    });
  });

  it('getProductByReferenceName gives undefined for an unknown name, and for no name', async () => {
    const seen: unknown[] = [];
    app = appWith({
      async LAUNCH() {
        seen.push(await this.isp.getProductByReferenceName('dragon_quest'));
        seen.push(await this.isp.getProductByReferenceName(undefined));
        seen.push((await this.isp.getProductByReferenceName('cave_quest'))?.productId);
        this.tell('ok');
      },
    });
    await app.handle(launch());
    assert.deepEqual(seen, [undefined, undefined, CAVE_ID]);
  });

  it('getProduct by id', async () => {
    const seen: unknown[] = [];
    app = appWith({
      async LAUNCH() {
        seen.push((await this.isp.getProduct(CAVE_ID))?.referenceName);
        seen.push(await this.isp.getProduct('amzn1.adg.product.unknown'));
        this.tell('ok');
      },
    });
    await app.handle(launch());
    assert.deepEqual(seen, ['cave_quest', undefined]);
  });

  it('isEntitled: exactly ENTITLED is true; unknown names and unknown values are false', async () => {
    fake.setProducts([...catalogue, product({ referenceName: 'odd_one', entitled: 'SOMETIMES' })]);
    const seen: Record<string, unknown> = {};
    app = appWith({
      async LAUNCH() {
        for (const name of ['cave_quest', 'sky_quest', 'dragon_quest', 'odd_one']) seen[name] = await this.isp.isEntitled(name);
        this.isp.isEntitled('hint_pack', (error, entitled) => {
          seen.hint_pack = entitled;
          this.tell('ok');
        });
      },
    });
    assert.deepEqual(await app.handle(launch()), told('ok'));
    assert.deepEqual(seen, { cave_quest: false, sky_quest: true, dragon_quest: false, odd_one: false, hint_pack: true });
  });

  it('isVoicePurchasingEnabled', async () => {
    fake.setVoicePurchasing(false);
    app = appWith({
      LAUNCH() {
        this.isp.isVoicePurchasingEnabled((error, enabled) => this.tell(`Voice purchasing ${enabled ? 'on' : 'off'}.`));
      },
    });
    try {
      assert.deepEqual(await app.handle(launch()), told('Voice purchasing off.'));
    } finally {
      fake.setVoicePurchasing(true);
    }
  });

  it('a lookup in NEW_SESSION is waited for before the routed handler', async () => {
    app = appWith({
      NEW_SESSION() {
        this.isp.isEntitled('sky_quest', (error, entitled) => {
          this.setSessionAttribute('premium', entitled);
        });
      },
      LAUNCH() { this.ask(`Premium: ${String(this.getSessionAttribute('premium'))}.`, 'Well?'); },
    });
    const response = await app.handle(launch());
    assert.deepEqual(response.response.outputSpeech, { type: 'SSML', ssml: '<speak>Premium: true.</speak>' });
  });
});

describe('isp: one product list per request (pageSize 1)', () => {
  let paged: FakeMonetization;
  before(async () => {
    paged = await startFakeMonetization({ products: [caveQuest, skyQuest, hints], pageSize: 1 });
  });
  after(async () => {
    await paged.close();
  });

  it('follows nextToken through every page, once per request, however many lookups are made', async () => {
    const seen: unknown[] = [];
    app = appWith({
      async LAUNCH() {
        seen.push((await this.isp.getProductList()).length);
        seen.push((await this.isp.getProductByReferenceName('hint_pack'))?.referenceName);
        seen.push(await this.isp.isEntitled('sky_quest'));
        seen.push((await this.isp.getProductList({ entitled: 'ENTITLED' })).length);
        seen.push((await this.isp.getProduct(CAVE_ID))?.referenceName);
        this.isp.getProductByReferenceName('cave_quest', (error, found) => {
          seen.push(found?.referenceName);
          this.tell('ok');
        });
      },
    });
    assert.deepEqual(await app.handle(launchRequest({ apiEndpoint: paged.url })), told('ok'));
    assert.deepEqual(seen, [3, 'hint_pack', true, 2, 'cave_quest', 'cave_quest']);
    // One walk through the list: three pages of one product, nothing else.
    assert.deepEqual(paged.requests.map((r) => [r.path, r.query.nextToken === undefined]), [
      [LIST_PATH, true],
      [LIST_PATH, false],
      [LIST_PATH, false],
    ]);
  });

  it('fetches the list again in the next request (entitlements change between sessions)', async () => {
    paged.requests.length = 0;
    app = appWith({ async LAUNCH() { this.tell(String(await this.isp.isEntitled('cave_quest'))); } });
    await app.handle(launchRequest({ apiEndpoint: paged.url }));
    await app.handle(launchRequest({ apiEndpoint: paged.url }));
    assert.equal(paged.requests.length, 6);
  });

  it('shares one walk between concurrent lookups', async () => {
    paged.requests.length = 0;
    app = appWith({
      async LAUNCH() {
        const [a, b] = await Promise.all([this.isp.isEntitled('cave_quest'), this.isp.getProductList()]);
        this.tell(`${String(a)} ${b.length}`);
      },
    });
    assert.deepEqual(await app.handle(launchRequest({ apiEndpoint: paged.url })), told('false 3'));
    assert.equal(paged.requests.length, 3);
  });
});

describe('isp: Monetization errors', () => {
  it('a 401 reaches the callback as an error with the linking hint', async () => {
    fake.fail(401, { message: 'Request is not authorized.' });
    let received: unknown;
    app = appWith({
      BuySkillItemIntent(productName: Input) {
        this.isp.getProductByReferenceName(productName.id, (error, found) => {
          received = error;
          if (error) return this.tell('The shop is closed right now.');
          this.isp.buy(found!.productId);
        });
      },
    });
    assert.deepEqual(await app.handle(intent('BuySkillItemIntent', 'cave_quest')), told('The shop is closed right now.'));
    assertCode(received, 'SKILLSHOP_MONETIZATION_HTTP', /401.*is the product linked to this skill\?/);
  });

  it('a 401 rejects the promise of an async lookup with the same error', async () => {
    fake.fail(401);
    const { app, errors } = appRecordingErrors({ async LAUNCH() { await this.isp.isEntitled('cave_quest'); } });
    assert.deepEqual(await app.handle(launch()), told('Error: SKILLSHOP_MONETIZATION_HTTP.'));
    assertCode(errors[0], 'SKILLSHOP_MONETIZATION_HTTP', /linked/);
  });

  it('a request without apiEndpoint gives SKILLSHOP_MONETIZATION_UNAVAILABLE', async () => {
    const envelope = launchRequest();
    delete envelope.context.System.apiEndpoint;
    let received: unknown;
    app = appWith({
      LAUNCH() {
        this.isp.getProductList((error) => {
          received = error;
          this.tell('No shop.');
        });
      },
    });
    assert.deepEqual(await app.handle(envelope), told('No shop.'));
    assertCode(received, 'SKILLSHOP_MONETIZATION_UNAVAILABLE', /apiEndpoint/);
  });
});

describe('isp: the purchase result in ON_PURCHASE', () => {
  it('reads every getter of an accepted Buy', async () => {
    let read: Record<string, unknown> = {};
    app = appWith({
      ON_PURCHASE() {
        const isp = this.alexaSkill().inSkillPurchase();
        read = {
          result: isp.getPurchaseResult(),
          payload: isp.getPayload(),
          payloads: isp.getPayloads(),
          productId: isp.getProductId(),
          token: isp.getToken(),
          status: isp.getStatus(),
          name: isp.getName(),
          redelivery: isp.isRedelivery(),
        };
        this.tell(`Result: ${isp.getPurchaseResult()}.`);
      },
    });
    const envelope = purchaseResponse('Buy', 'ACCEPTED', CAVE_ID, { token: 'from-launch', message: 'Thanks' });
    assert.deepEqual(await app.handle(envelope), told('Result: ACCEPTED.'));
    assert.deepEqual(read, {
      result: 'ACCEPTED',
      payload: { purchaseResult: 'ACCEPTED', productId: CAVE_ID, message: 'Thanks' },
      payloads: { purchaseResult: 'ACCEPTED', productId: CAVE_ID, message: 'Thanks' },
      productId: CAVE_ID,
      token: 'from-launch',
      status: { code: '200', message: 'OK' },
      name: 'Buy',
      redelivery: false,
    });
  });

  for (const result of ['DECLINED', 'ALREADY_PURCHASED', 'NOT_ENTITLED', 'PENDING_PURCHASE', 'ERROR', 'SOMETHING_NEW']) {
    it(`passes the purchase result ${result} through`, async () => {
      app = appWith({ ON_PURCHASE() { this.tell(this.isp.getPurchaseResult()); } });
      assert.deepEqual(await app.handle(purchaseResponse('Upsell', result, CAVE_ID)), told(result));
    });
  }

  it("gives 'ERROR' for a non-200 status without a payload", async () => {
    let read: Record<string, unknown> = {};
    app = appWith({
      ON_PURCHASE() {
        const isp = this.isp;
        read = { result: isp.getPurchaseResult(), payload: isp.getPayload(), productId: isp.getProductId(), status: isp.getStatus() };
        this.tell('Something went wrong with the purchase.');
      },
    });
    const envelope = purchaseResponse('Buy', 'ACCEPTED', CAVE_ID, { statusCode: '500', statusMessage: 'Internal Server Error', noPayload: true });
    assert.deepEqual(await app.handle(envelope), told('Something went wrong with the purchase.'));
    assert.deepEqual(read, { result: 'ERROR', payload: {}, productId: undefined, status: { code: '500', message: 'Internal Server Error' } });
  });

  it('getPayload returns a copy', async () => {
    app = appWith({
      ON_PURCHASE() {
        (this.isp.getPayload() as { purchaseResult: string }).purchaseResult = 'CHANGED';
        this.tell(this.isp.getPurchaseResult());
      },
    });
    assert.deepEqual(await app.handle(purchaseResponse('Buy', 'ACCEPTED', CAVE_ID)), told('ACCEPTED'));
  });

  it('the same requestId handled twice gets the first answer again, and the event is recorded once', async () => {
    app = appWith({ ON_PURCHASE() { this.tell(this.isp.isRedelivery() ? 'again' : 'first'); } });
    const envelope = purchaseResponse('Buy', 'ACCEPTED', CAVE_ID, { requestId: 'amzn1.echo-api.request.redelivered' });
    assert.deepEqual(await app.handle(envelope), told('first'));
    // The redelivery runs no handler (test/app/exactly-once.test.ts has isRedelivery() after a crash).
    assert.deepEqual(await app.handle(structuredClone(envelope)), told('first'));
    assert.deepEqual(await app.handle(purchaseResponse('Buy', 'ACCEPTED', CAVE_ID)), told('first'));
    const events = await app.store!.listPurchaseEvents(USER_ID);
    assert.equal(events.length, 2);
    assert.deepEqual(
      { ...events[0], receivedAt: undefined },
      {
        requestId: 'amzn1.echo-api.request.redelivered',
        userId: USER_ID,
        name: 'Buy',
        productId: CAVE_ID,
        purchaseResult: 'ACCEPTED',
        statusCode: '200',
        token: `Buy:${CAVE_ID}`,
        receivedAt: undefined,
      },
    );
  });

  it('ON_PURCHASE may speak and keep the session open', async () => {
    app = appWith({ ON_PURCHASE() { this.ask('Thanks! Want to start the quest?', 'Start the quest?'); } });
    assert.deepEqual(await app.handle(purchaseResponse('Buy', 'ACCEPTED', CAVE_ID)), {
      version: '1.0',
      response: {
        outputSpeech: { type: 'SSML', ssml: '<speak>Thanks! Want to start the quest?</speak>' },
        reprompt: { outputSpeech: { type: 'SSML', ssml: '<speak>Start the quest?</speak>' } },
        shouldEndSession: false,
      },
    });
  });

  it('ON_PURCHASE can look the product up again (a new request, a new client)', async () => {
    app = appWith({
      ON_PURCHASE() {
        this.isp.getProduct(this.isp.getProductId()!, (error, found) => this.tell(`You now have ${found?.name}.`));
      },
    });
    assert.deepEqual(await app.handle(purchaseResponse('Buy', 'ACCEPTED', CAVE_ID, { apiEndpoint: fake.url })), told('You now have Cave Quest.'));
  });

  for (const method of ['getPurchaseResult', 'getPayload', 'getPayloads', 'getProductId', 'getToken', 'getStatus', 'getName', 'isRedelivery'] as const) {
    it(`${method} outside ON_PURCHASE → SKILLSHOP_NOT_A_PURCHASE_RESULT`, async () => {
      const { app, errors } = appRecordingErrors({ LAUNCH() { this.tell(String(this.isp[method]())); } });
      assert.deepEqual(await app.handle(launch()), told('Error: SKILLSHOP_NOT_A_PURCHASE_RESULT.'));
      assertCode(errors[0], 'SKILLSHOP_NOT_A_PURCHASE_RESULT', new RegExp(`${method === 'getPayloads' ? 'getPayloads?' : method}\\(\\).*this is a LaunchRequest`));
    });
  }

  it('getPurchaseResult for another Connections.Response name → SKILLSHOP_NOT_A_PURCHASE_RESULT', async () => {
    const { app, errors } = appRecordingErrors({ Unhandled() { this.tell(this.isp.getPurchaseResult()); } });
    await app.handle(purchaseResponse('AskFor', 'ACCEPTED', CAVE_ID));
    assertCode(errors[0], 'SKILLSHOP_NOT_A_PURCHASE_RESULT');
  });
});
