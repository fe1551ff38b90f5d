/**
 * The simulator's seeded world: the records every simulated back end (Authentication API,
 * WFM REST, WFM SOAP) answers from. Plain data, no behaviour; `seed.ts` builds it
 * deterministically from `SeedOptions`.
 */

/** A schedule state type as WFM 8.5 knows it (ESchStateType). Numeric values are private to WFM. */
export type SimStateType =
  | 'SHIFT'
  | 'ACTIVITY'
  | 'ACTIVITY_SET'
  | 'BREAK'
  | 'MEAL'
  | 'EXCEPTION'
  | 'TIME_OFF'
  | 'DAY_OFF'
  | 'MARKED_TIME';

export interface SimSite {
  /** WFM site id (`wmSiteId`). */
  id: number;
  /** WFM business unit id (`wmBUId`). */
  buId: number;
  name: string;
  /** IANA time zone of the site; WFM schedule times are local to it. */
  timeZone: string;
}

export interface SimTeam {
  /** WFM team id (`wmTeamId`). */
  id: number;
  siteId: number;
  name: string;
}

export interface SimAgent {
  /** CME person DBID (`gswAgentId`); equals the user's `dbid` and WFM `userId`. */
  id: number;
  firstName: string;
  lastName: string;
  siteId: number;
  teamId: number;
}

/** How a user appears to WFM; absent for users not provisioned in WFM. */
export type SimWfmRole =
  { type: 'AGENT'; agentId: number } | { type: 'SUPERVISOR'; siteIds: number[] };

export interface SimUser {
  /** CME person DBID; also the WFM userId. */
  dbid: number;
  tenant: string;
  /** Configuration Server user name, e.g. `sam.supervisor`. Sign in as `tenant\\userName`. */
  userName: string;
  firstName: string;
  lastName: string;
  email: string;
  /** Current password (change-password replaces it). */
  password: string;
  /** Authentication API roles, each with its privileges. */
  authorities: { name: string; privileges: string[] }[];
  wfm: SimWfmRole | null;
}

/** One schedule state of one agent, times as UTC epoch milliseconds. */
export interface SimScheduleState {
  agentId: number;
  type: SimStateType;
  /** Key into the state-info lookup (`wmStateId`) within its type. */
  stateId: number;
  startMs: number;
  endMs: number;
  fullDay: boolean;
  paid: boolean;
}

/** The state-info lookup (SchStateInfo): (type, stateId) → display name. */
export interface SimStateInfo {
  type: SimStateType;
  stateId: number;
  name: string;
}

export interface SimOAuthClient {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs allowed, or prefixes ending in `*` (loopback any port). */
  redirectUris: string[];
}

export interface SeedOptions {
  /** Number of numbered agents (`agent001`…); default 60. */
  agents: number;
  /** The "current date" the weeks around which get schedules; default now. */
  today: Date;
}

export interface SimWorld {
  contactCenterId: string;
  environmentId: string;
  sites: SimSite[];
  teams: SimTeam[];
  agents: SimAgent[];
  users: SimUser[];
  stateInfos: SimStateInfo[];
  clients: SimOAuthClient[];
  /** UTC ms half-open intervals that have schedules: [from, to). */
  scheduleCoverage: { fromMs: number; toMs: number }[];
  /**
   * Schedule states of one agent overlapping [fromMs, toMs), generated on demand
   * (deterministic, so thousands of agents cost nothing until asked for).
   */
  statesFor(agentId: number, fromMs: number, toMs: number): SimScheduleState[];
}
