/**
 * The files that hold credentials: the ASK CLI's `~/.ask/cli_config` (shared with the ASK CLI, so
 * written back exactly the way it writes it: same path, JSON, mode 0600, only the changed value's
 * bytes different) and skillshop's own `~/.skillshop/config.json` (the user's LWA client).
 *
 * The home directory is `os.homedir()`, which honours `HOME` on macOS and Linux (tests set it).
 * Messages never quote the files' content: it holds tokens.
 */
import { chmodSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { skillshopError } from '../errors';
import { jsonErrorPosition } from '../json-position';
import { setJsonValue } from './json-edit';

/** The token object the ASK CLI keeps per profile (LWA's token answer plus `expires_at`). */
export interface AskToken {
  access_token: string;
  refresh_token?: string;
  token_type?: string;
  expires_in?: number;
  /** ISO-8601 UTC. */
  expires_at?: string;
  [key: string]: unknown;
}

export interface AskProfile {
  token?: AskToken;
  vendor_id?: string;
  [key: string]: unknown;
}

export interface LwaClientConfig {
  clientId: string;
  clientConfirmation: string;
}

export function defaultHomeDir(): string {
  return homedir();
}

export function cliConfigPath(homeDir: string = defaultHomeDir()): string {
  return join(homeDir, '.ask', 'cli_config');
}

export function skillshopConfigPath(homeDir: string = defaultHomeDir()): string {
  return join(homeDir, '.skillshop', 'config.json');
}

/** Reads a JSON object file; undefined when it does not exist. Never quotes the content. */
export function readPrivateJson(file: string): { text: string; value: Record<string, unknown> } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw skillshopError('DEPLOY_STATE_INVALID', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    const at = jsonErrorPosition(text);
    throw skillshopError('DEPLOY_STATE_INVALID', `${file} is not valid JSON${at ? ` (line ${at.line}, column ${at.column})` : ''}. Fix it, or log in again.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw skillshopError('DEPLOY_STATE_INVALID', `${file} must hold a JSON object.`);
  }
  return { text, value: value as Record<string, unknown> };
}

/**
 * Replaces the file atomically (a temporary file, then a rename) with mode 0600. A symlinked file
 * (dotfile managers) is written where the link points, so the link stays.
 */
export function writePrivateFile(file: string, content: string): void {
  let target = file;
  try {
    target = realpathSync(file);
  } catch {
    // new file
  }
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, content, { mode: 0o600 });
    chmodSync(temporary, 0o600); // in case the umask or the file system widened it
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Applies edits to the file's current text (read again right now, so a change another program
 * made since we read it is kept) and writes it back. A missing file is created the way the ASK CLI
 * creates it: `JSON.stringify(content, null, 2)`, no trailing newline.
 */
export function editPrivateJson(file: string, edits: readonly { path: readonly string[]; value: unknown }[], emptyText = '{}'): void {
  let text = readPrivateJson(file)?.text ?? emptyText;
  for (const edit of edits) {
    try {
      text = setJsonValue(text, edit.path, edit.value);
    } catch (error) {
      throw skillshopError('DEPLOY_STATE_INVALID', `Cannot update ${edit.path.join('.')} in ${file}: ${(error as Error).message}.`, { cause: error });
    }
  }
  writePrivateFile(file, text);
}

/** A profile of `~/.ask/cli_config`; undefined when the file or the profile does not exist. */
export function readAskProfile(file: string, profile: string): AskProfile | undefined {
  const config = readPrivateJson(file);
  const profiles = config?.value.profiles;
  if (profiles === undefined) return undefined;
  if (profiles === null || typeof profiles !== 'object') throw skillshopError('DEPLOY_STATE_INVALID', `${file}: "profiles" must be an object.`);
  const entry = (profiles as Record<string, unknown>)[profile];
  if (entry === undefined) return undefined;
  if (entry === null || typeof entry !== 'object') throw skillshopError('DEPLOY_STATE_INVALID', `${file}: profile "${profile}" must be an object.`);
  return entry as AskProfile;
}

export function askProfileNames(file: string): string[] {
  const profiles = readPrivateJson(file)?.value.profiles;
  return profiles && typeof profiles === 'object' ? Object.keys(profiles) : [];
}

/** The token, after a refresh: the whole token object is replaced, as the ASK CLI does. */
export function writeAskToken(file: string, profile: string, token: AskToken): void {
  editPrivateJson(file, [{ path: ['profiles', profile, 'token'], value: token }], ASK_CLI_EMPTY_CONFIG);
}

/** A new or renewed login: the token and the vendor id; the profile's other keys stay. */
export function writeAskProfile(file: string, profile: string, token: AskToken, vendorId: string): void {
  editPrivateJson(file, [
    { path: ['profiles', profile, 'token'], value: token },
    { path: ['profiles', profile, 'vendor_id'], value: vendorId },
  ], ASK_CLI_EMPTY_CONFIG);
}

const ASK_CLI_EMPTY_CONFIG = JSON.stringify({ profiles: {} }, null, 2);

/** The LWA client saved by `skillshop login --client-id … --client-confirmation …`. */
export function readLwaClientConfig(file: string): LwaClientConfig | undefined {
  const client = readPrivateJson(file)?.value.lwaClient as Partial<LwaClientConfig> | undefined;
  if (!client) return undefined;
  if (typeof client.clientId !== 'string' || typeof client.clientConfirmation !== 'string') {
    throw skillshopError('DEPLOY_STATE_INVALID', `${file}: lwaClient needs string clientId and clientConfirmation.`);
  }
  return { clientId: client.clientId, clientConfirmation: client.clientConfirmation };
}

export function writeLwaClientConfig(file: string, client: LwaClientConfig): void {
  editPrivateJson(file, [{ path: ['lwaClient'], value: client }], '{}\n');
}
