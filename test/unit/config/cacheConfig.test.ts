import { describe, expect, it } from 'vitest';
import {
  CACHE_KINDS,
  DEFAULT_CACHE_CONFIG,
  cacheTtlEnvName,
} from '../../../src/cache/cacheConfig.js';
import { ResponseCache, responseCacheOptions } from '../../../src/cache/ResponseCache.js';
import { configError, load } from './configSupport.js';

describe('cache configuration (CACHE_*)', () => {
  it('gives the documented defaults when nothing is set', () => {
    expect(load({}).cache).toEqual({
      maxEntries: 10_000,
      maxSizeBytes: 64 * 1024 * 1024,
      ttlMs: {
        wfmUser: 60_000,
        sites: 300_000,
        teams: 300_000,
        agents: 300_000,
        schedules: 60_000,
        openId: 60_000,
        timeOff: 30_000,
      },
    });
    expect(load({ CACHE_MAX_ENTRIES: '' }).cache).toEqual(DEFAULT_CACHE_CONFIG);
  });

  it('names the TTL variable of every kind in upper snake case', () => {
    expect(CACHE_KINDS.map(cacheTtlEnvName)).toEqual([
      'CACHE_TTL_WFM_USER_MS',
      'CACHE_TTL_SITES_MS',
      'CACHE_TTL_TEAMS_MS',
      'CACHE_TTL_AGENTS_MS',
      'CACHE_TTL_SCHEDULES_MS',
      'CACHE_TTL_OPEN_ID_MS',
      'CACHE_TTL_TIME_OFF_MS',
    ]);
  });

  it('reads every variable', () => {
    const config = load({
      CACHE_MAX_ENTRIES: '500',
      CACHE_MAX_BYTES: '1048576',
      CACHE_TTL_WFM_USER_MS: '1000',
      CACHE_TTL_SCHEDULES_MS: '0',
    }).cache;
    expect(config.maxEntries).toBe(500);
    expect(config.maxSizeBytes).toBe(1_048_576);
    expect(config.ttlMs.wfmUser).toBe(1000);
    expect(config.ttlMs.schedules).toBe(0);
    expect(config.ttlMs.sites).toBe(300_000);
    expect(Object.isFrozen(config) && Object.isFrozen(config.ttlMs)).toBe(true);
  });

  it.each([
    ['CACHE_MAX_ENTRIES', '0'],
    ['CACHE_MAX_ENTRIES', 'ten'],
    ['CACHE_MAX_ENTRIES', '1e3'],
    ['CACHE_MAX_ENTRIES', '-5'],
    ['CACHE_MAX_BYTES', '64MB'],
    ['CACHE_MAX_BYTES', '100'],
    ['CACHE_TTL_SITES_MS', '2.5'],
    ['CACHE_TTL_OPEN_ID_MS', '99999999999'],
  ])('refuses %s=%j, naming the variable, the rule and the value', (name, value) => {
    const error = configError(() => load({ [name]: value }));
    expect(error.variable).toBe(name);
    expect(error.message).toMatch(
      new RegExp(
        `${name} must be a whole number from \\d+ to \\d+; received ${JSON.stringify(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
      ),
    );
  });

  it('builds a working cache from the defaults', async () => {
    const cache = new ResponseCache(responseCacheOptions(DEFAULT_CACHE_CONFIG));
    await expect(cache.fetch('schedules', 'ab'.repeat(32), 'k', async () => 7)).resolves.toBe(7);
    expect(cache.stats().entries).toBe(1);
  });
});
