import {
  CACHE_KINDS,
  DEFAULT_CACHE_CONFIG,
  cacheTtlEnvName,
  type CacheConfig,
  type CacheKind,
} from '../cache/cacheConfig.js';
import type { EnvReader } from './read.js';

/** lru-cache preallocates `max` slots, hence the ceiling on entries. */
const MAX_ENTRIES = 1_000_000;
const MAX_BYTES = 4 * 1024 * 1024 * 1024;
/** A day at most: Genesys tokens live far shorter, and a longer TTL would only keep stale data. */
const MAX_TTL_MS = 86_400_000;

/**
 * Reads `CACHE_MAX_ENTRIES`, `CACHE_MAX_BYTES` and `CACHE_TTL_<KIND>_MS` (one per kind, see
 * `cacheTtlEnvName`); defaults in `DEFAULT_CACHE_CONFIG`. A bad value is recorded on `read`.
 */
export function readCacheConfig(read: EnvReader): CacheConfig {
  const d = DEFAULT_CACHE_CONFIG;
  const maxEntries = read.int('CACHE_MAX_ENTRIES', d.maxEntries, 1, MAX_ENTRIES);
  const maxSizeBytes = read.int('CACHE_MAX_BYTES', d.maxSizeBytes, 1024, MAX_BYTES);
  const ttlMs = {} as Record<CacheKind, number>;
  for (const kind of CACHE_KINDS)
    ttlMs[kind] = read.int(cacheTtlEnvName(kind), d.ttlMs[kind], 0, MAX_TTL_MS);
  return { maxEntries, maxSizeBytes, ttlMs };
}
