import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

/** The supervisor's dashboard: every site, its teams and agents, each agent's week. */
const DASHBOARD = /* GraphQL */ `
  query Dashboard($from: DateTime!, $to: DateTime!) {
    sites {
      id
      name
      timeZone
      teams {
        id
        name
      }
      agents {
        id
        firstName
        lastName
        team {
          id
          name
        }
        site {
          id
        }
        schedule(from: $from, to: $to) {
          from
          to
          items {
            type
            name
            start
            end
            fullDay
            paid
          }
        }
      }
    }
  }
`;

/** The Chicago week of the spring-forward change (2026-03-08): the offsets differ at both ends. */
const WEEK = { from: '2026-03-02T00:00:00-06:00', to: '2026-03-09T00:00:00-05:00' };

interface Item {
  type: string;
  name: string;
  start: string;
  end: string;
  fullDay: boolean;
  paid: boolean;
}
interface DashAgent {
  id: string;
  firstName: string | null;
  lastName: string | null;
  team: { id: string; name: string } | null;
  site: { id: string } | null;
  schedule: { from: string; to: string; items: Item[] };
}
interface DashSite {
  id: string;
  name: string;
  timeZone: string;
  teams: { id: string; name: string }[];
  agents: DashAgent[];
}

/** The answer with every id replaced, so both platforms' answers can be compared field by field. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  return typeof value;
}

/** Each agent's shifts by name: the same seeded world gives the same shift times on both. */
function shiftsByName(sites: DashSite[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const site of sites)
    for (const agent of site.agents)
      out.set(
        `${site.name}/${agent.firstName} ${agent.lastName}`,
        agent.schedule.items.filter((i) => i.type === 'SHIFT').map((i) => `${i.start}/${i.end}`),
      );
  return out;
}

