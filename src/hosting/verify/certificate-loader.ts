/**
 * Downloads the PEM chain named by `SignatureCertChainUrl`. Only the download lives here;
 * parsing, checking and caching are in certificate-cache.ts, so an injected loader gets them too.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html
 */
import { isSkillshopError, skillshopError } from '../../errors';

/** Returns the PEM text at `url` (already checked by checkCertificateUrl). */
export type CertificateLoader = (url: string) => Promise<string>;

/** The part of the global `fetch` the loader uses; inject one to test without a network. */
export type FetchFunction = (url: string, init: { signal: AbortSignal; redirect: 'error' }) => Promise<Response>;

export interface CertificateLoaderOptions {
  fetch?: FetchFunction;
  /** Alexa waits about 8 s for the whole answer, so a slow download must give up well before. */
  timeoutMs?: number;
  /** Amazon's chain is about 6 KB; anything far larger is not it. */
  maxBytes?: number;
}

export const CERTIFICATE_FETCH_TIMEOUT_MS = 5_000;
export const CERTIFICATE_MAX_BYTES = 64 * 1024;

/**
 * The default loader: an HTTPS GET with a timeout and a size cap. Redirects are refused, so the
 * URL that was checked is the URL that is read. Any failure is `SKILLSHOP_CERT_FETCH_FAILED`.
 *
 * @example
 * const loadCertificate = createCertificateLoader({ timeoutMs: 2_000 });
 * const pem = await loadCertificate('https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem');
 */
export function createCertificateLoader(options: CertificateLoaderOptions = {}): CertificateLoader {
  const fetchFunction: FetchFunction = options.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = options.timeoutMs ?? CERTIFICATE_FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? CERTIFICATE_MAX_BYTES;

  return async (url) => {
    // Not AbortSignal.timeout: its timer is unref'd, so a stalled download could leave the
    // request pending in a process with nothing else to do, and its timer outlives a quick answer.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    const { signal } = controller;
    try {
      // The deadline covers headers and body, even for a fetch that ignores its signal.
      return await withDeadline(download(fetchFunction, url, maxBytes, signal), signal);
    } catch (error) {
      if (isSkillshopError(error, 'CERT_FETCH_FAILED')) throw error;
      const reason = signal.aborted ? `it took longer than ${timeoutMs} ms` : 'the request failed';
      throw failed(url, reason, error);
    } finally {
      clearTimeout(timer);
      controller.abort(); // releases a body left unread by a failure
    }
  };
}

async function download(fetchFunction: FetchFunction, url: string, maxBytes: number, signal: AbortSignal) {
  const response = await fetchFunction(url, { signal, redirect: 'error' });
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw failed(url, `the server answered HTTP ${response.status}`, undefined, { status: response.status });
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw failed(url, `it is ${declared} bytes, more than the ${maxBytes} allowed`);
  }
  if (response.body === null) return '';
  // Read chunk by chunk so that a lying or missing content-length cannot make us buffer more.
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw failed(url, `it is more than the ${maxBytes} bytes allowed`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function withDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => undefined); // it may still reject after the deadline has won
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

function failed(url: string, reason: string, cause?: unknown, extra: Record<string, unknown> = {}) {
  return skillshopError('CERT_FETCH_FAILED', `Could not download the Alexa certificate chain from ${url}: ${reason}.`, {
    cause,
    details: { url, ...extra },
  });
}
