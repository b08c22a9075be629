/**
 * The skill as a web service on node:http: `app.listen()` and `app.handleWebhook(req, res)` (also
 * an Express handler). Alexa request verification is on by default.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../app/app';
import { skillshopError } from '../errors';
import { DEFAULT_MAX_BODY_BYTES, readBody } from './read-body';
import { errorResult, SkillEndpoint, type EndpointOptions, type EndpointResult } from './skill-endpoint';

export interface WebhookOptions extends EndpointOptions {
  /** Largest accepted body. Default 256 KB. */
  maxBodyBytes?: number;
}

export interface ListenOptions extends WebhookOptions {
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (put a TLS proxy in front; Alexa only calls https). */
  host?: string;
  /** The path Alexa posts to. Default `/webhook`. */
  path?: string;
  /** Close gracefully on SIGTERM/SIGINT. Default true. */
  handleSignals?: boolean;
  /** How long in-flight requests may finish on shutdown. Default 10 s. */
  shutdownGraceMs?: number;
}

export interface SkillServer {
  readonly server: Server;
  readonly url: string;
  readonly port: number;
  /** Stops accepting, lets in-flight requests finish, closes storage. */
  close(): Promise<void>;
}

// Built once per app (or per options object), not per request: the verifier caches certificates.
const defaultEndpoints = new WeakMap<App, SkillEndpoint>();
const endpointsByOptions = new WeakMap<WebhookOptions, SkillEndpoint>();

function endpointFor(app: App, options: WebhookOptions | undefined): SkillEndpoint {
  const cache = options ? endpointsByOptions : defaultEndpoints;
  const key = (options ?? app) as App & WebhookOptions;
  let endpoint = cache.get(key);
  if (!endpoint) cache.set(key, (endpoint = new SkillEndpoint(app, options)));
  return endpoint;
}

function send(res: ServerResponse, result: EndpointResult, close = false): void {
  if (res.headersSent) return;
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(result.body),
  };
  if (close) headers.connection = 'close';
  res.writeHead(result.statusCode, headers);
  res.end(result.body);
}

/** Handles one request: for node:http, or Express (mount it without a JSON body parser, or with express.raw()). */
export async function handleWebhook(
  app: App,
  req: IncomingMessage & { body?: unknown },
  res: ServerResponse,
  options?: WebhookOptions,
  endpoint: SkillEndpoint = endpointFor(app, options),
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    send(res, errorResult(skillshopError('METHOD_NOT_ALLOWED', `Alexa posts requests; ${req.method ?? 'this method'} is not allowed here.`), app));
    return;
  }
  let raw: Buffer;
  try {
    raw = await rawBodyOf(req, endpoint, options?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  } catch (error) {
    // The rest of the body is unread: close this connection rather than parse garbage as the next request.
    send(res, errorResult(error, app), true);
    return;
  }
  send(res, await endpoint.handle(req.headers, raw));
}

/** Straight from the socket (node:http, the usual case: no extra promise), or what a framework already read (Express). */
function rawBodyOf(req: IncomingMessage & { body?: unknown }, endpoint: SkillEndpoint, maxBytes: number): Buffer | Promise<Buffer> {
  if (req.body === undefined) return readBody(req, maxBytes);
  if (Buffer.isBuffer(req.body)) return req.body;
  if (typeof req.body === 'string') return Buffer.from(req.body, 'utf8');
  if (req.body !== null && typeof req.body === 'object') {
    if (endpoint.verifies) {
      throw skillshopError(
        'CONFIG_INVALID',
        'The body was already parsed (express.json()?), so its signature cannot be checked: mount handleWebhook before any JSON body parser, or use express.raw({ type: "*/*" }).',
      );
    }
    return Buffer.from(JSON.stringify(req.body), 'utf8');
  }
  return readBody(req, maxBytes);
}

/** Serves `app` until closed. */
export async function listen(app: App, options: ListenOptions = {}): Promise<SkillServer> {
  await app.init(); // a dead database is a start-up error, not a failure at the first request
  const path = options.path ?? '/webhook';
  const endpoint = new SkillEndpoint(app, options);
  let closing: Promise<void> | undefined;
  const server = createServer({ requestTimeout: 15_000, headersTimeout: 10_000, keepAliveTimeout: 65_000 }, (req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    if ((query < 0 ? url : url.slice(0, query)) !== path) {
      send(res, errorResult(skillshopError('NOT_FOUND', `Nothing here; Alexa requests go to POST ${path}.`), app));
      return;
    }
    // While shutting down, answer and hang up, so keep-alive clients do not hold the shutdown open.
    if (closing) res.setHeader('connection', 'close');
    void handleWebhook(app, req, res, options, endpoint).then(() => {
      // Answered while shutting down: once the answer is out, its keep-alive connection is idle.
      if (!closing) return;
      const hangUp = () => setImmediate(() => server.closeIdleConnections());
      if (res.writableFinished) hangUp();
      else res.once('finish', hangUp);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) =>
      reject(skillshopError('CONFIG_INVALID', `Cannot listen on ${options.host ?? '127.0.0.1'}:${options.port ?? 3000}: ${cause.message}`, { cause })),
    );
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  const close = () => {
    closing ??= (async () => {
      if (signalHandler) for (const signal of SIGNALS) process.off(signal, signalHandler);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
      await stopped;
      clearTimeout(grace);
      await app.close();
    })();
    return closing;
  };
  const signalHandler = options.handleSignals === false ? undefined : () => {
    app.settings.logger.info('Shutting down');
    void close();
  };
  if (signalHandler) for (const signal of SIGNALS) process.once(signal, signalHandler);

  return { server, port: address.port, url: `http://${host}:${address.port}${path}`, close };
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
