/**
 * Rule 6 of Alexa's request verification: a request meant for another skill is rejected, by the
 * application id in the session and in the context.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/handle-requests-sent-by-alexa.html
 */
import { skillshopError } from '../../errors';
import type { RequestEnvelope } from '../../alexa/request';

/**
 * Throws `SKILLSHOP_APPLICATION_ID_MISMATCH` unless every application id in the envelope is in
 * `allowed`. An empty or missing list allows any skill (handy while the skill has no id yet).
 *
 * @example
 * checkApplicationId(envelope, ['amzn1.ask.skill.0f5c…']);
 */
export function checkApplicationId(
  envelope: RequestEnvelope,
  allowed: ReadonlySet<string> | readonly string[] | undefined,
): void {
  if (allowed === undefined || (allowed instanceof Set ? allowed.size : (allowed as readonly string[]).length) === 0) return;
  // The envelope may not be validated yet, so no field is taken for granted.
  if (envelope.session !== undefined) {
    checkOne(allowed, 'session.application.applicationId', envelope.session?.application?.applicationId);
  }
  checkOne(allowed, 'context.System.application.applicationId', envelope.context?.System?.application?.applicationId);
}

/** A skill has one id or a few: a list is searched as it is, never copied into a Set per request. */
function checkOne(allowed: ReadonlySet<string> | readonly string[], path: string, id: unknown): void {
  if (typeof id === 'string' && (allowed instanceof Set ? allowed.has(id) : (allowed as readonly string[]).includes(id))) return;
  const what = typeof id === 'string' ? `${path} "${id}" is not` : `${path} is missing, so it is not`;
  throw skillshopError(
    'APPLICATION_ID_MISMATCH',
    `${what} one of this skill's ids (${[...allowed].join(', ')}). ` +
      'If the request is meant for this skill, add its id to the configured applicationIds.',
    { details: { path, applicationId: id } },
  );
}
