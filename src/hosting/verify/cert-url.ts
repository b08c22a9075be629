/**
 * Rule 2 of Alexa's request verification: the `SignatureCertChainUrl` header must point at
 * Amazon's certificate bucket before we fetch anything from it.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html
 */
import { skillshopError } from '../../errors';

export const CERT_URL_PROTOCOL = 'https:';
export const CERT_URL_HOST = 's3.amazonaws.com';
/** Case-sensitive, unlike the scheme and host. */
export const CERT_URL_PATH_PREFIX = '/echo.api/';
export const CERT_URL_PORT = '443';

/**
 * Throws `SKILLSHOP_CERT_URL_INVALID`, naming the rule that failed, unless `url` is one Alexa
 * could have sent. The path is checked after `.` and `..` are resolved, so
 * `/echo.api/../echo.api/x.pem` passes and `/echo.api/../other/x.pem` does not.
 *
 * @example
 * checkCertificateUrl('https://s3.amazonaws.com/echo.api/echo-api-cert.pem'); // ok
 * checkCertificateUrl('https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem'); // throws
 */
export function checkCertificateUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw invalid(url, 'it is not an absolute URL', cause);
  }
  // WHATWG URL already lower-cases scheme and host and resolves dot segments (also %2e%2e).
  if (parsed.protocol !== CERT_URL_PROTOCOL) {
    throw invalid(url, `the scheme must be https, not "${parsed.protocol.slice(0, -1)}"`);
  }
  if (parsed.hostname !== CERT_URL_HOST) {
    throw invalid(url, `the host must be ${CERT_URL_HOST}, not "${parsed.hostname}"`);
  }
  // WHATWG URL reports an explicit `:443` on https as no port, so any port left here is wrong.
  if (parsed.port !== '' && parsed.port !== CERT_URL_PORT) {
    throw invalid(url, `the port must be ${CERT_URL_PORT} when one is given, not ${parsed.port}`);
  }
  if (!parsed.pathname.startsWith(CERT_URL_PATH_PREFIX)) {
    throw invalid(
      url,
      `the path must start with ${CERT_URL_PATH_PREFIX} (case-sensitive, after resolving . and ..), ` +
        `but it resolves to "${parsed.pathname}"`,
    );
  }
}

function invalid(url: string, rule: string, cause?: unknown) {
  return skillshopError(
    'CERT_URL_INVALID',
    `SignatureCertChainUrl "${url}" is not an Alexa certificate URL: ${rule}. ` +
      'Only requests signed by Alexa carry a valid URL; check that the request really comes from Alexa.',
    { cause, details: { url } },
  );
}
