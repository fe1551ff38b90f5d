import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExposition } from '../../helpers/prometheusText.js';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

/** 40 requests per token and minute: the reserve (10 %) is the last 4. */
const ALLOWED = 40;
const SEARCH = 'POST managementunits/{id}/agentschedules/search';

const SCHEDULES = /* GraphQL */ `
  query ($site: ID!, $from: DateTime!, $to: DateTime!) {
    schedules(siteId: $site, from: $from, to: $to) {
      agent {
        id
      }
    }
  }
`;

/** Week `n` of 2026 (each a different search, so none is answered from the cache). */
function week(n: number): { from: string; to: string } {
  const from = new Date(Date.UTC(2026, 0, 5 + 7 * n));
  const to = new Date(from.getTime() + 7 * 86_400_000);
  return { from: from.toISOString(), to: to.toISOString() };
}

describe('GENESYS_PLATFORM=cloud: pacing by the inin-ratelimit-* headers', () => {
  let gw: TestGateway;
  let site: string;
  beforeAll(async () => {
    // A frozen simulator clock: the one-minute windows cannot reset during the test.
    const frozenMs = Date.parse('2026-03-04T12:00:00Z');
    gw = await startTestGateway({
      env: { GENESYS_PLATFORM: 'cloud' },
      simulator: { rateLimitPerMinute: ALLOWED, now: () => frozenMs },
    });
    const sites = await gw.gql('{ sites { id } }', gw.cloudToken('pat.supervisor'));
    site = (sites.body.data?.['sites'] as { id: string }[])[0]!.id;
  });
  afterAll(async () => {
    await gw.close();
  });

  it("refuses a token's schedule searches once its quota is down to the reserve, before Genesys does", async () => {
    const token = gw.cloudToken('pat.supervisor');
    gw.sim.log.clear();
    let refused: Record<string, unknown> | undefined;
    let n = 0;
    for (; n < ALLOWED && refused === undefined; n++) {
      const res = await gw.gql(SCHEDULES, token, { site, ...week(n) });
      const error = res.body.errors?.[0];
      if (error) refused = error.extensions;
      else expect(res.body.data?.['schedules']).toEqual(expect.any(Array));
    }
    expect(refused).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: expect.any(Number),
      upstream: { service: 'cloud', operation: 'agentschedules/search' },
    });
    expect(refused?.['retryAfter']).toBeGreaterThanOrEqual(1);
    expect(refused?.['retryAfter']).toBeLessThanOrEqual(60);
    const spent = gw.sim.log.entries({ service: 'cloud' });
    // Genesys never had to refuse; the reserve of the window was left untouched.
    expect(spent.filter((c) => c.status === 429)).toEqual([]);
    expect(spent.length).toBeLessThanOrEqual(ALLOWED - 4);
    expect(spent.length).toBeGreaterThan(ALLOWED - 4 - 3);

    // Further searches of the same token reach nothing upstream; cheap reads still do.
    gw.sim.log.clear();
    const again = await gw.gql(SCHEDULES, token, { site, ...week(n + 1) });
    expect(again.body.errors?.[0]?.extensions['code']).toBe('RATE_LIMITED');
    expect(gw.sim.log.count({ service: 'cloud' })).toBe(0);
    const cheap = await gw.gql('{ me { wfmUser { type } } }', token);
    expect(cheap.body.errors).toBeUndefined();
    expect(gw.sim.log.entries({ service: 'cloud' }).some((c) => c.operation === SEARCH)).toBe(
      false,
    );

    // Another caller is unaffected, and the refusals are counted.
    gw.sim.log.clear();
    const other = await gw.gql(SCHEDULES, gw.cloudToken('pat.supervisor'), { site, ...week(0) });
    expect(other.body.errors).toBeUndefined();
    expect(gw.sim.log.entries({ service: 'cloud' }).map((c) => c.operation)).toContain(SEARCH);
    const samples = parseExposition(await gw.metrics());
    const refusals = samples.find((s) => s.name === 'gateway_cloud_paced_refusals_total');
    expect(refusals?.value).toBe(2);
    expect(samples.find((s) => s.name === 'gateway_cloud_quota_tokens')?.value).toBeGreaterThan(1);
  });
});
