import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigErrors,
  knownVariableNames,
  loadConfig,
  type UnknownVariable,
} from '../../../src/config.js';
import { DEFAULTS } from '../../../src/config/defaults.js';
import { findUnknownVariables, GATEWAY_PREFIXES } from '../../../src/config/unknownVariables.js';

/** Loads and returns what the unknown-variable hook was told. */
function unknownIn(env: Record<string, string>, envFile: string | null = null): UnknownVariable[] {
  const seen: UnknownVariable[] = [];
  loadConfig({
    env,
    envFile,
    randomSecret: () => 'r'.repeat(64),
    onUnknownVariable: (u) => seen.push(u),
  });
  return seen;
}

const GENESYS = {
  GENESYS_WFM_URL: 'https://wfm.example.com/wfm/api/v3',
  GENESYS_WFM_LOCATOR_URL: 'http://wfm.example.com:7000/?Handler=WFMLocatorService800',
};

describe('unknown variable names', () => {
  it('warns about a near miss of a known name, naming the closest one', () => {
    expect(unknownIn({ GENESIS_API_KEY: 'k' })).toEqual([
      { variable: 'GENESIS_API_KEY', closest: 'GENESYS_API_KEY', source: 'environment' },
    ]);
    expect(unknownIn({ LOGLEVEL: 'debug', port: '4100' })).toEqual([
      { variable: 'LOGLEVEL', closest: 'LOG_LEVEL', source: 'environment' },
      { variable: 'port', closest: 'PORT', source: 'environment' },
    ]);
  });

  it('warns about any unknown name under one of our prefixes', () => {
    expect(unknownIn({ CACHE_TTL_SITE_MS: '1000', GRAPHQL_MAX_QUERY_DEPTH: '5' })).toEqual([
      { variable: 'CACHE_TTL_SITE_MS', closest: 'CACHE_TTL_SITES_MS', source: 'environment' },
      {
        variable: 'GRAPHQL_MAX_QUERY_DEPTH',
        closest: 'GRAPHQL_MAX_DEPTH',
        source: 'environment',
      },
    ]);
  });

  it('warns about names in .env too, and is told even when loading then fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-config-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'GENESIS_AUTH_URL=https://gws.example.com/auth/v3\n');
    const seen: UnknownVariable[] = [];
    // The typo is why GENESYS_AUTH_URL is missing: the warning says so before the error.
    expect(() =>
      loadConfig({
        env: GENESYS,
        envFile: file,
        onUnknownVariable: (u) => seen.push(u),
      }),
    ).toThrow(ConfigErrors);
    expect(seen).toEqual([
      { variable: 'GENESIS_AUTH_URL', closest: 'GENESYS_AUTH_URL', source: '.env' },
    ]);
  });

  it('counts a blank variable as set for the warning (a typo is a typo)', () => {
    expect(unknownIn({ SIMULATR_PORT: '' })).toEqual([
      { variable: 'SIMULATR_PORT', closest: 'SIMULATOR_PORT', source: 'environment' },
    ]);
  });

  it('negative control: stays silent about our own names and about other tools’ variables', () => {
    const env: Record<string, string> = {
      PATH: '/usr/bin',
      HOME: '/root',
      HOSTNAME: 'box',
      PWD: '/work',
      OLDPWD: '/',
      SHELL: '/bin/bash',
      TERM: 'xterm',
      LANG: 'C.UTF-8',
      USER: 'root',
      NODE_OPTIONS: '--max-old-space-size=160',
      NODE_EXTRA_CA_CERTS: '/etc/ssl/ca.pem',
      CI: 'true',
      DEBIAN_FRONTEND: 'noninteractive',
      SSL_CERT_FILE: '/etc/ssl/cert.pem',
      BENCH_QUICK: '1',
      CHROMIUM_PATH: '/usr/bin/chromium',
      SIMULATOR_HOST: '127.0.0.1',
      PORT: '4100',
      LOG_LEVEL: 'warn',
      CACHE_TTL_SITES_MS: '1000',
    };
    expect(unknownIn(env)).toEqual([]);
  });

  it('every prefix is a real one: each starts at least one variable the gateway reads', () => {
    const known = knownVariableNames();
    for (const prefix of GATEWAY_PREFIXES)
      expect(
        known.some((name) => name.startsWith(prefix)),
        prefix,
      ).toBe(true);
  });

  it('finds nothing when nothing is known (no division of the world into typos)', () => {
    expect(findUnknownVariables(['GENESIS_AUTH_URL'], new Set(), 'environment')).toEqual([]);
  });
});

describe('the known variables', () => {
  it('include every variable of the one table of gateway defaults', () => {
    const known = knownVariableNames();
    for (const name of Object.keys(DEFAULTS)) expect(known, name).toContain(name);
  });

  it('are exactly the ones docs/configuration.md documents (plus the simulator’s own)', () => {
    const docs = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
    // First cells of the variable table: `NAME`, possibly `A` / `B` or `A`, `B`.
    const documented = new Set<string>();
    for (const line of docs.split('\n')) {
      const first = /^\| ([^|]+) \|/.exec(line)?.[1] ?? '';
      for (const m of first.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) documented.add(m[1] as string);
    }
    const known = knownVariableNames().filter(
      (name) => name !== 'SIMULATOR_HOST' && name !== 'SIMULATOR_ADVERTISED_URL',
    );
    expect([...documented].sort()).toEqual(known);
  });
});
