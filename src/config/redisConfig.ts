import { ConfigError } from './ConfigError.js';
import { DEFAULTS } from './defaults.js';
import type { EnvReader } from './read.js';

/** The shared Redis tier (`REDIS_*`). Every number carries its unit. */
export interface RedisConfig {
  /** REDIS_URL (`redis://` or `rediss://`); null: no shared tier, each process caches alone. */
  readonly url: string | null;
  /** REDIS_COMMAND_TIMEOUT_MS: a slower command counts as a failure and opens the breaker. */
  readonly commandTimeoutMs: number;
  /** REDIS_BREAKER_OPEN_MS: how long Redis is skipped after a failure before it is tried again. */
  readonly breakerOpenMs: number;
  /** REDIS_LOCK_MS: how long one replica's claim on a cold load lives. */
  readonly lockMs: number;
  /** REDIS_LOCK_WAIT_MS: longest wait for another replica's load before loading anyway. */
  readonly lockWaitMs: number;
}

/**
 * Reads the `REDIS_*` variables. With REDIS_URL set, TOKEN_HASH_SECRET must be set too: keys and
 * the key derivation must be the same on every replica, which a per-process secret cannot be.
 */
export function readRedisConfig(read: EnvReader): RedisConfig {
  const d = DEFAULTS;
  const raw = read.raw('REDIS_URL');
  let url: string | null = null;
  if (raw !== undefined && raw !== '') {
    let parsed: URL | undefined;
    try {
      parsed = new URL(raw);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')) {
      read.report(
        new ConfigError('REDIS_URL', 'must be a redis:// or rediss:// URL', 'a value (not shown)'),
      );
    } else {
      url = raw;
      if (read.raw('TOKEN_HASH_SECRET') === undefined)
        read.report(
          new ConfigError(
            'TOKEN_HASH_SECRET',
            'must be set (the same on every replica) when REDIS_URL is set',
            'unset',
          ),
        );
    }
  }
  return {
    url,
    commandTimeoutMs: read.int('REDIS_COMMAND_TIMEOUT_MS', d.REDIS_COMMAND_TIMEOUT_MS, 1, 60_000),
    breakerOpenMs: read.int('REDIS_BREAKER_OPEN_MS', d.REDIS_BREAKER_OPEN_MS, 0, 600_000),
    lockMs: read.int('REDIS_LOCK_MS', d.REDIS_LOCK_MS, 1, 60_000),
    lockWaitMs: read.int('REDIS_LOCK_WAIT_MS', d.REDIS_LOCK_WAIT_MS, 0, 60_000),
  };
}
