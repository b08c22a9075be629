/**
 * Signing certificates by URL: download, parse and check trust once per URL, then only re-check
 * the dates on each request. Amazon's docs ask for exactly this caching.
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html
 */
import type { X509Certificate } from 'node:crypto';
import { isSkillshopError, skillshopError } from '../../errors';
import {
  checkCertificateDates,
  checkCertificateTrust,
  parseCertificateChain,
  type CertificateChain,
} from './cert-chain';
import type { CertificateLoader } from './certificate-loader';

export const CERTIFICATE_CACHE_ENTRIES = 16;

export interface CertificateCacheOptions {
  loadCertificate: CertificateLoader;
  /** Called on the first download, so the default roots are parsed only when needed. */
  trustedRoots: () => CertificateChain;
  maxEntries?: number;
}

export class CertificateCache {
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly chains = new Map<string, Promise<CertificateChain>>();
  private readonly maxEntries: number;

  constructor(private readonly options: CertificateCacheOptions) {
    this.maxEntries = options.maxEntries ?? CERTIFICATE_CACHE_ENTRIES;
  }

  /**
   * The signing certificate of the chain at `url`, in date at `now`. Throws
   * `SKILLSHOP_CERT_FETCH_FAILED` or `SKILLSHOP_CERT_INVALID`.
   */
  async signingCertificate(url: string, now: number): Promise<X509Certificate> {
    const cached = this.chains.get(url);
    if (cached !== undefined) {
      this.chains.delete(url);
      this.chains.set(url, cached);
      const chain = await cached;
      try {
        checkCertificateDates(chain, now);
        return chain[0] as X509Certificate;
      } catch {
        // Expired while cached: Amazon may have replaced the file at the same URL, so load it once more.
        if (this.chains.get(url) === cached) this.chains.delete(url);
      }
    }
    const loading = this.chains.get(url) ?? this.load(url);
    const chain = await loading;
    try {
      checkCertificateDates(chain, now);
    } catch (error) {
      if (this.chains.get(url) === loading) this.chains.delete(url);
      throw error;
    }
    return chain[0] as X509Certificate;
  }

  /** Starts one download shared by concurrent requests; a failed one is not remembered. */
  private load(url: string): Promise<CertificateChain> {
    const loading = this.download(url);
    this.chains.set(url, loading);
    while (this.chains.size > this.maxEntries) {
      const oldest = this.chains.keys().next().value as string;
      this.chains.delete(oldest);
    }
    loading.catch(() => {
      if (this.chains.get(url) === loading) this.chains.delete(url);
    });
    return loading;
  }

  private async download(url: string): Promise<CertificateChain> {
    let pem: string;
    try {
      pem = await this.options.loadCertificate(url);
    } catch (cause) {
      if (isSkillshopError(cause)) throw cause;
      throw skillshopError('CERT_FETCH_FAILED', `Could not load the Alexa certificate chain from ${url}.`, {
        cause,
        details: { url },
      });
    }
    const chain = parseCertificateChain(pem);
    checkCertificateTrust(chain, this.options.trustedRoots());
    return chain;
  }
}
