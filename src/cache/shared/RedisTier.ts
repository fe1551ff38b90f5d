import { createHash } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type { SharedTier, SharedTierStats, TierCaller } from './SharedTier.js';
import type { TokenCipher } from './TokenCipher.js';

/** Options of {@link RedisTier}; every number carries its unit. */
export interface RedisTierOptions {
  /** REDIS_URL, e.g. `redis://127.0.0.1:6379`. */
  url: string;
  /** Seals values with the caller's token (`TokenCipher` over TOKEN_HASH_SECRET). */
  cipher: TokenCipher;
  /** A command slower than this counts as a failure (REDIS_COMMAND_TIMEOUT_MS). */
  commandTimeoutMs: number;
  /** How long the tier is skipped after a failure (REDIS_BREAKER_OPEN_MS). */
  breakerOpenMs: number;
  /** How long a dropped token's writes are refused: the longest TTL of any entry, ms. */
  tombstoneMs: number;
  /**
   * How long entries with a dropped tag are not stored: the longest a load may run (the request
   * deadline), so a load that began before the write cannot share what it read, ms. Default 30 s.
   */
  tagTombstoneMs?: number;
  /** Told once each time the breaker opens or closes (no data: a fixed reason). */
  onStateChange?: (up: boolean) => void;
  /** Key prefix, so several deployments may share one Redis. Default `gw:`. */
  prefix?: string;
}

// HSET the field unless the token or one of the tags has a tombstone; then index the field under
// each tag (KEYS[3..] are pairs: tag index set, tag tombstone). TTLs only ever grow.
const SET_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
for i = 3, #KEYS, 2 do
  if redis.call('EXISTS', KEYS[i + 1]) == 1 then return 0 end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3], 'NX')
redis.call('PEXPIRE', KEYS[1], ARGV[3], 'GT')
for i = 3, #KEYS, 2 do
  redis.call('SADD', KEYS[i], ARGV[4])
  redis.call('PEXPIRE', KEYS[i], ARGV[3], 'NX')
  redis.call('PEXPIRE', KEYS[i], ARGV[3], 'GT')
end
return 1`;

// For each (tag index set, tag tombstone) pair: HDEL every indexed field, drop the index, set the
// tombstone for ARGV[1] ms. Members are "<hash key>|<field>".
const DROP_TAGS_SCRIPT = `
for i = 1, #KEYS, 2 do
  for _, m in ipairs(redis.call('SMEMBERS', KEYS[i])) do
    local sep = string.find(m, '|', 1, true)
    if sep then redis.call('HDEL', string.sub(m, 1, sep - 1), string.sub(m, sep + 1)) end
  end
  redis.call('DEL', KEYS[i])
  redis.call('SET', KEYS[i + 1], '1', 'PX', ARGV[1])
