import { describe, expect, it } from 'vitest';
import { ConfigErrors, loadConfig } from '../../../src/config.js';

const base = {
  NODE_ENV: 'production',
  GENESYS_AUTH_URL: 'https://gws.example.com/auth/v3',
  GENESYS_WFM_URL: 'https://wfm.example.com/wfm/api/v3',
  GENESYS_WFM_LOCATOR_URL: 'http://wfm.example.com:7000/?Handler=WFMLocatorService800',
};
const load = (env: Record<string, string>) =>
  loadConfig({ envFile: null, env: { ...base, ...env } });

describe('serving configuration', () => {
  it('defaults to the RELIABILITY.md budgets and safe serving settings', () => {
    const config = load({});
    expect(config.limits).toEqual({
      maxDepth: 10,
      maxAliases: 15,
      maxRootFields: 20,
      maxTokens: 2_000,
      maxDirectives: 50,
      maxCost: 5_000,
      listSize: 10,
      maxOperations: 10,
      maxJsonDepth: 32,
      maxListArgument: 1_000,
      maxUpstreamCalls: 100,
      maxAnswerItems: 25_000,
    });
    expect(config.shutdown).toEqual({ delayMs: 0, graceMs: 10_000 });
    expect(config.readiness).toEqual({ probeTimeoutMs: 1_000, cacheMs: 5_000 });
    expect(config.metricsEnabled).toBe(true);
    expect(Object.isFrozen(config.limits)).toBe(true);
  });

  it('reads every variable', () => {
    const config = load({
      GRAPHQL_MAX_DEPTH: '12',
      GRAPHQL_MAX_ALIASES: '0',
      GRAPHQL_MAX_ROOT_FIELDS: '5',
      GRAPHQL_MAX_TOKENS: '500',
      GRAPHQL_MAX_DIRECTIVES: '3',
      GRAPHQL_MAX_COST: '900',
      GRAPHQL_COST_LIST_SIZE: '25',
      GRAPHQL_MAX_OPERATIONS: '2',
      MAX_REQUEST_JSON_DEPTH: '8',
      GRAPHQL_MAX_LIST_ARGUMENT: '50',
      REQUEST_MAX_UPSTREAM_CALLS: '7',
      REQUEST_MAX_ANSWER_ITEMS: '300',
      SHUTDOWN_DELAY_MS: '5000',
      SHUTDOWN_GRACE_MS: '20000',
      READINESS_PROBE_TIMEOUT_MS: '250',
      READINESS_CACHE_MS: '0',
      METRICS_ENABLED: 'false',
    });
    expect(config.limits).toMatchObject({
      maxDepth: 12,
      maxAliases: 0,
      maxRootFields: 5,
      maxTokens: 500,
      maxDirectives: 3,
      maxCost: 900,
      listSize: 25,
      maxOperations: 2,
      maxJsonDepth: 8,
      maxListArgument: 50,
      maxUpstreamCalls: 7,
      maxAnswerItems: 300,
    });
    expect(config.shutdown).toEqual({ delayMs: 5_000, graceMs: 20_000 });
    expect(config.readiness).toEqual({ probeTimeoutMs: 250, cacheMs: 0 });
    expect(config.metricsEnabled).toBe(false);
  });

  it.each([
    ['GRAPHQL_MAX_DEPTH', '0'],
    ['GRAPHQL_MAX_TOKENS', '99'],
    ['GRAPHQL_MAX_COST', '5k'],
    ['REQUEST_MAX_UPSTREAM_CALLS', '0'],
    ['REQUEST_MAX_ANSWER_ITEMS', '0'],
    ['SHUTDOWN_GRACE_MS', '-1'],
    ['METRICS_ENABLED', 'yes'],
  ])('stops on a bad %s naming the variable', (name, value) => {
    expect(() => load({ [name]: value })).toThrow(ConfigErrors);
    expect(() => load({ [name]: value })).toThrow(new RegExp(`${name}.*received "${value}"`));
  });
});
