import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import type { App } from '../../src/app/app';
import type { Handler } from '../../src/app/handlers';
import { parameterNames } from '../../src/app/parameters';
import { intentRequest } from '../helpers/requests';
import { appWith, told } from './support';

/**
 * A function from JavaScript source, as a seed user writes it: TypeScript in this file is
 * transpiled by tsx, which drops comments, so sources with comments must come through vm.
 */
function js(source: string): Handler {
  return vm.runInNewContext(`(${source})`) as Handler;
}

function namesOf(source: string): string[] {
  return parameterNames(js(source));
}

describe('parameterNames', () => {
  it('reads function expressions', () => {
    assert.deepEqual(namesOf('function (productName, count) {}'), ['productName', 'count']);
    assert.deepEqual(namesOf('function named(productName) { return productName; }'), ['productName']);
    assert.deepEqual(namesOf('function () {}'), []);
  });

  it('reads method shorthand, quoted and async methods', () => {
    assert.deepEqual(namesOf('({ BuySkillItemIntent(productName) { this.tell(productName); } }).BuySkillItemIntent'), ['productName']);
    assert.deepEqual(namesOf('({ "AMAZON.YesIntent"(answer) {} })["AMAZON.YesIntent"]'), ['answer']);
    assert.deepEqual(namesOf('({ async BuyIntent(productName, count) { await 1; } }).BuyIntent'), ['productName', 'count']);
  });

  it('reads arrow functions, with and without parentheses, async or not', () => {
    assert.deepEqual(namesOf('(productName, count) => productName'), ['productName', 'count']);
    assert.deepEqual(namesOf('productName => productName'), ['productName']);
    assert.deepEqual(namesOf('async productName => productName'), ['productName']);
    assert.deepEqual(namesOf('async (productName) => { await productName; }'), ['productName']);
    assert.deepEqual(namesOf('() => 1'), []);
  });

  it('reads async functions', () => {
    assert.deepEqual(namesOf('async function (productName) {}'), ['productName']);
    assert.deepEqual(namesOf('async function named (a, b) {}'), ['a', 'b']);
  });

  it('drops default values, even with calls, objects and arrays in them', () => {
    assert.deepEqual(namesOf('function (a = 1, b = f(1, 2), c = { x: [1, 2] }, d) {}'), ['a', 'b', 'c', 'd']);
    assert.deepEqual(namesOf('(count = Math.max(1, 2)) => count'), ['count']);
  });

  it('is not confused by commas, parentheses or quotes inside string defaults', () => {
    assert.deepEqual(namesOf(`function (a = ',', b = ')', c = "it's", d = \`x, (y\`, e) {}`), ['a', 'b', 'c', 'd', 'e']);
  });

  it('ignores block and line comments, including commas and parentheses in them', () => {
    assert.deepEqual(namesOf('function (/* the product */ productName, count /* how many */) {}'), ['productName', 'count']);
    assert.deepEqual(namesOf('function (a /* x, y */, b) {}'), ['a', 'b']);
    assert.deepEqual(namesOf('function (a /* ) */, b) {}'), ['a', 'b']);
    assert.deepEqual(namesOf('function (\n  productName, // the product, e.g. cave quest (a slot)\n  count\n) {}'), ['productName', 'count']);
    assert.deepEqual(namesOf('({ Buy(/* first */ productName) {} }).Buy'), ['productName']);
  });

  it('gives destructured and rest parameters no name, keeping the positions of the others', () => {
    assert.deepEqual(namesOf('function ({ a, b }, count) {}'), ['', 'count']);
    assert.deepEqual(namesOf('function ([a, b], count) {}'), ['', 'count']);
    assert.deepEqual(namesOf('function (productName, ...rest) {}'), ['productName', '']);
  });

  it('reads TypeScript handlers as compiled', () => {
    const handlers = {
      BuyIntent(productName: unknown, count = 1) {
        return [productName, count];
      },
      Arrow: (productName: unknown) => productName,
    };
    assert.deepEqual(parameterNames(handlers.BuyIntent), ['productName', 'count']);
    assert.deepEqual(parameterNames(handlers.Arrow), ['productName']);
  });
});

describe('parameterNames in an App', () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('passes inputs to a JavaScript handler whose parameter list has comments and defaults', async () => {
    const handler = js(`function (
      productName, // the product, e.g. "cave quest" (entity-resolved)
      label = 'a, b',
      count /* the number, if said */
    ) {
      this.tell([productName && productName.id, label, count && count.value].join(' / '));
    }`);
    app = appWith({ BuySkillItemIntent: handler });
    const request = intentRequest('BuySkillItemIntent', { ProductName: { value: 'cave quest', id: 'cave_quest' }, Count: '2' });
    assert.deepEqual(await app.handle(request), told('cave_quest / a, b / 2'));
  });
});
