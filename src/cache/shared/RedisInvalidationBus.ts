import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Invalidation, InvalidationEvent } from '../Invalidation.js';
import type { SharedTier } from './SharedTier.js';

/** Options of {@link RedisInvalidationBus}. */
export interface RedisInvalidationBusOptions {
  /** REDIS_URL. */
  url: string;
  /** This replica's invalidations: local events are published, others' are `receive`d. */
  invalidation: Pick<Invalidation, 'observe' | 'receive'>;
  /** The shared tier, whose copies are dropped before the event is published. */
  tier: Pick<SharedTier, 'dropToken' | 'dropUser' | 'dropTags'>;
  /** A command slower than this fails (REDIS_COMMAND_TIMEOUT_MS). */
  commandTimeoutMs: number;
  /** Channel name; default `gw:invalidate` (several deployments may share one Redis). */
  channel?: string;
}

/**
 * Invalidations across replicas over Redis pub/sub. A local event (sign-out, password change, a
 * write) first drops the shared tier's copies (so no replica can refill its LRU from them), then
 * goes out on the channel; every other replica applies it to its own caches with
 * `Invalidation.receive`, within the pub/sub round trip. Messages carry hashes only (token and
 * user HMACs, tags), never a token or a name. When Redis is down, events are not delivered; each
 * replica's copies then live at most their TTL (TOKEN_CHECK_TTL_MS for token checks).
 */
export class RedisInvalidationBus {
  readonly #id = randomUUID();
  readonly #channel: string;
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #stop: () => void;
  readonly #ready: Promise<void>;
  readonly #tier: RedisInvalidationBusOptions['tier'];

  constructor(options: RedisInvalidationBusOptions) {
    const { url, invalidation, tier } = options;
    this.#channel = options.channel ?? 'gw:invalidate';
    const connection = {
      commandTimeout: options.commandTimeoutMs,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt: number) => Math.min(attempt * 100, 2_000),
    };
    this.#publisher = new Redis(url, connection);
    // The subscriber queues its SUBSCRIBE until connected, and ioredis re-subscribes on reconnect.
    this.#subscriber = new Redis(url, { ...connection, enableOfflineQueue: true });
    this.#publisher.on('error', () => undefined);
    this.#subscriber.on('error', () => undefined);
    this.#subscriber.on('message', (_channel: string, message: string) => {
      const received = parseMessage(message);
      if (received && received.from !== this.#id) invalidation.receive(received.event);
    });
    this.#ready = this.#subscriber.subscribe(this.#channel).then(
      () => undefined,
      () => undefined,
    );
    this.#tier = tier;
    this.#stop = invalidation.observe((event) => {
      void this.#share(event);
    });
  }

  /** Settles once the channel is subscribed (or subscribing failed: it retries on reconnect). */
  ready(): Promise<void> {
    return this.#ready;
  }

  async close(): Promise<void> {
    this.#stop();
    this.#publisher.disconnect();
    this.#subscriber.disconnect();
    await Promise.resolve();
  }

  async #share(event: InvalidationEvent): Promise<void> {
    if (event.type === 'token') await this.#tier.dropToken(event.tokenHash);
    else if (event.type === 'user') await this.#tier.dropUser(event.userKey);
    else await this.#tier.dropTags(event.tags);
    try {
      await this.#publisher.publish(this.#channel, JSON.stringify({ from: this.#id, event }));
    } catch {
      // Down: the other replicas' copies expire with their TTL (see the class comment).
    }
  }
}

const HEX = /^[0-9a-f]{16,128}$/i;

/** A message of another replica, checked field by field: anything else is ignored. */
function parseMessage(message: string): { from: string; event: InvalidationEvent } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const { from, event } = parsed as { from?: unknown; event?: unknown };
  if (typeof from !== 'string' || event === null || typeof event !== 'object') return undefined;
  const e = event as Record<string, unknown>;
  if (e.type === 'token' && typeof e.tokenHash === 'string' && HEX.test(e.tokenHash))
    return { from, event: { type: 'token', tokenHash: e.tokenHash } };
  if (e.type === 'user' && typeof e.userKey === 'string' && HEX.test(e.userKey))
    return { from, event: { type: 'user', userKey: e.userKey } };
  if (
    e.type === 'tags' &&
    Array.isArray(e.tags) &&
    e.tags.length <= 1_000 &&
    e.tags.every((t) => typeof t === 'string' && t.length <= 512)
  )
    return { from, event: { type: 'tags', tags: e.tags as string[] } };
  return undefined;
}
