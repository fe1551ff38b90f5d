import type { CacheConfig } from './cacheConfig.js';
import { withResponseCache } from './cachedUpstreams.js';
import { ResponseCache } from './ResponseCache.js';
import type { Upstreams } from '../context/GatewayContext.js';
import { withUpstreamCounting } from '../metrics/countedUpstreams.js';
import { UpstreamCounters } from '../metrics/UpstreamCounters.js';
import type { CallContext } from '../upstream/CallContext.js';

const tallyOf = (ctx: CallContext) => ctx.tally;

/**
 * Decorates the raw upstream clients: counting inside (only calls that reach Genesys count),
 * the cross-request response cache outside (per token hash), both reporting into the request's
 * tally (`extensions.cost` with `x-gateway-debug: 1`).
 */
export function cachedUpstreamsFor(
  raw: Upstreams,
  cache: CacheConfig,
  counters: UpstreamCounters = new UpstreamCounters(),
): Upstreams {
  const responseCache = new ResponseCache({
    max: cache.maxEntries,
    maxSize: cache.maxSizeBytes,
    ttlMs: cache.ttlMs,
    counters,
  });
  return withResponseCache(withUpstreamCounting(raw, counters, { tallyOf }), responseCache, {
    tallyOf,
  });
}
