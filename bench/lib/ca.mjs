// A throw-away certificate authority for the "verification on" entries, made fresh in every run:
// root → intermediate → signing certificate for echo-api.amazon.com, all RSA-2048 as Amazon's.
// Keys come from node:crypto; node-forge (a devDependency of skillshop) writes the certificates.
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(new URL('../../package.json', import.meta.url));
const forge = require('node-forge');

/** The URL Alexa would send; no entry downloads it (each is handed the chain). */
export const CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-bench.pem';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey,
    forgePrivate: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' })),
    forgePublic: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' })),
  };
}

let serial = 1;
function certificate({ commonName, keys, issuer, ca = false, dnsNames }) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.forgePublic;
  cert.serialNumber = (serial++).toString(16).padStart(4, '0');
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const subject = [{ name: 'commonName', value: commonName }, { name: 'organizationName', value: 'skillshop bench' }];
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  const extensions = [
    { name: 'basicConstraints', cA: ca, critical: true },
    ca ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true } : { name: 'keyUsage', digitalSignature: true, critical: true },
  ];
  if (dnsNames) extensions.push({ name: 'subjectAltName', altNames: dnsNames.map((value) => ({ type: 2, value })) });
  cert.setExtensions(extensions);
  cert.sign((issuer ? issuer.keys : keys).forgePrivate, forge.md.sha256.create());
  return cert;
}

/** Makes the CA, writes root.pem and chain.pem (signing certificate first) to a temporary folder. */
export function makeCa() {
  const rootKeys = keyPair();
  const intermediateKeys = keyPair();
  const leafKeys = keyPair();
  const root = certificate({ commonName: 'Bench Root CA', keys: rootKeys, ca: true });
  const intermediate = certificate({ commonName: 'Bench Intermediate CA', keys: intermediateKeys, ca: true, issuer: { cert: root, keys: rootKeys } });
  const leaf = certificate({
    commonName: 'echo-api.amazon.com', keys: leafKeys, issuer: { cert: intermediate, keys: intermediateKeys }, dnsNames: ['echo-api.amazon.com'],
  });
  const dir = mkdtempSync(join(tmpdir(), 'skillshop-bench-ca-'));
  const rootFile = join(dir, 'root.pem');
  const chainFile = join(dir, 'chain.pem');
  writeFileSync(rootFile, forge.pki.certificateToPem(root));
  writeFileSync(chainFile, forge.pki.certificateToPem(leaf) + forge.pki.certificateToPem(intermediate));
  return {
    dir,
    rootFile,
    chainFile,
    certUrl: CERT_URL,
    /** The Signature-256 header value for `body`. */
    sign: (body) => sign('sha256', Buffer.from(body), leafKeys.privateKey).toString('base64'),
  };
}
