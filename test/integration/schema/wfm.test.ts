import { describe, expect, it } from 'vitest';
import { createSchemaHarness } from '../../helpers/schemaHarness.js';

describe('WFM configuration queries', () => {
  it('lists the visible sites with teams and agents in a bounded number of calls', async () => {
    const h = createSchemaHarness();
    h.fakes.soap.visibleSiteIds = [1, 2];
    const result = await h.run(`{ sites {
      id name timeZone
      teams { id name site { id } agents { id } }
      agents { id firstName lastName site { id } team { id name } }
    } }`);
    expect(result.errors).toBeUndefined();
    const sites = result.data?.['sites'] as {
      id: string;
      teams: unknown[];
      agents: { team: { id: string } }[];
    }[];
    expect(sites.map((s) => s.id)).toEqual(['1', '2']);
    expect(sites[0]).toMatchObject({
      name: 'Chicago',
      timeZone: 'America/Chicago',
      teams: [
        {
          id: '11',
          name: 'Chicago A',
          site: { id: '1' },
          agents: [{ id: '1001' }, { id: '1003' }],
        },
        { id: '12', name: 'Chicago B', site: { id: '1' }, agents: [{ id: '1002' }] },
      ],
    });
    expect(sites[0]?.agents[1]).toEqual({
      id: '1002',
      firstName: 'First1-2',
      lastName: 'Last1-2',
      site: { id: '1' },
      team: { id: '12', name: 'Chicago B' },
    });
    // sites, teams of all sites, agents of all sites, agents of all teams: one call each.
    expect(h.fakes.log.count('GetSite')).toBe(1);
    expect(h.fakes.log.count('GetTeam')).toBe(1);
    expect(h.fakes.log.count('GetAgent')).toBe(2);
  });

  it('answers site, team and agent by id, and null when unknown or invisible', async () => {
    const h = createSchemaHarness();
    h.fakes.soap.visibleSiteIds = [1, 2];
    const result = await h.run(`{
      site(id: "2") { name team(id: "21") { name } other: team(id: "11") { name } }
      hidden: site(id: "3") { name }
      unknown: site(id: "77") { name }
      team(id: "12") { name site { name } }
      agent(id: "2002") { lastName site { name } team { name } }
      nobody: agent(id: "3001") { id }
    }`);
    expect(result).toEqual({
      data: {
        site: { name: 'Berlin', team: { name: 'Berlin A' }, other: null },
        hidden: null,
        unknown: null,
        team: { name: 'Chicago B', site: { name: 'Chicago' } },
        agent: { lastName: 'Last2-2', site: { name: 'Berlin' }, team: { name: 'Berlin A' } },
        nobody: null,
      },
    });
  });

  it.each(['abc', '1.0', '-3', ''])(
    'rejects site(id: %j) with BAD_USER_INPUT "unknown id format"',
    async (id) => {
      const h = createSchemaHarness();
      const result = await h.run('query ($id: ID!) { site(id: $id) { id } }', { id });
      expect(result.data).toEqual({ site: null });
      expect(result.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('unknown id format'),
          extensions: { code: 'BAD_USER_INPUT', argument: 'id' },
        }),
      ]);
      expect(h.fakes.log.calls).toEqual([]);
    },
  );
});
