/**
 * Rule 4 of Alexa's request verification: `Signature-256` is the base64 RSA-SHA256 signature of
 * the request body exactly as it arrived. Re-serialized JSON would differ in whitespace and key
 * order, so this takes the raw bytes.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html
 */
import { verify, type KeyObject, type X509Certificate } from 'node:crypto';
import { skillshopError } from '../../errors';

export const SIGNATURE_ALGORITHM = 'sha256';
/** Amazon signs with RSA; any other key type in a certificate is not Alexa's. */
export const SIGNATURE_KEY_TYPE = 'rsa';

/** Base64 characters, then at most two `=`; together with a length that is a multiple of 4, strict base64. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Throws `SKILLSHOP_SIGNATURE_INVALID` unless `signatureBase64` is the RSA-SHA256 signature of
 * `rawBody` by the key of `signingCertificate`.
 *
 * @example
 * checkSignature(rawBody, headers['signature-256'], signingCertificate);
 */
export function checkSignature(rawBody: Buffer, signatureBase64: string, signingCertificate: X509Certificate): void {
  // Buffer.from(…, 'base64') skips characters it does not know; a signature is never sloppy like that.
  // Whitespace (a folded header) is the one thing allowed, and rare: removed only when the check fails.
  let compact = signatureBase64;
  if (!isBase64(compact)) {
    compact = compact.replace(/\s+/g, '');
    if (!isBase64(compact)) throw invalid('the Signature-256 header is not base64');
  }
  const { key, type } = publicKeyOf(signingCertificate);
  if (type !== SIGNATURE_KEY_TYPE) {
    throw invalid(`the signing certificate has a ${type ?? 'unknown'} key, not an RSA key`);
  }
  let valid: boolean;
  try {
    valid = verify(SIGNATURE_ALGORITHM, rawBody, key, Buffer.from(compact, 'base64'));
  } catch (cause) {
    throw invalid('the signature could not be checked', cause);
  }
  if (!valid) throw invalid('it does not match the request body and the signing certificate');
}

function isBase64(text: string): boolean {
  return text.length % 4 === 0 && BASE64.test(text);
}

interface PublicKey {
  readonly key: KeyObject;
  readonly type: string | undefined;
}

/**
 * `publicKey` makes a new KeyObject on every read, and its type is read from the native key each
 * time: once per certificate is enough (certificates are cached).
 */
const publicKeys = new WeakMap<X509Certificate, PublicKey>();
function publicKeyOf(certificate: X509Certificate): PublicKey {
  let found = publicKeys.get(certificate);
  if (found === undefined) {
    const key = certificate.publicKey;
    found = { key, type: key.asymmetricKeyType };
    publicKeys.set(certificate, found);
  }
  return found;
}

function invalid(reason: string, cause?: unknown) {
  return skillshopError(
    'SIGNATURE_INVALID',
    `The request signature is invalid: ${reason}. The body must reach the verifier byte for byte as Alexa sent it.`,
    { cause },
  );
}
