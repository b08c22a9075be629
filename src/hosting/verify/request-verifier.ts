/**
 * Checks that a request really comes from Alexa, composing the small verifiers in this folder.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html
 *
 * Unlike ask-sdk-express-adapter's verifier, time and the certificate download are injected, so
 * every rule is testable offline and exactly.
 */
import { systemClock, type Clock } from '../../clock';
import { skillshopError } from '../../errors';
import type { RequestEnvelope } from '../../alexa/request';
import { checkApplicationId } from './application-id';
import { checkCertificateUrl } from './cert-url';
import { defaultTrustedRoots, parseTrustedRoots, type CertificateChain } from './cert-chain';
import { CertificateCache } from './certificate-cache';
import { createCertificateLoader, type CertificateLoader } from './certificate-loader';
import { checkSignature } from './signature';
import { checkTimestamp, TIMESTAMP_TOLERANCE_SECONDS } from './timestamp';

/** Header names as Amazon spells them; looked up case-insensitively. */
export const CERT_URL_HEADER = 'SignatureCertChainUrl';
export const SIGNATURE_HEADER = 'Signature-256';

export type RequestHeaders = Record<string, string | string[] | undefined>;

export interface RequestVerifierOptions {
  clock?: Clock;
  /** Defaults to an HTTPS download (createCertificateLoader()). */
  loadCertificate?: CertificateLoader;
  /** PEM root certificates to trust instead of Node's bundled roots. */
  trustedRoots?: string[];
  /** The skill ids this service answers; empty or missing accepts any. */
  applicationIds?: string[];
  /** Replaces the 150 s Amazon allows; skill events always get at least an hour. */
  timestampToleranceSeconds?: number;
}

/**
 * @example
 * const verifier = new RequestVerifier({ applicationIds: ['amzn1.ask.skill.0f5c…'] });
 * await verifier.verifySignature(request.headers, rawBody); // web service only
 * verifier.verifyEnvelope(JSON.parse(rawBody.toString('utf8')));
 */
export class RequestVerifier {
  private readonly clock: Clock;
  private readonly certificates: CertificateCache;
  private readonly applicationIds: ReadonlySet<string>;
  private readonly toleranceSeconds: number;

  constructor(options: RequestVerifierOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.applicationIds = new Set(options.applicationIds ?? []);
    this.toleranceSeconds = options.timestampToleranceSeconds ?? TIMESTAMP_TOLERANCE_SECONDS;
    if (!(Number.isFinite(this.toleranceSeconds) && this.toleranceSeconds >= 0)) {
      throw skillshopError(
        'CONFIG_INVALID',
        `timestampToleranceSeconds must be a number of seconds, 0 or more, not ${String(options.timestampToleranceSeconds)}.`,
      );
    }
    // Given roots are parsed now, to fail at start-up; Node's own only when a certificate arrives.
    let trustedRoots: () => CertificateChain = defaultTrustedRoots;
    if (options.trustedRoots !== undefined) {
      const parsed = parseGivenRoots(options.trustedRoots);
      trustedRoots = () => parsed;
    }
    this.certificates = new CertificateCache({
      loadCertificate: options.loadCertificate ?? createCertificateLoader(),
      trustedRoots,
    });
  }

  /**
   * Checks the signature headers against the raw body, exactly the bytes Alexa sent. Throws
   * `SKILLSHOP_SIGNATURE_HEADERS_MISSING`, `…_CERT_URL_INVALID`, `…_CERT_FETCH_FAILED`,
   * `…_CERT_INVALID` or `…_SIGNATURE_INVALID`; all answer HTTP 400.
   */
  async verifySignature(headers: RequestHeaders, rawBody: Buffer): Promise<void> {
    const certUrl = header(headers, CERT_URL_HEADER);
    const signature = header(headers, SIGNATURE_HEADER);
    const now = this.clock.now();
    let signingCertificate = this.certificates.cachedSigningCertificate(certUrl, now);
    if (signingCertificate === undefined) {
      // A URL with a chain in the cache passed this check when its chain was first asked for.
      if (!this.certificates.has(certUrl)) checkCertificateUrl(certUrl);
      signingCertificate = await this.certificates.signingCertificate(certUrl, now);
    }
    checkSignature(rawBody, signature, signingCertificate);
  }

  /**
   * verifySignature for almost every request: when the chain at the request's certificate URL is
   * cached and in date, the whole check, without a promise. `false` when it is not (a first request,
   * an expired chain): then verifySignature loads it. Throws as verifySignature does.
   */
  verifyCachedSignature(headers: RequestHeaders, rawBody: Buffer): boolean {
    const certUrl = header(headers, CERT_URL_HEADER);
    const signature = header(headers, SIGNATURE_HEADER);
    const signingCertificate = this.certificates.cachedSigningCertificate(certUrl, this.clock.now());
    if (signingCertificate === undefined) return false;
    checkSignature(rawBody, signature, signingCertificate);
    return true;
  }

  /**
   * Checks what needs no signature: the timestamp and the application id. Use it alone where the
   * transport already proves the caller, e.g. AWS Lambda with an Alexa trigger.
   */
  verifyEnvelope(envelope: RequestEnvelope): void {
    checkTimestamp(envelope.request, this.clock.now(), this.toleranceSeconds);
    checkApplicationId(envelope, this.applicationIds);
  }
}

/** Node lower-cases header names; Lambda and API Gateway events keep the sender's spelling. */
function header(headers: RequestHeaders, name: string): string {
  const wanted = name.toLowerCase();
  // Any spelling of the name counts (node:http lower-cases, other hosts may not); a header given
  // more than once must say the same thing each time.
  let distinct: string[] | undefined;
  let only: string | undefined;
  for (const key of Object.keys(headers)) {
    if (key.length !== wanted.length || key.toLowerCase() !== wanted) continue;
    const value = headers[key];
    if (value === undefined) continue;
    for (const raw of Array.isArray(value) ? value : [value]) {
      const trimmed = raw.trim();
      if (trimmed === '' || trimmed === only || distinct?.includes(trimmed)) continue;
      if (only === undefined) only = trimmed;
      else (distinct ??= [only]).push(trimmed);
    }
  }
  if (only !== undefined && distinct === undefined) return only;
  distinct ??= [];
  throw skillshopError(
    'SIGNATURE_HEADERS_MISSING',
    distinct.length === 0
      ? `The request has no ${name} header. Alexa signs every request it sends to a web service; ` +
          'a request without a signature does not come from Alexa.'
      : `The request has ${distinct.length} different ${name} headers; Alexa sends exactly one.`,
    { details: { header: name } },
  );
}

function parseGivenRoots(pems: string[]): CertificateChain {
  try {
    return parseTrustedRoots(pems);
  } catch (cause) {
    throw skillshopError('CONFIG_INVALID', 'trustedRoots must be PEM certificates, and one of them is not.', { cause });
  }
}
