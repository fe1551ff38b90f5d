import { afterAll, afterEach } from 'vitest';
import type { FaultRule } from '@genesys-gateway/simulator';
import {
  DEFAULT_RESILIENCE,
  type ResilienceConfig,
} from '../../../src/upstream/resilience/ResilienceConfig.js';
import { noSoap, startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

/**
 * The resilience the error tables run with: production retries, backoff and budget, but a circuit
 * breaker that needs more calls than a table makes, so that every row meets its own fault rather
 * than a circuit opened by the rows before it (the breaker has its own check, R7 in
 * test/reliability/).
 */
export const TABLE_RESILIENCE: ResilienceConfig = {
  ...DEFAULT_RESILIENCE,
  breaker: { ...DEFAULT_RESILIENCE.breaker, minCalls: 100_000 },
};

/**
 * Prints the R12 figure of the calling test file when it ends — "R12 <label>: passed/total cases
 * passed" — counting every test of the file as one case of the error mapping table.
 */
export function r12Figure(label: string): void {
  let cases = 0;
  let passed = 0;
  afterEach((context) => {
    cases += 1;
    if (context.task.result?.state !== 'fail') passed += 1;
  });
  afterAll(() => {
    console.log(`R12 ${label}: ${passed}/${cases} cases passed`);
  });
}

/**
 * The gateway an error table runs against: `TABLE_RESILIENCE`, a 400 ms upstream deadline and a
 * 1.5 s request deadline, shorter than `Retry-After: 2`, so 429s come back at once (a retry would
 * not fit); no response cache, so every call meets its fault. `soap: 'none'` (default) puts a
 * SOAP client that fails on any call in place of the real one: the REST tables must not reach it.
 */
export function startTableGateway(soap: 'real' | 'none' = 'none'): Promise<TestGateway> {
  return startTestGateway({
    env: { UPSTREAM_TIMEOUT_MS: '400', REQUEST_TIMEOUT_MS: '1500' },
    resilience: TABLE_RESILIENCE,
    responseCache: false,
    ...(soap === 'none' ? { clients: { soap: () => noSoap } } : {}),
  });
}

/** One row of an error table: a fault injected on one operation and what the client sees. */
export type Row = [
  name: string,
  fault: Omit<FaultRule, 'service' | 'operation'>,
  code: string,
  status: number | undefined,
  extras?: Record<string, unknown>,
];

/** Rows that read the same on every back end, named by the part of the table they fill. */
export const COMMON_ROWS: {
  rateLimited: Row[];
  unavailable: Row[];
  transport: Row[];
  htmlPage: Row;
} = {
  rateLimited: [
    [
      '429 with Retry-After',
      { kind: 'rateLimit', retryAfterSec: 2 },
      'RATE_LIMITED',
      429,
      { retryAfter: 2 },
    ],
    [
      '429 without Retry-After',
      { kind: 'rateLimit', retryAfterSec: null },
      'RATE_LIMITED',
      429,
      { retryAfter: 1 },
    ],
  ],
  unavailable: [
    ['502', { kind: 'status', status: 502 }, 'UPSTREAM_UNAVAILABLE', 502],
    ['503', { kind: 'status', status: 503 }, 'UPSTREAM_UNAVAILABLE', 503],
    ['504', { kind: 'status', status: 504 }, 'UPSTREAM_UNAVAILABLE', 504],
  ],
  transport: [
    ['a hang past the deadline', { kind: 'hang' }, 'UPSTREAM_TIMEOUT', undefined],
    ['a reset connection', { kind: 'reset' }, 'UPSTREAM_UNAVAILABLE', undefined],
  ],
  htmlPage: ['an HTML 502 page', { kind: 'html' }, 'UPSTREAM_UNAVAILABLE', 502],
};

/** The `upstream` extension expected for a row: `status` only when the upstream answered. */
export function upstreamOf(
  service: string,
  operation: string,
  status: number | undefined,
): Record<string, unknown> {
  return status === undefined ? { service, operation } : { service, operation, status };
}
