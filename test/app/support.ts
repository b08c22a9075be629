/**
 * Shared bits of the test/app suites: an App with in-memory storage and a quiet (or recording)
 * logger, and assertions on SkillshopError codes.
 */
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { App } from '../../src/app/app';
import type { AppConfig } from '../../src/app/config';
import type { HandlerMap } from '../../src/app/handlers';
import type { ResponseEnvelope } from '../../src/alexa/response';
import { isSkillshopError, type SkillshopError } from '../../src/errors';
import { silentLogger, type Logger } from '../../src/logger';

/** A new App (memory storage, silent logger unless given) with `handlers` set. */
export function appWith(handlers: HandlerMap, config: AppConfig = {}): App {
  return new App({ storage: { type: 'memory' }, logger: silentLogger, ...config }).setHandler(handlers);
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown> | undefined;
}

/** A logger that keeps what it was told, to check warnings without printing them. */
export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (message: string, fields?: Record<string, unknown>) => {
    lines.push({ level, message, fields });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The response of a plain `tell(speech)` of plain text. */
export function told(text: string): ResponseEnvelope {
  return { version: '1.0', response: { outputSpeech: { type: 'SSML', ssml: `<speak>${text}</speak>` }, shouldEndSession: true } };
}

/** The error speech App answers with when nothing better is possible. */
export const DEFAULT_ERROR_SPEECH = 'Sorry, something went wrong. Please try again later.';

/** Asserts `error` is a SkillshopError with `code` (e.g. `SKILLSHOP_HANDLER_TIMEOUT`) and returns it. */
export function assertCode(error: unknown, code: string, message?: RegExp): SkillshopError {
  assert.ok(isSkillshopError(error), `expected a SkillshopError ${code}, got ${inspect(error)}`);
  assert.equal(error.code, code, error.message);
  if (message) assert.match(error.message, message);
  return error;
}

/** Runs `fn` and returns what it threw (fails when it did not throw). */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail('expected a throw');
}

/** A promise that resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
