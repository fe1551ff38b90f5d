import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { cachedSoap, cachedWfm } from '../../../src/cache/cachedUpstreams.js';
import { ResponseCache } from '../../../src/cache/ResponseCache.js';
import { DEFAULT_CACHE_CONFIG } from '../../../src/cache/cacheConfig.js';
import { UpstreamError } from '../../../src/errors/UpstreamError.js';
import {
  countedSoap,
  countedWfm,
  upstreamOutcomeOf,
} from '../../../src/counters/countedUpstreams.js';
import { UpstreamCounters } from '../../../src/counters/UpstreamCounters.js';
import { createRequestTally } from '../../../src/types/RequestTally.js';
import type { Upstreams } from '../../../src/types/Upstreams.js';

function fakeUpstreams(): Upstreams {
  return {
    auth: {
      userInfo: vi.fn(async () => ({ username: 'u', authorities: [] })),
      openIdUserInfo: vi.fn(async () => ({ authorities: [] })),
      ping: vi.fn(async () => undefined),
      signOut: vi.fn(async () => undefined),
      changePassword: vi.fn(async () => undefined),
      exchangeCode: vi.fn(async () => ({ access_token: 'x', token_type: 'bearer', expires_in: 1 })),
    },
    wfm: {
      userInfo: vi.fn(async () => {
        throw new UpstreamError('FORBIDDEN', 'No WFM', {
          service: 'wfm',
          operation: 'userInfo',
          status: 403,
        });
      }),
    },
    soap: {
      getSites: vi.fn(async () => []),
      getTeams: vi.fn(async () => []),
      getAgents: vi.fn(async () => []),
      getAgentStates: vi.fn(async () => []),
      dropSession: vi.fn(),
    },
  };
}

describe('the counting decorators (countedAuth, countedWfm, countedSoap)', () => {
  it('counts calls that reach the upstream behind the cache, with their outcome, into counters and tally', async () => {
    const counters = new UpstreamCounters();
    const cache = new ResponseCache({
      max: 10,
      maxSize: 100_000,
      ttlMs: DEFAULT_CACHE_CONFIG.ttlMs,
      counters,
    });
    const raw = fakeUpstreams();
    const upstreams = {
      wfm: cachedWfm(countedWfm(raw.wfm, counters), cache),
      soap: cachedSoap(countedSoap(raw.soap, counters), cache),
    };
    const ctx = {
      token: 't',
      tokenHash: createHmac('sha256', 'k').update('t').digest('hex'),
      tally: createRequestTally(),
    };

    await Promise.all([upstreams.soap.getSites(ctx, [1]), upstreams.soap.getSites(ctx, [1])]);
    await upstreams.soap.getSites(ctx, [1]);
    await expect(upstreams.wfm.userInfo(ctx)).rejects.toBeInstanceOf(UpstreamError);

    expect(counters.snapshot().upstreamCalls).toEqual([
      { service: 'wfm-soap', operation: 'getSites', outcome: 'ok', status: null, count: 1 },
      { service: 'wfm', operation: 'userInfo', outcome: 'FORBIDDEN', status: 403, count: 1 },
    ]);
    expect(ctx.tally).toMatchObject({ upstreamCalls: 2, cacheHits: 1, coalesced: 1 });
    expect(counters.snapshot().cache).toContainEqual({
      kind: 'sites',
      hits: 1,
      misses: 1,
      coalesced: 1,
    });
  });

  it('labels failures by kind, abort or unknown', () => {
    expect(
      upstreamOutcomeOf(new UpstreamError('TIMEOUT', 't', { service: 'auth', operation: 'x' })),
    ).toEqual({ outcome: 'TIMEOUT' });
    expect(upstreamOutcomeOf(new DOMException('gone', 'AbortError'))).toEqual({
      outcome: 'ABORTED',
    });
    expect(upstreamOutcomeOf(new DOMException('late', 'TimeoutError'))).toEqual({
      outcome: 'ABORTED',
    });
    expect(upstreamOutcomeOf('weird')).toEqual({ outcome: 'ERROR' });
  });
});
