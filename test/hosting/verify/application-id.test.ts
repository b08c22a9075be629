import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkApplicationId } from '../../../src/hosting/verify/application-id';
import { isSkillshopError } from '../../../src/errors';
import type { RequestEnvelope } from '../../../src/alexa/request';

const SKILL = 'amzn1.ask.skill.11111111-1111-1111-1111-111111111111';
const OTHER = 'amzn1.ask.skill.22222222-2222-2222-2222-222222222222';

function envelope(sessionId: string | undefined, contextId: string): RequestEnvelope {
  const user = { userId: 'amzn1.ask.account.TEST' };
  return {
    version: '1.0',
    ...(sessionId === undefined
      ? {}
      : { session: { new: true, sessionId: 's', application: { applicationId: sessionId }, user } }),
    context: { System: { application: { applicationId: contextId }, user } },
    request: { type: 'LaunchRequest', requestId: 'r', timestamp: '2024-06-01T12:00:00Z' },
  };
}

const mismatch = (path: string) => (error: unknown) =>
  isSkillshopError(error, 'APPLICATION_ID_MISMATCH') && error.details.path === path;

test('accepts ids on the allow-list, in session and context', () => {
  assert.doesNotThrow(() => checkApplicationId(envelope(SKILL, SKILL), [SKILL]));
  assert.doesNotThrow(() => checkApplicationId(envelope(SKILL, SKILL), [OTHER, SKILL]));
  assert.doesNotThrow(() => checkApplicationId(envelope(undefined, SKILL), new Set([SKILL])));
});

test('rejects a session id not on the list', () => {
  assert.throws(() => checkApplicationId(envelope(OTHER, SKILL), [SKILL]), mismatch('session.application.applicationId'));
});

test('rejects a context id not on the list, also without a session', () => {
  assert.throws(() => checkApplicationId(envelope(SKILL, OTHER), [SKILL]), mismatch('context.System.application.applicationId'));
  assert.throws(() => checkApplicationId(envelope(undefined, OTHER), [SKILL]), mismatch('context.System.application.applicationId'));
  assert.throws(() => checkApplicationId(envelope(SKILL, OTHER), new Set([SKILL])), mismatch('context.System.application.applicationId'));
});

test('rejects a request without an application id', () => {
  const broken = { ...envelope(undefined, SKILL), context: {} } as unknown as RequestEnvelope;
  assert.throws(() => checkApplicationId(broken, [SKILL]), /is missing/);
});

test('an empty or missing allow-list skips the check', () => {
  assert.doesNotThrow(() => checkApplicationId(envelope(OTHER, OTHER), []));
  assert.doesNotThrow(() => checkApplicationId(envelope(OTHER, OTHER), new Set()));
  assert.doesNotThrow(() => checkApplicationId(envelope(OTHER, OTHER), undefined));
});
