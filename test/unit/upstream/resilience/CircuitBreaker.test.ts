import { describe, expect, it } from 'vitest';
import {
  CircuitBreaker,
  type BreakerState,
} from '../../../../src/upstream/resilience/CircuitBreaker.js';

function breaker(): { cb: CircuitBreaker; clock: { nowMs: number }; changes: string[] } {
  const clock = { nowMs: 1_000_000 };
  const changes: string[] = [];
  const cb = new CircuitBreaker({
    windowMs: 10_000,
    minCalls: 4,
    failurePercent: 50,
    openMs: 5_000,
    now: () => clock.nowMs,
    onStateChange: (from: BreakerState, to: BreakerState) => changes.push(`${from}→${to}`),
  });
  return { cb, clock, changes };
}

function call(cb: CircuitBreaker, result: 'success' | 'failure' | 'ignored'): boolean {
  const permit = cb.tryAcquire();
  if (!permit) return false;
  cb.record(permit, result);
  return true;
}

describe('CircuitBreaker', () => {
  it('stays closed below the minimum volume, whatever the ratio', () => {
    const { cb } = breaker();
    for (let i = 0; i < 3; i++) call(cb, 'failure');
    expect(cb.state).toBe('closed');
  });

  it('opens at the failure ratio once the window holds minCalls, then fails fast', () => {
    const { cb, changes } = breaker();
    call(cb, 'success');
    call(cb, 'success');
    call(cb, 'failure');
    expect(cb.state).toBe('closed');
    call(cb, 'failure');
    expect(cb.state).toBe('open');
    expect(cb.tryAcquire()).toBeNull();
    expect(cb.snapshot()).toMatchObject({ state: 'open', opened: 1, rejected: 1 });
    expect(changes).toEqual(['closed→open']);
  });

  it('never opens on answers (4xx, 429, SOAP Faults count as success) or ignored outcomes', () => {
    const { cb } = breaker();
    for (let i = 0; i < 100; i++) call(cb, i % 2 ? 'success' : 'ignored');
    expect(cb.state).toBe('closed');
  });

  it('forgets failures older than the window', () => {
    const { cb, clock } = breaker();
    call(cb, 'failure');
    call(cb, 'failure');
    call(cb, 'failure');
    clock.nowMs += 11_000;
    call(cb, 'failure');
    expect(cb.state).toBe('closed');
    expect(cb.snapshot().windowCalls).toBe(1);
  });

  it('half-opens after openMs and lets exactly one probe through; success closes', () => {
    const { cb, clock, changes } = breaker();
    for (let i = 0; i < 4; i++) call(cb, 'failure');
    clock.nowMs += 5_000;
    const probe = cb.tryAcquire();
    expect(probe).toEqual({ probe: true });
    expect(cb.tryAcquire()).toBeNull();
    cb.record(probe!, 'success');
    expect(cb.state).toBe('closed');
    expect(changes).toEqual(['closed→open', 'open→half-open', 'half-open→closed']);
  });

  it('a failed probe opens the circuit again for another openMs', () => {
    const { cb, clock } = breaker();
    for (let i = 0; i < 4; i++) call(cb, 'failure');
    clock.nowMs += 5_000;
    cb.record(cb.tryAcquire()!, 'failure');
    expect(cb.state).toBe('open');
    clock.nowMs += 4_999;
    expect(cb.tryAcquire()).toBeNull();
    clock.nowMs += 1;
    expect(cb.tryAcquire()).toEqual({ probe: true });
  });

  it('an ignored probe (the caller left) frees the probe slot', () => {
    const { cb, clock } = breaker();
    for (let i = 0; i < 4; i++) call(cb, 'failure');
    clock.nowMs += 5_000;
    cb.record(cb.tryAcquire()!, 'ignored');
    expect(cb.state).toBe('half-open');
    expect(cb.tryAcquire()).toEqual({ probe: true });
  });
});
