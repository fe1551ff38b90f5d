/**
 * Settings of the cross-request response cache (`ResponseCache`), their defaults and the names of
 * their environment variables. They are read by the one configuration reader
 * (`src/config/cacheConfig.ts`).
 */

/** The kinds of upstream answers the response cache holds, one TTL each. */
export const CACHE_KINDS = [
  'wfmUser',
  'sites',
  'teams',
  'agents',
  'schedules',
  'openId',
  'timeOff',
] as const;

/** One kind of cached upstream answer. */
export type CacheKind = (typeof CACHE_KINDS)[number];

/** Bounds and lifetimes of the response cache. Every number carries its unit in its name. */
export interface CacheConfig {
  /** Most entries held at once, all kinds and tokens together (count). Default 10,000. */
  readonly maxEntries: number;
  /** Most estimated bytes held at once (see `ResponseCache`'s size estimate). Default 64 MiB. */
  readonly maxSizeBytes: number;
  /**
   * Time to live per kind, in milliseconds; `0` turns caching of that kind off (concurrent
   * identical calls still coalesce). Defaults: wfmUser 60 s, sites/teams/agents 300 s,
   * schedules 60 s, openId 60 s, timeOff 30 s (time-off lists; writes drop them by tag).
   */
  readonly ttlMs: Readonly<Record<CacheKind, number>>;
}

/** The defaults, frozen. */
export const DEFAULT_CACHE_CONFIG: CacheConfig = Object.freeze({
  maxEntries: 10_000,
  maxSizeBytes: 64 * 1024 * 1024,
  ttlMs: Object.freeze({
    wfmUser: 60_000,
    sites: 300_000,
    teams: 300_000,
    agents: 300_000,
    schedules: 60_000,
    openId: 60_000,
    timeOff: 30_000,
  }),
});

/**
 * Name of the TTL variable of a kind: `CACHE_TTL_<KIND>_MS` with the kind in upper snake case
 * (`wfmUser` → `CACHE_TTL_WFM_USER_MS`, `openId` → `CACHE_TTL_OPEN_ID_MS`, `sites` → `CACHE_TTL_SITES_MS`).
 */
export function cacheTtlEnvName(kind: CacheKind): string {
  return `CACHE_TTL_${kind.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_MS`;
}
