import { LRUCache } from 'lru-cache';
import { SharedLoad } from './SharedLoad.js';

/** How a lookup was answered. */
export type LookupSource =
  /** From a stored, fresh answer. */
  | 'hit'
  /** By joining a load already running for the key. */
  | 'coalesced'
  /** By a new load. */
  | 'miss'
  /** Not at all: the caller's signal had aborted before it asked (no load was started). */
  | 'aborted';

/** Options of {@link CoalescingCache}. Every bound is required or has a visible default. */
export interface CoalescingCacheOptions<V> {
  /** Most answers stored at once (count, ≥ 1). Required: no unbounded cache. */
  max: number;
  /**
   * Time to live of a stored answer, in ms (≥ 0); `0` stores nothing, so the cache only
   * coalesces concurrent loads. Required. A lookup may give its own (`LookupOptions.ttlMs`).
   */
  ttlMs: number;
  /** Most summed size of the stored answers, in the unit of `sizeOf`. Default: no size bound. */
  maxSize?: number;
  /**
   * Size of one answer in the unit of `maxSize` (a positive integer). Required with `maxSize`.
   * When it throws, the answer is served but not stored.
   */
  sizeOf?: (value: V, key: string) => number;
  /**
   * Largest single answer, in the unit of `maxSize`; a larger one is served but not stored (and
   * removes an older answer under its key, as lru-cache does). Default `maxSize`.
   */
  maxEntrySize?: number;
  /**
   * What a load does once every caller waiting on it has gone:
   * - `'abort'`: its signal aborts and it is forgotten, so the next caller starts a fresh load
   *   (work for one caller's request, such as an upstream read);
   * - `'finish'`: it runs to its end and its answer is stored (work others of the same key will
   *   need, such as a token check or a session handshake; its own deadline bounds it).
   *
   * Either way a caller whose signal aborts is answered at once (see `SharedLoad`).
   */
  whenUnwanted: 'abort' | 'finish';
  /** Monotonic clock in ms, for TTL tests; default `performance.now`. Read on every check. */
  now?: () => number;
  /**
   * Called after an answer is stored under `key`: the place for an index of keys (by user, by
   * tag) or a write to a second tier behind this one.
   */
  onStore?: (key: string, value: V) => void;
  /**
   * Called when a stored answer leaves: evicted, expired, replaced, deleted or cleared. Keeps an
   * index built by `onStore` as bounded as the cache itself.
   */
  onRemove?: (key: string, value: V) => void;
}

/** Per-lookup options. */
export interface LookupOptions {
  /** The caller's lifetime; an aborted caller is answered at once. */
  signal?: AbortSignal;
  /** What an aborted caller is rejected with; default `signal.reason`. */
  onAbort?: (signal: AbortSignal) => unknown;
  /** Time to live of this key's answer if this lookup starts its load; default the cache's. */
  ttlMs?: number;
}

/** What {@link CoalescingCache.lookup} found, and the answer. */
export interface Lookup<V> {
  readonly source: LookupSource;
  readonly value: Promise<V>;
}

interface Flight<V> {
  readonly load: SharedLoad<V>;
  /** Set by `delete` or `clear` while the load ran: its answer must not be stored. */
  detached: boolean;
}

/**
 * A bounded LRU of answers with the loads still running for it: concurrent lookups of a key that
 * is not stored share one load (`SharedLoad`), only successes are stored (a rejection reaches
 * every waiter and the next lookup loads again), and `delete` also makes a running load's answer
 * unstorable, so an invalidation (sign-out) can never be undone by a load that started before it.
 * Bounded by `max`, optionally by `maxSize`, and by a TTL per answer. Keys are strings the owner
 * builds (and makes safe: the gateway's always carry the caller's token hash).
 *
 * The owner builds what is specific on top: key shape, counters, freezing, an index of keys for
 * invalidation by group (`onStore`/`onRemove`), a second tier (a `load` that asks it first, and
 * `onStore` to write to it). Loads still running are not bounded here: there are at most as many
 * as concurrent callers, each bounded by its own deadline.
 */
export class CoalescingCache<V extends NonNullable<unknown>> {
  readonly #lru: LRUCache<string, V>;
  readonly #flights = new Map<string, Flight<V>>();
  readonly #ttlMs: number;
  readonly #sizeOf: ((value: V, key: string) => number) | undefined;
  readonly #maxEntrySize: number;
  readonly #abortWhenUnwanted: boolean;
  readonly #onStore: ((key: string, value: V) => void) | undefined;

