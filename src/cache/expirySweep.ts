/** Anything that can drop its entries past their TTL. */
export interface Purgeable {
  purgeStale(): void;
}

/** How often the expired entries of every cache are dropped, in ms. */
export const EXPIRY_SWEEP_MS = 5_000;

/**
 * Drops expired entries of `caches` every `intervalMs`. lru-cache removes an expired entry only
 * when it is touched or evicted, so without a sweep a burst of callers who never come back keeps
 * its answers in memory up to the size bound long after their TTLs (issue 11). One timer for all
 * caches, unref'd so it never holds the process open. Returns the function that stops it.
 */
export function startExpirySweep(
  caches: readonly (Purgeable | null | undefined)[],
  intervalMs: number = EXPIRY_SWEEP_MS,
): () => void {
  const live = caches.filter((c): c is Purgeable => c != null);
  if (live.length === 0) return () => {};
  const timer = setInterval(() => {
    for (const cache of live) cache.purgeStale();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
