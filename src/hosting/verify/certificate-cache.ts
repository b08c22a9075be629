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
  validityWindow,
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

interface Entry {
  readonly loading: Promise<CertificateChain>;
  /** Set once loaded: the chain's signing certificate and the span in which the whole chain is in date. */
  loaded?: { signing: X509Certificate; notBefore: number; notAfter: number };
}

export class CertificateCache {
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly chains = new Map<string, Entry>();
  private readonly maxEntries: number;

  constructor(private readonly options: CertificateCacheOptions) {
    this.maxEntries = options.maxEntries ?? CERTIFICATE_CACHE_ENTRIES;
  }

  /** Whether a chain for `url` is cached or loading (its URL was accepted before). */
  has(url: string): boolean {
    return this.chains.has(url);
  }

  /**
   * The signing certificate of the loaded chain at `url` when it is in date at `now` — the answer
   * for almost every request, without waiting a turn; `undefined` means: ask signingCertificate().
   */
  cachedSigningCertificate(url: string, now: number): X509Certificate | undefined {
    const entry = this.chains.get(url);
    const loaded = entry?.loaded;
    if (loaded === undefined || !(now >= loaded.notBefore && now <= loaded.notAfter)) return undefined;
    this.touch(url, entry!);
    return loaded.signing;
  }

  /**
   * The signing certificate of the chain at `url`, in date at `now`. Throws
   * `SKILLSHOP_CERT_FETCH_FAILED` or `SKILLSHOP_CERT_INVALID`.
   */
  async signingCertificate(url: string, now: number): Promise<X509Certificate> {
    const cached = this.chains.get(url);
    if (cached !== undefined) {
      this.touch(url, cached);
      const chain = await cached.loading;
      try {
        checkCertificateDates(chain, now);
        return chain[0] as X509Certificate;
      } catch {
        // Expired while cached: Amazon may have replaced the file at the same URL, so load it once more.
        if (this.chains.get(url) === cached) this.chains.delete(url);
      }
    }
    const entry = this.chains.get(url) ?? this.load(url);
    const chain = await entry.loading;
    try {
      checkCertificateDates(chain, now);
    } catch (error) {
      if (this.chains.get(url) === entry) this.chains.delete(url);
      throw error;
    }
    return chain[0] as X509Certificate;
  }

  /** Moves the entry to the most recent end, unless it is there already. */
  private touch(url: string, entry: Entry): void {
    if (this.chains.size > 1) {
      this.chains.delete(url);
      this.chains.set(url, entry);
    }
  }

  /** Starts one download shared by concurrent requests; a failed one is not remembered. */
  private load(url: string): Entry {
    const loading = this.download(url);
    const entry: Entry = { loading };
    this.chains.set(url, entry);
    while (this.chains.size > this.maxEntries) {
      const oldest = this.chains.keys().next().value as string;
      this.chains.delete(oldest);
    }
    loading.then(
      (chain) => {
        entry.loaded = { signing: chain[0] as X509Certificate, ...validityWindow(chain) };
      },
      () => {
        if (this.chains.get(url) === entry) this.chains.delete(url);
      },
    );
    return entry;
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
