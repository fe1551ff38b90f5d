import { LRUCache } from 'lru-cache';
import { SharedLoad } from '../shared/SharedLoad.js';

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
 * Remembers successful token checks briefly, keyed by the token's HMAC (never the token).
 * Failures are never cached (a refreshed token must not keep failing, apollo-server #5608).
 * Concurrent checks of the same token share one upstream call; each waiter still stops at its
 * own `signal`, and the shared call is bounded by the upstream deadline, not by any one caller.
 */
export class TokenCheckCache<V extends object> {
  readonly #cache: LRUCache<string, V> | null;
  readonly #inFlight = new Map<string, InFlight<V>>();

  constructor(options: TokenCheckCacheOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new RangeError('TokenCheckCache: maxEntries must be a whole number ≥ 1');
    }
    if (!Number.isFinite(options.ttlMs) || options.ttlMs < 0) {
      throw new RangeError('TokenCheckCache: ttlMs must be ≥ 0 (0 disables caching)');
    }
    const now = options.now;
    this.#cache =
      options.ttlMs === 0
        ? null
        : new LRUCache<string, V>({
            max: options.maxEntries,
            ttl: options.ttlMs,
            maxSize: options.maxSizeBytes ?? 32 * 1024 * 1024,
            sizeCalculation: approximateSize,
            // With an injected clock, read it on every check (ttlResolution 0) so fake time is exact.
            ...(now ? { perf: { now }, ttlResolution: 0 } : {}),
          });
  }

  /** Entries currently held (for tests and metrics). */
  get size(): number {
    return this.#cache?.size ?? 0;
  }

  /**
   * The cached value for `tokenHash`, or the result of `check()` (cached only when it resolves).
   * Rejects with `signal.reason` if the caller's signal aborts first.
   */
  async getOrCheck(tokenHash: string, check: () => Promise<V>, signal?: AbortSignal): Promise<V> {
    const hit = this.#cache?.get(tokenHash);
    if (hit !== undefined) return hit;
    let flight = this.#inFlight.get(tokenHash);
    if (flight === undefined) {
      const started: InFlight<V> = {
        forgotten: false,
        // Outlives its callers: the check is the token's, not one request's.
        load: new SharedLoad<V>(() =>
          check().then((value) => {
            // A sign-out while the check ran must not let its answer back in.
            if (!started.forgotten) this.#cache?.set(tokenHash, value);
            return value;
          }),
        ),
      };
      const settled = (): void => {
        if (this.#inFlight.get(tokenHash) === started) this.#inFlight.delete(tokenHash);
      };
      started.load.promise.then(settled, settled);
      this.#inFlight.set(tokenHash, started);
      flight = started;
    }
    return flight.load.join(signal);
  }

  /**
   * Forgets one token (sign-out, password change), including a check still running for it: its
   * answer is not remembered, and later requests check the token upstream again.
   */
  delete(tokenHash: string): void {
    this.#cache?.delete(tokenHash);
    const flight = this.#inFlight.get(tokenHash);
    if (flight) {
      flight.forgotten = true;
      this.#inFlight.delete(tokenHash);
    }
  }

  clear(): void {
    this.#cache?.clear();
  }
}

interface InFlight<V> {
  readonly load: SharedLoad<V>;
  /** Set by `delete` while the check ran: its answer must not be remembered. */
  forgotten: boolean;
}

function approximateSize(value: object): number {
  try {
    return Math.max(1, JSON.stringify(value).length * 2);
  } catch {
    return 1024;
  }
}
