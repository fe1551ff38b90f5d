import { describe, expect, it } from 'vitest';
import { CloudQuota } from '../../../../src/upstream/cloud/CloudQuota.js';

function headers(count: number, allowed: number, reset: number) {
  return {
    'inin-ratelimit-count': String(count),
    'inin-ratelimit-allowed': String(allowed),
    'inin-ratelimit-reset': String(reset),
  };
}

describe('CloudQuota', () => {
  it('admits until no more than the reserve is left, then refuses until the reset', () => {
    let now = 1_000_000;
    const quota = new CloudQuota({ reservePercent: 10, maxTokens: 10, now: () => now });
    expect(quota.admit('a')).toBeNull();
    quota.note('a', 200, headers(269, 300, 61));
    expect(quota.admit('a')).toBeNull();
    quota.note('a', 200, headers(270, 300, 60));
    expect(quota.admit('a')).toEqual({ retryAfterSec: 60, remaining: 30, allowed: 300 });
    expect(quota.admit('b')).toBeNull();
    now += 59_500;
    expect(quota.admit('a')?.retryAfterSec).toBe(1);
    now += 500;
    expect(quota.admit('a')).toBeNull();
    expect(quota.refused).toBe(2);
    expect(quota.size).toBe(0);
  });

  it('a 429 leaves nothing until Retry-After; answers without the headers change nothing', () => {
    const quota = new CloudQuota({ reservePercent: 10, maxTokens: 10, now: () => 0 });
    quota.note('a', 200, {});
    quota.note('a', 200, { 'inin-ratelimit-count': 'x', 'inin-ratelimit-allowed': '300' });
    expect(quota.size).toBe(0);
    quota.note('a', 429, { 'retry-after': '7' });
    expect(quota.admit('a')).toMatchObject({ retryAfterSec: 7, remaining: 0 });
  });

  it('is bounded, and reserve 0 never refuses', () => {
    const quota = new CloudQuota({ reservePercent: 0, maxTokens: 2, now: () => 0 });
    for (const t of ['a', 'b', 'c']) quota.note(t, 200, headers(300, 300, 60));
    expect(quota.size).toBe(2);
    expect(quota.admit('c')).toBeNull();
    expect(() => new CloudQuota({ reservePercent: 100, maxTokens: 1 })).toThrow(RangeError);
  });
});
