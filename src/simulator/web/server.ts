/**
 * The web debugger's server: node:http on 127.0.0.1, the built page (dist/web) and a small JSON
 * API over one DebugSession, with server-sent events so the page follows every turn as it happens.
 * Every request is checked for a Host and Origin that name this server (origin-guard.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { isSkillshopError, skillshopError } from '../../errors';
import { readBody } from '../../hosting/read-body';
import { isFaultName } from '../faults';
import type { ForcedPurchaseOutcome, ParentDecision, Simulator } from '../simulator';
import { DEVICE_FAULTS, DebugSession, type SessionEvent } from './debug-session';
import { exportFileName, exportSayScript, exportTest } from './export';
import { refusal } from './origin-guard';
import type { ErrorBody, StateResponse, Step } from './protocol';
import { forgetProjectModules, watchProject } from './watch-project';

export const DEFAULT_DEBUGGER_PORT = 3100;
/** The built page: <package>/dist/web, from both src/simulator/web and dist/simulator/web. */
export const DEFAULT_ASSETS_DIR = resolve(__dirname, '..', '..', '..', 'dist', 'web');
const MAX_BODY_BYTES = 64 * 1024;
const MAX_UTTERANCE = 500;
/** Comments on the event stream keep proxies and idle timeouts from closing it. */
const KEEPALIVE_MS = 15_000;

export interface WebDebuggerOptions {
  simulator: Simulator;
  /** Default 127.0.0.1. Anything else makes the debugger reachable from elsewhere. */
  host?: string;
  /** Default 3100; 0 picks a free port. */
  port?: number;
  /**
   * Starts a fresh simulator on the project's current files; makes the skill reloadable (the
   * page's Reload button, and watching the project's files unless `watch` is false).
   */
  restart?: () => Promise<Simulator>;
  /** Watch app/, models/ and the catalog and reload on change. Default: true when `restart` is given. */
  watch?: boolean;
  /** How the skill is reached, for the page's header. */
  target?: string;
  /** The skill's URL when driven over --endpoint (the export names it). */
  endpoint?: string;
  /** Where the built page is. Default: the package's dist/web. */
  assetsDir?: string;
}

export interface WebDebugger {
  /** e.g. http://127.0.0.1:3100/ */
  readonly url: string;
  readonly port: number;
  readonly session: DebugSession;
  /** The simulator the page shows now (a reload swaps it). */
  readonly simulator: Simulator;
  /**
   * Stops the server and the file watching. The simulator passed in stays open (its owner closes
   * it); one a reload started is closed here.
   */
  close(): Promise<void>;
}

