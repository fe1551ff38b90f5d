import type { CacheConfig } from './cacheConfig.js';
import { freezeAndMeasure } from './freezeAndMeasure.js';
import { CoalescingCache } from '../shared/CoalescingCache.js';
import type { UpstreamCounters } from '../counters/UpstreamCounters.js';
import type { RequestTally } from '../types/RequestTally.js';
import { ATTR, noteOnActiveSpan } from '../tracing/spans.js';

/** Options of `ResponseCache`. `max`, `maxSize` and `ttlMs` are required: no unbounded cache. */
export interface ResponseCacheOptions {
  /** Most entries held at once, all kinds and tokens together (count). Required; config default 10,000. */
  max: number;
  /** Most estimated bytes held at once (see `freezeAndMeasure`). Required; config default 64 MiB. */
  maxSize: number;
  /**
   * Time to live per kind, in milliseconds (a positive integer, or 0: never store that kind, only
   * coalesce). Required, with at least one kind; `fetch` refuses a kind missing here.
   */
  ttlMs: Readonly<Record<string, number>>;
  /**
   * Memory an answer of a kind keeps alive beyond itself while it is cached (a memo derived from
   * it, such as the converted schedule items), in bytes, counted in its size. Default none.
   */
  derivedBytes?: Readonly<Record<string, (value: unknown) => number>>;
  /** Largest single entry in estimated bytes; larger answers are served but not stored. Default `maxSize / 8`. */
  maxEntrySize?: number;
  /** Where hits, misses and coalesced calls are counted by kind. Default: nowhere. */
  counters?: UpstreamCounters;
  /**
   * Monotonic clock in milliseconds, for TTL tests. Default `performance.now`. When given, the
   * time is read on every staleness check (lru-cache `ttlResolution: 0`), so a fake clock is exact.
   */
  now?: () => number;
}

/** Per-call options of `ResponseCache.fetch`. */
export interface FetchOptions {
  /** The caller's lifetime; an aborted caller is answered at once with the signal's reason. */
  signal?: AbortSignal;
  /** The request's tally, given a cache hit or a coalesced call. */
  tally?: RequestTally;
  /**
   * Invalidation tags of the answer (e.g. the site and weeks it covers): `invalidateTags` drops
   * it for every caller. Default none.
   */
  tags?: readonly string[];
}

/** Sizes at one instant, for tests, bench and the memory checks (RELIABILITY R10). */
export interface ResponseCacheStats {
  entries: number;
  sizeBytes: number;
  inFlight: number;
  tokens: number;
}

/** A stored answer; boxed because an upstream answer may be anything, even `null`. */
interface Entry {
  readonly value: unknown;
  readonly tokenHash: string;
  readonly kind: string;
  readonly tags: readonly string[];
}

/**
 * Heap bytes of one entry besides its answer: its key held by the store, the token index and
 * lru-cache's bookkeeping (the key is counted twice more, per character, on top of this).
 */
export const ENTRY_OVERHEAD_BYTES = 256;

// CallContext.tokenHash is the hex HMAC of the token. Checking the shape keeps a raw token
// (Genesys tokens are UUID-like, with dashes) from ever becoming part of a key.
const TOKEN_HASH = /^[0-9a-f]{16,128}$/i;
const SEP = '\u0000';

/**
 * The cross-request cache of upstream answers, on the shared `CoalescingCache` primitive: every
 * key holds the caller's token hash, only successes are stored, concurrent identical misses share
 * one load, and `invalidateToken` drops everything of a token. Bounded by entries, by estimated
 * bytes and by a TTL per kind. Stored answers are deep-frozen (they are shared between requests).
 */
export class ResponseCache {
  readonly #cache: CoalescingCache<Entry>;
  readonly #ttlMs: ReadonlyMap<string, number>;
  readonly #counters: UpstreamCounters | undefined;
  /** tokenHash → keys stored for it; kept in step with the store by `onStore`/`onRemove`. */
  readonly #keysByToken = new Map<string, Set<string>>();
  /** tag → keys stored with it; kept in step like `#keysByToken`. */
  readonly #keysByTag = new Map<string, Set<string>>();
  /** Tags of the loads still running, so `invalidateTags` can make their answers unstorable. */
  readonly #tagsInFlight = new Map<string, readonly string[]>();

