import type { CacheConfig } from '../cacheConfig.js';
import type { Logger } from '../../logging/Logger.js';
import { RedisTier } from './RedisTier.js';
import { TOKEN_CHECK_KIND, type SharedBinding } from './SharedBinding.js';
import { TokenCipher } from './TokenCipher.js';

/** A day: longer than a Genesys access token lives. */
const USER_SET_TTL_MS = 86_400_000;

/** The parts of the configuration the shared tier reads. */
export interface SharedTierConfig {
  readonly redis: {
    readonly url: string | null;
    readonly commandTimeoutMs: number;
    readonly breakerOpenMs: number;
    readonly lockMs: number;
    readonly lockWaitMs: number;
  };
  readonly tokenHashSecret: string;
  readonly cache: CacheConfig;
  readonly tokenCheck: { readonly ttlMs: number; readonly maxEntries: number };
  /** REQUEST_TIMEOUT_MS: the longest a load runs (how long a dropped tag refuses stores). */
  readonly requestTimeoutMs?: number;
}

/**
 * The shared tier on Redis for `config.redis.url`, or undefined without one. Shared TTLs are the
 * local ones (answers per kind, token checks `TOKEN_CHECK_TTL_MS`); a dropped token's writes are
 * refused for the longest of them.
 */
export function createSharedBinding(
  config: SharedTierConfig,
  logger: Logger,
): SharedBinding | undefined {
  const { url } = config.redis;
  if (url === null) return undefined;
  const ttlMs: Record<string, number> = {
    ...config.cache.ttlMs,
    [TOKEN_CHECK_KIND]: config.tokenCheck.ttlMs,
  };
  const tier = new RedisTier({
    url,
    cipher: new TokenCipher(config.tokenHashSecret, config.tokenCheck.maxEntries),
    commandTimeoutMs: config.redis.commandTimeoutMs,
    breakerOpenMs: config.redis.breakerOpenMs,
    tombstoneMs: Math.max(...Object.values(ttlMs)),
    ...(config.requestTimeoutMs === undefined ? {} : { tagTombstoneMs: config.requestTimeoutMs }),
    onStateChange: (up) =>
      up
        ? logger.info('shared cache tier (Redis) is used again')
        : logger.warn(
            'shared cache tier (Redis) unreachable: serving from local cache and upstream',
          ),
  });
  // A user's token set outlives every entry of its tokens (refreshed whenever a replica meets one).
  const userSetTtlMs = Math.max(USER_SET_TTL_MS, ...Object.values(ttlMs));
  return {
    tier,
    noteToken: (userKey, tokenHash) => void tier.noteToken(userKey, tokenHash, userSetTtlMs),
    timing: { lockMs: config.redis.lockMs, waitMs: config.redis.lockWaitMs, pollMs: 20 },
    ttlMs,
  };
}
