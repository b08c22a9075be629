import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../../src/hosting/read-body';
import { isSkillshopError } from '../../src/errors';

// A real node:http server, so the request streams behave exactly as in production: each request's
// readBody outcome is handed to the test that sent it.
describe('readBody', () => {
  let server: Server;
  let port: number;
  const outcomes: Array<(outcome: Buffer | unknown) => void> = [];
  const nextOutcome = () => new Promise<Buffer | unknown>((resolve) => outcomes.push(resolve));

  before(async () => {
    server = createServer((req, res) => {
      const report = outcomes.shift()!;
      readBody(req, 1024).then(
        (body) => {
          report(body);
          res.end('ok');
        },
        (error: unknown) => {
          report(error);
          res.destroy();
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (parts: string[], { length, hangUp = false }: { length?: number; hangUp?: boolean } = {}) => {
    const total = parts.reduce((sum, part) => sum + Buffer.byteLength(part), 0);
    const req = request({ port, host: '127.0.0.1', method: 'POST', headers: { 'content-length': length ?? total } });
    req.on('error', () => {}); // the server hangs up on refused bodies
    req.on('response', (res) => res.resume());
    let at = 0;
    const writeNext = () => {
      if (at < parts.length) {
        req.write(parts[at++]!);
        setTimeout(writeNext, 20); // separate TCP segments, so separate chunks
      } else if (hangUp) req.destroy();
      else req.end();
    };
    writeNext();
  };

  it('gives the whole body, from one chunk or several', async () => {
    const one = nextOutcome();
    send(['{"a":1}']);
    assert.equal(String(await one), '{"a":1}');
    const several = nextOutcome();
    send(['{"a":', '[1,2,', '3]}', 'ü']);
    const body = (await several) as Buffer;
    assert.equal(body.toString('utf8'), '{"a":[1,2,3]}ü');
    assert.equal(body.length, Buffer.byteLength('{"a":[1,2,3]}ü'));
  });

  it('refuses a client that hangs up before the body is complete, naming that', async () => {
    const outcome = nextOutcome();
    send(['{"half":'], { length: 100, hangUp: true });
    const error = await outcome;
    assert.ok(isSkillshopError(error, 'REQUEST_INCOMPLETE'), String(error));
    assert.match((error as Error).message, /closed the connection before the body was complete/);
  });

  it('refuses a body over the limit, declared or streamed', async () => {
    const declared = nextOutcome();
    send(['x'], { length: 2048, hangUp: true });
    assert.ok(isSkillshopError(await declared, 'REQUEST_TOO_LARGE'));
    const streamed = nextOutcome();
    // Chunked (no content-length): the size is only known as the bytes come.
    const req = request({ port, host: '127.0.0.1', method: 'POST' });
    req.on('error', () => {});
    req.write('y'.repeat(700));
    setTimeout(() => req.end('y'.repeat(700)), 20);
    assert.ok(isSkillshopError(await streamed, 'REQUEST_TOO_LARGE'));
  });
});
