import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/errors/GatewayError.js';
import { charged, RequestBudget } from '../../../src/shared/RequestBudget.js';

function refusal(run: () => void): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('RequestBudget', () => {
  it('allows calls up to the limit and refuses the next with BAD_USER_INPUT and limit UPSTREAM_CALLS', () => {
    const budget = new RequestBudget({ maxUpstreamCalls: 2, maxAnswerItems: 10 });
    budget.chargeCall();
    budget.chargeCall();
    const error = refusal(() => budget.chargeCall());
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions).toEqual({ limit: 'UPSTREAM_CALLS' });
    expect(error.message).not.toMatch(/\d/);
    expect(budget.upstreamCalls).toBe(2);
    expect(budget.broken).toBe('UPSTREAM_CALLS');
  });

  it('charges items exactly up to the limit and refuses what does not fit', () => {
    const budget = new RequestBudget({ maxUpstreamCalls: 10, maxAnswerItems: 5 });
    expect(charged(budget, [1, 2, 3])).toEqual([1, 2, 3]);
    budget.chargeItems(2);
    expect(refusal(() => budget.chargeItems(1)).extensions).toEqual({ limit: 'ANSWER_ITEMS' });
    expect(budget.answerItems).toBe(5);
  });

  it('checks an estimate without charging it', () => {
    const budget = new RequestBudget({ maxUpstreamCalls: 10, maxAnswerItems: 5 });
    budget.ensureRoom(5);
    expect(budget.answerItems).toBe(0);
    expect(refusal(() => budget.ensureRoom(6)).extensions).toEqual({ limit: 'ANSWER_ITEMS' });
  });

  it('stays broken: once over budget, every later charge of the request fails', () => {
    const budget = new RequestBudget({ maxUpstreamCalls: 10, maxAnswerItems: 1 });
    refusal(() => budget.chargeItems(2));
    expect(refusal(() => budget.chargeCall()).extensions).toEqual({ limit: 'ANSWER_ITEMS' });
    expect(refusal(() => budget.chargeItems(0)).extensions).toEqual({ limit: 'ANSWER_ITEMS' });
    expect(budget.upstreamCalls).toBe(0);
  });

  it('without a budget, charged passes the list through', () => {
    expect(charged(undefined, ['a'])).toEqual(['a']);
  });
});
