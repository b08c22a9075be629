/**
 * A throw-away certificate authority for the verification tests: root → intermediate → leaf,
 * plus the broken variants. Keys come from node:crypto (fast); node-forge only writes the
 * certificates, since Node cannot.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import * as path from 'node:path';
import forge from 'node-forge';

export const REPO_ROOT = path.join(__dirname, '../..');
/** The real chain Alexa used in 2019 (valid 2019-05-22 to 2020-05-15); never copied into the repo. */
export const AMAZON_CHAIN_2019 = path.join(REPO_ROOT, '../shared/fixtures/echo-api-cert-chain-2019.pem');

export const CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem';
/** Inside every test certificate's validity except the expired one's. */
export const NOW = '2024-06-01T12:00:00Z';

interface KeyPair {
  privateKey: KeyObject;
  forgePrivate: forge.pki.rsa.PrivateKey;
  forgePublic: forge.pki.rsa.PublicKey;
}

function keyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey,
    forgePrivate: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string),
    forgePublic: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string),
  };
}

interface CertSpec {
  commonName: string;
  keys: KeyPair;
  issuer?: { cert: forge.pki.Certificate; keys: KeyPair };
  ca?: boolean;
  /** Leave out keyUsage (OpenSSL's checkIssued already refuses an issuer without keyCertSign). */
  noKeyUsage?: boolean;
  dnsNames?: string[];
  notBefore?: string;
  notAfter?: string;
}

let serial = 1;

function certificate(spec: CertSpec): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = spec.keys.forgePublic;
  cert.serialNumber = (serial++).toString(16).padStart(4, '0');
  cert.validity.notBefore = new Date(spec.notBefore ?? '2020-01-01T00:00:00Z');
  cert.validity.notAfter = new Date(spec.notAfter ?? '2030-01-01T00:00:00Z');
  const subject = [{ name: 'commonName', value: spec.commonName }, { name: 'organizationName', value: 'skillshop tests' }];
  cert.setSubject(subject);
  cert.setIssuer(spec.issuer ? spec.issuer.cert.subject.attributes : subject);
  const extensions: object[] = [{ name: 'basicConstraints', cA: spec.ca ?? false, critical: true }];
  if (!spec.noKeyUsage) {
    extensions.push(
      spec.ca
        ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
        : { name: 'keyUsage', digitalSignature: true, critical: true },
    );
  }
  if (spec.dnsNames) extensions.push({ name: 'subjectAltName', altNames: spec.dnsNames.map((value) => ({ type: 2, value })) });
  cert.setExtensions(extensions);
  cert.sign((spec.issuer?.keys ?? spec.keys).forgePrivate, forge.md.sha256.create());
  return cert;
}

const pem = (cert: forge.pki.Certificate) => forge.pki.certificateToPem(cert);

/** Everything the tests need, made once per test file (RSA key generation is the slow part). */
export function makeTestCa() {
  const rootKeys = keyPair();
  const intermediateKeys = keyPair();
  const leafKeys = keyPair();
  const otherKeys = keyPair();

  const root = certificate({ commonName: 'Test Root CA', keys: rootKeys, ca: true });
  const intermediate = certificate({
    commonName: 'Test Intermediate CA', keys: intermediateKeys, ca: true, issuer: { cert: root, keys: rootKeys },
  });
  const byIntermediate = { cert: intermediate, keys: intermediateKeys };
  const leaf = certificate({ commonName: 'echo-api.amazon.com', keys: leafKeys, issuer: byIntermediate, dnsNames: ['echo-api.amazon.com'] });
  const leafWithoutSan = certificate({ commonName: 'echo-api.amazon.com', keys: leafKeys, issuer: byIntermediate, dnsNames: ['other.amazon.com'] });
  const leafWildcard = certificate({ commonName: 'echo-api.amazon.com', keys: leafKeys, issuer: byIntermediate, dnsNames: ['*.amazon.com'] });
  const expiredLeaf = certificate({
    commonName: 'echo-api.amazon.com', keys: leafKeys, issuer: byIntermediate, dnsNames: ['echo-api.amazon.com'],
    notBefore: '2020-01-01T00:00:00Z', notAfter: '2021-01-01T00:00:00Z',
  });
  const untrustedRoot = certificate({ commonName: 'Untrusted Root CA', keys: otherKeys, ca: true });
  const untrustedLeaf = certificate({
    commonName: 'echo-api.amazon.com', keys: leafKeys, issuer: { cert: untrustedRoot, keys: otherKeys }, dnsNames: ['echo-api.amazon.com'],
  });
  // Claims our intermediate as issuer, but is signed with another key.
  const forgedLeaf = certificate({
    commonName: 'echo-api.amazon.com', keys: leafKeys, issuer: { cert: intermediate, keys: otherKeys }, dnsNames: ['echo-api.amazon.com'],
  });
  // An intermediate that is not a CA (and, having no keyUsage, does not say so twice).
  const notCaIntermediate = certificate({
    commonName: 'Test Intermediate CA', keys: intermediateKeys, ca: false, noKeyUsage: true, issuer: { cert: root, keys: rootKeys },
  });

  return {
    rootPem: pem(root),
    untrustedRootPem: pem(untrustedRoot),
    intermediatePem: pem(intermediate),
    /** Signing certificate first, as Amazon serves it. */
    chain: pem(leaf) + pem(intermediate),
    chainWithRoot: pem(leaf) + pem(intermediate) + pem(root),
    chainWithoutSan: pem(leafWithoutSan) + pem(intermediate),
    chainWithWildcardSan: pem(leafWildcard) + pem(intermediate),
    expiredChain: pem(expiredLeaf) + pem(intermediate),
    untrustedChain: pem(untrustedLeaf) + pem(untrustedRoot),
    forgedChain: pem(forgedLeaf) + pem(intermediate),
    notCaChain: pem(leaf) + pem(notCaIntermediate),
    wrongOrderChain: pem(intermediate) + pem(leaf),
    leafOnly: pem(leaf),
    /** The base64 Signature-256 of `body` by the leaf's key. */
    sign: (body: Buffer | string, keys: 'leaf' | 'other' = 'leaf') =>
      sign('sha256', Buffer.from(body), (keys === 'leaf' ? leafKeys : otherKeys).privateKey).toString('base64'),
  };
}

export type TestCa = ReturnType<typeof makeTestCa>;
