import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpGet, HttpGetTimeoutError, originOf, type HttpOrigin } from '../../src/isp/http-get';

describe('httpGet: the Monetization client\'s default transport', () => {
  let server: Server;
  let origin: HttpOrigin;
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/slow') return; // never answers
      if (req.url === '/chunks') {
        // "Grüße" with its ü split between two writes: decoding per chunk would garble it.
        const bytes = Buffer.from(JSON.stringify({ greeting: 'Grüße', pad: 'x'.repeat(70_000) }));
        const split = bytes.indexOf(Buffer.from('ü')) + 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(bytes.subarray(0, split));
        setTimeout(() => res.end(bytes.subarray(split)), 10);
        return;
      }
      if (req.url === '/empty') {
        res.writeHead(204);
        res.end();
        return;
      }
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url, language: req.headers['accept-language'] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = originOf(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
  after(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });

  it('returns the status and body, sending the headers', async () => {
    const result = await httpGet(origin, '/x?y=1', { 'Accept-Language': 'de-DE' }, 1000);
    assert.equal(result.status, 200);
    assert.deepEqual(JSON.parse(result.text), { path: '/x?y=1', language: 'de-DE' });
    assert.equal((await httpGet(origin, '/missing', {}, 1000)).status, 404);
  });

  it('joins a body that arrives in several chunks before decoding it', async () => {
    const result = await httpGet(origin, '/chunks', {}, 1000);
    const body = JSON.parse(result.text) as { greeting: string; pad: string };
    assert.equal(body.greeting, 'Grüße');
    assert.equal(body.pad.length, 70_000);
  });

  it('gives an empty text for an empty body', async () => {
    assert.deepEqual(await httpGet(origin, '/empty', {}, 1000), { status: 204, text: '' });
  });

  it('splits an origin the way node:http takes it', () => {
    assert.deepEqual(originOf(new URL('https://api.amazonalexa.com/some/path?q=1')), { protocol: 'https:', hostname: 'api.amazonalexa.com', port: undefined });
    assert.deepEqual(originOf(new URL('http://[::1]:8080')), { protocol: 'http:', hostname: '::1', port: 8080 });
    assert.deepEqual(originOf(new URL('https://api.eu.amazonalexa.com:443')), { protocol: 'https:', hostname: 'api.eu.amazonalexa.com', port: undefined });
    assert.throws(() => originOf(new URL('ftp://example.com')), /Not an http\(s\) URL/);
  });

  it('times out with HttpGetTimeoutError', async () => {
    await assert.rejects(httpGet(origin, '/slow', {}, 50), (error: unknown) => error instanceof HttpGetTimeoutError && /50 ms/.test((error as Error).message));
  });

  it('rejects when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(httpGet(originOf(new URL(`http://127.0.0.1:${port}`)), '/', {}, 1000), /ECONNREFUSED/);
  });
});
