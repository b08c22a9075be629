import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTimestamp } from '../../../src/hosting/verify/timestamp';
import { isSkillshopError } from '../../../src/errors';

const now = Date.parse('2024-06-01T12:00:00Z');
const at = (offsetSeconds: number) => new Date(now + offsetSeconds * 1000).toISOString();
const invalid = (error: unknown) => isSkillshopError(error, 'TIMESTAMP_INVALID');

test('accepts a timestamp within 150 s in either direction, and exactly 150 s', () => {
  for (const offset of [0, -149, 149, -150, 150]) {
    assert.doesNotThrow(() => checkTimestamp({ type: 'IntentRequest', timestamp: at(offset) }, now), `offset ${offset}`);
  }
});

test('rejects a timestamp more than 150 s in the past or the future', () => {
  assert.throws(() => checkTimestamp({ type: 'IntentRequest', timestamp: at(-151) }, now), /151 s in the past/);
  assert.throws(() => checkTimestamp({ type: 'LaunchRequest', timestamp: at(151) }, now), /151 s in the future/);
  assert.throws(() => checkTimestamp({ type: 'LaunchRequest', timestamp: at(-3000) }, now), invalid);
});

test('gives skill lifecycle events an hour', () => {
  const type = 'AlexaSkillEvent.SkillEnabled';
  assert.doesNotThrow(() => checkTimestamp({ type, timestamp: at(-3600) }, now));
  assert.doesNotThrow(() => checkTimestamp({ type, timestamp: at(3600) }, now));
  assert.throws(() => checkTimestamp({ type, timestamp: at(-3601) }, now), invalid);
  assert.throws(() => checkTimestamp({ type, timestamp: at(3601) }, now), invalid);
});

test('accepts the timestamp formats Alexa sends', () => {
  assert.doesNotThrow(() => checkTimestamp({ type: 'IntentRequest', timestamp: '2024-06-01T12:00:00Z' }, now));
  assert.doesNotThrow(() => checkTimestamp({ type: 'IntentRequest', timestamp: '2024-06-01T12:00:00.123Z' }, now));
  assert.doesNotThrow(() => checkTimestamp({ type: 'IntentRequest', timestamp: '2024-06-01T14:00:00+02:00' }, now));
});

test('rejects an unparseable, zoneless or missing timestamp', () => {
  for (const timestamp of ['yesterday', '', '2024-06-01T12:00:00', 'June 1, 2024 12:00:00', '2024-13-45T99:99:99Z', 1717243200000, undefined]) {
    assert.throws(() => checkTimestamp({ type: 'IntentRequest', timestamp }, now), invalid, String(timestamp));
  }
  assert.throws(() => checkTimestamp(undefined, now), invalid);
});

test('a custom tolerance replaces 150 s', () => {
  assert.throws(() => checkTimestamp({ type: 'IntentRequest', timestamp: at(-31) }, now, 30), invalid);
  assert.doesNotThrow(() => checkTimestamp({ type: 'IntentRequest', timestamp: at(-30) }, now, 30));
});
