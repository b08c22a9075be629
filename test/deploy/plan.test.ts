import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planDeploy, type LocalProduct, type PlanInput } from '../../src/deploy/plan';
import type { ProductSummary } from '../../src/deploy/smapi-client';

const local = (referenceName: string, hash = `h-${referenceName}`): LocalProduct => ({ referenceName, type: 'ENTITLEMENT', file: `isps/entitlement/${referenceName}.json`, hash, definition: {} });
const remote = (referenceName: string, extra: Partial<ProductSummary> = {}): ProductSummary => ({ productId: `id-${referenceName}`, referenceName, status: 'COMPLETE', ...extra });
const base: PlanInput = { products: [], recorded: {}, vendorProducts: [], remoteDefinitions: {}, liveLinked: [] };
const short = (input: PlanInput) => planDeploy(input).map((a) => `${a.kind}:${a.action}${'referenceName' in a ? `:${a.referenceName}` : ''}`);

describe('planDeploy', () => {
  it('creates everything for a first deploy', () => {
    assert.deepEqual(short({ ...base, skillPackage: { hash: 'p' }, products: [local('a')] }), ['skill-package:create', 'product:create:a', 'link:link:a', 'enablement:enable']);
  });

  it('skips what did not change, by content hash, and enables only when needed', () => {
    const input: PlanInput = {
      ...base,
      skillPackage: { hash: 'p', recordedHash: 'p' },
      skillId: 'skill',
      enabled: true,
      products: [local('a')],
      recorded: { a: { productId: 'id-a', hash: 'h-a', eTag: 'e1' } },
      vendorProducts: [remote('a')],
      linked: [remote('a')],
    };
    assert.deepEqual(short(input), ['skill-package:unchanged', 'product:unchanged:a', 'enablement:unchanged']);
    const changed = planDeploy({ ...input, skillPackage: { hash: 'q', recordedHash: 'p' }, products: [local('a', 'h2')], remoteDefinitions: { 'id-a': { hash: 'h-a', eTag: 'e2' } } });
    assert.deepEqual(changed.map((a) => a.action), ['update', 'update', 'unchanged']);
    assert.equal((changed[1] as { eTag?: string }).eTag, 'e1', 'If-Match: the ETag recorded at the last deploy, not Amazon\'s current one');
    const forced = planDeploy({ ...input, products: [local('a', 'h2')], remoteDefinitions: { 'id-a': { hash: 'h-a', eTag: 'e2' } }, force: true });
    assert.equal((forced[1] as { eTag?: string }).eTag, 'e2');
  });

  it('adopts a product Amazon already has by reference name (an interrupted deploy, or the console), never creating a second', () => {
    const actions = planDeploy({ ...base, products: [local('a'), local('b')], vendorProducts: [remote('a'), remote('b')], remoteDefinitions: { 'id-a': { hash: 'h-a', eTag: 'e' }, 'id-b': { hash: 'other', eTag: 'f' } } });
    assert.deepEqual(actions.map((a) => `${a.action}${'adopted' in a && a.adopted ? '(adopted)' : ''}`), ['unchanged(adopted)', 'update(adopted)', 'link', 'link']);
    assert.deepEqual((actions[0] as { record?: unknown }).record, { productId: 'id-a', hash: 'h-a', eTag: 'e' });
  });

  it('recreates a recorded product deleted at Amazon', () => {
    const actions = planDeploy({ ...base, products: [local('a')], recorded: { a: { productId: 'gone', hash: 'h-a' } } });
    assert.equal(actions[0]!.action, 'create');
    assert.match((actions[0] as { reason?: string }).reason!, /gone is not at Amazon any more/);
  });

  it('leaves live products and live links alone; unlinks others only with prune', () => {
    const input: PlanInput = {
      ...base,
      skillId: 'skill',
      products: [local('live', 'changed')],
      recorded: { live: { productId: 'id-live', hash: 'h-live', eTag: 'e' } },
      vendorProducts: [remote('live', { status: 'PUBLISHED', editableState: 'NOT_EDITABLE' }), remote('old'), remote('oldlive')],
      remoteDefinitions: { 'id-live': { hash: 'h-live', eTag: 'e' } },
      linked: [remote('live'), remote('old'), remote('oldlive')],
      liveLinked: ['id-live', 'id-oldlive'],
    };
    assert.deepEqual(short(input), ['product:skip-live:live', 'link:orphan:old', 'link:skip-live:oldlive']);
    assert.deepEqual(short({ ...input, prune: true }), ['product:skip-live:live', 'link:unlink:old', 'link:skip-live:oldlive']);
  });
});
