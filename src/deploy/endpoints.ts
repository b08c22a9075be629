/**
 * Where SMAPI and Login with Amazon live, overridable the way the ASK CLI v2 allows it
 * (lib/utils/dynamic-config.js): for local fakes in tests, and for proxies.
 */
import { skillshopError } from '../errors';

export const SMAPI_BASE_URL = 'https://api.amazonalexa.com';
export const LWA_TOKEN_HOST = 'https://api.amazon.com';
export const LWA_TOKEN_PATH = '/auth/o2/token';
export const LWA_AUTHORIZE_HOST = 'https://www.amazon.com';
export const LWA_AUTHORIZE_PATH = '/ap/oa';

export interface Endpoints {
  /** `ASK_SMAPI_SERVER_BASE_URL`, e.g. `http://127.0.0.1:4010`; no trailing slash. */
  smapi: string;
  /** `ASK_LWA_TOKEN_HOST`: the part before `/auth/o2/token`. */
  lwaTokenHost: string;
  /** `ASK_LWA_AUTHORIZE_HOST`: the part before `/ap/oa` (skillshop login). */
  lwaAuthorizeHost: string;
}

function baseUrl(name: string, value: string | undefined, fallback: string): string {
  // The ASK CLI treats blank and the string "undefined" as unset; so do we.
  if (value === undefined || value.trim() === '' || value === 'undefined') return fallback;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw skillshopError('CONFIG_INVALID', `${name} must be a URL with its scheme, e.g. http://127.0.0.1:4010, not "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw skillshopError('CONFIG_INVALID', `${name} must be an http:// or https:// URL, not "${value}".`);
  }
  return url.href.replace(/\/+$/, '');
}

export function resolveEndpoints(env: NodeJS.ProcessEnv = process.env): Endpoints {
  return {
    smapi: baseUrl('ASK_SMAPI_SERVER_BASE_URL', env.ASK_SMAPI_SERVER_BASE_URL, SMAPI_BASE_URL),
    lwaTokenHost: baseUrl('ASK_LWA_TOKEN_HOST', env.ASK_LWA_TOKEN_HOST, LWA_TOKEN_HOST),
    lwaAuthorizeHost: baseUrl('ASK_LWA_AUTHORIZE_HOST', env.ASK_LWA_AUTHORIZE_HOST, LWA_AUTHORIZE_HOST),
  };
}

/**
 * A factor for every wait (retry backoff, import polling); `SKILLSHOP_DEPLOY_DELAY_SCALE=0` makes
 * them instant. Meant for tests against a local fake; leave it unset against Amazon.
 */
export function delayScale(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SKILLSHOP_DEPLOY_DELAY_SCALE;
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale < 0) throw skillshopError('CONFIG_INVALID', `SKILLSHOP_DEPLOY_DELAY_SCALE must be a number ≥ 0, not "${raw}".`);
  return scale;
}
