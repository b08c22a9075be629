import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { App } from '../../src/app/app';
import type { HandlerContext } from '../../src/app/context';
import type { Input } from '../../src/app/inputs';
import { inputForParameter, inputsOf } from '../../src/app/inputs';
import type { Intent, IntentRequest, Slot } from '../../src/alexa/request';
import { intentRequest, launchRequest, SKILL_ID } from '../helpers/requests';
import { appWith, DEFAULT_ERROR_SPEECH, told } from './support';

let app: App | undefined;

function use(next: App): App {
  app = next;
  return next;
}

afterEach(async () => {
  await app?.close();
  app = undefined;
});

const AUTHORITY = `amzn1.er-authority.echo-sdk.${SKILL_ID}.LIST_OF_PRODUCT_NAMES`;

/** The slots intentRequest built, by name. */
function slotsOf(envelope: ReturnType<typeof intentRequest>): Record<string, Slot> {
  return (envelope.request as IntentRequest).intent.slots ?? {};
}

/** Runs one IntentRequest and returns what the handler saw. */
async function seen<T>(
  request: ReturnType<typeof intentRequest>,
  read: (context: HandlerContext) => T,
): Promise<T> {
  let value: T | undefined;
  use(appWith({
    [(request.request as IntentRequest).intent.name]() {
      value = read(this);
      this.tell('ok');
    },
  }));
  assert.deepEqual(await app!.handle(request), told('ok'));
  return value as T;
}

describe('inputs: entity resolution', () => {
  it('gives a matched slot { name, value, key: resolved name, id: resolved id, alexaSkill: slot }', async () => {
    const request = intentRequest('BuySkillItemIntent', {
      ProductName: { value: 'the cave quest', id: 'cave_quest', name: 'Cave Quest' },
    });
    const input = await seen(request, (context) => context.getInput('ProductName'));
    assert.deepEqual(input, {
      name: 'ProductName',
      value: 'the cave quest',
      key: 'Cave Quest',
      id: 'cave_quest',
      alexaSkill: slotsOf(request).ProductName,
    });
  });

  it('gives an unmatched slot (ER_SUCCESS_NO_MATCH) key = what was heard and no id', async () => {
    const request = intentRequest('BuySkillItemIntent', { ProductName: { value: 'dragon quest', match: false } });
    const input = await seen(request, (context) => context.getInput('ProductName'));
    assert.deepEqual(input, {
      name: 'ProductName',
      value: 'dragon quest',
      key: 'dragon quest',
      id: undefined,
      alexaSkill: slotsOf(request).ProductName,
    });
  });

  it('gives a slot without resolutions (e.g. AMAZON.NUMBER) key = value and no id', async () => {
    const request = intentRequest('GuessIntent', { Number: '42' });
    const input = await seen(request, (context) => context.getInput('Number'));
    assert.deepEqual(input, { name: 'Number', value: '42', key: '42', id: undefined, alexaSkill: slotsOf(request).Number });
  });

  it('gives an empty slot value, key and id undefined', async () => {
    const request = intentRequest('BuySkillItemIntent', { ProductName: undefined });
    const input = await seen(request, (context) => context.getInput('ProductName'));
    assert.deepEqual(input, { name: 'ProductName', value: undefined, key: undefined, id: undefined, alexaSkill: slotsOf(request).ProductName });
  });

  it('takes the first authority that matched (dynamic entities before static ones)', () => {
    const slot: Slot = {
      name: 'ProductName',
      value: 'quest',
      resolutions: {
        resolutionsPerAuthority: [
          { authority: `amzn1.er-authority.echo-sdk.dynamic.${SKILL_ID}.LIST_OF_PRODUCT_NAMES`, status: { code: 'ER_SUCCESS_NO_MATCH' } },
          {
            authority: AUTHORITY,
            status: { code: 'ER_SUCCESS_MATCH' },
            values: [{ value: { name: 'Cave Quest', id: 'cave_quest' } }, { value: { name: 'Sky Quest', id: 'sky_quest' } }],
          },
        ],
      },
    };
    const intent: Intent = { name: 'BuySkillItemIntent', slots: { ProductName: slot } };
    assert.deepEqual(inputsOf(intent), {
      ProductName: { name: 'ProductName', value: 'quest', key: 'Cave Quest', id: 'cave_quest', alexaSkill: slot },
    });
  });

  it('reads an intent without slots, and no intent, as no inputs', () => {
    assert.deepEqual(inputsOf({ name: 'HelloIntent' }), {});
    assert.deepEqual(inputsOf(undefined), {});
  });
});

