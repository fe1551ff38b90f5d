import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDotEnv } from '../../../src/config/dotenv.js';
import { configError, configErrors, load } from './configSupport.js';

const GENESYS = {
  GENESYS_AUTH_URL: 'https://gws.example.com/auth/v3',
  GENESYS_WFM_URL: 'https://wfm.example.com/wfm/api/v3/',
  GENESYS_WFM_LOCATOR_URL: 'http://wfm.example.com:7000/?Handler=WFMLocatorService800',
};

describe('loadConfig', () => {
  it('with nothing set is demo mode with safe defaults', () => {
    const c = load({});
    expect(c).toMatchObject({
      mode: 'demo',
      genesys: null,
      nodeEnv: 'development',
      host: '127.0.0.1',
      port: 4000,
      simulatorPort: 4010,
      apiKey: null,
      upstream: { timeoutMs: 10_000, connectTimeoutMs: 3_000, maxResponseBytes: 16 * 1024 * 1024 },
      requestTimeoutMs: 30_000,
      maxRequestBodyBytes: 1024 * 1024,
      tokenCheck: { ttlMs: 30_000, maxEntries: 10_000 },
      maxScheduleRangeDays: 62,
      tokenHashSecret: 'r'.repeat(64),
      tokenHashSecretGenerated: true,
      corsOrigins: [],
      logLevel: 'info',
      introspection: true,
      oauthClient: { clientId: 'demo-client', clientSecret: 'demo-secret' },
    });
  });

  it('refuses NODE_ENV=production without Genesys URLs, naming them (never demo mode)', () => {
    const error = configError(() => load({ NODE_ENV: 'production' }));
    expect(error.variable).toBe('GENESYS_AUTH_URL, GENESYS_WFM_URL, GENESYS_WFM_LOCATOR_URL');
    expect(error.message).toMatch(/must be set when NODE_ENV=production/);
    expect(load({ NODE_ENV: 'development' }).mode).toBe('demo');
    expect(load({ ...GENESYS, NODE_ENV: 'production' }).mode).toBe('genesys');
  });

  it('reads SIMULATOR_AGENTS and SIMULATOR_RATE_LIMIT for demo mode, with their defaults', () => {
    expect(load({})).toMatchObject({ simulatorAgents: 60, simulatorRateLimitPerMinute: 300 });
    expect(load({ SIMULATOR_AGENTS: '5', SIMULATOR_RATE_LIMIT: '0' })).toMatchObject({
      simulatorAgents: 5,
      simulatorRateLimitPerMinute: 0,
    });
    const errors = configErrors(() =>
      load({ SIMULATOR_AGENTS: '100001', SIMULATOR_RATE_LIMIT: '-1' }),
    );
    expect(errors.variables).toEqual(['SIMULATOR_AGENTS', 'SIMULATOR_RATE_LIMIT']);
  });

  it('with all three Genesys URLs is genesys mode, production, listening on every interface', () => {
    const c = load(GENESYS);
    expect(c.mode).toBe('genesys');
    expect(c.genesys).toEqual({
      authUrl: 'https://gws.example.com/auth/v3',
      wfmUrl: 'https://wfm.example.com/wfm/api/v3',
      locatorUrl: 'http://wfm.example.com:7000/?Handler=WFMLocatorService800',
    });
    expect(c.nodeEnv).toBe('production');
    expect(c.host).toBe('0.0.0.0');
    expect(c.introspection).toBe(false);
    expect(c.oauthClient).toBeNull();
  });

  it('is deeply frozen', () => {
    const c = load({});
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.upstream)).toBe(true);
    expect(Object.isFrozen(c.corsOrigins)).toBe(true);
  });

  it('refuses a partial set of Genesys URLs, naming each missing one', () => {
    const e = configErrors(() => load({ GENESYS_AUTH_URL: GENESYS.GENESYS_AUTH_URL }));
    expect(e.variables).toEqual(['GENESYS_WFM_URL', 'GENESYS_WFM_LOCATOR_URL']);
    expect(e.message).toMatch(/GENESYS_WFM_URL.*all three/);
  });

  it.each([
    ['PORT', 'abc', /PORT must be a whole number from 0 to 65535; received "abc"/],
    ['PORT', '70000', /PORT .*received "70000"/],
    ['UPSTREAM_TIMEOUT_MS', '0', /UPSTREAM_TIMEOUT_MS must be a whole number from 1/],
    ['UPSTREAM_TIMEOUT_MS', '10s', /received "10s"/],
    ['REQUEST_TIMEOUT_MS', '-5', /REQUEST_TIMEOUT_MS/],
    [
      'MAX_SCHEDULE_RANGE_DAYS',
      '400',
      /MAX_SCHEDULE_RANGE_DAYS must be a whole number from 1 to 93/,
    ],
    [
      'LOG_LEVEL',
      'loud',
      /LOG_LEVEL must be one of silent, error, warn, info, debug; received "loud"/,
    ],
    ['NODE_ENV', 'staging', /NODE_ENV must be one of development, production, test/],
    ['GRAPHQL_INTROSPECTION', 'maybe', /GRAPHQL_INTROSPECTION must be true, false/],
    [
      'CORS_ORIGINS',
      'https://a.example.com/path',
      /CORS_ORIGINS must be a comma-separated list of origins/,
    ],
    [
      'CACHE_TTL_SITES_MS',
      'soon',
      /CACHE_TTL_SITES_MS must be a whole number from 0 to 86400000; received "soon"/,
    ],
    ['CACHE_MAX_ENTRIES', '1e3', /CACHE_MAX_ENTRIES must be a whole number from 1 to 1000000/],
    ['CACHE_MAX_BYTES', '64MB', /CACHE_MAX_BYTES must be a whole number from 1024/],
  ])('names %s, the rule and the value for %s', (name, value, pattern) => {
    const e = configError(() => load({ [name]: value }));
    expect(e.variable).toBe(name);
    expect(e.message).toMatch(pattern);
  });

  it('never echoes secrets', () => {
    const e = configError(() => load({ TOKEN_HASH_SECRET: 'short-secret' }));
    expect(e.variable).toBe('TOKEN_HASH_SECRET');
    expect(e.message).toContain('at least 32');
    expect(e.message).not.toContain('short-secret');
  });

  it('refuses Genesys URLs that are not http(s), carry credentials or miss the documented path', () => {
    expect(
      configError(() => load({ ...GENESYS, GENESYS_AUTH_URL: 'ftp://x/auth/v3' })).variable,
    ).toBe('GENESYS_AUTH_URL');
    const creds = configError(() =>
      load({ ...GENESYS, GENESYS_WFM_URL: 'https://user:pw@wfm/wfm/api/v3' }),
    );
    expect(creds.message).toMatch(/must not contain credentials/);
    expect(creds.message).not.toContain('pw@');
    expect(
      configError(() => load({ ...GENESYS, GENESYS_AUTH_URL: 'https://gws/auth/v2' })).message,
    ).toMatch(/ends in \/auth\/v3/);
  });

  it('refuses the same port for gateway and simulator in demo mode', () => {
    expect(configError(() => load({ PORT: '4010' })).variable).toBe('SIMULATOR_PORT');
    expect(load({ ...GENESYS, PORT: '4010' }).port).toBe(4010);
  });

  it('requires OAuth client id and secret together', () => {
    expect(configError(() => load({ OAUTH_CLIENT_ID: 'x' })).variable).toBe('OAUTH_CLIENT_SECRET');
    expect(load({ OAUTH_CLIENT_ID: 'gw', OAUTH_CLIENT_SECRET: 's3cret' }).oauthClient).toEqual({
      clientId: 'gw',
      clientSecret: 's3cret',
    });
  });

  it('reads typed values and lists', () => {
    const c = load({
      PORT: '0',
      HOST: '::',
      TOKEN_CHECK_TTL_MS: '0',
      TOKEN_HASH_SECRET: 'k'.repeat(40),
      CORS_ORIGINS: 'https://a.example.com, http://localhost:3000',
      GRAPHQL_INTROSPECTION: 'false',
      LOG_LEVEL: 'DEBUG',
      GENESYS_API_KEY: 'key-123',
    });
    expect(c).toMatchObject({
      port: 0,
      host: '::',
      tokenCheck: { ttlMs: 0 },
      introspection: false,
      logLevel: 'debug',
      apiKey: 'key-123',
    });
    expect(c.tokenHashSecret).toBe('k'.repeat(40));
    expect(c.tokenHashSecretGenerated).toBe(false);
    expect(c.corsOrigins).toEqual(['https://a.example.com', 'http://localhost:3000']);
  });

  it('merges a .env file under the environment (environment wins, blank counts as unset)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-config-'));
    const file = join(dir, '.env');
    writeFileSync(
      file,
      '# comment\nPORT=5000\nexport LOG_LEVEL="warn"\nSIMULATOR_PORT=5010 # inline\n',
    );
    const c = load({ PORT: '6000', SIMULATOR_PORT: '' }, file);
    expect(c.port).toBe(6000);
    expect(c.logLevel).toBe('warn');
    expect(c.simulatorPort).toBe(5010);
    expect(load({}, join(dir, 'missing.env')).port).toBe(4000);
  });

  it('reports a .env syntax error with its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-config-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'PORT=1\nnot a line\n');
    expect(configError(() => load({}, file)).message).toMatch(/line 2: expected KEY=VALUE/);
  });
});

describe('parseDotEnv', () => {
  it('reads KEY=VALUE lines, quotes, comments and export', () => {
    expect(parseDotEnv('A=1\n\n# c\nexport B = two words \nC=\'x # y\'\nD="q" # c\nE=\n')).toEqual({
      A: '1',
      B: 'two words',
      C: 'x # y',
      D: 'q',
      E: '',
    });
  });

  it('refuses bad keys and unterminated quotes', () => {
    expect(() => parseDotEnv('1A=x')).toThrow(/line 1/);
    expect(() => parseDotEnv('A="x')).toThrow(/unterminated/);
  });
});
