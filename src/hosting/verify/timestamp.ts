/**
 * Rule 5 of Alexa's request verification: a request is fresh only within 150 s of now, so a
 * captured request cannot be replayed later. Skill lifecycle events (`AlexaSkillEvent.*`) may be
 * delivered up to an hour late.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html
 * https://developer.amazon.com/en-US/docs/alexa/smapi/skill-events-in-alexa-skills.html
 */
import { skillshopError } from '../../errors';

export const TIMESTAMP_TOLERANCE_SECONDS = 150;
export const SKILL_EVENT_TOLERANCE_SECONDS = 3_600;
export const SKILL_EVENT_PREFIX = 'AlexaSkillEvent.';

/** ISO 8601 date and time with a zone; without one, Date.parse would read it as local time. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Throws `SKILLSHOP_TIMESTAMP_INVALID` unless `request.timestamp` is within the tolerance of
 * `now` (ms), in either direction. `toleranceSeconds` replaces the 150 s; skill events always get
 * at least an hour.
 *
 * @example
 * checkTimestamp(envelope.request, clock.now());
 */
export function checkTimestamp(
  request: { type?: unknown; timestamp?: unknown } | undefined,
  now: number,
  toleranceSeconds: number = TIMESTAMP_TOLERANCE_SECONDS,
): void {
  const timestamp = request?.timestamp;
  const sent = typeof timestamp === 'string' && ISO_TIMESTAMP.test(timestamp) ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(sent)) {
    throw skillshopError(
      'TIMESTAMP_INVALID',
      `request.timestamp ${JSON.stringify(timestamp) ?? 'undefined'} is not an ISO 8601 date and time with a zone.`,
      { details: { path: 'request.timestamp', timestamp } },
    );
  }
  const isSkillEvent = typeof request?.type === 'string' && request.type.startsWith(SKILL_EVENT_PREFIX);
  const tolerance = isSkillEvent ? Math.max(toleranceSeconds, SKILL_EVENT_TOLERANCE_SECONDS) : toleranceSeconds;
  const skewSeconds = (now - sent) / 1000;
  if (Math.abs(skewSeconds) > tolerance) {
    throw skillshopError(
      'TIMESTAMP_INVALID',
      `request.timestamp ${timestamp} is ${Math.round(Math.abs(skewSeconds))} s ` +
        `${skewSeconds > 0 ? 'in the past' : 'in the future'}, more than the ${tolerance} s allowed. ` +
        'Either the request is replayed or this server\'s clock is wrong.',
      { details: { path: 'request.timestamp', timestamp, now: new Date(now).toISOString(), toleranceSeconds: tolerance } },
    );
  }
}
