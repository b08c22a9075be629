import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCertificateLoader, type FetchFunction } from '../../../src/hosting/verify/certificate-loader';
import { RequestVerifier } from '../../../src/hosting/verify/request-verifier';
import { fixedClock } from '../../../src/clock';
import { isSkillshopError } from '../../../src/errors';
import { CERT_URL, makeTestCa, NOW } from '../../helpers/test-ca';

const ca = makeTestCa();
const fetchFailed = (pattern = /./) => (error: unknown) =>
  isSkillshopError(error, 'CERT_FETCH_FAILED') && pattern.test(error.message);

/** A fetch that answers `body` and records its calls. */
function fakeFetch(body: () => ConstructorParameters<typeof Response>[0] = () => ca.chain, init: ResponseInit = {}) {
  const calls: Array<{ url: string; redirect: string; signal: AbortSignal }> = [];
  const fetch: FetchFunction = async (url, options) => {
    calls.push({ url, redirect: options.redirect, signal: options.signal });
    return new Response(body(), init);
  };
  return { fetch, calls };
}

/** A body that sends `chunks` and then, if `stall`, never ends. */
function stream(chunks: Uint8Array[], stall = false): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      if (!stall) controller.close();
    },
  });
}

test('downloads the PEM text, refusing redirects and passing a signal', async () => {
  const { fetch, calls } = fakeFetch();
  const pem = await createCertificateLoader({ fetch })(CERT_URL);
  assert.equal(pem, ca.chain);
  assert.equal(calls.length, 1);
  assert.equal(calls[0]?.url, CERT_URL);
  assert.equal(calls[0]?.redirect, 'error');
  assert.ok(calls[0]?.signal instanceof AbortSignal);
});

test('an HTTP error status fails with the status in the details', async () => {
  const { fetch } = fakeFetch(() => 'Access Denied', { status: 403 });
  await assert.rejects(createCertificateLoader({ fetch })(CERT_URL), (error) =>
    fetchFailed(/HTTP 403/)(error) && isSkillshopError(error) && error.details.status === 403);
});

test('a network failure keeps its cause', async () => {
  const cause = new TypeError('fetch failed');
  await assert.rejects(
    createCertificateLoader({ fetch: async () => { throw cause; } })(CERT_URL),
    (error) => fetchFailed(/request failed/)(error) && (error as Error).cause === cause,
  );
});

test('a declared length over the cap fails without reading the body', async () => {
  const { fetch } = fakeFetch(() => 'x'.repeat(100), { headers: { 'content-length': '100' } });
  await assert.rejects(createCertificateLoader({ fetch, maxBytes: 99 })(CERT_URL), fetchFailed(/100 bytes, more than the 99/));
});

test('a streamed body over the cap fails as soon as it passes it', async () => {
  const chunk = new Uint8Array(40_000);
  const { fetch } = fakeFetch(() => stream([chunk, chunk], true));
  await assert.rejects(createCertificateLoader({ fetch })(CERT_URL), fetchFailed(/more than the 65536 bytes/));
  const exact = fakeFetch(() => stream([new Uint8Array(65_536)]));
  assert.equal((await createCertificateLoader({ fetch: exact.fetch })(CERT_URL)).length, 65_536);
});

test('a fetch that honours its signal times out', async () => {
  const fetch: FetchFunction = (_url, { signal }) =>
    new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
  await assert.rejects(createCertificateLoader({ fetch, timeoutMs: 20 })(CERT_URL), fetchFailed(/longer than 20 ms/));
});

test('a fetch that ignores its signal, or a body that stalls, times out too', async () => {
  const hanging: FetchFunction = () => new Promise(() => undefined);
  await assert.rejects(createCertificateLoader({ fetch: hanging, timeoutMs: 20 })(CERT_URL), fetchFailed(/longer than 20 ms/));
  const { fetch } = fakeFetch(() => stream([new TextEncoder().encode('-----BEGIN')], true));
  await assert.rejects(createCertificateLoader({ fetch, timeoutMs: 20 })(CERT_URL), fetchFailed(/longer than 20 ms/));
});

test('the verifier caches what the loader fetched, per URL, bounded to 16 URLs', async () => {
  const { fetch, calls } = fakeFetch();
  const verifier = new RequestVerifier({
    clock: fixedClock(NOW),
    trustedRoots: [ca.rootPem],
    loadCertificate: createCertificateLoader({ fetch }),
  });
  const body = Buffer.from('{}');
  const verify = (url: string) => verifier.verifySignature({ signaturecertchainurl: url, 'signature-256': ca.sign(body) }, body);

  await verify(CERT_URL);
  await verify(CERT_URL);
  assert.equal(calls.length, 1);
  for (let i = 1; i <= 16; i++) await verify(`${CERT_URL}?n=${i}`);
  assert.equal(calls.length, 17);
  await verify(`${CERT_URL}?n=16`);
  assert.equal(calls.length, 17, 'a recent URL is still cached');
  await verify(CERT_URL);
  assert.equal(calls.length, 18, 'the least recently used URL was evicted');
});

test('a failed download is not cached', async () => {
  let status = 500;
  const { fetch, calls } = fakeFetch(() => ca.chain, undefined);
  const flaky: FetchFunction = async (url, init) => (status === 500 ? new Response('', { status }) : fetch(url, init));
  const verifier = new RequestVerifier({ clock: fixedClock(NOW), trustedRoots: [ca.rootPem], loadCertificate: createCertificateLoader({ fetch: flaky }) });
  const body = Buffer.from('{}');
  const headers = { signaturecertchainurl: CERT_URL, 'signature-256': ca.sign(body) };
  await assert.rejects(verifier.verifySignature(headers, body), fetchFailed(/HTTP 500/));
  status = 200;
  await verifier.verifySignature(headers, body);
  assert.equal(calls.length, 1);
});
