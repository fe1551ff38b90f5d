import { describe, expect, it, vi } from 'vitest';
import {
  CoalescingCache,
  type CoalescingCacheOptions,
} from '../../../src/shared/CoalescingCache.js';

type Value = { v: number };

function makeCache(overrides: Partial<CoalescingCacheOptions<Value>> = {}) {
  return new CoalescingCache<Value>({
    max: 10,
    ttlMs: 60_000,
    whenUnwanted: 'abort',
    ...overrides,
  });
}

/** A load that counts its calls and settles when the test says. */
function deferred() {
  const settle: { resolve: (v: Value) => void; reject: (e: unknown) => void }[] = [];
  const signals: AbortSignal[] = [];
  const load = vi.fn(
    (signal: AbortSignal) =>
      new Promise<Value>((resolve, reject) => {
        signals.push(signal);
        settle.push({ resolve, reject });
      }),
  );
  return {
    load,
    signals,
    resolve: (v: Value, i = 0) => settle[i]?.resolve(v),
    reject: (e: unknown, i = 0) => settle[i]?.reject(e),
  };
}

describe('CoalescingCache: construction', () => {
  it.each([
    ['max', { max: 0 }],
    ['max', { max: 1.5 }],
    ['ttlMs', { ttlMs: -1 }],
    ['ttlMs', { ttlMs: undefined }],
    ['sizeOf', { maxSize: 100 }],
    ['maxSize', { maxSize: 0, sizeOf: () => 1 }],
    ['whenUnwanted', { whenUnwanted: 'sometimes' }],
  ])('refuses a bad or missing %s', (name, bad) => {
    expect(() => makeCache(bad as Partial<CoalescingCacheOptions<Value>>)).toThrow(
      new RegExp(name),
    );
  });
});

describe('CoalescingCache: coalescing and storing', () => {
  it('shares one load between concurrent lookups, then answers from the store', async () => {
    const cache = makeCache();
    const { load, resolve } = deferred();
    const first = cache.lookup('k', load);
    const second = cache.lookup('k', load);
    expect([first.source, second.source]).toEqual(['miss', 'coalesced']);
    expect(cache.inFlight).toBe(1);
    resolve({ v: 1 });
    await expect(Promise.all([first.value, second.value])).resolves.toEqual([{ v: 1 }, { v: 1 }]);
    const third = cache.lookup('k', load);
    expect(third.source).toBe('hit');
    await expect(third.value).resolves.toEqual({ v: 1 });
    expect(load).toHaveBeenCalledTimes(1);
    expect([cache.size, cache.inFlight]).toEqual([1, 0]);
  });

  it('stores only successes: every waiter gets the failure, and the next lookup loads again', async () => {
    const cache = makeCache();
    const { load, reject } = deferred();
    const a = cache.get('k', load);
    const b = cache.get('k', load);
    reject(new Error('upstream down'));
    await expect(a).rejects.toThrow('upstream down');
    await expect(b).rejects.toThrow('upstream down');
    expect(cache.size).toBe(0);
    await expect(cache.get('k', async () => ({ v: 2 }))).resolves.toEqual({ v: 2 });
  });

  it('treats a synchronous throw as a rejection', async () => {
    const cache = makeCache();
    await expect(
      cache.get('k', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect([cache.size, cache.inFlight]).toEqual([0, 0]);
  });

  it('with a TTL of 0 (cache-wide or per lookup) coalesces but stores nothing', async () => {
    for (const [cache, ttl] of [
      [makeCache({ ttlMs: 0 }), undefined],
      [makeCache(), { ttlMs: 0 }],
    ] as const) {
      const { load, resolve } = deferred();
      const a = cache.get('k', load, ttl);
      const b = cache.get('k', load, ttl);
      resolve({ v: 1 });
      await Promise.all([a, b]);
      expect(load).toHaveBeenCalledTimes(1);
      expect(cache.size).toBe(0);
    }
  });

  it('expires an answer after its TTL, on an injected clock', async () => {
    let now = 0;
    const cache = makeCache({ ttlMs: 1_000, now: () => now });
    await cache.get('k', async () => ({ v: 1 }));
    await cache.get('short', async () => ({ v: 1 }), { ttlMs: 100 });
    now = 999;
    expect(cache.lookup('k', async () => ({ v: 2 })).source).toBe('hit');
    expect(cache.lookup('short', async () => ({ v: 2 })).source).toBe('miss');
    now = 1_001;
    expect(cache.lookup('k', async () => ({ v: 2 })).source).toBe('miss');
  });

  it('holds at most max answers, evicting the least recently used', async () => {
    const removed: string[] = [];
    const cache = makeCache({ max: 2, onRemove: (key) => removed.push(key) });
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => ({ v: 1 }));
    expect(cache.size).toBe(2);
    expect(removed).toEqual(['a']);
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.peek('c')).toEqual({ v: 1 });
  });

  it('holds at most maxSize, serves but does not store an answer over maxEntrySize or one sizeOf cannot measure', async () => {
    const sizeOf = (value: Value) => {
      if (value.v < 0) throw new Error('cannot measure');
      return value.v;
    };
    const cache = makeCache({ maxSize: 100, maxEntrySize: 60, sizeOf });
    await cache.get('a', async () => ({ v: 50 }));
    await cache.get('b', async () => ({ v: 50 }));
    await cache.get('c', async () => ({ v: 50 }));
    expect([cache.size, cache.calculatedSize]).toEqual([2, 100]);
    await expect(cache.get('big', async () => ({ v: 61 }))).resolves.toEqual({ v: 61 });
    await expect(cache.get('odd', async () => ({ v: -1 }))).resolves.toEqual({ v: -1 });
    expect(cache.peek('big')).toBeUndefined();
    expect(cache.peek('odd')).toBeUndefined();
  });

  it('tells onStore and onRemove about every answer that comes and goes (for an index or a second tier)', async () => {
    const events: string[] = [];
    const cache = makeCache({
      max: 1,
      onStore: (key, value) => events.push(`store ${key}=${value.v}`),
      onRemove: (key, value) => events.push(`remove ${key}=${value.v}`),
    });
    await cache.get('a', async () => ({ v: 1 }));
    await cache.get('b', async () => ({ v: 2 }));
    cache.delete('b');
    expect(events).toEqual(['store a=1', 'remove a=1', 'store b=2', 'remove b=2']);
  });
});