describe('GENESYS_PLATFORM=cloud: the WFM fields through the Cloud loaders', () => {
  let cloud: TestGateway;
  let engage: TestGateway;
  beforeAll(async () => {
    // The whole dashboard in one document costs more than the default front-door budget.
    const env = { GRAPHQL_MAX_COST: '100000' };
    cloud = await startTestGateway({ env: { ...env, GENESYS_PLATFORM: 'cloud' } });
    engage = await startTestGateway({ env, sharedSimulator: cloud.sim });
  });
  afterAll(async () => {
    await engage.close();
    await cloud.close();
  });

  it("a supervisor's dashboard has Engage's shape, ids as GUIDs, shifts at the same instants", async () => {
    const onEngage = await engage.gql(DASHBOARD, await engage.token(), WEEK);
    cloud.sim.log.clear();
    const onCloud = await cloud.gql(DASHBOARD, cloud.cloudToken('sam.supervisor'), WEEK);
    expect(onCloud.body.errors).toBeUndefined();
    expect(onEngage.body.errors).toBeUndefined();
    // Each platform lists in its own order; compare site by site.
    const byName = (a: DashSite, b: DashSite) => a.name.localeCompare(b.name);
    const cloudSites = (onCloud.body.data?.['sites'] as DashSite[]).sort(byName);
    const engageSites = (onEngage.body.data?.['sites'] as DashSite[]).sort(byName);
    expect(shapeOf(cloudSites)).toEqual(shapeOf(engageSites));
    expect(cloudSites.map((s) => [s.name, s.timeZone, s.agents.length, s.teams.length])).toEqual(
      engageSites.map((s) => [s.name, s.timeZone, s.agents.length, s.teams.length]),
    );
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const agents = cloudSites.flatMap((s) => s.agents.map((a) => ({ site: s, agent: a })));
    expect(
      agents.every(({ site, agent }) => guid.test(agent.id) && agent.site?.id === site.id),
    ).toBe(true);
    expect(agents.every(({ agent }) => agent.team !== null && guid.test(agent.team.id))).toBe(true);
    const chicago = cloudSites.find((s) => s.timeZone === 'America/Chicago')!;
    expect(chicago.agents[0]?.schedule).toMatchObject(WEEK);
    expect(shiftsByName(cloudSites)).toEqual(shiftsByName(engageSites));
    const typesOf = (sites: DashSite[]) =>
      new Set(sites.flatMap((s) => s.agents.flatMap((a) => a.schedule.items.map((i) => i.type))));
    // Cloud has no marked time, and activity sets are plain activities there (docs/cloud.md).
    const expected = [...typesOf(engageSites)].filter(
      (t) => t !== 'MARKED_TIME' && t !== 'ACTIVITY_SET',
    );
    expect(typesOf(cloudSites)).toEqual(new Set(expected));
    expect(expected).toEqual(expect.arrayContaining(['SHIFT', 'BREAK', 'TIME_OFF', 'DAY_OFF']));
    // A full-day marker covers its local day: 23 hours on the Sunday of the change.
    const sunday = chicago.agents
      .flatMap((a) => a.schedule.items)
      .find((i) => i.fullDay && i.start.startsWith('2026-03-08'));
    expect(sunday).toMatchObject({
      start: '2026-03-08T00:00:00-06:00',
      end: '2026-03-09T00:00:00-05:00',
    });

    // Bounded: per unit one member list, one user read per 100 members and ONE search for the
    // week, whatever the number of agents; every call with the caller's token.
    const calls = cloud.sim.log.entries({ service: 'cloud' });
    const count = (op: string) => calls.filter((c) => c.operation === op).length;
    const units = cloudSites.length;
    expect(count('GET users/me')).toBe(1);
    expect(count('GET managementunits')).toBe(1);
    expect(count('GET managementunits/{id}/users')).toBe(units);
    expect(count('GET users')).toBe(
      cloudSites.reduce((n, s) => n + Math.ceil(s.agents.length / 100), 0),
    );
    expect(count('GET teams')).toBe(1);
    expect(count('GET businessunits/{id}/activitycodes')).toBe(1);
    expect(count('POST managementunits/{id}/agentschedules/search')).toBe(units);
    expect(calls).toHaveLength(4 + 2 * units + count('GET users'));
    expect(calls.every((c) => c.identity === 'sam.supervisor')).toBe(true);

    cloud.sim.log.clear();
    const warm = await cloud.gql(DASHBOARD, cloud.cloudToken('sam.supervisor'), WEEK);
    expect(warm.body.errors).toBeUndefined();
    // A new token: token check once, and the per-caller caches start empty for it.
    expect(cloud.sim.log.count({ service: 'cloud' })).toBe(calls.length);
  });

  it('the same token asks nothing again; another caller shares nothing', async () => {
    const token = cloud.cloudToken('sam.supervisor');
    await cloud.gql(DASHBOARD, token, WEEK);
    cloud.sim.log.clear();
    const again = await cloud.gql(DASHBOARD, token, WEEK);
    expect(again.body.errors).toBeUndefined();
    expect(cloud.sim.log.count({ service: 'cloud' })).toBe(0);

    const pat = await cloud.gql(DASHBOARD, cloud.cloudToken('pat.supervisor'), WEEK);
    const patSites = pat.body.data?.['sites'] as DashSite[];
    expect(patSites.map((s) => s.timeZone)).toEqual(['Australia/Sydney']);
    expect(
      cloud.sim.log.entries({ service: 'cloud' }).every((c) => c.identity === 'pat.supervisor'),
    ).toBe(true);
  });

  it('site, team, agent and schedules by GUID; a WFM integer id is BAD_USER_INPUT', async () => {
    const token = cloud.cloudToken('sam.supervisor');
    const sites = (await cloud.gql('{ sites { id agents { id team { id } } } }', token)).body
      .data?.['sites'] as { id: string; agents: { id: string; team: { id: string } }[] }[];
    const site = sites[0]!;
    const agent = site.agents[0]!;
    const res = await cloud.gql(
      /* GraphQL */ `
        query ($site: ID!, $team: ID!, $agent: ID!, $from: DateTime!, $to: DateTime!) {
          site(id: $site) {
            id
            name
            team(id: $team) {
              id
            }
          }
          team(id: $team) {
            id
            name
            site {
              id
            }
            agents {
              id
            }
          }
          agent(id: $agent) {
            id
            firstName
            site {
              id
            }
          }
          schedules(siteId: $site, from: $from, to: $to, agentIds: [$agent]) {
            agent {
              id
            }
            items {
              type
            }
          }
          wfmUser: me {
            wfmUser {
              id
              type
              name
              site {
                id
              }
              agent {
                id
              }
            }
          }
        }
      `,
      token,
      { site: site.id, team: agent.team.id, agent: agent.id, ...WEEK },
    );
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as Record<string, Record<string, unknown>>;
    expect(data['site']).toMatchObject({ id: site.id, team: { id: agent.team.id } });
    expect(data['team']).toMatchObject({ id: agent.team.id, site: { id: site.id } });
    expect((data['team']?.['agents'] as { id: string }[]).map((a) => a.id)).toContain(agent.id);
    expect(data['agent']).toMatchObject({ id: agent.id, site: { id: site.id } });
    const schedules = data['schedules'] as unknown as { agent: { id: string }; items: unknown[] }[];
    expect(schedules.map((s) => s.agent.id)).toEqual([agent.id]);
    expect(schedules[0]!.items.length).toBeGreaterThan(0);
    expect(data['wfmUser']?.['wfmUser']).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'SUPERVISOR',
      name: 'Sam Supervisor',
      site: null,
      agent: null,
    });

    const bad = await cloud.gql('{ site(id: "1") { id } }', token);
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'id',
    });
    const unknown = await cloud.gql(
      '{ site(id: "00000000-0000-4000-8000-000000000000") { id } }',
      token,
    );
    expect(unknown.body).toEqual({ data: { site: null } });
  });

  it('an agent reads their own schedule through agentschedules/mine', async () => {
    const token = cloud.cloudToken('alex.agent');
    cloud.sim.log.clear();
    const res = await cloud.gql(
      /* GraphQL */ `
        query ($from: DateTime!, $to: DateTime!) {
          me {
            wfmUser {
              type
              site {
                timeZone
              }
            }
            mySchedule(from: $from, to: $to) {
              from
              to
              agent {
                firstName
                lastName
              }
              items {
                type
                start
                end
              }
            }
          }
        }
      `,
      token,
      WEEK,
    );
    expect(res.body.errors).toBeUndefined();
    const me = res.body.data?.['me'] as {
      wfmUser: { type: string; site: { timeZone: string } };
      mySchedule: { from: string; agent: unknown; items: { type: string; start: string }[] };
    };
    expect(me.wfmUser).toEqual({ type: 'AGENT', site: { timeZone: 'America/Chicago' } });
    expect(me.mySchedule.from).toBe(WEEK.from);
    expect(me.mySchedule.agent).toEqual({ firstName: 'Alex', lastName: 'Agent' });
    expect(me.mySchedule.items.filter((i) => i.type === 'SHIFT').length).toBeGreaterThan(3);
    const ops = cloud.sim.log.entries({ service: 'cloud' }).map((c) => c.operation);
    expect(ops).toContain('POST agentschedules/mine');
    expect(ops).not.toContain('POST managementunits/{id}/agentschedules/search');
  });

  it("an agent asking for their site's schedules is FORBIDDEN, naming the missing permissions", async () => {
    const token = cloud.cloudToken('alex.agent');
    const site = (await cloud.gql('{ me { wfmUser { site { id } } } }', token)).body.data?.[
      'me'
    ] as { wfmUser: { site: { id: string } } };
    const res = await cloud.gql(
      'query ($s: ID!, $from: DateTime!, $to: DateTime!) { schedules(siteId: $s, from: $from, to: $to) { agent { id } } }',
      token,
      { s: site.wfmUser.site.id, ...WEEK },
    );
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'MISSING_PERMISSIONS',
      missingPermissions: ['wfm:agent:view', 'wfm:schedule:view', 'wfm:publishedSchedule:view'],
      upstream: { service: 'cloud', status: 403 },
    });
    expect(res.text).not.toContain('Unable to perform');
  });
});
