import { describe, expect, it } from 'vitest';
import { UpstreamCounters } from '../../../src/counters/UpstreamCounters.js';
import { createRequestTally } from '../../../src/types/RequestTally.js';

describe('UpstreamCounters', () => {
  it('counts upstream calls by service, operation, outcome and status, and feeds the tally', () => {
    const counters = new UpstreamCounters();
    const tally = createRequestTally();
    counters.recordUpstreamCall(
      { service: 'wfm-soap', operation: 'getAgentStates', outcome: 'ok', status: 200 },
      tally,
    );
    counters.recordUpstreamCall(
      { service: 'wfm-soap', operation: 'getAgentStates', outcome: 'ok', status: 200 },
      tally,
    );
    counters.recordUpstreamCall({
      service: 'auth',
      operation: 'userInfo',
      outcome: 'UNAUTHENTICATED',
      status: 401,
    });
    counters.recordUpstreamCall({ service: 'auth', operation: 'userInfo', outcome: 'TIMEOUT' });
    expect(counters.snapshot().upstreamCalls).toEqual([
      { service: 'wfm-soap', operation: 'getAgentStates', outcome: 'ok', status: 200, count: 2 },
      { service: 'auth', operation: 'userInfo', outcome: 'UNAUTHENTICATED', status: 401, count: 1 },
      { service: 'auth', operation: 'userInfo', outcome: 'TIMEOUT', status: null, count: 1 },
    ]);
    expect(tally).toMatchObject({ upstreamCalls: 2, cacheHits: 0, coalesced: 0 });
    expect(counters.totalUpstreamCalls()).toBe(4);
    expect(counters.totalUpstreamCalls('auth')).toBe(2);
  });

  it('counts cache hits, misses and coalesced calls by kind', () => {
    const counters = new UpstreamCounters();
    counters.recordCache('sites', 'miss');
    counters.recordCache('sites', 'coalesced');
    counters.recordCache('sites', 'hit');
    counters.recordCache('sites', 'hit');
    counters.recordCache('schedules', 'miss');
    expect(counters.snapshot().cache).toEqual([
      { kind: 'sites', hits: 2, misses: 1, coalesced: 1 },
      { kind: 'schedules', hits: 0, misses: 1, coalesced: 0 },
    ]);
  });

  it('returns a copy from snapshot, and reset sets everything back to zero', () => {
    const counters = new UpstreamCounters();
    counters.recordCache('sites', 'hit');
    const snapshot = counters.snapshot();
    counters.recordCache('sites', 'hit');
    expect(snapshot.cache[0]?.hits).toBe(1);
    counters.reset();
    expect(counters.snapshot()).toEqual({ upstreamCalls: [], cache: [], droppedRecords: 0 });
  });

  it('stays bounded when labels carry data by mistake', () => {
    const counters = new UpstreamCounters({ maxSeries: 10 });
    for (let i = 0; i < 1_000; i++)
      counters.recordUpstreamCall({ service: 'wfm', operation: `op-${i}`, outcome: 'ok' });
    counters.recordCache('k', 'hit');
    const snapshot = counters.snapshot();
    expect(snapshot.upstreamCalls).toHaveLength(10);
    expect(snapshot.droppedRecords).toBe(991);
    expect(() => new UpstreamCounters({ maxSeries: 0 })).toThrow(/maxSeries/);
  });
});
