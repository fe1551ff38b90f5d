import type { SimAgent, SimSite, SimTeam, SimUser } from './model.js';
import { hash32, mulberry32, pick } from './prng.js';

/** Tenant of every demo user (sign in as `demo\user`). */
export const DEMO_TENANT = 'demo';
/** Password of every demo user. */
export const DEMO_PASSWORD = 'demo-password';

/** How an agent works: shift start pattern, first of two consecutive days off, and a rotation key. */
export interface AgentProfile {
  agentId: number;
  timeZone: string;
  pattern: 'early' | 'day' | 'late' | 'night';
  /** Weekday (Mon = 0) of the first of two consecutive days off. */
  offStart: number;
  /** Rotates extras (time off, exceptions) across the agents of a site. */
  rotation: number;
}

/** Sites, teams, agents, users and the schedule profile of every agent. */
export interface Organization {
  sites: SimSite[];
  teams: SimTeam[];
  agents: SimAgent[];
  users: SimUser[];
  profiles: Map<number, AgentProfile>;
}

const SITES: SimSite[] = [
  { id: 1, buId: 1, name: 'Chicago Contact Center', timeZone: 'America/Chicago' },
  { id: 2, buId: 2, name: 'Berlin Contact Center', timeZone: 'Europe/Berlin' },
  { id: 3, buId: 3, name: 'Sydney Contact Center', timeZone: 'Australia/Sydney' },
];

const TEAMS: SimTeam[] = [
  { id: 11, siteId: 1, name: 'Chicago Sales' },
  { id: 12, siteId: 1, name: 'Chicago Support' },
  { id: 13, siteId: 1, name: 'Chicago Billing' },
  { id: 21, siteId: 2, name: 'Berlin Sales' },
  { id: 22, siteId: 2, name: 'Berlin Support' },
  { id: 31, siteId: 3, name: 'Sydney Support' },
  { id: 32, siteId: 3, name: 'Sydney Retention' },
  { id: 33, siteId: 3, name: 'Sydney Sales' },
];

const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Mia',
  'Lucas',
  'Sofia',
  'Ben',
  'Hannah',
  'Leon',
  'Chloe',
  'Jack',
  'Grace',
  'Mateo',
  'Amelia',
  'Felix',
  'Zoe',
  'Omar',
  'Isla',
  'Kenji',
  'Priya',
  'Diego',
  'Lena',
  'Tom',
];
const LAST_NAMES = [
  'Smith',
  'Müller',
  'Nguyen',
  'Garcia',
  'Schmidt',
  'Brown',
  'Wilson',
  'Kowalski',
  'Taylor',
  'Fischer',
  'Martin',
  'Rossi',
  'Kim',
  'Walker',
  'Weber',
  'Lee',
  "O'Brien",
  'Patel',
  'Novak',
  'Jones',
];

// Role names and privileges are opaque strings (genesys-facts §1.4: the vocabulary is undocumented).
const USER_ROLE = { name: 'ROLE_USER', privileges: ['AUTH_SIGN_IN', 'AUTH_CHANGE_PASSWORD'] };
const AGENT_ROLE = {
  name: 'ROLE_AGENT',
  privileges: [
    'WORKSPACE_AGENT_LOGIN',
    'WFM_AGENT_SCHEDULE_VIEW',
    'WFM_AGENT_TIMEOFF_REQUEST',
    'WFM_AGENT_TRADE_REQUEST',
  ],
};
const SUPERVISOR_ROLE = {
  name: 'ROLE_SUPERVISOR',
  privileges: [
    'WFM_SCHEDULE_VIEW',
    'WFM_SCHEDULE_EDIT',
    'WFM_CONFIG_VIEW',
    'WFM_AGENT_VIEW',
    'WFM_REPORTS_VIEW',
  ],
};
const NO_WFM_ROLE = { name: 'ROLE_AGENT', privileges: ['WORKSPACE_AGENT_LOGIN', 'WORKSPACE_CHAT'] };

