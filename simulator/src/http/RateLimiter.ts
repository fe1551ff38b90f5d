/** Outcome of counting one request against a key's window. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the window resets (≥ 1). */
  resetSec: number;
}

const WINDOW_MS = 60_000;
/** Keys tracked before expired windows are swept. */
const SWEEP_ABOVE_KEYS = 10_000;
/** Hard bound: a flood of distinct (bogus) tokens within one minute resets every window. */
const MAX_KEYS = 100_000;

/**
 * Fixed one-minute windows per key (token hash, or `ip:<address>` for requests without a token),
 * like Genesys Cloud's per-client-per-user limit (`org.app.user.rate.per.minute`, default 300).
 */
export class RateLimiter {
  readonly #windows = new Map<string, { startMs: number; count: number }>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Counts one request; null when limiting is off (`limitPerMinute` 0). */
  take(key: string, limitPerMinute: number): RateLimitDecision | null {
    if (limitPerMinute <= 0) return null;
    const now = this.#now();
    let w = this.#windows.get(key);
    if (!w || now - w.startMs >= WINDOW_MS) {
      if (this.#windows.size >= SWEEP_ABOVE_KEYS) this.#sweep(now);
      w = { startMs: now, count: 0 };
      this.#windows.set(key, w);
    }
    const resetSec = Math.max(1, Math.ceil((w.startMs + WINDOW_MS - now) / 1000));
    if (w.count >= limitPerMinute)
      return { allowed: false, limit: limitPerMinute, remaining: 0, resetSec };
    w.count += 1;
    return { allowed: true, limit: limitPerMinute, remaining: limitPerMinute - w.count, resetSec };
  }

  /** Forgets every window. */
  reset(): void {
    this.#windows.clear();
  }

  #sweep(now: number): void {
    for (const [key, w] of this.#windows)
      if (now - w.startMs >= WINDOW_MS) this.#windows.delete(key);
    if (this.#windows.size >= MAX_KEYS) this.#windows.clear();
  }
}
