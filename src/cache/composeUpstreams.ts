import type { CacheConfig } from './cacheConfig.js';
import { withResponseCache } from './cachedUpstreams.js';
import { ResponseCache, type ResponseCacheOptions } from './ResponseCache.js';
import { withUpstreamCounting } from '../counters/countedUpstreams.js';
import { UpstreamCounters } from '../counters/UpstreamCounters.js';
import type { CallContext } from '../types/CallContext.js';
import type { Upstreams } from '../types/Upstreams.js';

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
  return composeUpstreams(raw, cache, counters).upstreams;
}

/**
 * Like {@link cachedUpstreamsFor}, and also returns the response cache it built, so its sizes can
 * be reported (`/metrics`: `gateway_response_cache_entries`, `gateway_response_cache_bytes`).
 */
export function composeUpstreams(
  raw: Upstreams,
  cache: CacheConfig,
  counters: UpstreamCounters = new UpstreamCounters(),
  extra: Pick<ResponseCacheOptions, 'now' | 'brokenKeyForTests'> = {},
): { upstreams: Upstreams; responseCache: ResponseCache } {
  const responseCache = new ResponseCache({
    max: cache.maxEntries,
    maxSize: cache.maxSizeBytes,
    ttlMs: cache.ttlMs,
    counters,
    // Tests only: a fake clock for TTLs, and the broken key the isolation tests must catch.
    ...extra,
  });
  const upstreams = responseCacheLayer(responseCache, counters)(raw);
  return { upstreams, responseCache };
}

/**
 * The decoration of {@link composeUpstreams} over a cache built elsewhere, as a function of the
 * raw clients: what `createUpstreams({ decorate })` takes.
 */
export function responseCacheLayer(
  responseCache: ResponseCache,
  counters: UpstreamCounters,
): (raw: Upstreams) => Upstreams {
  return (raw) =>
    withResponseCache(withUpstreamCounting(raw, counters, { tallyOf }), responseCache, {
      tallyOf,
    });
}
