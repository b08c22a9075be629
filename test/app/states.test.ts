import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { App } from '../../src/app/app';
import type { ResponseEnvelope } from '../../src/alexa/response';
import { intentRequest, launchRequest } from '../helpers/requests';
import { appWith, assertCode, told } from './support';

let app: App | undefined;

function use(next: App): App {
  app = next;
  return next;
}

afterEach(async () => {
  await app?.close();
  app = undefined;
});

function asked(text: string, reprompt: string, sessionAttributes?: Record<string, unknown>): ResponseEnvelope {
  const envelope: ResponseEnvelope = {
    version: '1.0',
    response: {
      outputSpeech: { type: 'SSML', ssml: `<speak>${text}</speak>` },
      reprompt: { outputSpeech: { type: 'SSML', ssml: `<speak>${reprompt}</speak>` } },
      shouldEndSession: false,
    },
  };
  if (sessionAttributes) envelope.sessionAttributes = sessionAttributes;
  return envelope;
}

const inState = (state: string, extra: Record<string, unknown> = {}) => ({ attributes: { STATE: state, ...extra } });

describe('states: followUpState', () => {
  it('stores the state in the session attributes of an ask', async () => {
    use(appWith({
      LAUNCH() {
        this.followUpState('BuyState').ask('Want to buy Cave Quest?', 'Yes or no?');
      },
      BuyState: { YesIntent() { this.tell('wrong'); } },
    }));
    assert.deepEqual(await app!.handle(launchRequest()), asked('Want to buy Cave Quest?', 'Yes or no?', { STATE: 'BuyState' }));
  });

  it('routes the next request to the handler in that state, not the global one', async () => {
    use(appWith({
      YesIntent() { this.tell('global yes'); },
      BuyState: { YesIntent() { this.tell(`yes in ${String(this.getState())}`); } },
    }));
    assert.deepEqual(await app!.handle(intentRequest('YesIntent', {}, inState('BuyState'))), told('yes in BuyState'));
    assert.deepEqual(await app!.handle(intentRequest('YesIntent')), told('global yes'));
  });

  it('falls back to a global handler the state does not define, keeping the state', async () => {
    use(appWith({
      HelpIntent() { this.ask('Say yes or no.', 'Yes or no?'); },
      BuyState: { YesIntent() { this.tell('yes'); } },
    }));
    assert.deepEqual(
      await app!.handle(intentRequest('HelpIntent', {}, inState('BuyState'))),
      asked('Say yes or no.', 'Yes or no?', { STATE: 'BuyState' }),
    );
  });

  it('keeps the state across turns until it is changed or removed', async () => {
    use(appWith({
      BuyState: {
        HelpIntent() { this.ask('Still here.', 'Well?'); },
        NoIntent() { this.removeState().ask('Okay. What now?', 'What now?'); },
      },
    }));
    assert.deepEqual(
      await app!.handle(intentRequest('HelpIntent', {}, inState('BuyState', { score: 3 }))),
      asked('Still here.', 'Well?', { STATE: 'BuyState', score: 3 }),
    );
    assert.deepEqual(
      await app!.handle(intentRequest('NoIntent', {}, inState('BuyState', { score: 3 }))),
      asked('Okay. What now?', 'What now?', { score: 3 }),
    );
  });

  it('drops the state with the session when the handler tells', async () => {
    use(appWith({ LAUNCH() { this.followUpState('BuyState').tell('Bye.'); }, BuyState: {} }));
    assert.deepEqual(await app!.handle(launchRequest()), told('Bye.'));
  });

  it('switches from one state to another', async () => {
    use(appWith({
      BuyState: { NoIntent() { this.followUpState('MenuState').ask('Back to the menu.', 'Menu?'); } },
      MenuState: {},
    }));
    assert.deepEqual(
      await app!.handle(intentRequest('NoIntent', {}, inState('BuyState'))),
      asked('Back to the menu.', 'Menu?', { STATE: 'MenuState' }),
    );
  });

  it('refuses an unknown state with SKILLSHOP_HANDLER_NOT_FOUND (to ON_ERROR)', async () => {
    const errors: unknown[] = [];
    use(appWith({
      LAUNCH() { this.followUpState('NoSuchState').ask('x', 'y'); },
      ON_ERROR(error: unknown) {
        errors.push(error);
        this.tell('oops');
      },
    }));
    assert.deepEqual(await app!.handle(launchRequest()), told('oops'));
    assertCode(errors[0], 'SKILLSHOP_HANDLER_NOT_FOUND', /followUpState\("NoSuchState"\)/);
  });

  it('ignores a stored state that no longer exists and routes globally', async () => {
    use(appWith({ YesIntent() { this.tell('global yes'); } }));
    assert.deepEqual(await app!.handle(intentRequest('YesIntent', {}, inState('GoneState'))), told('global yes'));
  });
});

