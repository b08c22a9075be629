/**
 * Validation at the edge: a body that is not a well-formed Alexa request envelope is refused with a
 * clear error before any handler sees it. The validators are compiled once, at module load.
 */
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import { skillshopError } from '../errors';
import {
  ConnectionsResponseSchema,
  IntentRequestSchema,
  LaunchRequestSchema,
  RequestEnvelopeSchema,
  SessionEndedRequestSchema,
  type RequestEnvelope,
} from './request';

const envelopeCheck = TypeCompiler.Compile(RequestEnvelopeSchema);
const requestChecks: Record<string, TypeCheck<TSchema>> = {
  LaunchRequest: TypeCompiler.Compile(LaunchRequestSchema),
  IntentRequest: TypeCompiler.Compile(IntentRequestSchema),
  SessionEndedRequest: TypeCompiler.Compile(SessionEndedRequestSchema),
  'Connections.Response': TypeCompiler.Compile(ConnectionsResponseSchema),
};

function firstProblem(check: TypeCheck<TSchema>, value: unknown, prefix: string): string {
  const error = check.Errors(value).First();
  if (!error) return 'invalid';
  // JSON pointer `/session/user/userId` → `session.user.userId` (under `prefix` when given).
  const path = [prefix, ...error.path.split('/').filter((part) => part !== '')].filter((part) => part !== '').join('.');
  return `${path || '(root)'}: ${error.message}`;
}

const MAX_ATTRIBUTE_DEPTH = 64;

function deeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  for (const child of Object.values(value)) if (deeperThan(child, limit - 1)) return true;
  return false;
}

/** Checks a parsed body; throws SKILLSHOP_REQUEST_INVALID naming the first bad field. */
export function validateRequestEnvelope(body: unknown): RequestEnvelope {
  if (!envelopeCheck.Check(body)) {
    throw skillshopError('REQUEST_INVALID', `Not an Alexa request envelope: ${firstProblem(envelopeCheck, body, '')}`, {
      details: { field: firstProblem(envelopeCheck, body, '').split(':')[0] },
    });
  }
  const envelope = body as RequestEnvelope;
  // Session attributes go back out in the response: nesting no skill needs would overflow the
  // stack when the answer is serialised.
  const attributes = envelope.session?.attributes;
  if (attributes !== undefined && deeperThan(attributes, MAX_ATTRIBUTE_DEPTH)) {
    throw skillshopError('REQUEST_INVALID', `session.attributes: nested deeper than ${MAX_ATTRIBUTE_DEPTH} levels.`, {
      details: { field: 'session.attributes' },
    });
  }
  const type: string = envelope.request.type;
  const check = requestChecks[type];
  if (check && !check.Check(envelope.request)) {
    const problem = firstProblem(check, envelope.request, 'request');
    throw skillshopError('REQUEST_INVALID', `Invalid ${type}: ${problem}`, {
      details: { field: problem.split(':')[0] },
    });
  }
  return envelope;
}

/** Parses and validates raw bytes; SKILLSHOP_REQUEST_NOT_JSON when they are not JSON. */
export function parseRequestEnvelope(raw: Buffer | string): RequestEnvelope {
  let body: unknown;
  try {
    body = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (cause) {
    throw skillshopError('REQUEST_NOT_JSON', 'The request body is not valid JSON (is it truncated?).', { cause });
  }
  return validateRequestEnvelope(body);
}