describe('inputs: getInput and getInputs', () => {
  it('getInputs returns every slot by name', async () => {
    const request = intentRequest('PlanIntent', {
      ProductName: { value: 'cave quest', id: 'cave_quest', name: 'Cave Quest' },
      Count: '3',
    });
    const inputs = await seen(request, (context) => context.getInputs());
    assert.deepEqual(Object.keys(inputs).sort(), ['Count', 'ProductName']);
    assert.equal(inputs.ProductName?.id, 'cave_quest');
    assert.equal(inputs.Count?.value, '3');
  });

  it('getInput of a slot the intent does not have is undefined', async () => {
    const input = await seen(intentRequest('HelloIntent', { Name: 'Ann' }), (context) => context.getInput('Nope'));
    assert.equal(input, undefined);
  });

  it('a LaunchRequest has no inputs', async () => {
    let inputs: unknown;
    use(appWith({
      LAUNCH() {
        inputs = this.getInputs();
        this.tell('ok');
      },
    }));
    await app!.handle(launchRequest());
    assert.deepEqual(inputs, {});
  });
});

describe('inputs: as handler parameters', () => {
  it("passes the ProductName input to a parameter named productName (the seed's BuySkillItemIntent)", async () => {
    const received: unknown[] = [];
    use(appWith({
      BuySkillItemIntent(productName: Input | undefined) {
        received.push(productName);
        this.tell(`You asked for ${String(productName?.key)} (${String(productName?.id)}).`);
      },
    }));
    const request = intentRequest('BuySkillItemIntent', { ProductName: { value: 'the cave quest', id: 'cave_quest', name: 'Cave Quest' } });
    assert.deepEqual(await app!.handle(request), told('You asked for Cave Quest (cave_quest).'));
    assert.deepEqual(received, [
      { name: 'ProductName', value: 'the cave quest', key: 'Cave Quest', id: 'cave_quest', alexaSkill: slotsOf(request).ProductName },
    ]);
  });

  it('passes inputs by name, whatever the order of the parameters', async () => {
    use(appWith({
      PlanIntent(count: Input | undefined, productName: Input | undefined, missing: Input | undefined) {
        this.tell(`${String(count?.value)} ${String(productName?.id)} ${String(missing)}`);
      },
    }));
    const request = intentRequest('PlanIntent', { ProductName: { value: 'cave quest', id: 'cave_quest' }, Count: '3' });
    assert.deepEqual(await app!.handle(request), told('3 cave_quest undefined'));
  });

  it('matches an exact name, a different case, and a snake_case slot name', async () => {
    use(appWith({
      MatchIntent(ProductName: Input | undefined, city: Input | undefined, firstName: Input | undefined) {
        this.tell(`${String(ProductName?.value)} ${String(city?.value)} ${String(firstName?.value)}`);
      },
    }));
    const request = intentRequest('MatchIntent', { ProductName: 'quest', CITY: 'Berlin', first_name: 'Ann' });
    assert.deepEqual(await app!.handle(request), told('quest Berlin Ann'));
  });

  it('works for arrow functions, async methods and function expressions', async () => {
    const request = (name: string) => intentRequest(name, { ProductName: { value: 'cave quest', id: 'cave_quest' } });
    const results: unknown[] = [];
    use(appWith({
      ArrowIntent: (productName: Input | undefined) => {
        results.push(productName?.id);
      },
      async AsyncIntent(productName: Input | undefined) {
        await Promise.resolve();
        results.push(productName?.id);
        this.tell('async');
      },
      FunctionIntent: function (productName: Input | undefined) {
        results.push(productName?.id);
        this.tell('function');
      },
    }, { handlerTimeoutMs: 100 }));
    // An arrow function has no `this` of its own, so it cannot answer: the request times out.
    assert.deepEqual(await app!.handle(request('ArrowIntent')), told(DEFAULT_ERROR_SPEECH));
    assert.deepEqual(await app!.handle(request('AsyncIntent')), told('async'));
    assert.deepEqual(await app!.handle(request('FunctionIntent')), told('function'));
    assert.deepEqual(results, ['cave_quest', 'cave_quest', 'cave_quest']);
  });

  it('a slot with no value still arrives as an input object', async () => {
    let received: unknown;
    use(appWith({
      BuySkillItemIntent(productName: Input | undefined) {
        received = productName;
        this.tell('Which product?');
      },
    }));
    await app!.handle(intentRequest('BuySkillItemIntent', { ProductName: undefined }));
    assert.equal((received as Input).name, 'ProductName');
    assert.equal((received as Input).value, undefined);
  });
});

describe('inputs: inputForParameter', () => {
  const inputs = inputsOf({
    name: 'X',
    slots: {
      ProductName: { name: 'ProductName', value: 'a' },
      product_type: { name: 'product_type', value: 'b' },
      'gift-card': { name: 'gift-card', value: 'c' },
    },
  });

  it('finds exact, case-insensitive and separator-free matches', () => {
    assert.equal(inputForParameter(inputs, 'ProductName')?.value, 'a');
    assert.equal(inputForParameter(inputs, 'productName')?.value, 'a');
    assert.equal(inputForParameter(inputs, 'productname')?.value, 'a');
    assert.equal(inputForParameter(inputs, 'productType')?.value, 'b');
    assert.equal(inputForParameter(inputs, 'product_type')?.value, 'b');
    assert.equal(inputForParameter(inputs, 'giftCard')?.value, 'c');
  });

  it('finds nothing for another name', () => {
    assert.equal(inputForParameter(inputs, 'product'), undefined);
    assert.equal(inputForParameter(inputs, 'name'), undefined);
  });
});