  constructor(options: CoalescingCacheOptions<V>) {
    const { max, ttlMs, maxSize, sizeOf, now, onRemove } = options;
    requireInt('max', max, 1, 'most answers stored (count)');
    requireInt('ttlMs', ttlMs, 0, 'time to live in milliseconds (0 = store nothing)');
    if (maxSize !== undefined) {
      requireInt('maxSize', maxSize, 1, 'most summed size of the answers');
      if (typeof sizeOf !== 'function')
        throw new TypeError('CoalescingCache: sizeOf is required with maxSize');
    }
    const maxEntrySize = options.maxEntrySize ?? maxSize ?? Number.MAX_SAFE_INTEGER;
    requireInt('maxEntrySize', maxEntrySize, 1, 'largest single answer');
    if (options.whenUnwanted !== 'abort' && options.whenUnwanted !== 'finish')
      throw new TypeError("CoalescingCache: whenUnwanted must be 'abort' or 'finish'");
    this.#ttlMs = ttlMs;
    this.#sizeOf = maxSize === undefined ? undefined : sizeOf;
    this.#maxEntrySize = Math.min(maxEntrySize, maxSize ?? maxEntrySize);
    this.#abortWhenUnwanted = options.whenUnwanted === 'abort';
    this.#onStore = options.onStore;
    this.#lru = new LRUCache<string, V>({
      max,
      ...(maxSize === undefined ? {} : { maxSize, maxEntrySize: this.#maxEntrySize }),
      ttlAutopurge: false,
      // lru-cache reads a start time of exactly 0 as "no TTL", and a fake clock starts at 0: shift
      // it by 1 ms so no answer can become immortal. Read on every check, so fake time is exact.
      ...(now ? { perf: { now: () => now() + 1 }, ttlResolution: 0 } : {}),
      ...(onRemove ? { dispose: (value: V, key: string) => onRemove(key, value) } : {}),
    });
  }

  /**
   * The answer for `key`: stored and fresh (`hit`); else from the load already running for it
   * (`coalesced`); else from a new `load` (`miss`), stored if it succeeds and the TTL is not 0. A
   * caller whose signal had already aborted starts nothing (`aborted`).
   *
   * @param load the work; its signal aborts only under `whenUnwanted: 'abort'`, once every waiting
   *   caller has gone. A synchronous throw counts as a rejection.
   */
  lookup(
    key: string,
    load: (signal: AbortSignal) => Promise<V>,
    options: LookupOptions = {},
  ): Lookup<V> {
    const { signal, onAbort = (s: AbortSignal): unknown => s.reason } = options;
    if (signal?.aborted) return { source: 'aborted', value: Promise.reject(onAbort(signal)) };
    const stored = this.#lru.get(key);
    if (stored !== undefined) return { source: 'hit', value: Promise.resolve(stored) };
    const running = this.#flights.get(key);
    if (running) return { source: 'coalesced', value: running.load.join(signal, onAbort) };

    const ttlMs = options.ttlMs ?? this.#ttlMs;
    requireInt('ttlMs', ttlMs, 0, 'time to live in milliseconds (0 = store nothing)');
    const flight: Flight<V> = {
      detached: false,
      load: new SharedLoad<V>(
        load,
        this.#abortWhenUnwanted ? () => this.#land(key, flight) : undefined,
      ),
    };
    this.#flights.set(key, flight);
    flight.load.promise.then(
      (value) => {
        this.#land(key, flight);
        if (!flight.detached && ttlMs > 0) this.#store(key, value, ttlMs);
      },
      () => this.#land(key, flight),
    );
    return { source: 'miss', value: flight.load.join(signal, onAbort) };
  }

  /** {@link lookup}'s answer alone. */
  get(
    key: string,
    load: (signal: AbortSignal) => Promise<V>,
    options: LookupOptions = {},
  ): Promise<V> {
    return this.lookup(key, load, options).value;
  }

  /** The stored, fresh answer for `key`, without touching its recency; no load. */
  peek(key: string): V | undefined {
    return this.#lru.peek(key);
  }

  /**
   * Forgets `key`: drops its stored answer, and detaches a load still running for it (callers
   * already waiting still get its answer; it is not stored, and the next lookup loads again).
   */
  delete(key: string): void {
    const flight = this.#flights.get(key);
    if (flight) {
      flight.detached = true;
      this.#flights.delete(key);
    }
    this.#lru.delete(key);
  }

  /** Forgets everything: every stored answer, and every running load as {@link delete} does. */
  clear(): void {
    for (const flight of this.#flights.values()) flight.detached = true;
    this.#flights.clear();
    this.#lru.clear();
  }

  /** Removes the answers past their TTL now (lru-cache otherwise keeps them until touched). */
  purgeStale(): void {
    this.#lru.purgeStale();
  }

  /** Keys of the loads running now (a snapshot), for invalidation by group. */
  keysInFlight(): string[] {
    return [...this.#flights.keys()];
  }

  /** Answers stored now (expired ones count until they are touched). */
  get size(): number {
    return this.#lru.size;
  }

  /** Summed size of the stored answers (0 without `maxSize`). */
  get calculatedSize(): number {
    return this.#lru.calculatedSize;
  }

  /** Loads running now. */
  get inFlight(): number {
    return this.#flights.size;
  }

  #store(key: string, value: V, ttlMs: number): void {
    let size: number | undefined;
    if (this.#sizeOf) {
      try {
        size = this.#sizeOf(value, key);
      } catch {
        return; // An answer that cannot be measured is served but not kept.
      }
      if (!Number.isSafeInteger(size) || size < 1 || size > this.#maxEntrySize) {
        this.#lru.delete(key); // Like lru-cache: a too-large answer also removes an older one.
        return;
      }
    }
    this.#lru.set(key, value, size === undefined ? { ttl: ttlMs } : { ttl: ttlMs, size });
    this.#onStore?.(key, value);
  }

  /** Stops handing `flight` to new callers, unless another load already took its place. */
  #land(key: string, flight: Flight<V>): void {
    if (this.#flights.get(key) === flight) this.#flights.delete(key);
  }
}

function requireInt(name: string, value: unknown, min: number, meaning: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new TypeError(
      `CoalescingCache: ${name} must be ${meaning}, an integer ≥ ${min}; got ${String(value)}`,
    );
  }
}
