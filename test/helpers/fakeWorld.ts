/**
 * Deterministic fake WFM worlds for unit and schema tests: site 1 in America/Chicago (teams 11,
 * 12), site 2 in Europe/Berlin (team 21), site 3 in Australia/Sydney (team 31), agents numbered
 * from 1001 per site.
 */
import type { CloudUserDetails } from '../../src/types/AuthApi.js';
import type {
  WfmAgentRecord,
  WfmAgentStateRecord,
  WfmStateType,
} from '../../src/types/WfmSoapApi.js';
import type { FakeWorld } from './fakeUpstreams.js';

const OLE_EPOCH_MS = Date.UTC(1899, 11, 30);

/** The OLE date of a local wall-clock time (`month` 1-based). */
export function localOle(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return (Date.UTC(year, month - 1, day, hour, minute) - OLE_EPOCH_MS) / 86_400_000;
}

/** Builds a world with `agentsPerSite` agents at each of the three sites, without states. */
export function buildWorld(agentsPerSite = 3): FakeWorld {
  const sites = [
    { id: 1, buId: 1, name: 'Chicago', timeZone: 'America/Chicago' },
    { id: 2, buId: 1, name: 'Berlin', timeZone: 'Europe/Berlin' },
    { id: 3, buId: 2, name: 'Sydney', timeZone: 'Australia/Sydney' },
  ];
  const teams = [
    { id: 11, siteId: 1, name: 'Chicago A' },
    { id: 12, siteId: 1, name: 'Chicago B' },
    { id: 21, siteId: 2, name: 'Berlin A' },
    { id: 31, siteId: 3, name: 'Sydney A' },
  ];
  const agents: WfmAgentRecord[] = [];
  for (const site of sites) {
    const siteTeams = teams.filter((t) => t.siteId === site.id);
    for (let i = 0; i < agentsPerSite; i++) {
      agents.push({
        id: site.id * 1000 + i + 1,
        firstName: `First${site.id}-${i + 1}`,
        lastName: `Last${site.id}-${i + 1}`,
        siteId: site.id,
        teamId: siteTeams[i % siteTeams.length]?.id ?? null,
      });
    }
  }
  return { sites, teams, agents, states: [] };
}

function state(
  agentId: number,
  type: WfmStateType,
  name: string,
  startOle: number,
  endOle: number,
): WfmAgentStateRecord {
  return {
    agentId,
    type,
    name,
    startOle,
    endOle,
    fullDay: type === 'DAY_OFF',
    paid: type !== 'MEAL',
  };
}

/**
 * Gives every agent, for each local day from 2026-03-02 for `days` days: a 09:00–17:00 shift with
 * an activity and a break, listed out of order (the gateway must sort). Agents of site 1 also get
 * a night shift across Chicago's spring-forward change (Sat 2026-03-07 22:00 → Sun 06:00 local).
 */
export function withStates(world: FakeWorld, days = 7): FakeWorld {
  const states: WfmAgentStateRecord[] = [];
  for (const agent of world.agents) {
    for (let d = 0; d < days; d++) {
      const day = 2 + d;
      states.push(
        state(
          agent.id,
          'BREAK',
          'Break',
          localOle(2026, 3, day, 12),
          localOle(2026, 3, day, 12, 15),
        ),
      );
      states.push(
        state(agent.id, 'SHIFT', 'Day', localOle(2026, 3, day, 9), localOle(2026, 3, day, 17)),
      );
      states.push(
        state(
          agent.id,
          'ACTIVITY',
          'Phones',
          localOle(2026, 3, day, 9),
          localOle(2026, 3, day, 12),
        ),
      );
    }
    if (agent.siteId === 1) {
      states.push(
        state(agent.id, 'SHIFT', 'Night', localOle(2026, 3, 7, 22), localOle(2026, 3, 8, 6)),
      );
    }
  }
  return { ...world, states };
}

/** A supervisor as `/userinfo` describes them. */
export const SUPERVISOR: CloudUserDetails = {
  username: 'demo\\sam.supervisor',
  loginName: 'sam.supervisor',
  cmeUserName: 'sam.supervisor',
  dbid: 900,
  contactCenterId: 'cc-1',
  environmentId: 'env-1',
  properties: { locale: 'en-US' },
  authorities: [{ name: 'ROLE_SUPERVISOR', privileges: ['wfm.schedule.view', 'wfm.agent.view'] }],
};

/** An agent (agent 1001 of site 1) as `/userinfo` describes them. */
export const AGENT: CloudUserDetails = {
  username: 'demo\\alex.agent',
  loginName: 'alex.agent',
  dbid: 1001,
  authorities: [{ name: 'ROLE_AGENT', privileges: ['wfm.schedule.own'] }],
};
