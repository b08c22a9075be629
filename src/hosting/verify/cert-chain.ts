/**
 * Rule 3 of Alexa's request verification: the certificate chain behind `SignatureCertChainUrl`
 * (signing certificate first) must be in date, name echo-api.amazon.com, and lead to a trusted root.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html
 *
 * Trust and dates are separate checks: trust never changes for a given chain, so it is checked
 * once per download; dates are checked on every request, because a cached chain expires.
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { skillshopError } from '../../errors';

/** The name Amazon's signing certificate must carry in its subjectAltName. */
export const ECHO_API_DOMAIN = 'echo-api.amazon.com';

export type CertificateChain = readonly X509Certificate[];

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Splits PEM text into certificates, in order. Throws `SKILLSHOP_CERT_INVALID` when there is none
 * or one does not parse.
 *
 * @example
 * const [signing, ...intermediates] = parseCertificateChain(pemText);
 */
export function parseCertificateChain(pem: string): CertificateChain {
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) {
    throw skillshopError('CERT_INVALID', 'The certificate chain contains no PEM certificate.');
  }
  return blocks.map((block, index) => {
    try {
      return new X509Certificate(block);
    } catch (cause) {
      throw skillshopError('CERT_INVALID', `Certificate #${index + 1} of the chain does not parse.`, {
        cause,
        details: { index },
      });
    }
  });
}

/** Parses trusted root certificates given as PEM strings (one or more certificates each). */
export function parseTrustedRoots(pems: readonly string[]): CertificateChain {
  return pems.flatMap((pem) => parseCertificateChain(pem));
}

let defaultRoots: CertificateChain | undefined;

/** Node's bundled Mozilla roots, parsed once on first use (about 150 certificates). */
export function defaultTrustedRoots(): CertificateChain {
  defaultRoots ??= parseTrustedRoots(rootCertificates);
  return defaultRoots;
}

/**
 * The span in which every certificate of `chain` is in date: the latest notBefore to the earliest
 * notAfter (ms since the epoch; NaN when a date does not parse). `now` inside it is exactly when
 * checkCertificateDates passes, so a cache can compare two numbers per request instead.
 */
export function validityWindow(chain: CertificateChain): { notBefore: number; notAfter: number } {
  let notBefore = -Infinity;
  let notAfter = Infinity;
  for (const certificate of chain) {
    notBefore = Math.max(notBefore, Date.parse(certificate.validFrom));
    notAfter = Math.min(notAfter, Date.parse(certificate.validTo));
  }
  return { notBefore, notAfter };
}

/**
 * Throws `SKILLSHOP_CERT_INVALID` unless every certificate is within notBefore..notAfter at `now`
 * (ms since the epoch, both ends inclusive).
 */
export function checkCertificateDates(chain: CertificateChain, now: number): void {
  for (const certificate of chain) {
    const notBefore = Date.parse(certificate.validFrom);
    const notAfter = Date.parse(certificate.validTo);
    if (!(now >= notBefore)) {
      throw invalid(certificate, `is not valid before ${certificate.validFrom} (now is ${iso(now)})`);
    }
    if (!(now <= notAfter)) {
      throw invalid(certificate, `expired at ${certificate.validTo} (now is ${iso(now)})`);
    }
  }
}

/**
 * Throws `SKILLSHOP_CERT_INVALID` unless the first certificate names echo-api.amazon.com and each
 * certificate is issued and signed by the next, up to one that is a trusted root or is issued and
 * signed by one. Certificates after that point are not needed: Amazon's chain ends with a
 * cross-signed root whose own issuer has since left the root stores.
 */
export function checkCertificateTrust(chain: CertificateChain, trustedRoots: CertificateChain): void {
  const signing = chain[0];
  if (signing === undefined) {
    throw skillshopError('CERT_INVALID', 'The certificate chain is empty.');
  }
  // checkHost reads the SAN extension itself; splitting the printed subjectAltName could be fooled.
  const named = signing.checkHost(ECHO_API_DOMAIN, { subject: 'never', wildcards: false, partialWildcards: false });
  if (named === undefined) {
    throw invalid(signing, `has no subjectAltName DNS entry ${ECHO_API_DOMAIN} (it has: ${signing.subjectAltName ?? 'none'})`);
  }
  for (let index = 0; index < chain.length; index++) {
    const certificate = chain[index] as X509Certificate;
    if (isTrustedRoot(certificate, trustedRoots) || issuedByTrustedRoot(certificate, trustedRoots)) return;
    const issuer = chain[index + 1];
    if (issuer === undefined) {
      throw invalid(certificate, `is not issued by a trusted root (its issuer is ${oneLine(certificate.issuer)})`);
    }
    if (!certificate.checkIssued(issuer)) {
      throw invalid(
        certificate,
        `is not issued by the next certificate in the chain (${oneLine(issuer.subject)}); ` +
          'the chain must list the signing certificate first, then each issuer',
      );
    }
    if (!issuer.ca) {
      throw invalid(issuer, 'issues a certificate in the chain but is not a certificate authority');
    }
    if (!certificate.verify(issuer.publicKey)) {
      throw invalid(certificate, `has a signature that does not verify with the key of ${oneLine(issuer.subject)}`);
    }
  }
}

/** The same subject and key as a trusted root also covers a cross-signed copy of that root. */
function isTrustedRoot(certificate: X509Certificate, roots: CertificateChain): boolean {
  return roots.some(
    (root) =>
      root.fingerprint256 === certificate.fingerprint256 ||
      (root.subject === certificate.subject && root.publicKey.equals(certificate.publicKey)),
  );
}

function issuedByTrustedRoot(certificate: X509Certificate, roots: CertificateChain): boolean {
  return roots.some((root) => certificate.checkIssued(root) && certificate.verify(root.publicKey));
}

function invalid(certificate: X509Certificate, rule: string) {
  const subject = oneLine(certificate.subject);
  return skillshopError('CERT_INVALID', `Certificate "${subject}" ${rule}.`, {
    details: { subject, fingerprint256: certificate.fingerprint256 },
  });
}

function oneLine(name: string): string {
  return name.split('\n').join(', ');
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}
