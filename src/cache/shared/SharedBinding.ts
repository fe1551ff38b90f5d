import type { SharedLoadTiming } from './sharedLoad.js';
import type { SharedTier } from './SharedTier.js';

/** Field kind of token checks in the shared tier (the other kinds are `CacheKind`s). */
export const TOKEN_CHECK_KIND = 'tokenCheck';

/** What the cache decorators need to put the shared tier behind the LRU. */
export interface SharedBinding {
  readonly tier: SharedTier;
  readonly timing: SharedLoadTiming;
  /** Shared TTL per kind, ms: the response cache's kinds and `tokenCheck`. */
  readonly ttlMs: Readonly<Record<string, number>>;
  /** Records in the tier that a token belongs to a user (`Invalidation`'s `onNewToken`). */
  readonly noteToken: (userKey: string, tokenHash: string) => void;
}
