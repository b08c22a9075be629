import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpGet, HttpGetTimeoutError } from '../../src/isp/http-get';

describe('httpGet: the Monetization client\'s default transport', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/slow') return; // never answers
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url, language: req.headers['accept-language'] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });

  it('returns the status and body, sending the headers', async () => {
    const result = await httpGet(`${base}/x?y=1`, { 'Accept-Language': 'de-DE' }, 1000);
    assert.equal(result.status, 200);
    assert.deepEqual(JSON.parse(result.text), { path: '/x?y=1', language: 'de-DE' });
    assert.equal((await httpGet(`${base}/missing`, {}, 1000)).status, 404);
  });

  it('times out with HttpGetTimeoutError', async () => {
    await assert.rejects(httpGet(`${base}/slow`, {}, 50), (error: unknown) => error instanceof HttpGetTimeoutError && /50 ms/.test((error as Error).message));
  });

  it('rejects when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(httpGet(`http://127.0.0.1:${port}/`, {}, 1000), /ECONNREFUSED/);
  });
});
