/**
 * Settings of the cross-request response cache (`ResponseCache`) and their environment variables.
 * `config.ts` is the only reader of `process.env`; it hands the variables to `cacheConfigFromEnv`.
 */

/** The kinds of upstream answers the response cache holds, one TTL each. */
export const CACHE_KINDS = ['wfmUser', 'sites', 'teams', 'agents', 'schedules', 'openId'] as const;

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
   * schedules 60 s, openId 60 s.
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
  }),
});

/** Accepted ranges, inclusive. lru-cache preallocates `max` slots, hence the ceiling on entries. */
const LIMITS = {
  maxEntries: { min: 1, max: 1_000_000 },
  maxSizeBytes: { min: 1024, max: 4 * 1024 * 1024 * 1024 },
  // A day at most: Genesys tokens live far shorter, and a longer TTL would only keep stale data.
  ttlMs: { min: 0, max: 86_400_000 },
} as const;

/**
 * Name of the TTL variable of a kind: `CACHE_TTL_<KIND>_MS` with the kind in upper snake case
 * (`wfmUser` → `CACHE_TTL_WFM_USER_MS`, `openId` → `CACHE_TTL_OPEN_ID_MS`, `sites` → `CACHE_TTL_SITES_MS`).
 */
export function cacheTtlEnvName(kind: CacheKind): string {
  return `CACHE_TTL_${kind.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_MS`;
}

/**
 * Reads `CACHE_MAX_ENTRIES`, `CACHE_MAX_BYTES` and `CACHE_TTL_<KIND>_MS` (see `cacheTtlEnvName`);
 * an unset or empty variable keeps its default. Values are plain decimal integers.
 *
 * @throws Error naming the variable, the rule and the value received, for the first bad value.
 */
export function cacheConfigFromEnv(env: Readonly<Record<string, string | undefined>>): CacheConfig {
  const ttlMs = {} as Record<CacheKind, number>;
  for (const kind of CACHE_KINDS) {
    ttlMs[kind] = readInt(
      env,
      cacheTtlEnvName(kind),
      DEFAULT_CACHE_CONFIG.ttlMs[kind],
      LIMITS.ttlMs,
    );
  }
  return Object.freeze({
    maxEntries: readInt(
      env,
      'CACHE_MAX_ENTRIES',
      DEFAULT_CACHE_CONFIG.maxEntries,
      LIMITS.maxEntries,
    ),
    maxSizeBytes: readInt(
      env,
      'CACHE_MAX_BYTES',
      DEFAULT_CACHE_CONFIG.maxSizeBytes,
      LIMITS.maxSizeBytes,
    ),
    ttlMs: Object.freeze(ttlMs),
  });
}

function readInt(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  range: { readonly min: number; readonly max: number },
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
    throw new Error(
      `Invalid ${name}: must be a whole number from ${range.min} to ${range.max} ` +
        `(plain digits, no unit), got ${JSON.stringify(shown)}`,
    );
  }
  return value;
}
