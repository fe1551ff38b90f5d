import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResponseCache, type ResponseCacheOptions } from '../../../src/cache/ResponseCache.js';
import { UpstreamCounters } from '../../../src/counters/UpstreamCounters.js';
import { createRequestTally } from '../../../src/types/RequestTally.js';
import { SharedKeyResponseCache } from '../../helpers/sharedKeyResponseCache.js';

/** The hex HMAC a CallContext would carry for a user's token. */
function hashOf(user: string): string {
  return createHmac('sha256', 'test-secret').update(`token-of-${user}`).digest('hex');
}

function makeCache(
  overrides: Partial<ResponseCacheOptions> = {},
  Cache: typeof ResponseCache = ResponseCache,
): ResponseCache {
  return new Cache({
    max: 100,
    maxSize: 1_000_000,
    ttlMs: { sites: 300_000, wfmUser: 60_000, off: 0 },
    ...overrides,
  });
}

/** A load that counts its calls and answers after the test releases it. */
function deferredLoad<T>() {
  let release!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const signals: AbortSignal[] = [];
  const load = vi.fn((signal: AbortSignal) => {
    signals.push(signal);
    return new Promise<T>((resolve, reject) => {
      release = resolve;
      fail = reject;
    });
  });
  return { load, signals, release: (v: T) => release(v), fail: (e: unknown) => fail(e) };
}

const A = hashOf('alice');
const B = hashOf('bob');

afterEach(() => {
  vi.useRealTimers();
});

describe('ResponseCache: construction', () => {
  it.each([
    ['max', { max: undefined }],
    ['maxSize', { maxSize: 0 }],
    ['ttlMs', { ttlMs: undefined }],
    ['ttlMs', { ttlMs: {} }],
    ['ttlMs.sites', { ttlMs: { sites: -1 } }],
    ['max', { max: 1.5 }],
  ])('refuses to build without a valid %s', (name, bad) => {
    const options = {
      max: 10,
      maxSize: 1000,
      ttlMs: { sites: 1 },
      ...bad,
    } as unknown as ResponseCacheOptions;
    expect(() => new ResponseCache(options)).toThrow(new RegExp(`${name.replace('.', '\\.')}`));
  });

  it('rejects a kind without a TTL and a tokenHash that is not a hex HMAC, without echoing it', async () => {
    const cache = makeCache();
    await expect(cache.fetch('nope', A, 'k', async () => 1)).rejects.toThrow(/unknown kind "nope"/);
    const rawToken = '0b7e5c2a-7d0f-4b8e-9a51-3f1c2d4e5f60';
    const error = await cache.fetch('sites', rawToken, 'k', async () => 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).not.toContain(rawToken);
  });
});

