import { CoalescingCache } from '../shared/CoalescingCache.js';

export interface TokenCheckCacheOptions {
  /** Most entries kept (≥ 1). */
  maxEntries: number;
  /** How long a successful check is reused, in ms; 0 disables caching (every check goes upstream). */
  ttlMs: number;
  /** Bound on the summed approximate size of cached values, in bytes; default 32 MiB. */
  maxSizeBytes?: number;
  /** Clock for TTL tests (ms); default `performance.now`. */
  now?: () => number;
}

/**
 * Remembers successful token checks briefly, keyed by the token's HMAC (never the token), on the
 * shared `CoalescingCache` primitive. Failures are never cached (a refreshed token must not keep
 * failing, apollo-server #5608). Concurrent checks of the same token share one upstream call;
 * each waiter still stops at its own `signal`, and the shared call is bounded by the upstream
 * deadline, not by any one caller.
 */
export class TokenCheckCache<V extends object> {
  readonly #cache: CoalescingCache<V>;

  constructor(options: TokenCheckCacheOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new RangeError('TokenCheckCache: maxEntries must be a whole number ≥ 1');
    }
    if (!Number.isSafeInteger(options.ttlMs) || options.ttlMs < 0) {
      throw new RangeError('TokenCheckCache: ttlMs must be ≥ 0 (0 disables caching)');
    }
    this.#cache = new CoalescingCache<V>({
      max: options.maxEntries,
      ttlMs: options.ttlMs,
      maxSize: options.maxSizeBytes ?? 32 * 1024 * 1024,
      sizeOf: approximateSize,
      // The check is the token's, not one request's: it outlives the caller that started it.
      whenUnwanted: 'finish',
      ...(options.now ? { now: options.now } : {}),
    });
  }

  /** Entries currently held (for tests and metrics). */
  get size(): number {
    return this.#cache.size;
  }

  /**
   * The cached value for `tokenHash`, or the result of `check()` (cached only when it resolves).
   * Rejects with `signal.reason` if the caller's signal aborts first.
   */
  getOrCheck(tokenHash: string, check: () => Promise<V>, signal?: AbortSignal): Promise<V> {
    return this.#cache.get(tokenHash, () => check(), { signal });
  }

  /**
   * Forgets one token (sign-out, password change), including a check still running for it: its
   * answer is not remembered, and later requests check the token upstream again.
   */
  delete(tokenHash: string): void {
    this.#cache.delete(tokenHash);
  }

  /** Forgets the checks past their TTL now. */
  purgeStale(): void {
    this.#cache.purgeStale();
  }

  clear(): void {
    this.#cache.clear();
  }
}

function approximateSize(value: object): number {
  try {
    return Math.max(1, JSON.stringify(value).length * 2);
  } catch {
    return 1024;
  }
}
