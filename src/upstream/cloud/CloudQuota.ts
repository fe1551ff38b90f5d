import type { IncomingHttpHeaders } from 'node:http';
import { LRUCache } from 'lru-cache';

/** Construction options; every number carries its unit. */
export interface CloudQuotaOptions {
  /**
   * Share of a window's allowance kept back, in percent (CLOUD_RATE_RESERVE_PERCENT, default
   * 10): once no more requests than that remain, the token's expensive requests are refused
   * locally until the window resets. 0 turns pacing off (the quota is still read).
   */
  reservePercent: number;
  /** Most tokens remembered at once (least recently answered forgotten first). */
  maxTokens: number;
  /** Clock, epoch ms. Default `Date.now`. */
  now?: () => number;
}

/** What the last answer of a token said about its window (`inin-ratelimit-*`). */
interface Window {
  allowed: number;
  remaining: number;
  resetAtMs: number;
}

/** A local refusal: how long until the token's window resets. */
export interface QuotaRefusal {
  retryAfterSec: number;
  remaining: number;
  allowed: number;
}

/** Longest window believed, in seconds (Genesys Cloud windows are a minute). */
const MAX_RESET_SEC = 3_600;

/**
 * The remaining Platform API quota per token, read from the `inin-ratelimit-count`,
 * `inin-ratelimit-allowed` and `inin-ratelimit-reset` headers of every answer (Genesys counts
 * requests per client and user, i.e. per token; docs/cloud.md "Pacing"). Keyed by the token's
 * HMAC, never the token; bounded by `maxTokens`; an entry is void once its reset has passed.
 * A 429 leaves nothing remaining until its `Retry-After`. Holds no caller data beyond three
 * numbers per token hash.
 */
export class CloudQuota {
  readonly #windows: LRUCache<string, Window>;
  readonly #reservePercent: number;
  readonly #now: () => number;
  #refused = 0;

  constructor(options: CloudQuotaOptions) {
    if (!(options.reservePercent >= 0 && options.reservePercent < 100))
      throw new RangeError('CloudQuota: reservePercent must be in [0, 100)');
    if (!(options.maxTokens >= 1)) throw new RangeError('CloudQuota: maxTokens must be ≥ 1');
    this.#windows = new LRUCache({ max: options.maxTokens });
    this.#reservePercent = options.reservePercent;
    this.#now = options.now ?? Date.now;
  }

  /** Records what an answer to `tokenHash` said; answers without the headers change nothing. */
  note(tokenHash: string, status: number, headers: IncomingHttpHeaders): void {
    const allowed = intHeader(headers['inin-ratelimit-allowed']);
    const count = intHeader(headers['inin-ratelimit-count']);
    const resetSec = intHeader(headers['inin-ratelimit-reset']);
    const retryAfterSec = status === 429 ? intHeader(headers['retry-after']) : undefined;
    const waitSec = Math.max(resetSec ?? 0, retryAfterSec ?? 0);
    if (waitSec <= 0 || waitSec > MAX_RESET_SEC) return;
    if (status !== 429 && (allowed === undefined || count === undefined || allowed === 0)) return;
    const total = allowed ?? 0;
    this.#windows.set(tokenHash, {
      allowed: total,
      remaining: status === 429 ? 0 : Math.max(0, total - (count ?? 0)),
      resetAtMs: this.#now() + waitSec * 1000,
    });
  }

  /**
   * Null when `tokenHash` may spend an expensive request now; else the refusal (counted in
   * {@link refused}). Unknown tokens, and tokens whose window has reset, are admitted.
   */
  admit(tokenHash: string): QuotaRefusal | null {
    const w = this.#windows.get(tokenHash);
    if (!w) return null;
    const now = this.#now();
    if (now >= w.resetAtMs) {
      this.#windows.delete(tokenHash);
      return null;
    }
    // A search costs at least one request: admitted only while more than the reserve is left.
    const reserve = Math.ceil((w.allowed * this.#reservePercent) / 100);
    if (this.#reservePercent === 0 || w.remaining > reserve) return null;
    this.#refused += 1;
    return {
      retryAfterSec: Math.max(1, Math.ceil((w.resetAtMs - now) / 1000)),
      remaining: w.remaining,
      allowed: w.allowed,
    };
  }

  /** Expensive requests refused locally since start (`gateway_cloud_paced_refusals_total`). */
  get refused(): number {
    return this.#refused;
  }

  /** Tokens whose window is remembered. */
  get size(): number {
    return this.#windows.size;
  }
}

function intHeader(value: string | string[] | undefined): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (raw === undefined || !/^\d{1,9}$/.test(raw)) return undefined;
  return Number(raw);
}
