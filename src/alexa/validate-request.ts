/**
 * Validation at the edge: a body that is not a well-formed Alexa request envelope is refused with a
 * clear error before any handler sees it. The checks are generated from the schema at build time
 * (./request-checks); TypeBox itself is loaded only to word the error for a refused request.
 */
import { createRequire } from 'node:module';
import type { TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import { skillshopError } from '../errors';
import type { RequestEnvelope } from './request';
import type { RequestChecks } from './request-checks';

const requireFromHere = createRequire(__filename);

/** The generated checks of the built package; from source (no build), the schemas compiled now. */
function loadChecks(): RequestChecks {
  try {
    return requireFromHere('./request-checks.generated.js') as RequestChecks;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    return (requireFromHere('./request-checks') as typeof import('./request-checks')).compileRequestChecks();
  }
}

const { envelope: checkEnvelope, ...byType } = loadChecks();
/** Request types checked in detail; any other type has only the envelope's base fields checked. */
const requestChecks = new Map(Object.entries(byType));

/** The compiled schema, for its error messages: only a refused request needs it. */
const explainers = new Map<string, TypeCheck<TSchema>>();
function explainer(name: string): TypeCheck<TSchema> {
  let check = explainers.get(name);
  if (!check) {
    const { TypeCompiler } = requireFromHere('@sinclair/typebox/compiler') as typeof import('@sinclair/typebox/compiler');
    const { CHECKED_SCHEMAS } = requireFromHere('./request-checks') as typeof import('./request-checks');
    check = TypeCompiler.Compile(CHECKED_SCHEMAS[name]!);
    explainers.set(name, check);
  }
  return check;
}

function firstProblem(name: string, value: unknown, prefix: string): string {
  const error = explainer(name).Errors(value).First();
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
  if (!checkEnvelope(body)) {
    const problem = firstProblem('envelope', body, '');
    throw skillshopError('REQUEST_INVALID', `Not an Alexa request envelope: ${problem}`, {
      details: { field: problem.split(':')[0] },
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
  const check = requestChecks.get(type);
  if (check && !check(envelope.request)) {
    const problem = firstProblem(type, envelope.request, 'request');
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
