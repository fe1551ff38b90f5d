import type { SimAgent, SimSite, SimStateType, SimTeam, SimUser, SimWorld } from '../data/model.js';
import { cloudId } from './cloudIds.js';
import { permissionsOf, rolesOf, type CloudRole } from './permissions.js';
import { seedTimeOff } from './timeOffSeed.js';
import { TimeOffStore } from './TimeOffStore.js';

/** An activity-code category of the Platform API (genesys-facts §4.7). */
export type ActivityCategory =
  | 'OnQueueWork'
  | 'Break'
  | 'Meal'
  | 'Meeting'
  | 'OffQueueWork'
  | 'TimeOff'
  | 'Training'
  | 'Unavailable';

export interface CloudActivityCode {
  id: string;
  name: string;
  category: ActivityCategory;
  type: SimStateType;
  stateId: number;
  paid: boolean;
}

export interface CloudManagementUnit {
  id: string;
  site: SimSite;
  divisionId: string;
}

export interface CloudTeam {
  id: string;
  team: SimTeam;
  mu: CloudManagementUnit;
}

export interface CloudUser {
  id: string;
  user: SimUser;
  /** The agent record when the user is a WFM agent. */
  agent: SimAgent | null;
  roles: CloudRole[];
  permissions: string[];
  /** Management units a supervisor may see; an agent's own one; none otherwise. */
  visibleMuIds: ReadonlySet<string>;
}

const CATEGORY: Record<string, ActivityCategory> = {
  'ACTIVITY:1': 'OnQueueWork',
  'ACTIVITY:2': 'OnQueueWork',
  'ACTIVITY:3': 'OnQueueWork',
  'ACTIVITY:4': 'OffQueueWork',
  'ACTIVITY_SET:1': 'OnQueueWork',
  'ACTIVITY_SET:2': 'OnQueueWork',
  'BREAK:1': 'Break',
  'BREAK:2': 'Break',
  'MEAL:1': 'Meal',
  'MEAL:2': 'Meal',
  'EXCEPTION:1': 'Training',
  'EXCEPTION:2': 'Meeting',
  'EXCEPTION:3': 'Meeting',
  'TIME_OFF:1': 'TimeOff',
  'TIME_OFF:2': 'TimeOff',
  'DAY_OFF:1': 'Unavailable',
};

/**
 * The seeded world as Genesys Cloud sees it: one organisation, one business unit whose
 * management units are the WFM sites, teams, users (GUIDs derived from the DBIDs) with roles
 * and permissions, and activity codes for the schedule states. Built once per simulator.
 */
export class CloudWorld {
  readonly orgId: string;
  readonly businessUnit: { id: string; name: string; timeZone: string; divisionId: string };
  readonly managementUnits: CloudManagementUnit[];
  readonly teams: CloudTeam[];
  readonly users: CloudUser[];
  readonly activityCodes: CloudActivityCode[];
  /** Time-off requests (mutable: the time-off routes write here), seeded around `todayMs`. */
  readonly timeOff = new TimeOffStore();
  readonly #usersById = new Map<string, CloudUser>();
  readonly #usersByDbid = new Map<number, CloudUser>();
  readonly #musById = new Map<string, CloudManagementUnit>();
  readonly #musBySite = new Map<number, CloudManagementUnit>();
  readonly #codes = new Map<string, CloudActivityCode>();

  constructor(
    readonly world: SimWorld,
    todayMs: number = Date.now(),
  ) {
    this.orgId = cloudId('org', world.contactCenterId);
    const homeDivision = cloudId('division', 'home');
    this.businessUnit = {
      id: cloudId('bu', 1),
      name: 'Demo Contact Centers',
      timeZone: world.sites[0]?.timeZone ?? 'Etc/UTC',
      divisionId: homeDivision,
    };
    this.managementUnits = world.sites.map((site) => ({
      id: cloudId('mu', site.id),
      site,
      divisionId: homeDivision,
    }));
    for (const mu of this.managementUnits) {
      this.#musById.set(mu.id, mu);
      this.#musBySite.set(mu.site.id, mu);
    }
    this.teams = world.teams.map((team) => ({
      id: cloudId('team', team.id),
      team,
      mu: this.#musBySite.get(team.siteId)!,
    }));
    const agents = new Map(world.agents.map((a) => [a.id, a]));
    this.users = world.users.map((user) => {
      const roles = rolesOf(user, (name) => cloudId('role', name));
      const agent = agents.get(user.dbid) ?? null;
      const visible =
        user.wfm?.type === 'SUPERVISOR'
          ? user.wfm.siteIds.map((id) => this.#musBySite.get(id)!.id)
          : user.wfm?.type === 'AGENT' && agent
            ? [this.#musBySite.get(agent.siteId)!.id]
            : [];
      return {
        id: cloudId('user', user.dbid),
        user,
        agent: user.wfm?.type === 'AGENT' ? agent : null,
        roles,
        permissions: permissionsOf(roles),
        visibleMuIds: new Set(visible),
      };
    });
    for (const u of this.users) {
      this.#usersById.set(u.id, u);
      this.#usersByDbid.set(u.user.dbid, u);
    }
    this.activityCodes = world.stateInfos
      .filter((s) => CATEGORY[`${s.type}:${s.stateId}`] !== undefined)
      .map((s) => ({
        id: cloudId('activitycode', `${s.type}:${s.stateId}`),
        name: s.name,
        category: CATEGORY[`${s.type}:${s.stateId}`]!,
        type: s.type,
        stateId: s.stateId,
        paid: s.type !== 'MEAL' && s.type !== 'DAY_OFF',
      }));
    for (const c of this.activityCodes) this.#codes.set(`${c.type}:${c.stateId}`, c);
    seedTimeOff(this, todayMs);
  }

  userById(id: string): CloudUser | undefined {
    return this.#usersById.get(id);
  }

  userByDbid(dbid: number): CloudUser | undefined {
    return this.#usersByDbid.get(dbid);
  }

  managementUnit(id: string): CloudManagementUnit | undefined {
    return this.#musById.get(id);
  }

  managementUnitOfSite(siteId: number): CloudManagementUnit | undefined {
    return this.#musBySite.get(siteId);
  }

  /** The activity code of a schedule state, or undefined (shifts and marked time have none). */
  activityCode(type: SimStateType, stateId: number): CloudActivityCode | undefined {
    return this.#codes.get(`${type}:${stateId}`);
  }

  /** The agents (as Cloud users) of a management unit, in seed order. */
  agentsOf(mu: CloudManagementUnit): CloudUser[] {
    return this.users.filter((u) => u.agent?.siteId === mu.site.id);
  }

  /** The members of a team, in seed order. */
  membersOf(team: CloudTeam): CloudUser[] {
    return this.users.filter((u) => u.agent?.teamId === team.team.id);
  }
}