describe('states: nested', () => {
  const handlers = {
    YesIntent() { this.tell('global yes'); },
    HelpIntent() { this.tell('global help'); },
    Shop: {
      HelpIntent() { this.tell('shop help'); },
      NoIntent() { this.tell('shop no'); },
      Checkout: {
        YesIntent() { this.followUpState('Shop').ask('Bought. Anything else?', 'Anything else?'); },
      },
    },
    LAUNCH() { this.followUpState('Shop.Checkout').ask('Ready to check out?', 'Check out?'); },
  } satisfies Parameters<App['setHandler']>[0];

  it('follows up into a nested state with a dotted name', async () => {
    use(appWith(handlers));
    assert.deepEqual(await app!.handle(launchRequest()), asked('Ready to check out?', 'Check out?', { STATE: 'Shop.Checkout' }));
  });

  it('finds the handler in the nested state first', async () => {
    use(appWith(handlers));
    assert.deepEqual(
      await app!.handle(intentRequest('YesIntent', {}, inState('Shop.Checkout'))),
      asked('Bought. Anything else?', 'Anything else?', { STATE: 'Shop' }),
    );
  });

  it('then in the enclosing state, then globally', async () => {
    use(appWith(handlers));
    assert.deepEqual(await app!.handle(intentRequest('HelpIntent', {}, inState('Shop.Checkout'))), told('shop help'));
    assert.deepEqual(await app!.handle(intentRequest('NoIntent', {}, inState('Shop.Checkout'))), told('shop no'));
    assert.deepEqual(await app!.handle(intentRequest('YesIntent', {}, inState('Shop'))), told('global yes'));
  });

  it('merges states given in separate setHandler calls', async () => {
    use(appWith({ Shop: { HelpIntent() { this.tell('shop help'); } } }));
    app!.setHandler({ Shop: { Checkout: { HelpIntent() { this.tell('checkout help'); } } } });
    assert.deepEqual(await app!.handle(intentRequest('HelpIntent', {}, inState('Shop.Checkout'))), told('checkout help'));
    assert.deepEqual(await app!.handle(intentRequest('HelpIntent', {}, inState('Shop'))), told('shop help'));
  });
});

