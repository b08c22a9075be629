/** The real chain Alexa used in 2019, against Node's own root certificates. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  checkCertificateDates,
  checkCertificateTrust,
  defaultTrustedRoots,
  parseCertificateChain,
} from '../../../src/hosting/verify/cert-chain';
import { RequestVerifier } from '../../../src/hosting/verify/request-verifier';
import { fixedClock } from '../../../src/clock';
import { isSkillshopError } from '../../../src/errors';
import { AMAZON_CHAIN_2019, CERT_URL } from '../../helpers/test-ca';

const pem = readFileSync(AMAZON_CHAIN_2019, 'utf8');
const body = Buffer.from('{"version":"1.0"}');
// Nobody but Amazon can sign with this chain: a request that gets as far as SIGNATURE_INVALID
// has passed every certificate check.
const headers = { signaturecertchainurl: CERT_URL, 'signature-256': Buffer.alloc(256, 1).toString('base64') };

test('the 2019 chain is trusted by Node\'s roots and in date on 2019-06-01', () => {
  const chain = parseCertificateChain(pem);
  assert.equal(chain.length, 4);
  checkCertificateTrust(chain, defaultTrustedRoots());
  checkCertificateDates(chain, Date.parse('2019-06-01T00:00:00Z'));
});

test('the 2019 chain is out of date on 2021-01-01 and on 2019-01-01', () => {
  const chain = parseCertificateChain(pem);
  assert.throws(() => checkCertificateDates(chain, Date.parse('2021-01-01T00:00:00Z')), (error) =>
    isSkillshopError(error, 'CERT_INVALID') && /echo-api\.amazon\.com.*expired/.test(error.message));
  assert.throws(() => checkCertificateDates(chain, Date.parse('2019-01-01T00:00:00Z')), (error) =>
    isSkillshopError(error, 'CERT_INVALID') && /not valid before/.test(error.message));
});

test('the verifier passes the chain in 2019, rejects it in 2021 and 2019-01, and re-checks a cached chain', async () => {
  const clock = fixedClock('2019-06-01T00:00:00Z');
  let loads = 0;
  const verifier = new RequestVerifier({ clock, loadCertificate: async () => (loads++, pem) });
  const signatureInvalid = (error: unknown) => isSkillshopError(error, 'SIGNATURE_INVALID');
  const certInvalid = (error: unknown) => isSkillshopError(error, 'CERT_INVALID');

  await assert.rejects(verifier.verifySignature(headers, body), signatureInvalid);
  await assert.rejects(verifier.verifySignature(headers, body), signatureInvalid);
  assert.equal(loads, 1);

  clock.set('2021-01-01T00:00:00Z');
  await assert.rejects(verifier.verifySignature(headers, body), certInvalid);
  clock.set('2019-01-01T00:00:00Z');
  await assert.rejects(verifier.verifySignature(headers, body), certInvalid);
});

test('the 2019 chain is anchored by a root in the middle of it, not by its last certificate', () => {
  const chain = parseCertificateChain(pem);
  // The last certificate's issuer (Starfield Class 2) has left Node's roots; Amazon Root CA 1 has not.
  const amazonRoot1 = defaultTrustedRoots().filter((root) => /CN=Amazon Root CA 1$/m.test(root.subject));
  assert.equal(amazonRoot1.length, 1);
  checkCertificateTrust(chain, amazonRoot1);
  assert.throws(() => checkCertificateTrust(chain, []), (error) =>
    isSkillshopError(error, 'CERT_INVALID') && /Starfield Services Root.*not issued by a trusted root/.test(error.message));
});
