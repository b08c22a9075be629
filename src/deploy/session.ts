/**
 * Credentials and a SMAPI client together, as every deploy command needs them.
 *
 * @example
 * const { client, credentials } = openSession({ profile: 'default' });
 */
import { Credentials, type CredentialsOptions } from './credentials';
import type { DeployEventHandler } from './events';
import type { FetchLike } from './lwa';
import { SmapiClient, type SmapiClientOptions } from './smapi-client';

export interface SessionOptions extends CredentialsOptions {
  onEvent?: DeployEventHandler;
  fetch?: FetchLike;
  sleep?: SmapiClientOptions['sleep'];
  delayScale?: number;
}

export interface Session {
  credentials: Credentials;
  client: SmapiClient;
  profile: string;
  vendorId: string;
}

export function openSession(options: SessionOptions = {}): Session {
  const onEvent = options.onEvent;
  const credentials = Credentials.resolve({
    ...options,
    ...(onEvent ? { onRefresh: (profile: string) => onEvent({ type: 'note', message: `Refreshed the access token of ${profile === '__ENVIRONMENT_ASK_PROFILE__' ? 'ASK_REFRESH_TOKEN' : `profile "${profile}"`}.` }) } : {}),
  });
  const client = new SmapiClient({
    credentials,
    ...(options.env ? { env: options.env } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.delayScale !== undefined ? { delayScale: options.delayScale } : {}),
    ...(onEvent ? { onRetry: (notice) => onEvent({ type: 'retry', notice }) } : {}),
  });
  return { credentials, client, profile: credentials.profile, vendorId: credentials.vendorId };
}
