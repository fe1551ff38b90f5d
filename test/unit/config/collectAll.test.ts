import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configErrors, load } from './configSupport.js';

describe('loadConfig reports every bad variable at once', () => {
  it('lists each bad value of every reader (gateway, cache, resilience, loaders, operations), in reading order', () => {
    const e = configErrors(() =>
      load({
        PORT: 'abc',
        LOG_LEVEL: 'loud',
        CACHE_MAX_ENTRIES: '0',
        CACHE_TTL_SITES_MS: 'soon',
        UPSTREAM_RETRY_MAX: '9',
        SCHEDULE_WINDOW_DAYS: '400',
        GRAPHQL_MAX_DEPTH: '0',
        TOKEN_HASH_SECRET: 'short-secret',
      }),
    );
    expect(e.variables).toEqual([
      'TOKEN_HASH_SECRET',
      'PORT',
      'LOG_LEVEL',
      'CACHE_MAX_ENTRIES',
      'CACHE_TTL_SITES_MS',
      'UPSTREAM_RETRY_MAX',
      'SCHEDULE_WINDOW_DAYS',
      'GRAPHQL_MAX_DEPTH',
    ]);
    const lines = e.message.split('\n');
    expect(lines[0]).toBe('Invalid configuration (8 problems):');
    expect(lines.slice(1)).toHaveLength(8);
    expect(e.message).toContain('  - PORT must be a whole number from 0 to 65535; received "abc".');
    expect(e.message).toContain(
      '  - CACHE_TTL_SITES_MS must be a whole number from 0 to 86400000; received "soon".',
    );
    expect(e.message).not.toContain('short-secret');
  });

  it('checks rules across variables only when both values are valid', () => {
    // A bad PORT falls back to 4000; that must not also be reported as a clash with SIMULATOR_PORT.
    expect(configErrors(() => load({ PORT: 'x', SIMULATOR_PORT: '4000' })).variables).toEqual([
      'PORT',
    ]);
    expect(
      configErrors(() =>
        load({ UPSTREAM_RETRY_BASE_DELAY_MS: 'fast', UPSTREAM_RETRY_MAX_DELAY_MS: '10' }),
      ).variables,
    ).toEqual(['UPSTREAM_RETRY_BASE_DELAY_MS']);
    // A secret that breaks its rule is not also "missing" for its partner.
    expect(
      configErrors(() => load({ OAUTH_CLIENT_ID: 'with space', OAUTH_CLIENT_SECRET: 's' }))
        .variables,
    ).toEqual(['OAUTH_CLIENT_ID']);
  });

  it('reports a .env syntax error together with the bad values of the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-config-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'not a line\n');
    const e = configErrors(() => load({ PORT: 'abc', GRAPHQL_MAX_COST: '5k' }, file));
    expect(e.variables).toEqual([`.env (${file})`, 'PORT', 'GRAPHQL_MAX_COST']);
    expect(e.message).toMatch(/line 1: expected KEY=VALUE/);
  });

  it('with one problem, says it exactly as a single error would', () => {
    const e = configErrors(() => load({ PORT: 'abc' }));
    expect(e.message).toBe(
      'Invalid configuration: PORT must be a whole number from 0 to 65535; received "abc".',
    );
  });

  it('negative control: a clean environment loads', () => {
    expect(load({ PORT: '4100', LOG_LEVEL: 'warn' }).port).toBe(4100);
  });
});
