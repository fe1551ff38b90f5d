/** Who a shared entry belongs to: the token (for its key) and its hash (for the storage key). */
export interface TierCaller {
  readonly token: string;
  readonly tokenHash: string;
}

/** Sizes and events of a shared tier, for `/metrics`. */
export interface SharedTierStats {
  /** False while the breaker is open (the tier is skipped: LRU and upstream answer). */
  readonly up: boolean;
  readonly hits: number;
  readonly misses: number;
  /** Commands that failed or timed out (each opens the breaker). */
  readonly errors: number;
  /** Lookups skipped because the breaker was open. */
  readonly skipped: number;
}

/**
 * A cache tier shared by every replica, behind each one's in-process LRU. Every method resolves
 * (never rejects): when the store is slow, down or answers garbage, a lookup is a miss and a write
 * is skipped, so callers are answered from upstream. Values are sealed with the caller's token.
 */
export interface SharedTier {
  /** The fresh value stored under (caller, field), or undefined. */
  get(caller: TierCaller, field: string): Promise<{ value: unknown } | undefined>;
  /**
   * Stores `value` for `ttlMs`, unless the token was dropped meanwhile, or one of its `tags`
   * (invalidation tags, see `dropTags`) was dropped a short while ago.
   */
  set(
    caller: TierCaller,
    field: string,
    value: unknown,
    ttlMs: number,
    tags?: readonly string[],
  ): Promise<void>;
  /**
   * Claims the load of (tokenHash, field) for `lockMs`: true when this replica should load (it
   * holds the claim, or the tier is down), false when another replica is already loading it.
   */
  claim(tokenHash: string, field: string, lockMs: number): Promise<boolean>;
  /** Gives a claim back early (the answer is stored, or the load failed). */
  release(tokenHash: string, field: string): Promise<void>;
  /** Remembers that `tokenHash` belongs to `userKey`, so `dropUser` finds it on any replica. */
  noteToken(userKey: string, tokenHash: string, ttlMs: number): Promise<void>;
  /** Drops every entry of a token, and refuses its writes for a while (a load still running). */
  dropToken(tokenHash: string): Promise<void>;
  /** Drops every entry of every token noted for the user. */
  dropUser(userKey: string): Promise<void>;
  /**
   * Drops every entry, of every token, stored with one of the tags (a write made them stale), and
   * refuses to store entries with them for a while (loads that began before the write).
   */
  dropTags(tags: readonly string[]): Promise<void>;
  /** False while the breaker is open. */
  readonly up: boolean;
  stats(): SharedTierStats;
  close(): Promise<void>;
}
