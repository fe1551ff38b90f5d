/**
 * The incremental GetAgentState reader against real simulator replies: the same records as
 * node-soap's parse, for a large multi-agent reply and for an agent's own schedule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oleDay, startSoapApi, type SoapApiHarness } from './soapApiHarness.js';

let streamed: SoapApiHarness;
let nodeSoap: SoapApiHarness;
beforeAll(async () => {
  [streamed, nodeSoap] = await Promise.all([
    startSoapApi({ simulator: { agents: 300 }, api: { streamParseMinBytes: 0 } }),
    startSoapApi({ simulator: { agents: 300 }, api: { streamParseMinBytes: 1024 ** 3 } }),
  ]);
});
afterAll(async () => Promise.all([streamed?.close(), nodeSoap?.close()]));

describe('GetAgentState read incrementally', () => {
  it('gives exactly what node-soap gives for a whole site over two weeks', async () => {
    const query = { siteId: 1, startOle: oleDay(2026, 3, 2), endOle: oleDay(2026, 3, 16) };
    const [a, b] = await Promise.all([
      streamed.api.getAgentStates(await streamed.ctx('sam.supervisor'), query),
      nodeSoap.api.getAgentStates(await nodeSoap.ctx('sam.supervisor'), query),
    ]);
    expect(a.length).toBeGreaterThan(1_000);
    expect(a).toEqual(b);
  });

  it('reads an agent’s own schedule and maps the privilege fault for others', async () => {
    const ctx = await streamed.ctx('alex.agent');
    const alex = streamed.sim.world.users.find((u) => u.userName === 'alex.agent');
    const agentId = alex?.wfm?.type === 'AGENT' ? alex.wfm.agentId : -1;
    const query = { siteId: 1, startOle: oleDay(2026, 3, 2), endOle: oleDay(2026, 3, 9) };
    const own = await streamed.api.getAgentStates(ctx, { ...query, agentIds: [agentId] });
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((s) => s.agentId === agentId)).toBe(true);
    await expect(streamed.api.getAgentStates(ctx, query)).rejects.toMatchObject({
      kind: 'FORBIDDEN',
      reason: 'INSUFFICIENT_PRIVILEGES',
    });
  });
});
