import { setTimeout as sleep } from 'node:timers/promises';
import type { SharedTier, TierCaller } from './SharedTier.js';

/** How long cold misses on different replicas wait for each other. */
export interface SharedLoadTiming {
  /** How long a claim on a load lives in Redis, ms (REDIS_LOCK_MS). */
  readonly lockMs: number;
  /** Longest wait for another replica's answer before loading anyway, ms (REDIS_LOCK_WAIT_MS). */
  readonly waitMs: number;
  /** Pause between looks while waiting, ms. */
  readonly pollMs: number;
}

/**
 * The load behind a local LRU miss: the shared tier's fresh entry if there is one; else, when no
 * other replica is loading the same (token, field), `load()` and share its answer; else wait (up
 * to `waitMs`) for the other replica's answer, and load after all if it does not come. Only
 * successes are shared, with their invalidation `tags`. Never fails because of the tier: every tier call resolves.
 */
export async function loadThroughTier<T>(
  tier: SharedTier,
  caller: TierCaller,
  field: string,
  ttlMs: number,
  timing: SharedLoadTiming,
  load: () => Promise<T>,
  signal?: AbortSignal,
  tags?: readonly string[],
): Promise<T> {
  if (ttlMs <= 0 || !tier.up) return load();
  const found = await tier.get(caller, field);
  if (found) return found.value as T;
  if (await tier.claim(caller.tokenHash, field, timing.lockMs)) {
    try {
      const value = await load();
      await tier.set(caller, field, value, ttlMs, tags);
      return value;
    } finally {
      await tier.release(caller.tokenHash, field);
    }
  }
  const until = performance.now() + timing.waitMs;
  while (performance.now() < until && tier.up && !signal?.aborted) {
    await sleep(timing.pollMs, undefined, { ref: false });
    const later = await tier.get(caller, field);
    if (later) return later.value as T;
  }
  const value = await load();
  await tier.set(caller, field, value, ttlMs, tags);
  return value;
}
