import { LRUCache } from 'lru-cache';

/** Options of {@link WholeAnswerCache}; every bound is required. */
export interface WholeAnswerCacheOptions {
  /** Most answers held (count). */
  maxEntries: number;
  /** Most bytes held: the serialised answers, their keys and a fixed overhead per entry. */
  maxBytes: number;
  /** Time to live per kind the answer read (ms); an answer lives as long as its shortest kind. */
  ttlMs: Readonly<Record<string, number>>;
  /** Cap on every answer's life (the token check's TTL, ms): the answer presumes its caller. */
  maxTtlMs: number;
  /** Monotonic clock (ms) for tests; default `performance.now`. */
  now?: () => number;
}

/** What a request is answered with on a hit: the exact bytes and headers of the first answer. */
export interface StoredAnswer {
  readonly body: Buffer;
  readonly headers: readonly (readonly [string, string])[];
}

/** What identifies one answer besides its caller. */
export interface AnswerKey {
  readonly documentHash: string;
  readonly operationName: string | undefined;
  readonly variables: unknown;
  /** The request's `accept` header: the answer's content type follows it. */
  readonly accept: string;
}

interface Entry extends StoredAnswer {
  readonly tokenHash: string;
  readonly tags: readonly string[];
}

/**
 * Bytes counted per entry beyond its body and key: the entry object, the LRU's slots, the index
 * sets' slots. Measured with V8's heap snapshots at ≈ 300–400 bytes; rounded up.
 */
export const ENTRY_OVERHEAD_BYTES = 512;

const TOKEN_HASH = /^[0-9a-f]{16,128}$/i;
const SEP = '\u0000';

/**
 * The whole-answer cache (issue 11 item 1): the serialised answer of a query, per caller (token
 * HMAC), document hash, operation name and variables, so a hit is answered without validation or
 * execution. Stored only for answers without errors whose every upstream read went through the
 * per-resource cache (the caller reports the kinds it read: `store(…, kinds)`); an answer lives
 * as long as the shortest TTL among its kinds, never longer than `maxTtlMs`. Sizes are the bytes
 * really held. Registered with `Invalidation`: `dropToken` and `dropTags` (the kinds are the tags).
 */
export class WholeAnswerCache {
  readonly #lru: LRUCache<string, Entry>;
  readonly #ttlMs: ReadonlyMap<string, number>;
  readonly #maxTtlMs: number;
  readonly #keysByToken = new Map<string, Set<string>>();
  readonly #keysByTag = new Map<string, Set<string>>();
  /** Counts drops: an answer computed across a drop may be stale and is not stored. */
  #epoch = 0;

  constructor(options: WholeAnswerCacheOptions) {
    for (const name of ['maxEntries', 'maxBytes'] as const) {
      const value = options[name];
      if (!Number.isSafeInteger(value) || value < 1)
        throw new TypeError(`WholeAnswerCache: ${name} must be a positive integer, got ${value}`);
    }
    if (!Number.isSafeInteger(options.maxTtlMs) || options.maxTtlMs < 0)
      throw new TypeError('WholeAnswerCache: maxTtlMs must be an integer ≥ 0');
    this.#ttlMs = new Map(Object.entries(options.ttlMs));
    this.#maxTtlMs = options.maxTtlMs;
    const now = options.now;
    this.#lru = new LRUCache<string, Entry>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      maxEntrySize: Math.max(1, Math.floor(options.maxBytes / 8)),
      sizeCalculation: (entry, key) => entrySize(entry, key),
      ...(now ? { perf: { now: () => now() + 1 }, ttlResolution: 0 } : {}),
      dispose: (entry, key) => this.#unindex(entry, key),
    });
  }

  /** The stored answer of this caller for `key`, while fresh. */
  get(tokenHash: string, key: AnswerKey): StoredAnswer | undefined {
    const entry = this.#lru.get(this.keyOf(tokenHash, key));
    return entry && entry.tokenHash === tokenHash ? entry : undefined;
  }

  /** Call when the request starts computing its answer; give the result to `store`. */
  begin(): number {
    return this.#epoch;
  }

  /**
   * Stores an answer that read `kinds` (and the finer `extraTags` of its cached reads); returns whether it was stored (not when a kind is
   * unknown or has TTL 0, when anything was dropped since `begin()`, or when the answer is larger
   * than an eighth of the bound).
   */
  store(
    tokenHash: string,
    key: AnswerKey,
    answer: StoredAnswer,
    kinds: Iterable<string>,
    since: number,
    extraTags: Iterable<string> = [],
  ): boolean {
    if (since !== this.#epoch || !TOKEN_HASH.test(tokenHash)) return false;
    let ttl = this.#maxTtlMs;
    const tags: string[] = [];
    for (const kind of kinds) {
      const kindTtl = this.#ttlMs.get(kind);
      if (kindTtl === undefined) return false;
      ttl = Math.min(ttl, kindTtl);
      tags.push(kind);
    }
    if (ttl <= 0) return false;
    // Finer tags of what the answer read (a site's time-off list, schedule weeks): a write that
    // drops one of them drops this answer too.
    for (const tag of extraTags) tags.push(tag);
    const fullKey = this.keyOf(tokenHash, key);
    this.#lru.set(fullKey, { ...answer, tokenHash, tags }, { ttl });
    if (!this.#lru.has(fullKey)) return false;
    addTo(this.#keysByToken, tokenHash, fullKey);
    for (const tag of tags) addTo(this.#keysByTag, tag, fullKey);
    return true;
  }

  /** Drops every answer of a token (sign-out, password change). */
  dropToken(tokenHash: string): void {
    this.#epoch += 1;
    for (const key of [...(this.#keysByToken.get(tokenHash) ?? [])]) this.#lru.delete(key);
  }

  /** Drops every answer that read one of the tags (kinds). */
  dropTags(tags: readonly string[]): void {
    this.#epoch += 1;
    for (const tag of tags)
      for (const key of [...(this.#keysByTag.get(tag) ?? [])]) this.#lru.delete(key);
  }

  /** Removes answers past their TTL now (lru-cache otherwise keeps them until touched). */
  purgeStale(): void {
    this.#lru.purgeStale();
  }

  /** Sizes now: entries, bytes held (as counted), tokens. */
  stats(): { entries: number; sizeBytes: number; tokens: number } {
    return {
      entries: this.#lru.size,
      sizeBytes: this.#lru.calculatedSize,
      tokens: this.#keysByToken.size,
    };
  }

  /** The key of one caller's answer. Protected so a test can build a broken one (negative control). */
  protected keyOf(tokenHash: string, key: AnswerKey): string {
    return `${tokenHash}${SEP}${key.documentHash}${SEP}${key.operationName ?? ''}${SEP}${key.accept}${SEP}${canonicalJson(key.variables)}`;
  }

  #unindex(entry: Entry, key: string): void {
    removeFrom(this.#keysByToken, entry.tokenHash, key);
    for (const tag of entry.tags) removeFrom(this.#keysByTag, tag, key);
  }
}

function entrySize(entry: Entry, key: string): number {
  let headers = 0;
  for (const [name, value] of entry.headers) headers += name.length + value.length;
  return entry.body.byteLength + 2 * (key.length + headers) + ENTRY_OVERHEAD_BYTES;
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

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are one key; `undefined` is `null`. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
