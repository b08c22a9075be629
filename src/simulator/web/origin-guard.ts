/**
 * DNS-rebinding and cross-site protection for a server meant for this machine only. A web page
 * elsewhere can make the browser send requests to 127.0.0.1, and a rebound domain name can make
 * them look same-origin; both carry a Host (and, for writes, an Origin) that names something else.
 * So every request must name this server: by a loopback name, an IP address (a rebinding attack
 * needs a domain name), or the host it was explicitly bound to.
 * https://github.com/webpack/webpack-dev-server/issues/887 (the same hole in dev servers)
 */
import { isIP } from 'node:net';

export interface OriginGuardOptions {
  /** The address the server listens on (`--host`); a name given here is accepted in Host too. */
  host: string;
  /** The port it listens on; an Origin must name it. */
  port: number;
}

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.']);

/** `undefined` when the request may proceed; otherwise why it is refused. */
export function refusal(headers: { host?: string | undefined; origin?: string | undefined }, options: OriginGuardOptions): string | undefined {
  const host = headers.host;
  if (!host) return 'The request has no Host header.';
  const name = hostnameOf(host);
  if (name === undefined || !acceptedName(name, options.host)) {
    return `Host "${host}" is not this debugger. Open it at http://127.0.0.1:${options.port}/ (requests naming other hosts are refused: DNS-rebinding protection).`;
  }
  const origin = headers.origin;
  if (origin !== undefined) {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return `Origin "${origin}" is not this debugger.`;
    }
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    if (url.protocol !== 'http:' || port !== options.port || !acceptedName(url.hostname, options.host)) {
      return `Origin "${origin}" is not this debugger: only its own page may use it.`;
    }
  }
  return undefined;
}

function acceptedName(name: string, boundHost: string): boolean {
  const bare = name.replace(/^\[|\]$/g, '').toLowerCase();
  if (LOOPBACK_NAMES.has(bare)) return true;
  if (isIP(bare) !== 0) return true;
  return bare === boundHost.replace(/^\[|\]$/g, '').toLowerCase();
}

/** The host name of a Host header value (`name`, `name:port`, `[v6]:port`); undefined when malformed. */
function hostnameOf(host: string): string | undefined {
  try {
    const url = new URL(`http://${host}/`);
    if (url.username || url.password || url.pathname !== '/') return undefined;
    return url.hostname;
  } catch {
    return undefined;
  }
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return LOOPBACK_NAMES.has(bare) || bare === '::1' || /^127\./.test(bare);
}
