/**
 * Credentials for SMAPI, from what the user already has:
 *
 * - an ASK CLI profile in `~/.ask/cli_config` (`--profile`, else `ASK_DEFAULT_PROFILE`, else
 *   `default`), refreshed a minute before `expires_at` and written back the way the ASK CLI does
 *   (only the profile's token object changes; mode 0600);
 * - in CI, without `--profile`: `ASK_ACCESS_TOKEN` or `ASK_REFRESH_TOKEN`, plus `ASK_VENDOR_ID`
 *   (the ASK CLI's "environment profile"; a refreshed token stays in memory).
 *
 * Refreshing needs the LWA client that issued the refresh token: `ASK_LWA_CLIENT_ID` and
 * `ASK_LWA_CLIENT_CONFIRMATION`, or the client `skillshop login` saved in ~/.skillshop/config.json.
 * No message, log line or error ever contains a token.
 *
 * @example
 * const credentials = Credentials.resolve({ profile: 'default' });
 * const client = new SmapiClient({ credentials });
 */
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { skillshopError } from '../errors';
import {
  askProfileNames,
  cliConfigPath,
  defaultHomeDir,
  readAskProfile,
  readLwaClientConfig,
  skillshopConfigPath,
  writeAskToken,
  type AskToken,
  type LwaClientConfig,
} from './config-files';
import { resolveEndpoints } from './endpoints';
import { LwaClient, type FetchLike } from './lwa';

/** The profile name the ASK CLI uses for credentials from the environment (ask-states.json keys). */
export const ENVIRONMENT_PROFILE = '__ENVIRONMENT_ASK_PROFILE__';
/** Refresh this long before `expires_at`, so a token never expires in the middle of a request. */
export const REFRESH_MARGIN_MS = 60_000;

/** What SmapiClient needs: a token now, and one more try after a 401. */
export interface TokenSource {
  readonly profile: string;
  readonly vendorId: string;
  accessToken(): Promise<string>;
  /** After a 401: get a new access token if there is a way; false when there is none. */
  renew(): Promise<boolean>;
  /** What to do when Amazon refuses the credentials, for messages. */
  loginHint(): string;
}

export interface CredentialsOptions {
  /** `--profile`; when absent: environment tokens, else ASK_DEFAULT_PROFILE, else "default". */
  profile?: string;
  env?: NodeJS.ProcessEnv;
  /** Where `.ask/cli_config` and `.skillshop/config.json` are; default os.homedir() (honours HOME). */
  homeDir?: string;
  clock?: Clock;
  fetch?: FetchLike;
  /** Told after each refresh (for a progress line; never given the token). */
  onRefresh?: (profile: string) => void;
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' || value === 'undefined' ? undefined : value.trim();
}

export class Credentials implements TokenSource {
  readonly profile: string;
  readonly vendorId: string;
  /** 'cli_config' or 'environment'. */
  readonly source: 'cli_config' | 'environment';
  /** The ASK CLI config file, for a cli_config profile. */
  readonly configFile: string | undefined;
  private token: AskToken | undefined;
  private refreshing: Promise<string> | undefined;
  private readonly clock: Clock;
  private readonly env: NodeJS.ProcessEnv;
  private readonly homeDir: string;
  private readonly options: CredentialsOptions;

  private constructor(options: CredentialsOptions, resolved: { profile: string; vendorId: string; source: 'cli_config' | 'environment'; configFile?: string; token?: AskToken }) {
    this.profile = resolved.profile;
    this.vendorId = resolved.vendorId;
    this.source = resolved.source;
    this.configFile = resolved.configFile;
    this.token = resolved.token;
    this.clock = options.clock ?? systemClock;
    this.env = options.env ?? process.env;
    this.homeDir = options.homeDir ?? defaultHomeDir();
    this.options = options;
  }

  /** Finds the credentials to use; throws DEPLOY_CREDENTIALS_MISSING with what to do. */
  static resolve(options: CredentialsOptions = {}): Credentials {
    const env = options.env ?? process.env;
    const homeDir = options.homeDir ?? defaultHomeDir();
    const accessToken = nonBlank(env.ASK_ACCESS_TOKEN);
    const refreshToken = nonBlank(env.ASK_REFRESH_TOKEN);
    if (options.profile === undefined && (accessToken || refreshToken)) {
      const vendorId = nonBlank(env.ASK_VENDOR_ID);
      if (!vendorId) {
        throw skillshopError('DEPLOY_CREDENTIALS_MISSING', `${refreshToken ? 'ASK_REFRESH_TOKEN' : 'ASK_ACCESS_TOKEN'} is set but ASK_VENDOR_ID is not: set it to your vendor id (developer console → Settings → My IDs).`);
      }
      const token: AskToken | undefined = refreshToken
        ? (accessToken ? { access_token: accessToken, refresh_token: refreshToken } : undefined)
        : { access_token: accessToken! };
      return new Credentials(options, { profile: ENVIRONMENT_PROFILE, vendorId, source: 'environment', ...(token ? { token } : {}) });
    }
    const profile = options.profile ?? nonBlank(env.ASK_DEFAULT_PROFILE) ?? 'default';
    const configFile = cliConfigPath(homeDir);
    const entry = readAskProfile(configFile, profile);
    if (!entry) {
      const names = askProfileNames(configFile);
      const where = names.length > 0 ? `${configFile} has ${names.map((name) => `"${name}"`).join(', ')}; pick one with --profile, or` : `there is no ${configFile}:`;
      throw skillshopError('DEPLOY_CREDENTIALS_MISSING', `No ASK profile "${profile}": ${where} log in with \`skillshop login --profile ${profile}\` (or \`ask configure --profile ${profile}\`). In CI, set ASK_REFRESH_TOKEN and ASK_VENDOR_ID instead.`, { details: { profile } });
    }
    const token = entry.token;
    if (!token || typeof token.access_token !== 'string' || typeof entry.vendor_id !== 'string' || entry.vendor_id === '') {
      throw skillshopError('DEPLOY_CREDENTIALS_MISSING', `ASK profile "${profile}" in ${configFile} has no ${!token || typeof token.access_token !== 'string' ? 'token' : 'vendor_id'}: log in again with \`skillshop login --profile ${profile}\` (or \`ask configure --profile ${profile}\`).`, { details: { profile } });
    }
    return new Credentials(options, { profile, vendorId: entry.vendor_id, source: 'cli_config', configFile, token });
  }

