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

/** Rejects with HttpGetTimeoutError after `timeoutMs`, or with the socket's error. */
export function httpGet(url: string, headers: Record<string, string>, timeoutMs: number): Promise<HttpGetResult> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, result?: HttpGetResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(result!);
    };
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, { method: 'GET', headers }, (res) => {
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
