import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RequestVerifier } from '../../../src/hosting/verify/request-verifier';
import { fixedClock } from '../../../src/clock';
import { isSkillshopError, type ErrorCodeName } from '../../../src/errors';
import type { RequestEnvelope } from '../../../src/alexa/request';
import { CERT_URL, makeTestCa, NOW } from '../../helpers/test-ca';

const ca = makeTestCa();
const SKILL = 'amzn1.ask.skill.11111111-1111-1111-1111-111111111111';

const envelope: RequestEnvelope = {
  version: '1.0',
  session: { new: true, sessionId: 'amzn1.echo-api.session.1', application: { applicationId: SKILL }, user: { userId: 'u' } },
  context: { System: { application: { applicationId: SKILL }, user: { userId: 'u' } } },
  request: { type: 'LaunchRequest', requestId: 'amzn1.echo-api.request.1', timestamp: NOW, locale: 'en-US' },
};
// Whitespace and key order as Alexa might send them: the signature covers these exact bytes.
const body = Buffer.from(JSON.stringify(envelope, null, 1));

function verifier(chain = ca.chain, clock = fixedClock(NOW)) {
  const loads: string[] = [];
  const instance = new RequestVerifier({
    clock,
    trustedRoots: [ca.rootPem],
    applicationIds: [SKILL],
    loadCertificate: async (url) => {
      loads.push(url);
      return chain;
    },
  });
  return { verifier: instance, loads, clock };
}

function headers(signature = ca.sign(body), url = CERT_URL) {
  return { signaturecertchainurl: url, 'signature-256': signature };
}

const fails = (code: ErrorCodeName, pattern = /./) => (error: unknown) =>
  isSkillshopError(error, code) && pattern.test(error.message);

test('accepts a body signed by the leaf of a chain under an injected root', async () => {
  const { verifier: v, loads } = verifier();
  await v.verifySignature(headers(), body);
  assert.deepEqual(loads, [CERT_URL]);
  v.verifyEnvelope(envelope);
});

test('checks synchronously once the chain is cached, and says false (loading nothing) before', async () => {
  const { verifier: v, loads } = verifier();
  assert.equal(v.verifyCachedSignature(headers(), body), false);
  assert.deepEqual(loads, [], 'the synchronous check never loads a chain');
  await v.verifySignature(headers(), body);
  assert.equal(v.verifyCachedSignature(headers(), body), true);
  assert.throws(() => v.verifyCachedSignature(headers(ca.sign('another body')), body), fails('SIGNATURE_INVALID', /does not match/));
  assert.throws(() => v.verifyCachedSignature({ signaturecertchainurl: CERT_URL }, body), fails('SIGNATURE_HEADERS_MISSING'));
  assert.deepEqual(loads, [CERT_URL]);
});

test('reads the headers whatever their case, and from single-element arrays', async () => {
  const { verifier: v } = verifier();
  await v.verifySignature({ SignatureCertChainUrl: CERT_URL, 'Signature-256': ca.sign(body) }, body);
  await v.verifySignature({ SIGNATURECERTCHAINURL: [CERT_URL], 'SIGNATURE-256': [ca.sign(body)], other: undefined }, body);
});

test('rejects a forged body (one byte changed)', async () => {
  const { verifier: v } = verifier();
  const forged = Buffer.from(body);
  forged[forged.length - 3] = (forged[forged.length - 3] as number) ^ 1;
  await assert.rejects(v.verifySignature(headers(), forged), fails('SIGNATURE_INVALID', /does not match/));
});

test('rejects the same JSON re-serialized', async () => {
  const { verifier: v } = verifier();
  await assert.rejects(v.verifySignature(headers(), Buffer.from(JSON.stringify(envelope))), fails('SIGNATURE_INVALID'));
});

test('rejects a wrong signature', async () => {
  const { verifier: v } = verifier();
  await assert.rejects(v.verifySignature(headers(ca.sign(body, 'other')), body), fails('SIGNATURE_INVALID', /does not match/));
  await assert.rejects(v.verifySignature(headers(ca.sign('another body')), body), fails('SIGNATURE_INVALID'));
  await assert.rejects(v.verifySignature(headers('not base64!'), body), fails('SIGNATURE_INVALID', /not base64/));
  await assert.rejects(v.verifySignature(headers('AAAA'), body), fails('SIGNATURE_INVALID'));
});