  /** A valid access token: the current one, or a refreshed one when it expires within a minute. */
  async accessToken(): Promise<string> {
    if (this.refreshing) return this.refreshing;
    const token = this.token;
    if (token && !this.expiresSoon(token)) return token.access_token;
    if (this.source === 'cli_config') {
      // The ASK CLI (or another skillshop) may have refreshed it since we read the file.
      const onDisk = readAskProfile(this.configFile!, this.profile)?.token;
      if (onDisk && typeof onDisk.access_token === 'string' && !this.expiresSoon(onDisk) && onDisk.access_token !== token?.access_token) {
        this.token = onDisk;
        return onDisk.access_token;
      }
    }
    return this.refresh('expired');
  }

  async renew(): Promise<boolean> {
    if (!this.refreshToken()) return false;
    await this.refresh('refused');
    return true;
  }

  loginHint(): string {
    if (this.source === 'environment') {
      return this.refreshToken()
        ? 'Set a new ASK_REFRESH_TOKEN (for example the refresh_token of a profile in ~/.ask/cli_config after `skillshop login`).'
        : 'Set a new ASK_ACCESS_TOKEN, or ASK_REFRESH_TOKEN with ASK_LWA_CLIENT_ID and ASK_LWA_CLIENT_CONFIRMATION so skillshop can refresh it.';
    }
    return `Log in again: \`skillshop login --profile ${this.profile}\` (or \`ask configure --profile ${this.profile}\`).`;
  }

  private expiresSoon(token: AskToken): boolean {
    if (this.source === 'environment' && !token.expires_at) return false; // ASK_ACCESS_TOKEN: used until refused
    const expiresAt = Date.parse(token.expires_at ?? '');
    return !Number.isFinite(expiresAt) || this.clock.now() >= expiresAt - REFRESH_MARGIN_MS;
  }

  private refreshToken(): string | undefined {
    return this.token?.refresh_token ?? (this.source === 'environment' ? nonBlank(this.env.ASK_REFRESH_TOKEN) : undefined);
  }

  private lwaClient(): LwaClientConfig | undefined {
    const clientId = nonBlank(this.env.ASK_LWA_CLIENT_ID);
    const clientConfirmation = nonBlank(this.env.ASK_LWA_CLIENT_CONFIRMATION);
    if (clientId && clientConfirmation) return { clientId, clientConfirmation };
    return readLwaClientConfig(skillshopConfigPath(this.homeDir));
  }

  private refresh(why: 'expired' | 'refused'): Promise<string> {
    this.refreshing ??= this.doRefresh(why).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(why: 'expired' | 'refused'): Promise<string> {
    const refreshToken = this.refreshToken();
    const who = this.source === 'environment' ? 'ASK_ACCESS_TOKEN' : `the access token of ASK profile "${this.profile}"`;
    const state = why === 'expired' ? `${who} has expired` : `Amazon refused ${who}`;
    if (!refreshToken) {
      throw skillshopError('DEPLOY_CREDENTIALS_MISSING', `${state} and there is no refresh token. ${this.loginHint()}`, { details: { profile: this.profile } });
    }
    const client = this.lwaClient();
    if (!client) {
      throw skillshopError('DEPLOY_CREDENTIALS_MISSING',
        `${state}; refreshing it needs the LWA client (security profile) that issued its refresh token. ` +
        'Set ASK_LWA_CLIENT_ID and ASK_LWA_CLIENT_CONFIRMATION to it, or log in with `skillshop login --client-id … --client-confirmation …`. ' +
        (this.source === 'cli_config' ? 'A profile made by `ask configure` uses the ASK CLI\'s own client: any ASK CLI command (e.g. `ask smapi list-skills-for-vendor`) refreshes it.' : ''),
        { details: { profile: this.profile } });
    }
    const endpoints = resolveEndpoints(this.env);
    const lwa = new LwaClient({ client, tokenHost: endpoints.lwaTokenHost, clock: this.clock, ...(this.options.fetch ? { fetch: this.options.fetch } : {}) });
    let token: AskToken;
    try {
      token = await lwa.refresh(refreshToken);
    } catch (error) {
      if ((error as { code?: string }).code === 'SKILLSHOP_DEPLOY_AUTH_FAILED') {
        throw skillshopError('DEPLOY_AUTH_FAILED',
          `${(error as Error).message} A refresh token only works with the LWA client that issued it (a profile from \`ask configure\` uses the ASK CLI's own). ${this.loginHint()}`,
          { cause: error, details: { ...(error as { details?: object }).details, profile: this.profile } });
      }
      throw error;
    }
    this.token = token;
    if (this.source === 'cli_config') writeAskToken(this.configFile!, this.profile, token);
    this.options.onRefresh?.(this.profile);
    return token.access_token;
  }
}
