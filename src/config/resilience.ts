import {
  DEFAULT_RESILIENCE,
  type ResilienceConfig,
} from '../upstream/resilience/ResilienceConfig.js';
import { ConfigError } from './ConfigError.js';
import { MAX_MS, type EnvReader } from './read.js';

/**
 * Reads UPSTREAM_RETRY_*, UPSTREAM_BREAKER_* and SOAP_BULKHEAD_* (defaults: RELIABILITY.md, see
 * `DEFAULT_RESILIENCE`); a bad value is recorded on `read`.
 */
export function readResilienceConfig(read: EnvReader): ResilienceConfig {
  const d = DEFAULT_RESILIENCE;
  const baseDelayMs = read.int('UPSTREAM_RETRY_BASE_DELAY_MS', d.retry.baseDelayMs, 1, 60_000);
  const maxDelayMs = read.int('UPSTREAM_RETRY_MAX_DELAY_MS', d.retry.maxDelayMs, 1, MAX_MS);
  if (
    read.valid('UPSTREAM_RETRY_BASE_DELAY_MS', 'UPSTREAM_RETRY_MAX_DELAY_MS') &&
    maxDelayMs < baseDelayMs
  ) {
    read.report(
      new ConfigError(
        'UPSTREAM_RETRY_MAX_DELAY_MS',
        `must be at least UPSTREAM_RETRY_BASE_DELAY_MS (${baseDelayMs})`,
        JSON.stringify(String(maxDelayMs)),
      ),
    );
  }
  const maxConcurrent = read.int(
    'SOAP_BULKHEAD_MAX_CONCURRENT',
    d.soapBulkhead.maxConcurrent,
    1,
    10_000,
  );
  // Unset: the default share, but never more than the slots there are.
  const maxConcurrentPerCaller = read.int(
    'SOAP_BULKHEAD_MAX_CONCURRENT_PER_CALLER',
    Math.min(d.soapBulkhead.maxConcurrentPerCaller, maxConcurrent),
    1,
    10_000,
  );
  if (
    read.valid('SOAP_BULKHEAD_MAX_CONCURRENT', 'SOAP_BULKHEAD_MAX_CONCURRENT_PER_CALLER') &&
    maxConcurrentPerCaller > maxConcurrent
  ) {
    read.report(
      new ConfigError(
        'SOAP_BULKHEAD_MAX_CONCURRENT_PER_CALLER',
        `must be at most SOAP_BULKHEAD_MAX_CONCURRENT (${maxConcurrent})`,
        JSON.stringify(String(maxConcurrentPerCaller)),
      ),
    );
  }
  return {
    retry: {
      maxRetries: read.int('UPSTREAM_RETRY_MAX', d.retry.maxRetries, 0, 5),
      baseDelayMs,
      maxDelayMs,
      budgetPercent: read.int('UPSTREAM_RETRY_BUDGET_PERCENT', d.retry.budgetPercent, 1, 100),
      budgetMaxTokens: read.int('UPSTREAM_RETRY_BUDGET_TOKENS', d.retry.budgetMaxTokens, 1, 1_000),
    },
    breaker: {
      windowMs: read.int('UPSTREAM_BREAKER_WINDOW_MS', d.breaker.windowMs, 100, MAX_MS),
      minCalls: read.int('UPSTREAM_BREAKER_MIN_CALLS', d.breaker.minCalls, 1, 100_000),
      failurePercent: read.int(
        'UPSTREAM_BREAKER_FAILURE_PERCENT',
        d.breaker.failurePercent,
        1,
        100,
      ),
      openMs: read.int('UPSTREAM_BREAKER_OPEN_MS', d.breaker.openMs, 1, MAX_MS),
    },
    soapBulkhead: {
      maxConcurrent,
      maxConcurrentPerCaller,
      maxQueue: read.int('SOAP_BULKHEAD_MAX_QUEUE', d.soapBulkhead.maxQueue, 0, 100_000),
      queueTimeoutMs: read.int(
        'SOAP_BULKHEAD_QUEUE_TIMEOUT_MS',
        d.soapBulkhead.queueTimeoutMs,
        1,
        MAX_MS,
      ),
    },
  };
}
