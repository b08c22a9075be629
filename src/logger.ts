/**
 * A minimal, injectable logger. The default writes warnings and errors to stderr and stays quiet
 * otherwise (SKILLSHOP_LOG_LEVEL=debug|info to see more); pass your own (pino, console, …) in
 * `new App({ logger })`. Never log access tokens.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
type Level = (typeof LEVELS)[number];

function format(level: string, message: string, fields?: Record<string, unknown>): string {
  const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields, errorReplacer)}` : '';
  return `[skillshop] ${level}: ${message}${extra}`;
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, code: (value as { code?: unknown }).code };
  return value;
}

export function createConsoleLogger(level: string = process.env.SKILLSHOP_LOG_LEVEL ?? 'warn'): Logger {
  const min = Math.max(0, LEVELS.indexOf(level as Level));
  const on = (l: Level) => LEVELS.indexOf(l) >= min;
  return {
    debug: (m, f) => on('debug') && console.error(format('debug', m, f)),
    info: (m, f) => on('info') && console.error(format('info', m, f)),
    warn: (m, f) => on('warn') && console.warn(format('warn', m, f)),
    error: (m, f) => on('error') && console.error(format('error', m, f)),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
