/**
 * One GET over node:http(s) with the keep-alive global agents: the Monetization client's default
 * transport. The benchmark measured the global `fetch` (undici, plus an AbortSignal per call) at
 * about twice the CPU of this per product lookup, and a larger resident set.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpGetResult {
  status: number;
  text: string;
}

export class HttpGetTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

/** Where to send a GET, already split up (a client calling one origin parses it once, not per call). */
export interface HttpTarget {
  protocol: 'http:' | 'https:';
  hostname: string;
  /** '' for the protocol's default. */
  port: string;
  /** Path and query, e.g. `/v1/x?maxResults=100`. */
  path: string;
}

/** Rejects with HttpGetTimeoutError after `timeoutMs`, or with the socket's error. */
export function httpGet(url: string | HttpTarget, headers: Record<string, string>, timeoutMs: number): Promise<HttpGetResult> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, result?: HttpGetResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(result!);
    };
    const target = typeof url === 'string' ? targetOf(new URL(url)) : url;
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const options = {
      method: 'GET',
      protocol: target.protocol,
      // node:http takes an IPv6 literal without URL's brackets.
      hostname: target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname,
      ...(target.port === '' ? {} : { port: Number(target.port) }),
      path: target.path,
      headers,
    };
    const req = send(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => finish(error));
      res.on('end', () => finish(undefined, { status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    const timer = setTimeout(() => {
      const error = new HttpGetTimeoutError(timeoutMs);
      finish(error);
      req.destroy(error);
    }, timeoutMs);
    req.on('error', (error) => finish(error));
    req.end();
  });
}

/** A parsed http(s) URL as an HttpTarget. */
export function targetOf(url: URL): HttpTarget {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`Not an http(s) URL: ${url.href}`);
  return { protocol: url.protocol, hostname: url.hostname, port: url.port, path: url.pathname + url.search };
}
