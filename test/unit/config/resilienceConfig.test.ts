import { describe, expect, it } from 'vitest';
import { DEFAULT_RESILIENCE } from '../../../src/upstream/resilience/ResilienceConfig.js';
import { configError as thrownBy, load } from './configSupport.js';

const configError = (env: Record<string, string>) => thrownBy(() => load(env));

describe('resilience configuration', () => {
  it('defaults to the RELIABILITY.md budgets', () => {
    expect(load({}).resilience).toEqual(DEFAULT_RESILIENCE);
  });

  it('reads every variable', () => {
    const c = load({
      UPSTREAM_RETRY_MAX: '0',
      UPSTREAM_RETRY_BASE_DELAY_MS: '50',
      UPSTREAM_RETRY_MAX_DELAY_MS: '500',
      UPSTREAM_RETRY_BUDGET_PERCENT: '20',
      UPSTREAM_RETRY_BUDGET_TOKENS: '40',
      UPSTREAM_BREAKER_WINDOW_MS: '60000',
      UPSTREAM_BREAKER_MIN_CALLS: '5',
      UPSTREAM_BREAKER_FAILURE_PERCENT: '75',
      UPSTREAM_BREAKER_OPEN_MS: '2000',
      SOAP_BULKHEAD_MAX_CONCURRENT: '8',
      SOAP_BULKHEAD_MAX_CONCURRENT_PER_CALLER: '3',
      SOAP_BULKHEAD_MAX_QUEUE: '0',
      SOAP_BULKHEAD_QUEUE_TIMEOUT_MS: '250',
    });
    expect(c.resilience).toEqual({
      retry: {
        maxRetries: 0,
        baseDelayMs: 50,
        maxDelayMs: 500,
        budgetPercent: 20,
        budgetMaxTokens: 40,
      },
      breaker: { windowMs: 60_000, minCalls: 5, failurePercent: 75, openMs: 2_000 },
      soapBulkhead: {
        maxConcurrent: 8,
        maxConcurrentPerCaller: 3,
        maxQueue: 0,
        queueTimeoutMs: 250,
      },
    });
    expect(Object.isFrozen(c.resilience.breaker)).toBe(true);
  });

  it.each([
    ['UPSTREAM_RETRY_MAX', '6'],
    ['UPSTREAM_RETRY_BUDGET_PERCENT', '0'],
    ['UPSTREAM_BREAKER_FAILURE_PERCENT', '101'],
    ['UPSTREAM_BREAKER_MIN_CALLS', 'many'],
    ['SOAP_BULKHEAD_MAX_CONCURRENT', '0'],
    ['SOAP_BULKHEAD_MAX_CONCURRENT_PER_CALLER', '0'],
    ['SOAP_BULKHEAD_QUEUE_TIMEOUT_MS', '-1'],
  ])('stops start-up on a bad %s, naming it', (name, value) => {
    const error = configError({ [name]: value });
    expect(error.variable).toBe(name);
    expect(error.message).toContain(value);
  });

  it('shares at most the slots there are: the default share follows a smaller bulkhead, a larger one is refused', () => {
    expect(load({ SOAP_BULKHEAD_MAX_CONCURRENT: '4' }).resilience.soapBulkhead).toMatchObject({
      maxConcurrent: 4,
      maxConcurrentPerCaller: 4,
    });
    const error = configError({
      SOAP_BULKHEAD_MAX_CONCURRENT: '4',
      SOAP_BULKHEAD_MAX_CONCURRENT_PER_CALLER: '5',
    });
    expect(error.variable).toBe('SOAP_BULKHEAD_MAX_CONCURRENT_PER_CALLER');
  });

  it('refuses a backoff ceiling below its base', () => {
    const error = configError({
      UPSTREAM_RETRY_BASE_DELAY_MS: '500',
      UPSTREAM_RETRY_MAX_DELAY_MS: '100',
    });
    expect(error.variable).toBe('UPSTREAM_RETRY_MAX_DELAY_MS');
  });
});
