import { afterAll, afterEach } from 'vitest';
import {
  DEFAULT_RESILIENCE,
  type ResilienceConfig,
} from '../../../src/upstream/resilience/ResilienceConfig.js';

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
