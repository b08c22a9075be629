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
  if (allowed === undefined) return;
  const allowedIds: ReadonlySet<string> = allowed instanceof Set ? allowed : new Set(allowed);
  if (allowedIds.size === 0) return;
  // The envelope may not be validated yet, so no field is taken for granted.
  if (envelope.session !== undefined) {
    checkOne(allowedIds, 'session.application.applicationId', envelope.session?.application?.applicationId);
  }
  checkOne(allowedIds, 'context.System.application.applicationId', envelope.context?.System?.application?.applicationId);
}

function checkOne(allowedIds: ReadonlySet<string>, path: string, id: unknown): void {
  if (typeof id === 'string' && allowedIds.has(id)) return;
  const what = typeof id === 'string' ? `${path} "${id}" is not` : `${path} is missing, so it is not`;
  throw skillshopError(
    'APPLICATION_ID_MISMATCH',
    `${what} one of this skill's ids (${[...allowedIds].join(', ')}). ` +
      'If the request is meant for this skill, add its id to the configured applicationIds.',
    { details: { path, applicationId: id } },
  );
}