describe('ResponseCache: coalescing and failures', () => {
  it('makes one load for 100 concurrent identical misses, and serves the rest from cache', async () => {
    const counters = new UpstreamCounters();
    const cache = makeCache({ counters });
    const { load, release } = deferredLoad<{ sites: number[] }>();
    const tally = createRequestTally();
    const answers = Array.from({ length: 100 }, () =>
      cache.fetch('sites', A, 'getSites', load, { tally }),
    );
    release({ sites: [1, 2] });
    const values = await Promise.all(answers);
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(values).size).toBe(1);
    expect(values[0]).toEqual({ sites: [1, 2] });
    expect(tally).toEqual({
      upstreamCalls: 0,
      cacheHits: 0,
      coalesced: 99,
      kindsRead: new Set(['sites']),
      tagsRead: new Set(),
    });
    expect(cache.stats().inFlight).toBe(0);

    await cache.fetch('sites', A, 'getSites', load, { tally });
    expect(load).toHaveBeenCalledTimes(1);
    expect(tally.cacheHits).toBe(1);
    expect(counters.snapshot().cache).toEqual([
      { kind: 'sites', hits: 1, misses: 1, coalesced: 99 },
    ]);
  });

  it('never stores a failure: every waiter gets it, and the next call loads again', async () => {
    const cache = makeCache();
    const { load, fail } = deferredLoad<number>();
    const waiting = [cache.fetch('sites', A, 'k', load), cache.fetch('sites', A, 'k', load)];
    const boom = new Error('upstream 401');
    fail(boom);
    for (const w of waiting) await expect(w).rejects.toBe(boom);
    expect(cache.stats()).toMatchObject({ entries: 0, inFlight: 0 });

    const retry = vi.fn(async () => 42);
    await expect(cache.fetch('sites', A, 'k', retry)).resolves.toBe(42);
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('turns a synchronous throw of the load into a rejection that is not stored', async () => {
    const cache = makeCache();
    const load = (): Promise<number> => {
      throw new Error('sync');
    };
    await expect(cache.fetch('sites', A, 'k', load)).rejects.toThrow('sync');
    expect(cache.stats()).toMatchObject({ entries: 0, inFlight: 0 });
  });

  it('with a TTL of 0 for a kind, coalesces but never stores', async () => {
    const cache = makeCache();
    const load = vi.fn(async () => 'x');
    await Promise.all([cache.fetch('off', A, 'k', load), cache.fetch('off', A, 'k', load)]);
    await cache.fetch('off', A, 'k', load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.stats().entries).toBe(0);
  });

  it('freezes a stored answer, so no request can change what the next one sees', async () => {
    const cache = makeCache();
    const value = await cache.fetch('sites', A, 'k', async () => ({ items: [{ id: 1 }] }));
    expect(Object.isFrozen(value.items[0])).toBe(true);
    expect(() => value.items.push({ id: 2 })).toThrow(TypeError);
  });
});

describe('ResponseCache: caller lifetimes', () => {
  it('answers an aborted caller at once and keeps the load for the callers still waiting', async () => {
    const cache = makeCache();
    const { load, signals, release } = deferredLoad<string>();
    const first = new AbortController();
    const second = new AbortController();
    const a = cache.fetch('sites', A, 'k', load, { signal: first.signal });
    const b = cache.fetch('sites', A, 'k', load, { signal: second.signal });
    first.abort(new Error('client went away'));
    await expect(a).rejects.toThrow('client went away');
    expect(signals[0]?.aborted).toBe(false);
    release('ok');
    await expect(b).resolves.toBe('ok');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('aborts the load when every caller has gone, and starts afresh for the next one', async () => {
    const cache = makeCache();
    const { load, signals } = deferredLoad<string>();
    const controller = new AbortController();
    const a = cache.fetch('sites', A, 'k', load, { signal: controller.signal });
    controller.abort(new Error('deadline'));
    await expect(a).rejects.toThrow('deadline');
    expect(signals[0]?.aborted).toBe(true);
    expect(cache.stats().inFlight).toBe(0);
    await expect(cache.fetch('sites', A, 'k', async () => 'fresh')).resolves.toBe('fresh');
  });

  it('does not start a load for a caller already aborted', async () => {
    const cache = makeCache();
    const load = vi.fn(async () => 1);
    await expect(
      cache.fetch('sites', A, 'k', load, { signal: AbortSignal.abort() }),
    ).rejects.toThrow();
    expect(load).not.toHaveBeenCalled();
  });
});

describe('ResponseCache: TTL and invalidation (fake timers)', () => {
  it("serves an answer until its kind's TTL has passed, then loads again", async () => {
    vi.useFakeTimers();
    const cache = makeCache({ now: () => performance.now() });
    const load = vi.fn(async () => 'v');
    await cache.fetch('wfmUser', A, 'userInfo', load);
    vi.advanceTimersByTime(59_999);
    await cache.fetch('wfmUser', A, 'userInfo', load);
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2);
    await cache.fetch('wfmUser', A, 'userInfo', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps kinds on their own TTLs', async () => {
    vi.useFakeTimers();
    const cache = makeCache({ now: () => performance.now() });
    const load = vi.fn(async () => 'v');
    await cache.fetch('wfmUser', A, 'k', load);
    await cache.fetch('sites', A, 'k', load);
    vi.advanceTimersByTime(120_000);
    await cache.fetch('wfmUser', A, 'k', load);
    await cache.fetch('sites', A, 'k', load);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('drops every entry of one token, and only of that token', async () => {
    vi.useFakeTimers();
    const cache = makeCache({ now: () => performance.now() });
    const load = vi.fn(async () => 'v');
    for (const user of [A, B]) {
      await cache.fetch('sites', user, 'one', load);
      await cache.fetch('wfmUser', user, 'two', load);
    }
    expect(cache.stats()).toMatchObject({ entries: 4, tokens: 2 });
    cache.invalidateToken(A);
    expect(cache.stats()).toMatchObject({ entries: 2, tokens: 1 });
    vi.advanceTimersByTime(1_000);
    await cache.fetch('sites', A, 'one', load);
    await cache.fetch('sites', B, 'one', load);
    expect(load).toHaveBeenCalledTimes(5);
  });

  it('does not store the answer of a load that was running when its token was invalidated', async () => {
    const cache = makeCache();
    const { load, release } = deferredLoad<string>();
    const before = cache.fetch('sites', A, 'k', load);
    cache.invalidateToken(A);
    release('pre-sign-out');
    await expect(before).resolves.toBe('pre-sign-out');
    const after = vi.fn(async () => 'post');
    await expect(cache.fetch('sites', A, 'k', after)).resolves.toBe('post');
    expect(after).toHaveBeenCalledTimes(1);
  });
});

describe('ResponseCache: bounds', () => {
  it('holds at most max entries, evicting the least recently used and its token index', async () => {
    const cache = makeCache({ max: 3 });
    const load = vi.fn(async () => 'v');
    for (let i = 0; i < 5; i++) await cache.fetch('sites', hashOf(`user${i}`), 'k', load);
    expect(cache.stats()).toMatchObject({ entries: 3, tokens: 3 });
    await cache.fetch('sites', hashOf('user0'), 'k', load);
    expect(load).toHaveBeenCalledTimes(6);
  });

  it('holds at most maxSize estimated bytes, and does not store an answer larger than maxEntrySize', async () => {
    const cache = makeCache({ max: 1000, maxSize: 4_000, maxEntrySize: 2_000 });
    const answer = (n: number) => async () => ({ text: 'x'.repeat(n) });
    for (let i = 0; i < 20; i++) await cache.fetch('sites', A, `k${i}`, answer(900));
    const { entries, sizeBytes } = cache.stats();
    expect(sizeBytes).toBeLessThanOrEqual(4_000);
    expect(entries).toBeGreaterThan(0);
    expect(entries).toBeLessThan(5);

    const big = vi.fn(answer(3_000));
    await cache.fetch('sites', A, 'big', big);
    await cache.fetch('sites', A, 'big', big);
    expect(big).toHaveBeenCalledTimes(2);
  });
});

/**
 * 20 users, each asking the same 10 keys several times concurrently; every answer names its
 * owner. Returns how many answers reached the wrong user, and the hit ratio.
 */
async function crossUserScenario(
  cache: ResponseCache,
): Promise<{ mismatches: number; hits: number }> {
  const tally = createRequestTally();
  const users = Array.from({ length: 20 }, (_, i) => `user${i}`);
  const calls = users.flatMap((user) =>
    Array.from({ length: 30 }, async (_, j) => {
      const key = `getSites:{"siteIds":[${j % 10}]}`;
      await new Promise((r) => setImmediate(r));
      const answer = await cache.fetch('sites', hashOf(user), key, async () => ({ owner: user }), {
        tally,
      });
      return answer.owner === user ? 0 : 1;
    }),
  );
  const results = await Promise.all(calls);
  return {
    mismatches: results.reduce<number>((a, b) => a + b, 0),
    hits: tally.cacheHits + tally.coalesced,
  };
}

describe('ResponseCache: isolation between users', () => {
  it("never serves one user's answer to another, while really serving from cache", async () => {
    const { mismatches, hits } = await crossUserScenario(makeCache());
    expect(mismatches).toBe(0);
    expect(hits).toBeGreaterThan(300);
  });

  it('is caught by the same scenario when the key is broken (the test can fail)', async () => {
    const { mismatches } = await crossUserScenario(makeCache({}, SharedKeyResponseCache));
    expect(mismatches).toBeGreaterThan(0);
  });
});