/** Shift patterns by a site-local agent index: index 0 of each site works nights. */
const PATTERNS: readonly AgentProfile['pattern'][] = ['night', 'day', 'early', 'late', 'day'];
/** First day off by index / 5 for non-night agents: Sat+Sun, Sat+Sun, Sun+Mon, Thu+Fri. */
const DAY_OFF_STARTS = [5, 5, 6, 3];

/**
 * Builds the organization: three sites (Chicago, Berlin, Sydney) with 2–3 teams each, the named
 * demo users of CONTRACT §7 and `agentCount` numbered agents (`agent001`…, DBID 2000 + n) spread
 * round-robin over sites and, within a site, over its teams.
 */
export function buildOrganization(agentCount: number): Organization {
  const sites = SITES.map((s) => ({ ...s }));
  const teams = TEAMS.map((t) => ({ ...t }));
  const agents: SimAgent[] = [];
  const users: SimUser[] = [];
  const profiles = new Map<number, AgentProfile>();

  users.push(
    namedUser(1001, 'sam.supervisor', 'Sam', 'Supervisor', [USER_ROLE, SUPERVISOR_ROLE], {
      type: 'SUPERVISOR',
      siteIds: [1, 2],
    }),
    namedUser(1002, 'pat.supervisor', 'Pat', 'Supervisor', [USER_ROLE, SUPERVISOR_ROLE], {
      type: 'SUPERVISOR',
      siteIds: [3],
    }),
    namedUser(1003, 'alex.agent', 'Alex', 'Agent', [USER_ROLE, AGENT_ROLE], {
      type: 'AGENT',
      agentId: 1003,
    }),
    namedUser(1004, 'nina.noprov', 'Nina', 'Noprov', [USER_ROLE, NO_WFM_ROLE], null),
  );
  agents.push({ id: 1003, firstName: 'Alex', lastName: 'Agent', siteId: 1, teamId: 11 });
  profiles.set(1003, {
    agentId: 1003,
    timeZone: 'America/Chicago',
    pattern: 'day',
    offStart: 5,
    rotation: 1,
  });

  for (let i = 0; i < agentCount; i++) {
    const site = sites[i % sites.length]!;
    const siteIndex = Math.floor(i / sites.length);
    const siteTeams = teams.filter((t) => t.siteId === site.id);
    const team = siteTeams[siteIndex % siteTeams.length]!;
    const id = 2001 + i;
    const random = mulberry32(hash32(0x5eed, id));
    const firstName = pick(FIRST_NAMES, random());
    const lastName = pick(LAST_NAMES, random());
    const userName = `agent${String(i + 1).padStart(3, '0')}`;
    agents.push({ id, firstName, lastName, siteId: site.id, teamId: team.id });
    users.push(
      namedUser(id, userName, firstName, lastName, [USER_ROLE, AGENT_ROLE], {
        type: 'AGENT',
        agentId: id,
      }),
    );
    const pattern = PATTERNS[siteIndex % PATTERNS.length]!;
    profiles.set(id, {
      agentId: id,
      timeZone: site.timeZone,
      pattern,
      // Night workers are off Mon+Tue so the Saturday nights of the DST changes are worked.
      offStart:
        pattern === 'night'
          ? 0
          : DAY_OFF_STARTS[Math.floor(siteIndex / PATTERNS.length) % DAY_OFF_STARTS.length]!,
      rotation: siteIndex,
    });
  }
  return { sites, teams, agents, users, profiles };
}

function namedUser(
  dbid: number,
  userName: string,
  firstName: string,
  lastName: string,
  authorities: { name: string; privileges: string[] }[],
  wfm: SimUser['wfm'],
): SimUser {
  const mailbox = userName.toLowerCase();
  return {
    dbid,
    tenant: DEMO_TENANT,
    userName,
    firstName,
    lastName,
    email: `${mailbox}@demo.example.com`,
    password: DEMO_PASSWORD,
    authorities: authorities.map((a) => ({ name: a.name, privileges: [...a.privileges] })),
    wfm,
  };
}
