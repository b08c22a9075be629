/**
 * Login with Amazon (LWA): refreshing an access token, exchanging an authorization code, and the
 * sign-in URL. https://developer.amazon.com/docs/login-with-amazon/authorization-code-grant.html
 *
 * A refresh token only works with the LWA client (security profile) that issued it. The ASK CLI's
 * own client is internal to it, so skillshop uses the user's: ASK_LWA_CLIENT_ID and
 * ASK_LWA_CLIENT_CONFIRMATION (the ASK CLI's names), or ~/.skillshop/config.json.
 */
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { skillshopError } from '../errors';
import type { AskToken, LwaClientConfig } from './config-files';
import { LWA_AUTHORIZE_PATH, LWA_TOKEN_PATH } from './endpoints';

/** What `skillshop login` asks for: the ASK CLI's public scopes (lib/utils/constants.js). */
export const LWA_SCOPES = [
  'alexa::ask:skills:readwrite',
  'alexa::ask:models:readwrite',
  'alexa::ask:skills:test',
  'alexa::ask:catalogs:read',
  'alexa::ask:catalogs:readwrite',
  'alexa::ask:subscriptions',
].join(' ');

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface LwaClientOptions {
  client: LwaClientConfig;
  tokenHost: string;
  authorizeHost?: string;
  fetch?: FetchLike;
  clock?: Clock;
}

export class LwaClient {
  private readonly fetch: FetchLike;
  private readonly clock: Clock;

  constructor(private readonly options: LwaClientOptions) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.clock = options.clock ?? systemClock;
  }

  /** A new access token (and usually a new refresh token) for a refresh token. */
  async refresh(refreshToken: string): Promise<AskToken> {
    const token = await this.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, 'refresh the access token');
    return { ...token, refresh_token: token.refresh_token ?? refreshToken };
  }

  /** Tokens for the code LWA sent to the redirect URI. */
  async exchangeCode(code: string, redirectUri: string): Promise<AskToken> {
    const token = await this.token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }, 'exchange the authorization code');
    if (!token.refresh_token) throw skillshopError('LOGIN_FAILED', 'Login with Amazon answered without a refresh token.');
    return token;
  }

  authorizeUrl(params: { redirectUri: string; state: string; scope?: string }): string {
    const url = new URL(LWA_AUTHORIZE_PATH, `${this.options.authorizeHost ?? 'https://www.amazon.com'}/`);
    url.search = new URLSearchParams({
      client_id: this.options.client.clientId,
      scope: params.scope ?? LWA_SCOPES,
      response_type: 'code',
      redirect_uri: params.redirectUri,
      state: params.state,
    }).toString();
    return url.href;
  }

  private async token(grant: Record<string, string>, what: string): Promise<AskToken> {
    const url = `${this.options.tokenHost}${LWA_TOKEN_PATH}`;
    const body = new URLSearchParams({ ...grant, client_id: this.options.client.clientId, client_secret: this.options.client.clientConfirmation });
    let response: Response;
    try {
      response = await this.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' },
        body: body.toString(),
      });
    } catch (cause) {
      throw skillshopError('DEPLOY_HTTP', `Could not reach Login with Amazon at ${url} to ${what}: ${(cause as Error).message}.`, { cause, details: { operation: 'lwa-token' } });
    }
    const text = await response.text();
    let answer: Record<string, unknown> = {};
    try {
      answer = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // an HTML error page from a proxy: the status says enough
    }
    if (!response.ok || typeof answer.error === 'string') {
      const error = typeof answer.error === 'string' ? answer.error : `HTTP ${response.status}`;
      const description = typeof answer.error_description === 'string' ? `: ${answer.error_description}` : '';
      const details = { operation: 'lwa-token', status: response.status, lwaError: error };
      if (response.status >= 500 || response.status === 429) {
        throw skillshopError('DEPLOY_HTTP', `Login with Amazon could not ${what} (${error}${description}); try again in a minute.`, { details });
      }
      throw skillshopError('DEPLOY_AUTH_FAILED', `Login with Amazon refused to ${what} (${error}${description}).`, { details });
    }
    if (typeof answer.access_token !== 'string' || answer.expires_in === undefined) {
      throw skillshopError('DEPLOY_HTTP', `Login with Amazon's answer has no access_token or expires_in.`, { details: { operation: 'lwa-token', status: response.status } });
    }
    const expiresIn = Number(answer.expires_in);
    return { ...(answer as AskToken), expires_at: new Date(this.clock.now() + expiresIn * 1000).toISOString() };
  }
}
