import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { App } from '../../src/app/app';
import { fixedClock } from '../../src/clock';
import { silentLogger } from '../../src/logger';
import type { SkillServer } from '../../src/hosting/web-service';
import { CERT_URL, makeTestCa, NOW } from '../helpers/test-ca';
import { intentRequest, launchRequest, purchaseResponse, SKILL_ID, speechOf } from '../helpers/requests';
import { MemoryStore } from '../../src/storage/memory-store';
import { post, postTruncated } from '../helpers/http';

const ca = makeTestCa();

function makeApp() {
  const app = new App({ storage: { type: 'memory' }, logger: silentLogger, clock: fixedClock(NOW), applicationIds: [SKILL_ID] });
  app.setHandler({
    LAUNCH() {
      this.ask('Welcome to Cave Quest.', 'Say buy.');
    },
    async SlowIntent() {
      await new Promise((resolve) => setTimeout(resolve, 150));
      this.tell('Done slowly.');
    },
  });
  return app;
}

function signedHeaders(body: string): Record<string, string> {
  return { SignatureCertChainUrl: CERT_URL, 'Signature-256': ca.sign(body) };
}

describe('web service with verification on (own CA, injected clock and certificate loader)', () => {
  let server: SkillServer;
  let loads = 0;

  before(async () => {
    server = await makeApp().listen({
      port: 0,
      handleSignals: false,
      verification: {
        trustedRoots: [ca.rootPem],
        loadCertificate: async () => {
          loads++;
          return ca.chain;
        },
      },
    });
  });
  after(() => server.close());

  it('answers a signed request', async () => {
    const body = JSON.stringify(launchRequest({ timestamp: NOW }));
    const result = await post(server.url, body, signedHeaders(body));
    assert.equal(result.status, 200);
    assert.equal(result.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(speechOf(result.json() as never), 'Welcome to Cave Quest.');
  });

  it('fetches the certificate chain once per URL', async () => {
    const before = loads;
    for (let i = 0; i < 3; i++) {
      const body = JSON.stringify(launchRequest({ timestamp: NOW }));
      assert.equal((await post(server.url, body, signedHeaders(body))).status, 200);
    }
    assert.ok(loads - before <= 0, `expected the cached chain to be reused, saw ${loads - before} loads`);
  });

  it('refuses an unsigned request with 400', async () => {
    const result = await post(server.url, JSON.stringify(launchRequest({ timestamp: NOW })));
    assert.equal(result.status, 400);
    assert.equal((result.json() as { error: { code: string } }).error.code, 'SKILLSHOP_SIGNATURE_HEADERS_MISSING');
  });

  it('refuses a forged body (signed, then changed) with 400', async () => {
    const body = JSON.stringify(launchRequest({ timestamp: NOW }));
    const forged = body.replace('LaunchRequest', 'LaunchRequesT');
    const result = await post(server.url, forged, signedHeaders(body));
    assert.equal(result.status, 400);
    assert.equal((result.json() as { error: { code: string } }).error.code, 'SKILLSHOP_SIGNATURE_INVALID');
  });

  it('refuses a signature by another key with 400', async () => {
    const body = JSON.stringify(launchRequest({ timestamp: NOW }));
    const result = await post(server.url, body, { SignatureCertChainUrl: CERT_URL, 'Signature-256': ca.sign(body, 'other') });
    assert.equal(result.status, 400);
  });

  it('refuses a stale request (timestamp 151 s old) with 400', async () => {
    const stale = new Date(Date.parse(NOW) - 151_000).toISOString();
    const body = JSON.stringify(launchRequest({ timestamp: stale }));
    const result = await post(server.url, body, signedHeaders(body));
    assert.equal(result.status, 400);
    assert.equal((result.json() as { error: { code: string } }).error.code, 'SKILLSHOP_TIMESTAMP_INVALID');
  });

  it('refuses a request for another skill with 400', async () => {
    const body = JSON.stringify(launchRequest({ timestamp: NOW, skillId: 'amzn1.ask.skill.someone-else' }));
    const result = await post(server.url, body, signedHeaders(body));
    assert.equal(result.status, 400);
    assert.equal((result.json() as { error: { code: string } }).error.code, 'SKILLSHOP_APPLICATION_ID_MISMATCH');
  });

  it('refuses a certificate URL off Amazon with 400, without fetching it', async () => {
    const before = loads;
    const body = JSON.stringify(launchRequest({ timestamp: NOW }));
    const result = await post(server.url, body, { SignatureCertChainUrl: 'http://s3.amazonaws.com/echo.api/x.pem', 'Signature-256': ca.sign(body) });
    assert.equal(result.status, 400);
    assert.equal((result.json() as { error: { code: string } }).error.code, 'SKILLSHOP_CERT_URL_INVALID');
    assert.equal(loads, before);
  });
});

describe('web service edge handling (verification off)', () => {
  let server: SkillServer;
  before(async () => {
    server = await makeApp().listen({ port: 0, handleSignals: false, verification: false, maxBodyBytes: 64 * 1024 });
  });
  after(() => server.close());

  it('answers 400 to truncated JSON and keeps serving', async () => {
    const body = JSON.stringify(launchRequest({ timestamp: NOW }));
    const truncated = await post(server.url, body.slice(0, body.length / 2));
    assert.equal(truncated.status, 400);
    assert.equal((truncated.json() as { error: { code: string } }).error.code, 'SKILLSHOP_REQUEST_NOT_JSON');
    const ok = await post(server.url, body);
    assert.equal(ok.status, 200);
  });

  it('survives a client that promises more bytes than it sends, and keeps serving', async () => {
    const body = JSON.stringify(launchRequest({ timestamp: NOW }));
    await postTruncated(server.url, body.slice(0, 100), body.length);
    const ok = await post(server.url, body);
    assert.equal(ok.status, 200);
  });

  it('answers 400 naming the field when the envelope is not an Alexa request', async () => {
    const result = await post(server.url, JSON.stringify({ version: '1.0', request: { type: 'LaunchRequest' } }));
    assert.equal(result.status, 400);
    const error = (result.json() as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'SKILLSHOP_REQUEST_INVALID');
    assert.match(error.message, /context/);
  });

  it('answers 413 to an oversized body', async () => {
    const result = await post(server.url, 'x'.repeat(70 * 1024));
    assert.equal(result.status, 413);
    assert.equal((await post(server.url, JSON.stringify(launchRequest({ timestamp: NOW })))).status, 200);
  });

  it('answers 405 to GET and 404 to another path', async () => {
    assert.equal((await post(server.url, '', {}, { method: 'GET' })).status, 405);
    assert.equal((await post(server.url.replace('/webhook', '/other'), '{}')).status, 404);
    assert.equal((await post(`${server.url.replace('/webhook', '/webhooks')}?x=1`, '{}')).status, 404);
    // A query string does not change the path.
    assert.equal((await post(`${server.url}?from=proxy`, JSON.stringify(launchRequest({ timestamp: NOW })))).status, 200);
  });

  it('still refuses other skills when verification is off but skill ids are set', async () => {
    const result = await post(server.url, JSON.stringify(launchRequest({ skillId: 'amzn1.ask.skill.other' })));
    assert.equal(result.status, 400);
  });

  it('serves several requests over one keep-alive connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let sockets = 0;
    const body = JSON.stringify(launchRequest());
    for (let i = 0; i < 3; i++) {
      const result = await new Promise<number>((resolve, reject) => {
        const req = request(server.url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('socket', (socket) => {
          if (!(socket as unknown as { __seen?: boolean }).__seen) {
            (socket as unknown as { __seen?: boolean }).__seen = true;
            sockets++;
          }
        });
        req.on('error', reject);
        req.end(body);
      });
      assert.equal(result, 200);
    }
    agent.destroy();
    assert.equal(sockets, 1);
  });
});

describe('a purchase result over HTTP', () => {
  it('sends the very JSON text it keeps for a redelivery, and sends it again to the redelivery', async () => {
    const store = new MemoryStore({ clock: fixedClock(NOW) });
    const saved: { json: string | undefined }[] = [];
    const saveResponse = store.saveResponse.bind(store);
    store.saveResponse = async (requestId, userId, response, json) => {
      saved.push({ json });
      return saveResponse(requestId, userId, response, json);
    };
    let runs = 0;
    const app = new App({ storage: store, logger: silentLogger, clock: fixedClock(NOW), applicationIds: [SKILL_ID] });
    app.setHandler({
      ON_PURCHASE() {
        runs++;
        this.tell('Enjoy the caves!');
      },
    });
    const server = await app.listen({ port: 0, handleSignals: false, verification: false });
    try {
      const body = JSON.stringify(purchaseResponse('Buy', 'ACCEPTED', 'amzn1.adg.product.cave', { timestamp: NOW }));
      const first = await post(server.url, body);
      assert.equal(first.status, 200);
      assert.equal(saved.length, 1);
      assert.equal(first.body, saved[0]!.json, 'the body sent is the text kept');
      assert.equal(speechOf(first.json() as never), 'Enjoy the caves!');
      const again = await post(server.url, body);
      assert.equal(again.status, 200);
      assert.deepEqual(again.json(), first.json());
      assert.equal(runs, 1, 'the redelivery ran no handler');
    } finally {
      await server.close();
    }
  });
});

describe('the web service sends the JSON text the app serialised', () => {
  it('uses the text App.answer hands over instead of serialising the response again', async () => {
    const app = makeApp();
    const answer = app.answer.bind(app);
    // A text that differs from JSON.stringify(response) shows which of the two went out.
    app.answer = async (envelope) => ({ ...(await answer(envelope)), json: '{"version":"1.0","response":{"kept":"text"}}' });
    const server = await app.listen({ port: 0, handleSignals: false, verification: false });
    try {
      const result = await post(server.url, JSON.stringify(launchRequest({ timestamp: NOW })));
      assert.equal(result.body, '{"version":"1.0","response":{"kept":"text"}}');
    } finally {
      await server.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, then stops accepting', async () => {
    const server = await makeApp().listen({ port: 0, handleSignals: false, verification: false });
    const inFlight = post(server.url, JSON.stringify(intentRequest('SlowIntent')));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const closed = server.close();
    const result = await inFlight;
    assert.equal(result.status, 200);
    assert.equal(speechOf(result.json() as never), 'Done slowly.');
    await closed;
    await assert.rejects(post(server.url, '{}'));
  });

  it('a port in use is a clear start-up error', async () => {
    const first = await makeApp().listen({ port: 0, handleSignals: false, verification: false });
    await assert.rejects(makeApp().listen({ port: first.port, handleSignals: false }), /Cannot listen on 127\.0\.0\.1/);
    await first.close();
  });
});

describe('handleWebhook as an Express-style handler', () => {
  it('refuses a body already parsed to an object while verification is on', async () => {
    const app = makeApp();
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      (req as typeof req & { body?: unknown }).body = { parsed: true };
      void app.handleWebhook(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const result = await post(`http://127.0.0.1:${port}/`, '{}');
    assert.equal(result.status, 500);
    assert.match(result.body, /express\.raw/);
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });

  it('accepts a raw Buffer body (express.raw) and verifies it', async () => {
    const app = makeApp();
    const { createServer } = await import('node:http');
    const body = JSON.stringify(launchRequest({ timestamp: NOW }));
    const server = createServer((req, res) => {
      (req as typeof req & { body?: unknown }).body = Buffer.from(body);
      void app.handleWebhook(req, res, {
        verification: { trustedRoots: [ca.rootPem], loadCertificate: async () => ca.chain },
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const result = await post(`http://127.0.0.1:${port}/`, body, signedHeaders(body));
    assert.equal(result.status, 200);
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });
});
