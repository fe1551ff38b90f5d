import { describe, expect, it } from 'vitest';
import { RetryBudget } from '../../../../src/upstream/resilience/RetryBudget.js';

describe('RetryBudget', () => {
  it('lets a lone caller retry a brief failure', () => {
    const budget = new RetryBudget({ percent: 10, maxTokens: 10 });
    budget.recordFailure();
    expect(budget.tryRetry()).toBe(true);
    budget.recordFailure();
    expect(budget.tryRetry()).toBe(true);
  });

  it('keeps a storm after healthy traffic near 1.1× and tending to 1×', () => {
    const budget = new RetryBudget({ percent: 10, maxTokens: 10 });
    for (let i = 0; i < 1_000; i++) budget.recordAnswer();
    for (const calls of [60, 600]) {
      let attempts = 0;
      for (let i = 0; i < calls; i++) {
        attempts += 1;
        budget.recordFailure();
        if (budget.tryRetry()) {
          attempts += 1;
          budget.recordFailure();
        }
      }
      console.log(`RetryBudget: storm of ${calls} calls → ${(attempts / calls).toFixed(3)}×`);
      expect(attempts / calls).toBeLessThanOrEqual(1.1);
    }
  });

  it('comes back once answers outnumber failures about ten to one', () => {
    const budget = new RetryBudget({ percent: 10, maxTokens: 10 });
    for (let i = 0; i < 20; i++) budget.recordFailure();
    expect(budget.tryRetry()).toBe(false);
    for (let i = 0; i < 50; i++) budget.recordAnswer();
    expect(budget.tryRetry()).toBe(false);
    budget.recordAnswer();
    expect(budget.tryRetry()).toBe(true);
    expect(budget.snapshot()).toMatchObject({ granted: 1, denied: 2 });
  });
});