describe('CoalescingCache: callers that leave', () => {
  it("answers an aborted caller at once with its signal's reason (or onAbort's), keeping the load for the others", async () => {
    const cache = makeCache();
    const { load, signals, resolve } = deferred();
    const leaving = new AbortController();
    const a = cache.get('k', load, {
      signal: leaving.signal,
      onAbort: () => new Error('mapped'),
    });
    const b = cache.get('k', load, { signal: new AbortController().signal });
    leaving.abort(new Error('client went away'));
    await expect(a).rejects.toThrow('mapped');
    expect(signals[0]?.aborted).toBe(false);
    resolve({ v: 1 });
    await expect(b).resolves.toEqual({ v: 1 });
  });

  it("whenUnwanted 'abort': the load's signal aborts once every caller left, and the next caller starts afresh", async () => {
    const cache = makeCache();
    const { load, signals } = deferred();
    const controller = new AbortController();
    const a = cache.get('k', load, { signal: controller.signal });
    controller.abort(new Error('deadline'));
    await expect(a).rejects.toThrow('deadline');
    expect(signals[0]?.aborted).toBe(true);
    expect(cache.inFlight).toBe(0);
    expect(cache.lookup('k', load).source).toBe('miss');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("whenUnwanted 'finish': the load runs on after every caller left and its answer is stored", async () => {
    const cache = makeCache({ whenUnwanted: 'finish' });
    const { load, signals, resolve } = deferred();
    const controller = new AbortController();
    const a = cache.get('k', load, { signal: controller.signal });
    controller.abort(new Error('deadline'));
    await expect(a).rejects.toThrow('deadline');
    expect(signals[0]?.aborted).toBe(false);
    expect(cache.lookup('k', load).source).toBe('coalesced');
    resolve({ v: 7 });
    await vi.waitFor(() => expect(cache.peek('k')).toEqual({ v: 7 }));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('starts nothing for a caller already aborted', async () => {
    const cache = makeCache();
    const load = vi.fn(async () => ({ v: 1 }));
    const lookup = cache.lookup('k', load, { signal: AbortSignal.abort(new Error('gone')) });
    expect(lookup.source).toBe('aborted');
    await expect(lookup.value).rejects.toThrow('gone');
    expect(load).not.toHaveBeenCalled();
  });
});

describe('CoalescingCache: invalidation', () => {
  it('delete drops the stored answer', async () => {
    const cache = makeCache();
    await cache.get('k', async () => ({ v: 1 }));
    cache.delete('k');
    expect(cache.lookup('k', async () => ({ v: 2 })).source).toBe('miss');
  });

  it('delete during a load: its waiters still get the answer, it is not stored, and the next lookup loads again', async () => {
    const cache = makeCache();
    const { load, resolve } = deferred();
    const running = cache.get('k', load);
    expect(cache.keysInFlight()).toEqual(['k']);
    cache.delete('k');
    expect(cache.keysInFlight()).toEqual([]);
    const again = cache.lookup('k', load);
    expect(again.source).toBe('miss');
    resolve({ v: 1 }, 0);
    await expect(running).resolves.toEqual({ v: 1 });
    resolve({ v: 2 }, 1);
    await expect(again.value).resolves.toEqual({ v: 2 });
    // The detached load's answer never lands over the newer one.
    expect(cache.peek('k')).toEqual({ v: 2 });
  });

  it('clear forgets everything, running loads included', async () => {
    const cache = makeCache();
    await cache.get('a', async () => ({ v: 1 }));
    const { load, resolve } = deferred();
    const running = cache.get('b', load);
    cache.clear();
    resolve({ v: 2 });
    await running;
    expect([cache.size, cache.inFlight]).toEqual([0, 0]);
  });
});
