/**
 * `skillshop login`: Login with Amazon's authorization-code flow, for users without the ASK CLI.
 * The browser signs in and LWA redirects to a one-shot callback on http://127.0.0.1:<port>/cb
 * (9090 by default, like the ASK CLI; it must be an Allowed Return URL of the LWA security
 * profile); `noBrowser` prints the sign-in URL and takes the address the browser ended on (or
 * just its code) pasted back, for machines without a browser. The tokens and the vendor id are
 * written as an ASK CLI profile in ~/.ask/cli_config, so the ASK CLI and skillshop share it.
 *
 * @example
 * await login({ profile: 'default', client: { clientId, clientConfirmation }, output: console.log });
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { skillshopError } from '../errors';
import { cliConfigPath, defaultHomeDir, writeAskProfile, type AskToken, type LwaClientConfig } from './config-files';
import { resolveEndpoints } from './endpoints';
import { LwaClient, type FetchLike } from './lwa';
import { SmapiClient, type Vendor } from './smapi-client';

export const DEFAULT_LOGIN_PORT = 9090;

export interface LoginOptions {
  profile: string;
  client: LwaClientConfig;
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  fetch?: FetchLike;
  /** Callback port on 127.0.0.1 (default 9090; 0 picks a free one). */
  port?: number;
  noBrowser?: boolean;
  /** Which vendor to keep when the account has several; default the first. */
  vendorId?: string;
  /** Default: the BROWSER command, else the system's opener; BROWSER=none opens nothing. */
  openBrowser?: (url: string) => void;
  /** `noBrowser`: reads what the user pastes. */
  readPasted?: () => Promise<string>;
  output: (line: string) => void;
  timeoutMs?: number;
}

export interface LoginResult {
  profile: string;
  vendorId: string;
  vendors: Vendor[];
  configFile: string;
}

export function defaultOpenBrowser(url: string, env: NodeJS.ProcessEnv = process.env): void {
  const custom = env.BROWSER?.trim();
  if (custom === 'none') return;
  const [command, args] = custom
    ? [custom, [url]]
    : process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {}); // no opener: the URL is printed anyway
    child.unref();
  } catch {
    // same
  }
}

/** The code (and state) in what the user pasted: the whole redirect address, or just the code. */
export function parsePasted(text: string): { code: string; state?: string } {
  const trimmed = text.trim();
  if (/[?&](code|error)=/.test(trimmed)) {
    const query = new URLSearchParams(trimmed.slice(trimmed.indexOf('?') + 1));
    const error = query.get('error');
    if (error) throw skillshopError('LOGIN_FAILED', `Login with Amazon answered ${error}${query.get('error_description') ? `: ${query.get('error_description')}` : ''}.`);
    const state = query.get('state');
    return { code: query.get('code') ?? '', ...(state ? { state } : {}) };
  }
  return { code: trimmed };
}

function waitForCallback(server: Server, expectedState: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(skillshopError('LOGIN_FAILED', `No sign-in within ${Math.round(timeoutMs / 1000)} s. Run skillshop login again (or --no-browser).`)), timeoutMs);
    timer.unref();
    const finish = (error: Error | undefined, code?: string) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(code!);
    };
    server.on('request', (request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/cb') {
        response.writeHead(404).end();
        return;
      }
      const page = (status: number, text: string) => {
        response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
        response.end(`<!doctype html><title>skillshop login</title><p>${text}</p>`);
      };
      const error = url.searchParams.get('error');
      if (error) {
        page(403, 'Sign-in failed. Go back to the terminal.');
        finish(skillshopError('LOGIN_FAILED', `Login with Amazon answered ${error}${url.searchParams.get('error_description') ? `: ${url.searchParams.get('error_description')}` : ''}.`));
        return;
      }
      if (url.searchParams.get('state') !== expectedState) {
        // Not the answer to our sign-in (another tab, or a forged request): refuse and keep waiting.
        page(400, 'This sign-in was not started by this skillshop login. Go back to the terminal.');
        return;
      }
      const code = url.searchParams.get('code');
      if (!code) {
        page(400, 'No authorization code. Go back to the terminal.');
        return;
      }
      page(200, 'Signed in to skillshop. You can close this tab and go back to the terminal.');
      finish(undefined, code);
    });
  });
}

