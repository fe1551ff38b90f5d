import { describe, expect, it } from 'vitest';
import { TokenCheckCache } from '../../../src/cache/TokenCheckCache.js';

describe('TokenCheckCache.delete', () => {
  it('drops a remembered check', async () => {
    const cache = new TokenCheckCache<{ v: number }>({ maxEntries: 10, ttlMs: 60_000 });
    let calls = 0;
    const check = async () => ({ v: ++calls });
    await cache.getOrCheck('h', check);
    await cache.getOrCheck('h', check);
    expect(calls).toBe(1);
    cache.delete('h');
    await cache.getOrCheck('h', check);
    expect(calls).toBe(2);
  });

  it('keeps a check that was running during a sign-out from being remembered', async () => {
    const cache = new TokenCheckCache<{ v: number }>({ maxEntries: 10, ttlMs: 60_000 });
    let finish: (value: { v: number }) => void = () => undefined;
    let calls = 0;
    const slow = () => {
      calls += 1;
      return new Promise<{ v: number }>((resolve) => (finish = resolve));
    };
    const running = cache.getOrCheck('h', slow);
    cache.delete('h'); // the sign-out settles while the check is still out
    finish({ v: 1 });
    await expect(running).resolves.toEqual({ v: 1 }); // its own waiter still gets its answer
    expect(cache.size).toBe(0);
    const again = cache.getOrCheck('h', slow);
    expect(calls).toBe(2);
    finish({ v: 2 });
    await expect(again).resolves.toEqual({ v: 2 });
  });
});
