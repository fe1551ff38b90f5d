import type { RequestTally } from '../metrics/UpstreamCounters.js';

/**
 * What every upstream call carries: the caller's own credentials and the request's lifetime.
 * Created per GraphQL request; never stored on a shared client.
 */
export interface CallContext {
  /** The caller's raw Bearer token, forwarded as `Authorization: Bearer <token>`. */
  readonly token: string;
  /** HMAC of the token (hex); safe for cache keys and logs. */
  readonly tokenHash: string;
  /** Aborted when the client disconnects or the gateway deadline passes. */
  readonly signal?: AbortSignal;
  /** Correlates log lines of one gateway request. */
  readonly requestId?: string;
  /**
   * This request's cost counters (upstream calls, cache hits, coalesced calls), found by the
   * caching and counting decorators through `tallyOf: (ctx) => ctx.tally`. Optional.
   */
  readonly tally?: RequestTally;
}
