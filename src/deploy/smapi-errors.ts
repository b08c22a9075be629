/**
 * SMAPI's error answers as SkillshopErrors a person can act on. Amazon answers 400/403 with
 * `{ message, violations: [{ code?, message, validationDetails? }] }` and other statuses with
 * `{ code?, message }` (ASK CLI v2 test/integration/fixtures/smapi_spec.json: v1.BadRequestError,
 * v1.Error, v1.skill.StandardizedError).
 */
import { skillshopError, type SkillshopError } from '../errors';

export interface Violation {
  message: string;
  code?: string;
  /** The JSON path of the field, when Amazon names one. */
  field?: string;
}

export interface SmapiErrorDetails {
  operation: string;
  status: number;
  amazonMessage?: string;
  amazonCode?: string;
  violations?: Violation[];
  [key: string]: unknown;
}

/** LWA tokens start with Atza| (access) and Atzr| (refresh): never let one into a message. */
export function redactTokens(text: string): string {
  return text.replace(/Atz[ar]\|[^\s"',;]+/g, '[token]');
}

const DEFINITION_KEYS = /\b((?:inSkillProductDefinition\.)?(?:publishingInformation|privacyAndCompliance|subscriptionInformation|testingInstructions|purchasableState|promotableState|referenceName|manifest|interactionModel)(?:\.[\w-]+|\[\d+\])*)/;

/** The field a violation is about: Amazon's propertyPath when given, else a path its message names. */
export function violationField(violation: { message?: unknown; validationDetails?: unknown }): string | undefined {
  const details = violation.validationDetails as { originalInstance?: { propertyPath?: unknown } } | undefined;
  const path = details?.originalInstance?.propertyPath;
  if (typeof path === 'string' && path !== '') return path.replace(/^inSkillProductDefinition\./, '');
  const named = typeof violation.message === 'string' ? DEFINITION_KEYS.exec(violation.message) : null;
  return named ? named[1]!.replace(/^inSkillProductDefinition\./, '') : undefined;
}

export function toViolations(list: unknown): Violation[] {
  if (!Array.isArray(list)) return [];
  return list.filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object').map((item) => {
    const field = violationField(item);
    return {
      message: redactTokens(typeof item.message === 'string' ? item.message : JSON.stringify(item)),
      ...(typeof item.code === 'string' ? { code: item.code } : {}),
      ...(field ? { field } : {}),
    };
  });
}

/** One line per violation: `<file>: <field>: <message> [<code>]`. */
export function formatViolations(violations: readonly Violation[], file?: string): string[] {
  return violations.map((violation) => {
    const where = [file, violation.field].filter(Boolean).join(': ');
    return `  ${where ? `${where}: ` : ''}${violation.message}${violation.code ? ` [${violation.code}]` : ''}`;
  });
}

export interface ErrorContext {
  /** What was being done, e.g. `update product cave_quest`. */
  what: string;
  operation: string;
  /** How to log in again (from the credentials). */
  loginHint: string;
}

export function smapiError(context: ErrorContext, status: number, body: unknown): SkillshopError {
  const answer = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const amazonMessage = typeof answer.message === 'string' ? redactTokens(answer.message) : undefined;
  const violations = toViolations(answer.violations);
  const details: SmapiErrorDetails = {
    operation: context.operation,
    status,
    ...(amazonMessage ? { amazonMessage } : {}),
    ...(typeof answer.code === 'string' ? { amazonCode: answer.code } : {}),
    ...(violations.length > 0 ? { violations } : {}),
  };
  const said = amazonMessage ? `: ${amazonMessage}` : '';
  const lines = formatViolations(violations);
  const listed = lines.length > 0 ? `\n${lines.join('\n')}` : '';
  if (status === 401) {
    return skillshopError('DEPLOY_AUTH_FAILED', `Amazon refused the credentials to ${context.what} (401${said}). ${context.loginHint}`, { details });
  }
  if (status === 412) {
    return skillshopError('DEPLOY_CONFLICT', `Could not ${context.what}: it changed at Amazon (412${said}).`, { details });
  }
  if (status === 400 || status === 403 || violations.length > 0) {
    return skillshopError('DEPLOY_REJECTED', `Amazon refused to ${context.what} (${status}${said})${listed}`, { details });
  }
  if (status === 429 || status >= 500) {
    return skillshopError('DEPLOY_HTTP', `Amazon is busy (${status}${said}) and still was after several tries to ${context.what}; run the command again in a minute: it carries on where it stopped.`, { details });
  }
  return skillshopError('DEPLOY_HTTP', `Could not ${context.what}: Amazon answered ${status}${said}.`, { details });
}