  constructor(options: ResponseCacheOptions) {
    const { max, maxSize, ttlMs } = options ?? ({} as Partial<ResponseCacheOptions>);
    requirePositiveInt('max', max, 'most entries held (count)');
    requirePositiveInt('maxSize', maxSize, 'most estimated bytes held');
    if (ttlMs === null || typeof ttlMs !== 'object' || Object.keys(ttlMs).length === 0) {
      throw new TypeError(
        'ResponseCache: ttlMs is required: a time to live in milliseconds per kind',
      );
    }
    for (const [kind, ttl] of Object.entries(ttlMs)) {
      if (!Number.isSafeInteger(ttl) || ttl < 0) {
        throw new TypeError(
          `ResponseCache: ttlMs.${kind} must be an integer number of milliseconds ≥ 0, got ${String(ttl)}`,
        );
      }
    }
    const maxEntrySize = options.maxEntrySize ?? Math.max(1, Math.floor(maxSize / 8));
    requirePositiveInt('maxEntrySize', maxEntrySize, 'largest single entry in estimated bytes');
    this.#ttlMs = new Map(Object.entries(ttlMs));
    this.#counters = options.counters;
    const derivedBytes = options.derivedBytes ?? {};
    this.#cache = new CoalescingCache<Entry>({
      max,
      // Every lookup gives its kind's TTL.
      ttlMs: 0,
      maxSize,
      maxEntrySize: Math.min(maxEntrySize, maxSize),
      // Freezing on the way in: a stored answer is shared by every later request.
      sizeOf: (entry, key) =>
        freezeAndMeasure(entry.value) +
        (derivedBytes[entry.kind]?.(entry.value) ?? 0) +
        2 * key.length +
        ENTRY_OVERHEAD_BYTES,
      // A load serves one request's callers: once they have all gone, it stops.
      whenUnwanted: 'abort',
      ...(options.now ? { now: options.now } : {}),
      onStore: (key, entry) => {
        addTo(this.#keysByToken, entry.tokenHash, key);
        for (const tag of entry.tags) addTo(this.#keysByTag, tag, key);
      },
      onRemove: (key, entry) => {
        removeFrom(this.#keysByToken, entry.tokenHash, key);
        for (const tag of entry.tags) removeFrom(this.#keysByTag, tag, key);
      },
    });
  }

  /**
   * The answer for (kind, tokenHash, key): from the cache while fresh; else from the load already
   * running for the same triple; else from a new `load`, stored if it succeeds. A rejection is
   * never stored: the next call loads again. Misuse (unknown kind, a tokenHash that is not a hex
   * HMAC) rejects with a TypeError. Loads still running are not bounded here: there are at most as
   * many as concurrent requests, each bounded by its deadline.
   *
   * @param kind a kind configured in `ttlMs`.
   * @param tokenHash `CallContext.tokenHash`, the hex HMAC of the caller's token (never the token).
   * @param key the operation and its canonical arguments; callers must canonicalise (sort id lists).
   * @param load the upstream call; its signal aborts only when every waiting caller has gone.
   */
  fetch<T>(
    kind: string,
    tokenHash: string,
    key: string,
    load: (signal: AbortSignal) => Promise<T>,
    options: FetchOptions = {},
  ): Promise<T> {
    const ttl = this.#ttlMs.get(kind);
    if (ttl === undefined) {
      return Promise.reject(
        new TypeError(
          `ResponseCache.fetch: unknown kind ${JSON.stringify(kind)}; configure its TTL in ttlMs`,
        ),
      );
    }
    if (typeof tokenHash !== 'string' || !TOKEN_HASH.test(tokenHash)) {
      // Never echo the value: it might be a raw token passed by mistake.
      return Promise.reject(
        new TypeError(
          'ResponseCache.fetch: tokenHash must be the hex HMAC of the token (CallContext.tokenHash)',
        ),
      );
    }
    const { signal, tally } = options;
    const tags = options.tags ?? [];
    const fullKey = `${tokenHash}${SEP}${kind}${SEP}${key}`;
    const { source, value } = this.#cache.lookup(
      fullKey,
      async (loadSignal) => {
        if (tags.length > 0) this.#tagsInFlight.set(fullKey, tags);
        try {
          return { value: await load(loadSignal), tokenHash, kind, tags };
        } finally {
          if (this.#tagsInFlight.get(fullKey) === tags) this.#tagsInFlight.delete(fullKey);
        }
      },
      { signal, ttlMs: ttl },
    );
    // A caller that had already gone started nothing and is not counted.
    if (source !== 'aborted') {
      this.#counters?.recordCache(kind, source);
      // The span of this call (tracing on: src/tracing/tracedUpstreams.ts) says how it was answered.
      noteOnActiveSpan({ [ATTR.cache]: source });
    }
    tally?.kindsRead?.add(kind);
    if (tally?.tagsRead) for (const tag of tags) tally.tagsRead.add(tag);
    if (tally && source === 'hit') tally.cacheHits += 1;
    if (tally && source === 'coalesced') tally.coalesced += 1;
    return value.then((entry) => entry.value as T);
  }

  /**
   * Drops every stored answer of a token, and makes answers of its loads still running unstorable
   * (sign-out, password change). Callers already waiting on such a load still get its answer.
   */
  invalidateToken(tokenHash: string): void {
    const prefix = `${tokenHash}${SEP}`;
    // Every key starts with its token hash.
    for (const key of this.#cache.keysInFlight())
      if (key.startsWith(prefix)) this.#cache.delete(key);
    const keys = this.#keysByToken.get(tokenHash);
    if (!keys) return;
    // Copy: each delete runs `onRemove`, which edits the set.
    for (const key of [...keys]) this.#cache.delete(key);
    this.#keysByToken.delete(tokenHash);
  }

  /**
   * Drops every stored answer, of every token, that carries one of the tags (a write made it
   * stale), and makes the answers of such loads still running unstorable.
   */
  invalidateTags(tags: readonly string[]): void {
    const dropped = new Set(tags);
    for (const [key, keyTags] of [...this.#tagsInFlight])
      if (keyTags.some((t) => dropped.has(t))) this.#cache.delete(key);
    for (const tag of dropped)
      for (const key of [...(this.#keysByTag.get(tag) ?? [])]) this.#cache.delete(key);
  }

  /** Drops everything stored and detaches running loads (their answers will not be stored). */
  clear(): void {
    this.#cache.clear();
    this.#keysByToken.clear();
    this.#keysByTag.clear();
  }

  /** Removes the answers past their TTL now, so memory follows the TTLs and not only the bound. */
  purgeStale(): void {
    this.#cache.purgeStale();
  }

  /** Current sizes. */
  stats(): ResponseCacheStats {
    return {
      entries: this.#cache.size,
      sizeBytes: this.#cache.calculatedSize,
      inFlight: this.#cache.inFlight,
      tokens: this.#keysByToken.size,
    };
  }
}

function addTo(index: Map<string, Set<string>>, group: string, key: string): void {
  let keys = index.get(group);
  if (!keys) {
    keys = new Set();
    index.set(group, keys);
  }
  keys.add(key);
}

function removeFrom(index: Map<string, Set<string>>, group: string, key: string): void {
  const keys = index.get(group);
  if (!keys) return;
  keys.delete(key);
  if (keys.size === 0) index.delete(group);
}

/** The options of a `ResponseCache` with the bounds and TTLs of the validated configuration. */
export function responseCacheOptions(
  config: CacheConfig,
  counters?: UpstreamCounters,
  derivedBytes?: ResponseCacheOptions['derivedBytes'],
): ResponseCacheOptions {
  return {
    max: config.maxEntries,
    maxSize: config.maxSizeBytes,
    ttlMs: config.ttlMs,
    ...(counters ? { counters } : {}),
    ...(derivedBytes ? { derivedBytes } : {}),
  };
}

function requirePositiveInt(
  name: string,
  value: unknown,
  meaning: string,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(
      `ResponseCache: ${name} is required: ${meaning}, a positive integer; got ${String(value)}`,
    );
  }
}