export async function login(options: LoginOptions): Promise<LoginResult> {
  const env = options.env ?? process.env;
  const endpoints = resolveEndpoints(env);
  const lwa = new LwaClient({ client: options.client, tokenHost: endpoints.lwaTokenHost, authorizeHost: endpoints.lwaAuthorizeHost, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const state = randomBytes(16).toString('hex');
  const port = options.port ?? DEFAULT_LOGIN_PORT;
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  let code: string;
  let redirectUri: string;
  if (options.noBrowser) {
    redirectUri = `http://127.0.0.1:${port}/cb`;
    options.output(`Open this address in a browser on any machine and sign in:\n\n  ${lwa.authorizeUrl({ redirectUri, state })}\n`);
    options.output(`The browser then goes to ${redirectUri}?code=… (the page may not load: that is fine). Paste that whole address here:`);
    if (!options.readPasted) throw skillshopError('LOGIN_FAILED', 'Nothing to read the pasted address from.');
    const pasted = parsePasted(await options.readPasted());
    if (pasted.state !== undefined && pasted.state !== state) throw skillshopError('LOGIN_FAILED', 'The pasted address is not the answer to this sign-in (its state differs). Run skillshop login again.');
    if (!pasted.code) throw skillshopError('LOGIN_FAILED', 'The pasted text holds no authorization code.');
    code = pasted.code;
  } else {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => reject(skillshopError('LOGIN_FAILED',
        error.code === 'EADDRINUSE' ? `Port ${port} on 127.0.0.1 is in use: free it, or pass --port (and add http://127.0.0.1:<port>/cb to the security profile's Allowed Return URLs).` : `Cannot listen on 127.0.0.1:${port}: ${error.message}`, { cause: error })));
      server.listen(port, '127.0.0.1', resolve);
    });
    try {
      redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;
      const url = lwa.authorizeUrl({ redirectUri, state });
      const callback = waitForCallback(server, state, timeoutMs);
      options.output(`Sign in with Amazon in your browser. If it does not open, visit:\n\n  ${url}\n\nWaiting for the sign-in on ${redirectUri} …`);
      (options.openBrowser ?? ((target: string) => defaultOpenBrowser(target, env)))(url);
      code = await callback;
    } finally {
      server.closeAllConnections?.();
      server.close();
    }
  }
  let token: AskToken;
  try {
    token = await lwa.exchangeCode(code, redirectUri);
  } catch (error) {
    throw skillshopError('LOGIN_FAILED', `${(error as Error).message} Check the client id and confirmation of your LWA security profile, and that ${redirectUri} is one of its Allowed Return URLs.`, { cause: error });
  }
  const smapi = new SmapiClient({
    credentials: { profile: options.profile, vendorId: '', accessToken: async () => token.access_token, renew: async () => false, loginHint: () => 'Run skillshop login again.' },
    env,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const vendors = await smapi.listVendors();
  const vendor = options.vendorId ? vendors.find((candidate) => candidate.id === options.vendorId) : vendors[0];
  if (!vendor) {
    throw skillshopError('LOGIN_FAILED', options.vendorId
      ? `This Amazon account has no vendor ${options.vendorId}; it has ${vendors.map((v) => `${v.id} (${v.name ?? '?'})`).join(', ') || 'none'}.`
      : 'This Amazon account has no Alexa developer (vendor) account: sign up at https://developer.amazon.com first.');
  }
  const configFile = cliConfigPath(options.homeDir ?? defaultHomeDir());
  writeAskProfile(configFile, options.profile, token, vendor.id);
  return { profile: options.profile, vendorId: vendor.id, vendors, configFile };
}
