import { describe, expect, it } from 'vitest';
import { ConfigErrors, loadConfig } from '../../../src/config.js';

const GENESYS = {
  GENESYS_AUTH_URL: 'https://gws.example.com/auth/v3',
  GENESYS_WFM_URL: 'https://wfm.example.com/wfm/api/v3',
  GENESYS_WFM_LOCATOR_URL: 'http://wfm.example.com:7000/?Handler=WFMLocatorService800',
};
const load = (env: Record<string, string>) =>
  loadConfig({ env, envFile: null, randomSecret: () => 'r'.repeat(64) });

describe('PLAYGROUND_* configuration', () => {
  it('is on in demo mode and development, off in production unless PLAYGROUND_ENABLED=true', () => {
    expect(load({}).playground).toEqual({ enabled: true, authorizeUrl: null });
    expect(load({ ...GENESYS, NODE_ENV: 'development' }).playground.enabled).toBe(true);
    expect(load(GENESYS).playground.enabled).toBe(false);
    expect(load({ ...GENESYS, PLAYGROUND_ENABLED: 'true' }).playground.enabled).toBe(true);
    expect(load({ PLAYGROUND_ENABLED: 'false' }).playground.enabled).toBe(false);
  });

  it('takes the browser-facing authorize URL and validates both settings by name', () => {
    expect(
      load({ PLAYGROUND_AUTHORIZE_URL: 'https://login.example.com/auth/v3/oauth/authorize' })
        .playground.authorizeUrl,
    ).toBe('https://login.example.com/auth/v3/oauth/authorize');
    for (const env of <Record<string, string>[]>[
      { PLAYGROUND_ENABLED: 'yes' },
      { PLAYGROUND_AUTHORIZE_URL: 'https://login.example.com/auth/v3' },
      { PLAYGROUND_AUTHORIZE_URL: 'ftp://login.example.com/oauth/authorize' },
    ]) {
      const name = Object.keys(env)[0] as string;
      expect(() => load(env), name).toThrow(ConfigErrors);
      expect(() => load(env), name).toThrow(name);
    }
  });
});
