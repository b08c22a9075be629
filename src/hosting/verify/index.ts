/** Verifying that a request really comes from Alexa: the public pieces. */
export { RequestVerifier, CERT_URL_HEADER, SIGNATURE_HEADER } from './request-verifier';
export type { RequestVerifierOptions, RequestHeaders } from './request-verifier';
export { checkCertificateUrl } from './cert-url';
export {
  parseCertificateChain,
  parseTrustedRoots,
  defaultTrustedRoots,
  checkCertificateDates,
  checkCertificateTrust,
  ECHO_API_DOMAIN,
} from './cert-chain';
export type { CertificateChain } from './cert-chain';
export { createCertificateLoader, CERTIFICATE_FETCH_TIMEOUT_MS, CERTIFICATE_MAX_BYTES } from './certificate-loader';
export type { CertificateLoader, CertificateLoaderOptions, FetchFunction } from './certificate-loader';
export { CertificateCache } from './certificate-cache';
export { checkSignature } from './signature';
export { checkTimestamp, TIMESTAMP_TOLERANCE_SECONDS, SKILL_EVENT_TOLERANCE_SECONDS } from './timestamp';
export { checkApplicationId } from './application-id';
