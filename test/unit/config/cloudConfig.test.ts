import { describe, expect, it } from 'vitest';
import { configErrors, load } from './configSupport.js';

const GENESYS = {
  GENESYS_AUTH_URL: 'https://gws.example.com/auth/v3',
  GENESYS_WFM_URL: 'https://wfm.example.com/wfm/api/v3',
  GENESYS_WFM_LOCATOR_URL: 'http://wfm.example.com:7000/?Handler=WFMLocatorService800',
};

describe('GENESYS_PLATFORM (CONTRACT §8)', () => {
  it('defaults to engage; the Cloud variables then change nothing', () => {
    expect(load(GENESYS)).toMatchObject({ platform: 'engage', mode: 'genesys', cloud: null });
    expect(load({ GENESYS_CLOUD_REGION: 'mypurecloud.ie' })).toMatchObject({
      platform: 'engage',
      mode: 'demo',
      cloud: null,
    });
  });

  it('cloud with a region derives the API and login URLs, and is not demo mode', () => {
    const c = load({ GENESYS_PLATFORM: 'cloud', GENESYS_CLOUD_REGION: 'euw2.pure.cloud' });
    expect(c).toMatchObject({ platform: 'cloud', mode: 'genesys', genesys: null });
    expect(c.cloud).toEqual({
      apiUrl: 'https://api.euw2.pure.cloud/api/v2',
      loginUrl: 'https://login.euw2.pure.cloud',
    });
  });

  it('cloud with both URLs uses them; with none it is demo mode, refused in production', () => {
    const c = load({
      GENESYS_PLATFORM: 'CLOUD',
      GENESYS_CLOUD_API_URL: 'http://127.0.0.1:4010/api/v2/',
      GENESYS_CLOUD_LOGIN_URL: 'http://127.0.0.1:4010',
    });
    expect(c.cloud).toEqual({
      apiUrl: 'http://127.0.0.1:4010/api/v2',
      loginUrl: 'http://127.0.0.1:4010',
    });
    expect(load({ GENESYS_PLATFORM: 'cloud', ...GENESYS })).toMatchObject({
      mode: 'demo',
      genesys: null,
      cloud: null,
    });
    const refused = configErrors(() =>
      load({ GENESYS_PLATFORM: 'cloud', ...GENESYS, NODE_ENV: 'production' }),
    );
    expect(refused.variables).toEqual([
      'GENESYS_CLOUD_REGION, GENESYS_CLOUD_API_URL, GENESYS_CLOUD_LOGIN_URL',
    ]);
  });

  it('names every bad or missing Cloud variable', () => {
    expect(configErrors(() => load({ GENESYS_PLATFORM: 'onprem' })).variables).toEqual([
      'GENESYS_PLATFORM',
    ]);
    const half = configErrors(() =>
      load({ GENESYS_PLATFORM: 'cloud', GENESYS_CLOUD_API_URL: 'https://api.x.com/v1' }),
    );
    expect(half.variables).toEqual(['GENESYS_CLOUD_API_URL', 'GENESYS_CLOUD_LOGIN_URL']);
    const both = configErrors(() =>
      load({
        GENESYS_PLATFORM: 'cloud',
        GENESYS_CLOUD_REGION: 'mypurecloud.com',
        GENESYS_CLOUD_LOGIN_URL: 'https://login.mypurecloud.com',
      }),
    );
    expect(both.variables).toEqual(['GENESYS_CLOUD_REGION']);
    const region = configErrors(() =>
      load({ GENESYS_PLATFORM: 'cloud', GENESYS_CLOUD_REGION: 'https://evil/x' }),
    );
    expect(region.variables).toEqual(['GENESYS_CLOUD_REGION']);
  });
});

describe('Genesys Cloud settings checked at start-up', () => {
  it('GENESYS_CLOUD_RATE_RESERVE_PERCENT: default 10, 0–90', () => {
    expect(load({}).cloudPacing).toEqual({ reservePercent: 10 });
    expect(load({ GENESYS_CLOUD_RATE_RESERVE_PERCENT: '0' }).cloudPacing.reservePercent).toBe(0);
    expect(
      configErrors(() => load({ GENESYS_CLOUD_RATE_RESERVE_PERCENT: '95' })).variables,
    ).toEqual(['GENESYS_CLOUD_RATE_RESERVE_PERCENT']);
  });

  it('production refuses http Cloud URLs except on loopback, reported with the other problems', () => {
    const plain = configErrors(() =>
      load({
        GENESYS_PLATFORM: 'cloud',
        GENESYS_CLOUD_API_URL: 'http://api.example.com/api/v2',
        GENESYS_CLOUD_LOGIN_URL: 'http://login.example.com',
        PORT: 'x',
      }),
    );
    expect(plain.variables).toEqual(['GENESYS_CLOUD_API_URL', 'GENESYS_CLOUD_LOGIN_URL', 'PORT']);
    expect(plain.message).toContain('https://');
    const dev = load({
      GENESYS_PLATFORM: 'cloud',
      NODE_ENV: 'development',
      GENESYS_CLOUD_API_URL: 'http://api.example.com/api/v2',
      GENESYS_CLOUD_LOGIN_URL: 'http://login.example.com',
    });
    expect(dev.cloud?.apiUrl).toBe('http://api.example.com/api/v2');
  });
});
