/**
 * One GET over node:http(s) with the keep-alive global agents: the Monetization client's default
 * transport. The benchmark measured the global `fetch` (undici, plus an AbortSignal per call) at
 * about twice the CPU of this per product lookup, and a larger resident set.
 */
import { request as httpRequest, type RequestOptions } from 'node:http';
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

/**
 * An http(s) origin split up the way node:http takes it. A client calls one origin for every
 * request of a region, so it is parsed once (originOf) and reused, not parsed per call.
 */
export interface HttpOrigin {
  protocol: 'http:' | 'https:';
  /** As node:http wants it: an IPv6 literal without URL's brackets. */
  hostname: string;
  /** undefined for the protocol's default. */
  port: number | undefined;
}

/** The origin of a parsed http(s) URL (its path and query are not part of it). */
export function originOf(url: URL): HttpOrigin {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`Not an http(s) URL: ${url.href}`);
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { protocol: url.protocol, hostname, port: url.port === '' ? undefined : Number(url.port) };
}

/**
 * GETs `path` (path and query, e.g. `/v1/x?maxResults=100`) from `origin`. Rejects with
 * HttpGetTimeoutError after `timeoutMs`, or with the socket's error.
 */
export function httpGet(origin: HttpOrigin, path: string, headers: Record<string, string>, timeoutMs: number): Promise<HttpGetResult> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, result?: HttpGetResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(result!);
    };
    const options: RequestOptions = {
      method: 'GET',
      protocol: origin.protocol,
      hostname: origin.hostname,
      port: origin.port,
      path,
      headers,
    };
    const req = (origin.protocol === 'https:' ? httpsRequest : httpRequest)(options, (res) => {
      let first: Buffer | undefined;
      let more: Buffer[] | undefined;
      res.on('data', (chunk: Buffer) => {
        if (first === undefined) first = chunk;
        else (more ??= [first]).push(chunk);
      });
      res.on('error', (error) => finish(error));
      res.on('end', () => {
        // A product list usually arrives in one chunk: decoded as it is, without a concatenated copy.
        const body = more === undefined ? first : Buffer.concat(more);
        finish(undefined, { status: res.statusCode ?? 0, text: body === undefined ? '' : body.toString('utf8') });
      });
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
