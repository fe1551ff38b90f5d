/**
 * Issue 4: concurrent identical misses coalesce. 100 identical requests of one user at once cost
 * exactly what ONE cold request costs: one upstream call per resource (token check, WFM user,
 * session handshake, sites, agents, one GetAgentState per chunk).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_TODAY, startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

const DASHBOARD = `{
  me { user { username } wfmUser { id name } openId { userName } }
  sites { id name agents { id } }
  schedules(siteId: "1", teamIds: ["11"], from: "2026-03-09T00:00:00-05:00", to: "2026-03-16T00:00:00-05:00") {
    agent { id } items { type start end }
  }
}`;

let h: TestGateway;
beforeAll(async () => {
  h = await startTestGateway({ simulator: { agents: 90, today: SEEDED_TODAY } });
});
afterAll(async () => h?.close());

/** Upstream calls in the log by `service operation`. */
function callsByOperation(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of h.sim.log.entries()) {
    if (e.service === 'admin') continue;
    const key = `${e.service} ${e.operation}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('a stampede of identical misses', () => {
  it('100 concurrent identical requests make one upstream call per resource', async () => {
    // What one cold request costs (another token of the same user: its own cache entries).
    const first = await h.token('sam.supervisor');
    h.sim.log.clear();
    const single = await h.gql(DASHBOARD, first);
    expect(single.body.errors).toBeUndefined();
    const oneRequest = callsByOperation();
    const chunks = oneRequest['wfm-soap GetAgentState'] ?? 0;
    expect(chunks).toBeGreaterThanOrEqual(1);
    // One call per resource: the token check, the WFM user, the handshake, the site list.
    for (const operation of [
      'auth userinfo',
      'wfm system/userinfo',
      'wfm-soap OpenSession',
      'wfm-soap GetSite',
    ])
      expect({ operation, count: oneRequest[operation] }).toEqual({ operation, count: 1 });

    const token = await h.token('sam.supervisor');
    h.sim.log.clear();
    const answers = await Promise.all(Array.from({ length: 100 }, () => h.gql(DASHBOARD, token)));
    expect(answers.every((a) => a.status === 200 && a.body.errors === undefined)).toBe(true);
    expect(new Set(answers.map((a) => JSON.stringify(a.body.data))).size).toBe(1);
    expect(answers[0]?.body.data).toEqual(single.body.data);
    const stampede = callsByOperation();
    console.log(`stampede: 100 identical requests → ${JSON.stringify(stampede)}`);
    expect(stampede).toEqual(oneRequest);
  });
});
