import { LRUCache } from 'lru-cache';

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
  readonly #inFlight = new Map<string, { promise: Promise<V>; forgotten: boolean }>();

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
      const marker = { forgotten: false };
      const promise = check().then((value) => {
        // A sign-out while the check ran must not let its answer back in.
        if (!marker.forgotten) this.#cache?.set(tokenHash, value);
        return value;
      });
      const started = Object.assign(marker, { promise });
      const settled = (): void => {
        if (this.#inFlight.get(tokenHash) === started) this.#inFlight.delete(tokenHash);
      };
      started.promise.then(settled, settled);
      this.#inFlight.set(tokenHash, started);
      flight = started;
    }
    return signal ? raceSignal(flight.promise, signal) : flight.promise;
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

function approximateSize(value: object): number {
  try {
    return Math.max(1, JSON.stringify(value).length * 2);
  } catch {
    return 1024;
  }
}

function raceSignal<V>(promise: Promise<V>, signal: AbortSignal): Promise<V> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<V>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
