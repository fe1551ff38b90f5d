import { LRUCache } from 'lru-cache';

/** How many code exchanges one client address may start in a burst, and per minute after it. */
export const EXCHANGES_PER_MINUTE = 20;
/** Addresses remembered at once; the least recently seen is forgotten first. */
const MAX_ADDRESSES = 10_000;

interface Bucket {
  tokens: number;
  /** Epoch ms of the last refill. */
  at: number;
}

/**
 * A token bucket per client address for `POST /playground/token`: a sign-in is a rare event, so
 * a burst of {@link EXCHANGES_PER_MINUTE} then that many per minute is generous for people and
 * stops a script from having the gateway forward junk codes, with its client secret, to the
 * Authentication API. Memory is bounded by {@link MAX_ADDRESSES}.
 */
export class ExchangeThrottle {
  private readonly buckets = new LRUCache<string, Bucket>({ max: MAX_ADDRESSES });

  constructor(
    private readonly perMinute = EXCHANGES_PER_MINUTE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one exchange for `address`: 0 when allowed, else the whole seconds to wait. */
  take(address: string): number {
    const now = this.now();
    const bucket = this.buckets.get(address) ?? { tokens: this.perMinute, at: now };
    const refill = ((now - bucket.at) / 60_000) * this.perMinute;
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + refill);
    bucket.at = now;
    this.buckets.set(address, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - bucket.tokens) * 60) / this.perMinute));
  }
}
