import { describe, expect, it, vi } from 'vitest';
import { budgetedSoap } from '../../../src/counters/budgetedSoap.js';
import { GatewayError } from '../../../src/errors/GatewayError.js';
import { RequestBudget } from '../../../src/shared/RequestBudget.js';
import type { WfmSoapApi } from '../../../src/types/WfmSoapApi.js';

function fakeSoap(): WfmSoapApi {
  return {
    getSites: vi.fn(async () => []),
    getTeams: vi.fn(async () => []),
    getAgents: vi.fn(async () => []),
    getAgentStates: vi.fn(async () => []),
    dropSession: vi.fn(),
  };
}

describe('budgetedSoap', () => {
  it('charges every SOAP call before it goes out and sends nothing once the budget is spent', async () => {
    const raw = fakeSoap();
    const soap = budgetedSoap(raw);
    const budget = new RequestBudget({ maxUpstreamCalls: 2, maxAnswerItems: 100 });
    const ctx = { token: 't', tokenHash: 'h', budget };
    await soap.getSites(ctx, []);
    await soap.getAgents(ctx, { siteId: 1 } as never);
    const refused = await soap.getAgentStates(ctx, {} as never).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GatewayError);
    expect((refused as GatewayError).extensions).toEqual({ limit: 'UPSTREAM_CALLS' });
    expect(raw.getAgentStates).not.toHaveBeenCalled();
    // Broken stays broken: a later call of the same request is refused too, and not sent.
    await expect(soap.getTeams(ctx, {} as never)).rejects.toBeInstanceOf(GatewayError);
    expect(raw.getTeams).not.toHaveBeenCalled();
    expect(budget.upstreamCalls).toBe(2);
  });

  it('limits nothing for a call without a budget (calls shared between callers)', async () => {
    const raw = fakeSoap();
    const soap = budgetedSoap(raw);
    for (let i = 0; i < 5; i += 1) await soap.getSites({ token: 't', tokenHash: 'h' }, []);
    expect(raw.getSites).toHaveBeenCalledTimes(5);
  });

  it('does not charge dropping a session', () => {
    const raw = fakeSoap();
    budgetedSoap(raw).dropSession('h');
    expect(raw.dropSession).toHaveBeenCalledWith('h');
  });
});
