import { createHmac } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Redis } from 'ioredis';
import { TokenCipher } from './TokenCipher.js';

/**
 * A small store of JSON values under secret ids (a server-side session's id, a token), with a TTL
 * per entry. The id is never a key: keys are its HMAC under TOKEN_HASH_SECRET, and with Redis the
 * value is sealed with a key derived from the id (AES-256-GCM), so the store alone reveals
 * nothing. Every method resolves; `get` answers undefined for a missing, expired or unreadable
 * entry.
 */
export interface EncryptedKv {
  get(id: string): Promise<unknown>;
  /** Stores `value` (JSON-serialisable) for `ttlMs` (≥ 1). */
  set(id: string, value: unknown, ttlMs: number): Promise<void>;
  delete(id: string): Promise<void>;
  /**
   * Claims `id` for `ttlMs` (≥ 1) across every user of the store: true for the one caller that
   * got it (until `release` or the TTL), false while someone else holds it. With Redis down it
   * answers true (each replica then decides for itself).
   */
  claim(id: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back. */
  release(id: string): Promise<void>;
  close(): Promise<void>;
}

/** Options shared by both implementations. */
export interface EncryptedKvOptions {
  /** TOKEN_HASH_SECRET: the HMAC key of ids (and the HKDF salt with Redis). */
  secret: string;
  /** Key namespace, e.g. `session`. */
  namespace: string;
}

/** In-process {@link EncryptedKv} (no REDIS_URL): bounded by `maxEntries`. */
export class MemoryKv implements EncryptedKv {
  readonly #secret: string;
  readonly #entries: LRUCache<string, { json: string }>;
  readonly #claims: LRUCache<string, true>;

  constructor(options: EncryptedKvOptions & { maxEntries: number }) {
    this.#secret = options.secret;
    this.#entries = new LRUCache({ max: options.maxEntries, ttlAutopurge: false });
    this.#claims = new LRUCache({ max: options.maxEntries, ttlAutopurge: false });
  }

  claim(id: string, ttlMs: number): Promise<boolean> {
    requireTtl(ttlMs);
    const key = keyOf(this.#secret, 'mem', id);
    if (this.#claims.has(key)) return Promise.resolve(false);
    this.#claims.set(key, true, { ttl: ttlMs });
    return Promise.resolve(true);
  }

  release(id: string): Promise<void> {
    this.#claims.delete(keyOf(this.#secret, 'mem', id));
    return Promise.resolve();
  }

  get(id: string): Promise<unknown> {
    const entry = this.#entries.get(keyOf(this.#secret, 'mem', id));
    return Promise.resolve(entry ? (JSON.parse(entry.json) as unknown) : undefined);
  }

  async set(id: string, value: unknown, ttlMs: number): Promise<void> {
    requireTtl(ttlMs);
    // Stored as JSON: what `get` hands out is a copy, as it would be from Redis.
    const json = JSON.stringify(value);
    this.#entries.set(keyOf(this.#secret, 'mem', id), { json }, { ttl: ttlMs });
    await Promise.resolve();
  }

  delete(id: string): Promise<void> {
    this.#entries.delete(keyOf(this.#secret, 'mem', id));
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** {@link EncryptedKv} on Redis (REDIS_URL), shared by every replica. */
export class RedisKv implements EncryptedKv {
  readonly #secret: string;
  readonly #namespace: string;
  readonly #cipher: TokenCipher;
  readonly #redis: Redis;

  constructor(options: EncryptedKvOptions & { url: string; commandTimeoutMs: number }) {
    this.#secret = options.secret;
    this.#namespace = `gw:kv:${options.namespace}:`;
    this.#cipher = new TokenCipher(options.secret, 1_000);
    this.#redis = new Redis(options.url, {
      commandTimeout: options.commandTimeoutMs,
      // Queued while (re)connecting; a failed reconnect attempt fails the queue (no retries).
      enableOfflineQueue: true,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    });
    this.#redis.on('error', () => undefined);
  }

  async get(id: string): Promise<unknown> {
    const key = this.#key(id);
    try {
      const sealed = await this.#redis.getBuffer(key);
      if (sealed === null) return undefined;
      const json = this.#cipher.open(id, key, key, sealed);
      return json === undefined ? undefined : (JSON.parse(json) as unknown);
    } catch {
      return undefined;
    }
  }

  async set(id: string, value: unknown, ttlMs: number): Promise<void> {
    requireTtl(ttlMs);
    const key = this.#key(id);
    const sealed = this.#cipher.seal(id, key, key, JSON.stringify(value));
    try {
      await this.#redis.set(key, sealed, 'PX', ttlMs);
    } catch {
      // Down: the entry is not kept (a session then has to sign in again).
    }
  }

  async delete(id: string): Promise<void> {
    try {
      await this.#redis.del(this.#key(id));
    } catch {
      // Down: the entry expires with its TTL.
    }
  }

  async claim(id: string, ttlMs: number): Promise<boolean> {
    requireTtl(ttlMs);
    try {
      return (await this.#redis.set(`${this.#key(id)}:claim`, '1', 'PX', ttlMs, 'NX')) === 'OK';
    } catch {
      return true; // Down: this replica decides alone (its own claims still hold in process).
    }
  }

  async release(id: string): Promise<void> {
    try {
      await this.#redis.del(`${this.#key(id)}:claim`);
    } catch {
      // Down: the claim expires with its TTL.
    }
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
    await Promise.resolve();
  }

  #key(id: string): string {
    return keyOf(this.#secret, this.#namespace, id);
  }
}

function keyOf(secret: string, namespace: string, id: string): string {
  return `${namespace}${createHmac('sha256', secret).update(id, 'utf8').digest('hex')}`;
}

function requireTtl(ttlMs: number): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 1)
    throw new TypeError(`EncryptedKv.set: ttlMs must be a positive integer, got ${ttlMs}`);
}

/**
 * The store for `namespace`: on Redis when `redis.url` is set (shared by every replica), else in
 * process, bounded by `maxEntries`.
 */
export function createEncryptedKv(
  config: {
    readonly redis: { readonly url: string | null; readonly commandTimeoutMs: number };
    readonly tokenHashSecret: string;
  },
  namespace: string,
  maxEntries: number,
): EncryptedKv {
  const { url, commandTimeoutMs } = config.redis;
  const secret = config.tokenHashSecret;
  return url === null
    ? new MemoryKv({ secret, namespace, maxEntries })
    : new RedisKv({ secret, namespace, url, commandTimeoutMs });
}