test('takes only strict base64 for the signature: padding at the end only, whole groups of four, no URL-safe letters', async () => {
  const { verifier: v } = verifier();
  const good = ca.sign(body);
  await v.verifySignature(headers(` ${good.slice(0, 100)}\n ${good.slice(100)} `), body); // folded header lines are fine
  const cut = good.replace(/=+$/, '');
  for (const bad of [
    `${good.slice(0, 8)}=${good.slice(9)}`, // '=' inside
    cut.length % 4 === 0 ? `${cut}A` : cut, // not whole groups of four
    good.replace(/\+/g, '-').replace(/\//g, '_').replace(/^[A-Za-z0-9]/, '-'), // base64url
    `${good}==`, // too much padding
    '====',
  ]) {
    await assert.rejects(v.verifySignature(headers(bad), body), fails('SIGNATURE_INVALID', /not base64/), bad);
  }
});

test('rejects missing, empty or conflicting headers before loading anything', async () => {
  const { verifier: v, loads } = verifier();
  await assert.rejects(v.verifySignature({}, body), fails('SIGNATURE_HEADERS_MISSING', /SignatureCertChainUrl/));
  await assert.rejects(v.verifySignature({ signaturecertchainurl: CERT_URL }, body), fails('SIGNATURE_HEADERS_MISSING', /Signature-256/));
  await assert.rejects(v.verifySignature({ 'signature-256': ca.sign(body) }, body), fails('SIGNATURE_HEADERS_MISSING'));
  await assert.rejects(v.verifySignature(headers(''), body), fails('SIGNATURE_HEADERS_MISSING'));
  await assert.rejects(
    v.verifySignature({ ...headers(), 'Signature-256': 'b3RoZXI=' }, body),
    fails('SIGNATURE_HEADERS_MISSING', /2 different/),
  );
  assert.deepEqual(loads, []);
});

test('rejects a bad certificate URL before loading it', async () => {
  const { verifier: v, loads } = verifier();
  await assert.rejects(
    v.verifySignature(headers(undefined, 'https://s3.amazonaws.com/echo.api/../evil/cert.pem'), body),
    fails('CERT_URL_INVALID'),
  );
  assert.deepEqual(loads, []);
});

for (const [name, chain, pattern] of [
  ['a leaf without the SAN', ca.chainWithoutSan, /subjectAltName/],
  ['an expired leaf', ca.expiredChain, /expired/],
  ['a leaf signed by an untrusted CA', ca.untrustedChain, /trusted root/],
  ['a chain in the wrong order', ca.wrongOrderChain, /subjectAltName/],
  ['a forged leaf', ca.forgedChain, /does not verify/],
] as const) {
  test(`rejects ${name}`, async () => {
    const { verifier: v } = verifier(chain);
    await assert.rejects(v.verifySignature(headers(), body), fails('CERT_INVALID', pattern));
  });
}

test('without injected roots, Node\'s roots do not trust the test CA', async () => {
  const v = new RequestVerifier({ clock: fixedClock(NOW), loadCertificate: async () => ca.chain });
  await assert.rejects(v.verifySignature(headers(), body), fails('CERT_INVALID', /trusted root/));
});

test('caches the chain per URL and re-checks its dates on every use', async () => {
  const { verifier: v, loads, clock } = verifier();
  await v.verifySignature(headers(), body);
  await v.verifySignature(headers(), body);
  assert.equal(loads.length, 1);
  await Promise.all([1, 2, 3].map(() => v.verifySignature(headers(undefined, `${CERT_URL}?v=2`), body)));
  assert.equal(loads.length, 2, 'concurrent requests share one load');
  clock.set('2030-01-02T00:00:00Z');
  await assert.rejects(v.verifySignature(headers(), body), fails('CERT_INVALID', /expired/));
  assert.equal(loads.length, 3, 'an expired cached chain is loaded once more, in case Amazon replaced it');
});

test('does not cache a chain that failed', async () => {
  let chain = ca.untrustedChain;
  const loads: string[] = [];
  const v = new RequestVerifier({
    clock: fixedClock(NOW),
    trustedRoots: [ca.rootPem],
    loadCertificate: async (url) => (loads.push(url), chain),
  });
  await assert.rejects(v.verifySignature(headers(), body), fails('CERT_INVALID'));
  chain = ca.chain;
  await v.verifySignature(headers(), body);
  assert.equal(loads.length, 2);
});

test('a loader that throws a plain error becomes CERT_FETCH_FAILED, keeping the cause', async () => {
  const cause = new Error('ECONNRESET');
  const v = new RequestVerifier({ trustedRoots: [ca.rootPem], loadCertificate: async () => { throw cause; } });
  await assert.rejects(v.verifySignature(headers(), body), (error) => isSkillshopError(error, 'CERT_FETCH_FAILED') && error.cause === cause);
});

test('verifyEnvelope checks the timestamp and the application id with the injected clock', () => {
  const { verifier: v, clock } = verifier();
  v.verifyEnvelope(envelope);
  clock.set(Date.parse(NOW) + 151_000);
  assert.throws(() => v.verifyEnvelope(envelope), fails('TIMESTAMP_INVALID'));
  clock.set(NOW);
  const other = { ...envelope, context: { System: { ...envelope.context.System, application: { applicationId: 'amzn1.ask.skill.other' } } } };
  assert.throws(() => v.verifyEnvelope(other), fails('APPLICATION_ID_MISMATCH'));
  new RequestVerifier({ clock: fixedClock(NOW) }).verifyEnvelope(other);
});

test('options are checked at construction', () => {
  assert.throws(() => new RequestVerifier({ trustedRoots: ['nope'] }), fails('CONFIG_INVALID', /trustedRoots/));
  assert.throws(() => new RequestVerifier({ timestampToleranceSeconds: -1 }), fails('CONFIG_INVALID', /timestampToleranceSeconds/));
  const lenient = new RequestVerifier({ clock: fixedClock(Date.parse(NOW) + 600_000), timestampToleranceSeconds: 900 });
  lenient.verifyEnvelope(envelope);
});