end
return 1`;

/**
 * The shared tier on Redis (ioredis). Layout, all under `prefix`:
 * `t:<tokenHash>` a hash of the token's entries (field: SHA-256 of kind and arguments; value:
 * AES-256-GCM of `{expiresAtMs, value}` under the token's key, the storage key as authenticated
 * data), `x:<tokenHash>` a tombstone after a drop, `u:<userKey>` the set of a user's token hashes,
 * `l:<tokenHash>:<field>` a load claim, `g:<tag>` the set of fields stored with an invalidation tag
 * (tag hashed like fields) and `y:<tag>` its tombstone after a drop. One hash per token makes a
 * drop one `DEL`.
 *
 * A breaker keeps Redis from being a single point of failure: any failed or slow command opens it
 * for `breakerOpenMs`, during which every call answers at once as a miss; the first call after
 * that tries Redis again. ioredis reconnects on its own; its offline queue is off, so a command
 * while disconnected fails at once instead of waiting.
 */
export class RedisTier implements SharedTier {
  readonly #redis: Redis;
  readonly #cipher: TokenCipher;
  readonly #breakerOpenMs: number;
  readonly #tombstoneMs: number;
  readonly #tagTombstoneMs: number;
  readonly #prefix: string;
  readonly #onStateChange: ((up: boolean) => void) | undefined;
  #openUntilMs = 0;
  #up = true;
  #stats = { hits: 0, misses: 0, errors: 0, skipped: 0 };

  constructor(options: RedisTierOptions) {
    this.#cipher = options.cipher;
    this.#breakerOpenMs = options.breakerOpenMs;
    this.#tombstoneMs = Math.max(1, options.tombstoneMs);
    this.#tagTombstoneMs = Math.max(1, options.tagTombstoneMs ?? 30_000);
    this.#prefix = options.prefix ?? 'gw:';
    this.#onStateChange = options.onStateChange;
    const redisOptions: RedisOptions = {
      commandTimeout: options.commandTimeoutMs,
      connectTimeout: Math.max(options.commandTimeoutMs, 1_000),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // Reconnect forever, at most every 2 s: the tier comes back by itself.
      retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
      lazyConnect: false,
    };
    this.#redis = new Redis(options.url, redisOptions);
    // Errors reach callers as misses; the connection's own events would otherwise be unhandled.
    this.#redis.on('error', () => this.#fail());
    // A lost connection is down at once, though no command has failed yet (answers served from
    // the whole-answer cache may not touch Redis for a while, and readiness should say so).
    this.#redis.on('close', () => this.#fail());
    // Reconnected (ioredis retries by itself): use the tier again at once.
    this.#redis.on('ready', () => this.#close());
  }

  get up(): boolean {
    return this.#up;
  }

  async get(caller: TierCaller, field: string): Promise<{ value: unknown } | undefined> {
    const hashKey = this.#tokenKey(caller.tokenHash);
    const f = fieldId(field);
    const sealed = await this.#run(() => this.#redis.hgetBuffer(hashKey, f), null);
    if (sealed === null) {
      this.#stats.misses += 1;
      return undefined;
    }
    const opened = this.#cipher.open(caller.token, caller.tokenHash, `${hashKey}|${f}`, sealed);
    const entry = opened === undefined ? undefined : parseEntry(opened);
    if (!entry || entry.e <= Date.now()) {
      this.#stats.misses += 1;
      return undefined;
    }
    this.#stats.hits += 1;
    return { value: entry.v };
  }

  async set(
    caller: TierCaller,
    field: string,
    value: unknown,
    ttlMs: number,
    tags: readonly string[] = [],
  ): Promise<void> {
    if (ttlMs <= 0) return;
    let json: string;
    try {
      json = JSON.stringify({ e: Date.now() + ttlMs, v: value });
    } catch {
      return; // Not serialisable: served, not shared.
    }
    const hashKey = this.#tokenKey(caller.tokenHash);
    const f = fieldId(field);
    const sealed = this.#cipher.seal(caller.token, caller.tokenHash, `${hashKey}|${f}`, json);
    const tagKeys = tags.flatMap((tag) => this.#tagKeys(tag));
    await this.#run(
      () =>
        this.#redis.eval(
          SET_SCRIPT,
          2 + tagKeys.length,
          hashKey,
          this.#tombKey(caller.tokenHash),
          ...tagKeys,
          f,
          sealed,
          ttlMs,
          `${hashKey}|${f}`,
        ),
      0,
    );
  }

  async dropTags(tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    const keys = [...new Set(tags)].flatMap((tag) => this.#tagKeys(tag));
    await this.#run(
      () => this.#redis.eval(DROP_TAGS_SCRIPT, keys.length, ...keys, this.#tagTombstoneMs),
      0,
    );
  }

  async claim(tokenHash: string, field: string, lockMs: number): Promise<boolean> {
    const key = this.#lockKey(tokenHash, field);
    // Down: every replica loads for itself (the breaker's whole point).
    const answer = await this.#run(() => this.#redis.set(key, '1', 'PX', lockMs, 'NX'), 'OK');
    return answer === 'OK';
  }

  async release(tokenHash: string, field: string): Promise<void> {
    await this.#run(() => this.#redis.del(this.#lockKey(tokenHash, field)), 0);
  }

  async noteToken(userKey: string, tokenHash: string, ttlMs: number): Promise<void> {
    const key = `${this.#prefix}u:${userKey}`;
    await this.#run(
      () => this.#redis.multi().sadd(key, tokenHash).pexpire(key, Math.max(1, ttlMs)).exec(),
      null,
    );
  }

  async dropToken(tokenHash: string): Promise<void> {
    await this.#run(
      () =>
        this.#redis
          .multi()
          .set(this.#tombKey(tokenHash), '1', 'PX', this.#tombstoneMs)
          .del(this.#tokenKey(tokenHash))
          .exec(),
      null,
    );
  }

  async dropUser(userKey: string): Promise<void> {
    const key = `${this.#prefix}u:${userKey}`;
    const tokens = await this.#run(() => this.#redis.smembers(key), []);
    await Promise.all(tokens.map((tokenHash) => this.dropToken(tokenHash)));
  }

  stats(): SharedTierStats {
    return { up: this.#up, ...this.#stats };
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
    await Promise.resolve();
  }

  /** `command`, or `fallback` at once while the breaker is open or when it fails. */
  async #run<T>(command: () => Promise<T>, fallback: T): Promise<T> {
    if (!this.#up) {
      if (performance.now() < this.#openUntilMs || this.#redis.status !== 'ready') {
        this.#stats.skipped += 1;
        return fallback;
      }
    }
    try {
      const answer = await command();
      this.#close();
      return answer;
    } catch {
      this.#stats.errors += 1;
      this.#fail();
      return fallback;
    }
  }

  #fail(): void {
    this.#openUntilMs = performance.now() + this.#breakerOpenMs;
    if (this.#up) {
      this.#up = false;
      this.#onStateChange?.(false);
    }
  }

  #close(): void {
    if (!this.#up) {
      this.#up = true;
      this.#onStateChange?.(true);
    }
  }

  #tokenKey(tokenHash: string): string {
    return `${this.#prefix}t:${tokenHash}`;
  }

  #tombKey(tokenHash: string): string {
    return `${this.#prefix}x:${tokenHash}`;
  }

  /** The index set and the tombstone of a tag. */
  #tagKeys(tag: string): [string, string] {
    const id = fieldId(`tag\u0000${tag}`);
    return [`${this.#prefix}g:${id}`, `${this.#prefix}y:${id}`];
  }

  #lockKey(tokenHash: string, field: string): string {
    return `${this.#prefix}l:${tokenHash}:${fieldId(field)}`;
  }
}

/** Fields are hashed: arguments (ids, ranges) stay out of the store's key space too. */
function fieldId(field: string): string {
  return createHash('sha256').update(field, 'utf8').digest('base64url').slice(0, 32);
}

function parseEntry(json: string): { e: number; v: unknown } | undefined {
  try {
    const parsed = JSON.parse(json) as unknown;
    if (parsed !== null && typeof parsed === 'object' && 'e' in parsed && 'v' in parsed) {
      const { e, v } = parsed as { e: unknown; v: unknown };
      if (typeof e === 'number') return { e, v };
    }
  } catch {
    // fall through: a miss
  }
  return undefined;
}