describe('states: toIntent, toStateIntent, toStatelessIntent', () => {
  it('toIntent runs another handler with the same request', async () => {
    use(appWith({
      LAUNCH() { return this.toIntent('HelloIntent'); },
      HelloIntent() { this.tell(`Hello from ${this.getHandlerPath()} for ${this.getRequestType()}.`); },
    }));
    assert.deepEqual(await app!.handle(launchRequest()), told('Hello from HelloIntent for LaunchRequest.'));
  });

  it('toIntent works without returning its promise (seed style)', async () => {
    use(appWith({
      LAUNCH() { void this.toIntent('HelloIntent'); },
      HelloIntent() { setTimeout(() => this.tell('Hello later.'), 5); },
    }, { handlerTimeoutMs: 200 }));
    assert.deepEqual(await app!.handle(launchRequest()), told('Hello later.'));
  });

  it('toIntent awaits an async target', async () => {
    use(appWith({
      async LAUNCH() {
        await this.toIntent('HelloIntent');
        this.setSessionAttribute('after', true);
      },
      async HelloIntent() {
        await new Promise((resolve) => setTimeout(resolve, 5));
        this.ask('Hello.', 'Hm?');
      },
    }));
    assert.deepEqual(await app!.handle(launchRequest()), asked('Hello.', 'Hm?', { after: true }));
  });

  it('toIntent looks in the current state first', async () => {
    use(appWith({
      HelpIntent() { this.tell('global help'); },
      BuyState: {
        NoIntent() { return this.toIntent('HelpIntent'); },
        HelpIntent() { this.tell('buy help'); },
      },
    }));
    assert.deepEqual(await app!.handle(intentRequest('NoIntent', {}, inState('BuyState'))), told('buy help'));
  });

  it('toIntent passes explicit arguments instead of the inputs', async () => {
    use(appWith({
      BuyIntent() { return this.toIntent('ConfirmIntent', 'explicit', 42); },
      ConfirmIntent(first: unknown, second: unknown) { this.tell(`${String(first)} ${String(second)}`); },
    }));
    assert.deepEqual(await app!.handle(intentRequest('BuyIntent', { ProductName: 'cave quest' })), told('explicit 42'));
  });

  it("toIntent passes the request's inputs to the target's parameters", async () => {
    use(appWith({
      BuyIntent() { return this.toIntent('ConfirmIntent'); },
      ConfirmIntent(productName: { key?: string } | undefined) { this.tell(`Confirm ${String(productName?.key)}.`); },
    }));
    const request = intentRequest('BuyIntent', { ProductName: { value: 'the cave quest', id: 'cave_quest', name: 'Cave Quest' } });
    assert.deepEqual(await app!.handle(request), told('Confirm Cave Quest.'));
  });

  it('toIntent to a missing handler goes to Unhandled', async () => {
    use(appWith({
      LAUNCH() { return this.toIntent('NoSuchIntent'); },
      Unhandled() { this.tell(`Unhandled at ${this.getHandlerPath()}.`); },
    }));
    assert.deepEqual(await app!.handle(launchRequest()), told('Unhandled at NoSuchIntent.'));
  });

  it('toIntent to a missing handler without Unhandled gives ON_ERROR SKILLSHOP_HANDLER_NOT_FOUND', async () => {
    const errors: unknown[] = [];
    use(appWith({
      LAUNCH() { void this.toIntent('NoSuchIntent'); },
      ON_ERROR(error: unknown) {
        errors.push(error);
        this.tell('oops');
      },
    }, { handlerTimeoutMs: 200 }));
    assert.deepEqual(await app!.handle(launchRequest()), told('oops'));
    assertCode(errors[0], 'SKILLSHOP_HANDLER_NOT_FOUND', /toIntent\("NoSuchIntent"\)/);
  });

  it('a failure in the toIntent target reaches ON_ERROR even when its promise is not returned', async () => {
    use(appWith({
      LAUNCH() { void this.toIntent('Broken'); },
      Broken() { throw new Error('broken target'); },
      ON_ERROR(error: Error) { this.tell(error.message); },
    }, { handlerTimeoutMs: 200 }));
    assert.deepEqual(await app!.handle(launchRequest()), told('broken target'));
  });

  it('toStateIntent switches the state and runs its handler', async () => {
    use(appWith({
      YesIntent() { this.tell('global yes'); },
      LAUNCH() { return this.toStateIntent('BuyState', 'YesIntent'); },
      BuyState: { YesIntent() { this.ask(`In ${String(this.getState())}.`, 'Well?'); } },
    }));
    assert.deepEqual(await app!.handle(launchRequest()), asked('In BuyState.', 'Well?', { STATE: 'BuyState' }));
  });

  it('toStateIntent into a nested state', async () => {
    use(appWith({
      LAUNCH() { return this.toStateIntent('Shop.Checkout', 'HelpIntent'); },
      Shop: { HelpIntent() { this.ask('shop help', 'Well?'); }, Checkout: {} },
    }));
    assert.deepEqual(await app!.handle(launchRequest()), asked('shop help', 'Well?', { STATE: 'Shop.Checkout' }));
  });

  it('toStateIntent to an unknown state fails with SKILLSHOP_HANDLER_NOT_FOUND', async () => {
    const errors: unknown[] = [];
    use(appWith({
      LAUNCH() { return this.toStateIntent('NoSuchState', 'YesIntent'); },
      ON_ERROR(error: unknown) {
        errors.push(error);
        this.tell('oops');
      },
    }));
    assert.deepEqual(await app!.handle(launchRequest()), told('oops'));
    assertCode(errors[0], 'SKILLSHOP_HANDLER_NOT_FOUND');
  });

  it('toStatelessIntent runs the global handler from inside a state', async () => {
    use(appWith({
      HelpIntent() { this.ask('global help', 'Well?'); },
      BuyState: {
        NoIntent() { return this.toStatelessIntent('HelpIntent'); },
        HelpIntent() { this.tell('buy help'); },
      },
    }));
    assert.deepEqual(
      await app!.handle(intentRequest('NoIntent', {}, inState('BuyState'))),
      asked('global help', 'Well?', { STATE: 'BuyState' }),
    );
  });
});
