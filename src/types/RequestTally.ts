/**
 * What one GraphQL request cost: created per request (`createRequestTally`), threaded to the
 * response cache and the upstream clients, and reported in `extensions.cost` only when the caller
 * sends `x-gateway-debug: 1` (see `server/plugins/debugCostPlugin.ts`).
 */
export interface RequestTally {
  /** Upstream calls this request made itself (calls it only joined count as `coalesced`). */
  upstreamCalls: number;
  /** Answers served from the cross-request cache. */
  cacheHits: number;
  /** Answers shared with an identical call already in flight for the same token. */
  coalesced: number;
  /**
   * Kinds of the per-resource cache this request read through (hit, coalesced or miss): the
   * whole-answer cache's TTL and tags. Optional: tallies built without it record none.
   */
  readonly kindsRead?: Set<string>;
  /**
   * Invalidation tags of the cached answers this request read (a site's time-off list, schedule
   * weeks): the whole-answer cache drops the answer when a write drops one of them. Optional.
   */
  readonly tagsRead?: Set<string>;
}

/** A fresh tally with every count at zero. */
export function createRequestTally(): RequestTally {
  return {
    upstreamCalls: 0,
    cacheHits: 0,
    coalesced: 0,
    kindsRead: new Set(),
    tagsRead: new Set(),
  };
}
