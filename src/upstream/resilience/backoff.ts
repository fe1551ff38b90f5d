/**
 * "Full jitter" backoff (AWS Architecture Blog, "Exponential Backoff and Jitter"): the wait before
 * retry number `retryIndex` (0 for the first retry) is uniform in [0, min(maxDelayMs, baseDelayMs·2^retryIndex)),
 * so clients that failed together do not retry together. Returns ms.
 */
export function fullJitterDelayMs(
  retryIndex: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const ceilingMs = Math.min(maxDelayMs, baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceilingMs);
}

/**
 * Waits `delayMs`; resolves true when the time passed, false as soon as `signal` aborts (the
 * caller left or its deadline passed), without rejecting.
 */
export function sleepMs(delayMs: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
