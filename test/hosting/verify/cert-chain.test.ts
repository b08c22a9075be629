import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkCertificateDates,
  checkCertificateTrust,
  parseCertificateChain,
  parseTrustedRoots,
} from '../../../src/hosting/verify/cert-chain';
import { isSkillshopError } from '../../../src/errors';
import { makeTestCa, NOW } from '../../helpers/test-ca';

const ca = makeTestCa();
const roots = parseTrustedRoots([ca.rootPem]);
const now = Date.parse(NOW);

const certInvalid = (pattern: RegExp) => (error: unknown) =>
  isSkillshopError(error, 'CERT_INVALID') && pattern.test(error.message);

test('parses a PEM chain in order and rejects text without certificates', () => {
  const chain = parseCertificateChain(ca.chainWithRoot);
  assert.deepEqual(chain.map((cert) => cert.subject.split('\n')[0]), [
    'CN=echo-api.amazon.com', 'CN=Test Intermediate CA', 'CN=Test Root CA',
  ]);
  assert.throws(() => parseCertificateChain('not a certificate'), certInvalid(/no PEM certificate/));
  assert.throws(
    () => parseCertificateChain('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'),
    certInvalid(/#1 .*does not parse/),
  );
});

test('trusts leaf → intermediate under an injected root, with or without the root in the chain', () => {
  assert.doesNotThrow(() => checkCertificateTrust(parseCertificateChain(ca.chain), roots));
  assert.doesNotThrow(() => checkCertificateTrust(parseCertificateChain(ca.chainWithRoot), roots));
});

test('rejects a signing certificate without the echo-api.amazon.com SAN, or with only a wildcard', () => {
  assert.throws(() => checkCertificateTrust(parseCertificateChain(ca.chainWithoutSan), roots), certInvalid(/subjectAltName.*echo-api\.amazon\.com/));
  assert.throws(() => checkCertificateTrust(parseCertificateChain(ca.chainWithWildcardSan), roots), certInvalid(/subjectAltName/));
});

test('rejects a chain that ends at an untrusted root', () => {
  assert.throws(
    () => checkCertificateTrust(parseCertificateChain(ca.untrustedChain), roots),
    certInvalid(/"CN=Untrusted Root CA.*not issued by a trusted root/),
  );
});

test('rejects a chain that stops short of a trusted root', () => {
  assert.throws(() => checkCertificateTrust(parseCertificateChain(ca.leafOnly), roots), certInvalid(/not issued by a trusted root/));
});

test('rejects a leaf whose signature is not the issuer\'s', () => {
  assert.throws(() => checkCertificateTrust(parseCertificateChain(ca.forgedChain), roots), certInvalid(/signature that does not verify/));
});

test('rejects an issuer that is not a CA', () => {
  assert.throws(() => checkCertificateTrust(parseCertificateChain(ca.notCaChain), roots), certInvalid(/not a certificate authority/));
});

test('rejects a chain in the wrong order', () => {
  // The intermediate comes first: it lacks the SAN.
  assert.throws(() => checkCertificateTrust(parseCertificateChain(ca.wrongOrderChain), roots), certInvalid(/Intermediate.*subjectAltName/));
  // Leaf first but the root before the intermediate.
  const shuffled = parseCertificateChain(ca.chain + ca.rootPem);
  const [leaf, intermediate, root] = shuffled;
  assert.ok(leaf && intermediate && root);
  assert.throws(
    () => checkCertificateTrust([leaf, root, intermediate], parseTrustedRoots([ca.untrustedRootPem])),
    certInvalid(/not issued by the next certificate.*signing certificate first/),
  );
});

test('checks every certificate\'s dates, both ends inclusive', () => {
  const chain = parseCertificateChain(ca.chain);
  assert.doesNotThrow(() => checkCertificateDates(chain, now));
  assert.doesNotThrow(() => checkCertificateDates(chain, Date.parse('2020-01-01T00:00:00Z')));
  assert.doesNotThrow(() => checkCertificateDates(chain, Date.parse('2030-01-01T00:00:00Z')));
  assert.throws(() => checkCertificateDates(chain, Date.parse('2019-12-31T23:59:59Z')), certInvalid(/echo-api.*not valid before/));
  assert.throws(() => checkCertificateDates(chain, Date.parse('2030-01-01T00:00:01Z')), certInvalid(/expired/));
  assert.throws(() => checkCertificateDates(parseCertificateChain(ca.expiredChain), now), certInvalid(/"CN=echo-api\.amazon\.com.*expired at/));
});
