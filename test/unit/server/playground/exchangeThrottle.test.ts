import { describe, expect, it } from 'vitest';
import { ExchangeThrottle } from '../../../../src/server/playground/exchangeThrottle.js';

describe('ExchangeThrottle', () => {
  it('allows a burst per address, then one exchange per refill interval, with the wait to say', () => {
    let now = 1_000_000;
    const throttle = new ExchangeThrottle(6, () => now);
    for (let i = 0; i < 6; i += 1) expect(throttle.take('10.0.0.1')).toBe(0);
    expect(throttle.take('10.0.0.1')).toBe(10); // 6 per minute: one every 10 s
    expect(throttle.take('10.0.0.2')).toBe(0); // another address has its own bucket
    now += 10_000;
    expect(throttle.take('10.0.0.1')).toBe(0);
    expect(throttle.take('10.0.0.1')).toBeGreaterThan(0);
    now += 10 * 60_000; // refills up to the burst, not beyond
    for (let i = 0; i < 6; i += 1) expect(throttle.take('10.0.0.1')).toBe(0);
    expect(throttle.take('10.0.0.1')).toBeGreaterThan(0);
  });
});
