import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResponseCache } from '../../../src/cache/ResponseCache.js';
import { EXPIRY_SWEEP_MS, startExpirySweep } from '../../../src/cache/expirySweep.js';

const HASH = createHmac('sha256', 'test').update('token-a').digest('hex');

afterEach(() => {
  vi.useRealTimers();
});

describe('startExpirySweep', () => {
  it('drops expired answers that nobody touches again, and stops when told', async () => {
    vi.useFakeTimers();
    let clock = 0;
    const cache = new ResponseCache({
      max: 100,
      maxSize: 1_000_000,
      ttlMs: { sites: 1_000 },
      now: () => clock,
    });
    await cache.fetch('sites', HASH, 'a', async () => [{ id: 1, name: 'North' }]);
    expect(cache.stats().entries).toBe(1);
    const stop = startExpirySweep([cache, null]);
    clock = 2_000; // past the TTL, but lru-cache keeps the entry until something touches it
    expect(cache.stats().entries).toBe(1);
    vi.advanceTimersByTime(EXPIRY_SWEEP_MS);
    expect(cache.stats()).toMatchObject({ entries: 0, sizeBytes: 0, tokens: 0 });
    stop();
    await cache.fetch('sites', HASH, 'b', async () => [{ id: 2 }]);
    clock = 4_000;
    vi.advanceTimersByTime(EXPIRY_SWEEP_MS * 2);
    expect(cache.stats().entries).toBe(1); // stopped: no sweep ran
  });

  it('keeps fresh answers', async () => {
    vi.useFakeTimers();
    let clock = 0;
    const cache = new ResponseCache({
      max: 100,
      maxSize: 1_000_000,
      ttlMs: { sites: 60_000 },
      now: () => clock,
    });
    await cache.fetch('sites', HASH, 'a', async () => [{ id: 1 }]);
    const stop = startExpirySweep([cache]);
    clock = 10_000;
    vi.advanceTimersByTime(EXPIRY_SWEEP_MS);
    expect(cache.stats().entries).toBe(1);
    stop();
  });
});

describe('ResponseCache: derivedBytes', () => {
  it('counts what an answer keeps alive beyond itself in its size', async () => {
    const plain = new ResponseCache({ max: 10, maxSize: 1_000_000, ttlMs: { schedules: 60_000 } });
    const counted = new ResponseCache({
      max: 10,
      maxSize: 1_000_000,
      ttlMs: { schedules: 60_000 },
      derivedBytes: { schedules: (v) => (Array.isArray(v) ? v.length * 280 : 0) },
    });
    const answer = () => Promise.resolve([{ a: 1 }, { a: 2 }, { a: 3 }]);
    await plain.fetch('schedules', HASH, 'k', answer);
    await counted.fetch('schedules', HASH, 'k', answer);
    expect(counted.stats().sizeBytes - plain.stats().sizeBytes).toBe(3 * 280);
  });
});
