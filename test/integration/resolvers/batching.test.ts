/**
 * The N+1 shape through the whole stack (CONTRACT §4, issue 4.1): `site { agents { schedule } }`
 * costs a bounded number of SOAP calls, counted in the simulator's request log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_TODAY, startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

const MAX_BATCH_SIZE = 40;
const WEEK = 'from: "2026-03-09T00:00:00-05:00", to: "2026-03-16T00:00:00-05:00"';

let h: TestGateway;
let sam: string;
beforeAll(async () => {
  // 300 numbered agents: 100 per site, plus alex.agent in Chicago.
  h = await startTestGateway({
    simulator: { agents: 300, today: SEEDED_TODAY },
    env: { LOADER_MAX_BATCH_SIZE: String(MAX_BATCH_SIZE) },
    responseCache: false,
  });
  sam = await h.token('sam.supervisor');
});
afterAll(async () => h?.close());

function soapCalls(operation: string): number {
  return h.sim.log.count({ service: 'wfm-soap', operation });
}

describe('site { agents { schedule } }', () => {
  it('costs ceil(agents / maxBatchSize) GetAgentState calls, not one per agent', async () => {
    h.sim.log.clear();
    const response = await h.gql(
      `{ site(id: "1") { agents { id schedule(${WEEK}) { items { type } } } } }`,
      sam,
    );
    expect(response.body.errors).toBeUndefined();
    const agents = (
      response.body.data?.['site'] as { agents: { schedule: { items: unknown[] } }[] }
    ).agents;
    const expected = h.sim.world.agents.filter((a) => a.siteId === 1).length;
    expect(agents).toHaveLength(expected);
    expect(agents.some((a) => a.schedule.items.length > 0)).toBe(true);

    expect(soapCalls('GetAgentState')).toBe(Math.ceil(expected / MAX_BATCH_SIZE));
    expect(soapCalls('GetAgent')).toBe(1);
    expect(soapCalls('GetSite')).toBe(1);
    const sent = h.sim.log
      .entries({ service: 'wfm-soap', operation: 'GetAgentState' })
      .map((e) => e.detail?.['agentIds']);
    expect(sent.reduce((sum: number, n) => sum + Number(n), 0)).toBe(expected);
  });

  it('batches two sites and two ranges into one call per (site, range) chunk', async () => {
    h.sim.log.clear();
    const NEXT = 'from: "2026-03-16T00:00:00-05:00", to: "2026-03-23T00:00:00-05:00"';
    const response = await h.gql(
      `{ sites { id agents { id
          now: schedule(${WEEK}) { items { type } }
          next: schedule(${NEXT}) { items { type } }
      } } }`,
      sam,
    );
    expect(response.body.errors).toBeUndefined();
    const chunks = [1, 2]
      .map((siteId) => h.sim.world.agents.filter((a) => a.siteId === siteId).length)
      .reduce((sum, n) => sum + Math.ceil(n / MAX_BATCH_SIZE), 0);
    expect(soapCalls('GetAgentState')).toBe(2 * chunks);
    expect(soapCalls('GetAgent')).toBe(1);
  });

  it('answers schedules(siteId) for a whole site with the same bound', async () => {
    h.sim.log.clear();
    const response = await h.gql(
      `{ schedules(siteId: "2", ${WEEK}) { agent { id firstName team { name } } items { type } } }`,
      sam,
    );
    expect(response.body.errors).toBeUndefined();
    const expected = h.sim.world.agents.filter((a) => a.siteId === 2).length;
    expect(response.body.data?.['schedules']).toHaveLength(expected);
    expect(soapCalls('GetAgentState')).toBe(Math.ceil(expected / MAX_BATCH_SIZE));
    // Agents and teams for `agent { team }`: one GetAgent for the site, one GetTeam for the teams.
    expect(soapCalls('GetAgent')).toBe(1);
    expect(soapCalls('GetTeam')).toBe(1);
  });
});
