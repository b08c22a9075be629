/**
 * Reading and writing the project's JSON files safely: parse errors name the line and column, and
 * writes go to a temporary file that is renamed into place, so a crash never leaves half a file.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { jsonErrorPosition } from './json-position';

export type JsonReadResult =
  | { ok: true; value: unknown; text: string }
  | { ok: false; message: string; line?: number; column?: number; missing?: boolean };

/** Reads and parses a JSON file; never throws for a missing or invalid file. */
export function readJsonFile(file: string): JsonReadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, missing: code === 'ENOENT', message: code === 'ENOENT' ? 'file not found' : (error as Error).message };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // editors on Windows add a BOM
  try {
    return { ok: true, value: JSON.parse(text), text };
  } catch (error) {
    const message = (error as Error).message;
    const position = positionOf(message, text) ?? jsonErrorPosition(text);
    return position
      ? { ok: false, message: `invalid JSON at line ${position.line}, column ${position.column}: ${message}`, ...position }
      : { ok: false, message: `invalid JSON: ${message}` };
  }
}

function positionOf(message: string, text: string): { line: number; column: number } | undefined {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const at = /position (\d+)/.exec(message);
  let offset = at ? Number(at[1]) : undefined;
  if (offset === undefined && /Unexpected end of JSON input/.test(message)) offset = text.length;
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Writes atomically: a temporary file next to the target, then a rename. Creates folders. */
export function writeFileAtomic(file: string, content: string | Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Stable JSON for files people commit: two-space indent, trailing newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, formatJson(value));
}