interface Asset {
  type: string;
  body: Buffer;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

// Nothing from elsewhere: no CDN, no inline script. Speech runs in the browser itself.
const PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * @example
 * const s = await simulator({ project: 'examples/cave-quest' });
 * const web = await startWebDebugger({ simulator: s, port: 0 });
 * console.log(web.url);            // the page follows s.say(…) made here, too
 */
export async function startWebDebugger(options: WebDebuggerOptions): Promise<WebDebugger> {
  const host = options.host ?? '127.0.0.1';
  const session = await DebugSession.start({
    simulator: options.simulator,
    ...(options.restart ? { restart: options.restart } : {}),
    ...(options.target ? { target: options.target } : {}),
  });
  const assets = loadAssets(options.assetsDir ?? DEFAULT_ASSETS_DIR);
  const streams = new Set<ServerResponse>();
  let port = options.port ?? DEFAULT_DEBUGGER_PORT;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(error));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refused = refusal({ host: req.headers.host, origin: req.headers.origin }, { host, port });
    if (refused) {
      req.resume();
      return sendJson(res, 403, { error: { message: refused } });
    }
    const url = new URL(req.url ?? '/', 'http://debugger.invalid');
    const path = url.pathname;
    if (!path.startsWith('/api/')) return serveAsset(req, res, path);
    if (req.method === 'GET') {
      if (path === '/api/state') return sendJson(res, 200, { view: await session.view(), steps: session.steps } satisfies StateResponse);
      if (path === '/api/events') return openStream(res);
      if (path === '/api/export/test' || path === '/api/export/say') return sendExport(res, path.endsWith('/test') ? 'test' : 'say', url.searchParams.has('download'));
    }
    const action = ACTIONS[path];
    if (!action) return sendJson(res, 404, { error: { message: `No ${req.method} ${path} here.` } });
    if (req.method !== 'POST') {
      req.resume();
      return sendJson(res, 405, { error: { message: `${path} takes POST.` } });
    }
    // A form or a simple cross-site request cannot send application/json without CORS, and CORS is never granted.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      req.resume();
      return sendJson(res, 415, { error: { message: 'Send a JSON body (Content-Type: application/json).' } });
    }
    const before = session.steps.at(-1)?.id ?? 0;
    try {
      await action(parseBody(await readBody(req, MAX_BODY_BYTES)));
    } catch (error) {
      const status = isSkillshopError(error) ? (error.statusCode ?? (isSkillshopError(error, 'CLI_USAGE') ? 400 : 500)) : 500;
      return sendJson(res, status, errorBody(error));
    }
    const steps: Step[] = session.steps.filter((step) => step.id > before);
    sendJson(res, 200, { steps, view: await session.view() });
  }

  /** The page's buttons, one per route; each runs in the session's queue. */
  const ACTIONS: Record<string, (input: Record<string, unknown>) => Promise<unknown>> = {
    '/api/say': (input) => {
      const text = stringField(input, 'text').trim();
      if (text === '') throw skillshopError('CLI_USAGE', 'Say something: the utterance is empty.');
      if (text.length > MAX_UTTERANCE) throw skillshopError('CLI_USAGE', `An utterance of at most ${MAX_UTTERANCE} characters, please.`);
      return session.run((sim) => sim.say(text));
    },
    '/api/launch': () => session.run((sim) => sim.launch()),
    '/api/silence': () => session.run((sim) => sim.silence()),
    '/api/quit': () => session.run((sim) => sim.quit()),
    '/api/reset': () => session.run((sim) => sim.reset()),
    '/api/grant': (input) => session.run((sim) => sim.grant(stringField(input, 'referenceName'))),
    '/api/revoke': (input) => session.run((sim) => sim.revoke(stringField(input, 'referenceName'))),
    '/api/parent': (input) => {
      const decision = stringField(input, 'decision');
      if (!isParentDecision(decision)) throw skillshopError('CLI_USAGE', `"decision" must be approve, deny or expire, not "${decision}".`);
      return session.run((sim) => sim.parent(decision, stringField(input, 'referenceName')));
    },
    '/api/purchasable': (input) => {
      if (typeof input.purchasable !== 'boolean') throw skillshopError('CLI_USAGE', '"purchasable" must be true or false.');
      const purchasable = input.purchasable;
      return session.run((sim) => sim.setPurchasable(stringField(input, 'referenceName'), purchasable));
    },
    '/api/reenable': () => session.run((sim) => sim.reenable()),
    '/api/answer': (input) => {
      const outcome = forcedOutcome(input);
      return session.run((sim) => sim.answerPurchase(outcome));
    },
    '/api/fault': (input) => {
      const name = stringField(input, 'name');
      if (!isFaultName(name)) throw skillshopError('CLI_USAGE', `Unknown fault "${name}".`);
      const on = input.on === true;
      return session.run((sim) => (on ? sim.fault(name) : sim.clearFaults(name)));
    },
    '/api/device': (input) => session.run((sim) => {
      if (typeof input.canBuy === 'boolean') {
        if (input.canBuy) sim.clearFaults(DEVICE_FAULTS.cannotBuy);
        else sim.fault(DEVICE_FAULTS.cannotBuy);
      }
      if (typeof input.voicePurchasing === 'boolean') {
        if (input.voicePurchasing) sim.clearFaults(DEVICE_FAULTS.voiceOff);
        else sim.fault(DEVICE_FAULTS.voiceOff);
      }
    }),
    '/api/locale': (input) => session.run((sim) => sim.setLocale(stringField(input, 'locale'))),
    '/api/user': (input) => session.run((sim) => sim.setUser(stringField(input, 'userId').trim())),
    '/api/recording/clear': () => session.clearRecording(),
    '/api/reload': async () => {
      if (!session.reloadable) throw skillshopError('CLI_USAGE', 'This skill cannot be reloaded here (it was given to the debugger as a running app).');
      return session.reload('Reload asked for');
    },
  };

  function serveAsset(req: IncomingMessage, res: ServerResponse, path: string): void {
    req.resume();
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { message: 'The page is read-only: GET it.' } });
    const asset = assets.get(path === '/' ? '/index.html' : path);
    if (!asset) {
      if (assets.size === 0) return sendText(res, 503, 'The web debugger\'s page is not built. Run `npm run build` in the skillshop package.');
      return sendJson(res, 404, { error: { message: `No ${path} here.` } });
    }
    const headers: Record<string, string | number> = { ...SECURITY_HEADERS, 'Content-Type': asset.type, 'Content-Length': asset.body.length, 'Cache-Control': 'no-cache' };
    if (asset.type.startsWith('text/html')) headers['Content-Security-Policy'] = PAGE_POLICY;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  }

  function openStream(res: ServerResponse): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    streams.add(res);
    const unsubscribe = session.subscribe((event: SessionEvent) => {
      res.write(`event: ${event.name}\ndata: ${JSON.stringify(event.data)}\n\n`);
    });
    const keepalive = setInterval(() => res.write(': keep-alive\n\n'), KEEPALIVE_MS);
    keepalive.unref();
    res.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
      streams.delete(res);
    });
  }

  function sendExport(res: ServerResponse, kind: 'test' | 'say', download: boolean): void {
    const sim = session.simulator;
    const context = {
      start: session.recording,
      steps: session.steps,
      invocationName: sim.invocationName,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    };
    const text = kind === 'test' ? exportTest(context) : exportSayScript(context);
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'Content-Type': kind === 'test' ? 'text/javascript; charset=utf-8' : 'text/x-shellscript; charset=utf-8',
      'Cache-Control': 'no-store',
    };
    if (download) headers['Content-Disposition'] = `attachment; filename="${exportFileName(sim.invocationName, kind)}"`;
    res.writeHead(200, headers);
    res.end(text);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  }).catch(async (cause: NodeJS.ErrnoException) => {
    await session.close();
    const hint = cause.code === 'EADDRINUSE' ? ` Port ${port} is taken: pass --port <another> (or --port 0 for any free port).` : '';
    throw skillshopError('CONFIG_INVALID', `The web debugger could not listen on ${host}:${port}: ${cause.message}.${hint}`, { cause, details: { setting: 'port' } });
  });
  port = (server.address() as AddressInfo).port;

  const stopWatching = options.restart && options.watch !== false
    ? watchProject(options.simulator.project.dir, (what) => void session.reload(`${what} changed`))
    : () => undefined;

  const displayHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${displayHost}:${port}/`,
    port,
    session,
    get simulator() {
      return session.simulator;
    },
    close() {
      closing ??= (async () => {
        stopWatching();
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
        await session.close();
        if (session.simulator !== options.simulator) await session.simulator.close();
      })();
      return closing;
    },
  };
}

/**
 * The restart function of a project's simulator: the project's modules are read again from disk.
 * @example startWebDebugger({ simulator: s, restart: restartFromProject(() => simulator(sameOptions), dir) })
 */
export function restartFromProject(start: () => Promise<Simulator>, projectDir: string): () => Promise<Simulator> {
  return () => {
    forgetProjectModules(projectDir);
    return start();
  };
}

function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return assets;
  }
  for (const name of names) {
    const type = TYPES[extname(name)];
    const file = join(dir, name);
    if (type && statSync(file).isFile()) assets.set(`/${name}`, { type, body: readFileSync(file) });
  }
  return assets;
}

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (cause) {
    throw skillshopError('CLI_USAGE', 'The body is not valid JSON.', { cause });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw skillshopError('CLI_USAGE', 'The body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

function isParentDecision(value: string): value is ParentDecision {
  return value === 'approve' || value === 'deny' || value === 'expire';
}

/** POST /api/answer: `{ "purchaseResult": "…" }`, `{ "statusCode": "500" }` or `{ "noResult": true }`. */
function forcedOutcome(input: Record<string, unknown>): ForcedPurchaseOutcome {
  const message = typeof input.message === 'string' && input.message !== '' ? { message: input.message.slice(0, MAX_UTTERANCE) } : {};
  if (input.noResult === true) return 'no-result';
  if (input.statusCode !== undefined) {
    const code = stringField(input, 'statusCode');
    if (!/^\d{3}$/.test(code)) throw skillshopError('CLI_USAGE', `"statusCode" is three digits, e.g. "500", not "${code}".`);
    return { statusCode: code, ...message };
  }
  const purchaseResult = stringField(input, 'purchaseResult').trim();
  if (purchaseResult === '' || purchaseResult.length > 100) throw skillshopError('CLI_USAGE', '"purchaseResult" must be 1 to 100 characters.');
  return { purchaseResult, ...message };
}

function stringField(input: Record<string, unknown>, name: string): string {
  const value = input[name];
  if (typeof value !== 'string') throw skillshopError('CLI_USAGE', `"${name}" must be a string.`);
  return value;
}

function errorBody(error: unknown): ErrorBody {
  if (isSkillshopError(error)) return { error: { message: error.message, code: error.code } };
  return { error: { message: (error as Error)?.message ?? String(error) } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}
