import type { CallContext } from './CallContext.js';

/** A WFM site as ConfigService850 describes it. */
export interface WfmSiteRecord {
  id: number;
  buId: number;
  name: string;
  /** IANA zone; WFM schedule times for the site are local to it. */
  timeZone: string;
}

export interface WfmTeamRecord {
  id: number;
  siteId: number;
  name: string;
}

export interface WfmAgentRecord {
  /** CME person DBID (`gswAgentId`). */
  id: number;
  firstName: string | null;
  lastName: string | null;
  siteId: number;
  teamId: number | null;
}

export type WfmStateType =
  | 'SHIFT'
  | 'ACTIVITY'
  | 'ACTIVITY_SET'
  | 'BREAK'
  | 'MEAL'
  | 'EXCEPTION'
  | 'TIME_OFF'
  | 'DAY_OFF'
  | 'MARKED_TIME';

/** One schedule state, already joined with its state-info name; times are OLE dates in site local time. */
export interface WfmAgentStateRecord {
  agentId: number;
  type: WfmStateType;
  name: string;
  startOle: number;
  endOle: number;
  fullDay: boolean;
  paid: boolean;
}

export interface AgentStateQuery {
  siteId: number;
  /** OLE dates in the site's local time, half-open [startOle, endOle). */
  startOle: number;
  endOle: number;
  /** Restrict to these agents (empty/undefined: all the caller may see at the site). */
  agentIds?: readonly number[];
  teamIds?: readonly number[];
}

/**
 * The WFM 8.5 SOAP API as the gateway uses it. Every call forwards `ctx.token` as Bearer and
 * reuses the caller's LocateServer → OpenSession handshake (cached per token hash).
 * Failures reject with `UpstreamError` (service `wfm-soap`).
 */
export interface WfmSoapApi {
  getSites(ctx: CallContext, siteIds?: readonly number[]): Promise<WfmSiteRecord[]>;
  getTeams(
    ctx: CallContext,
    filter: { siteIds?: readonly number[]; teamIds?: readonly number[] },
  ): Promise<WfmTeamRecord[]>;
  getAgents(
    ctx: CallContext,
    filter: {
      siteIds?: readonly number[];
      teamIds?: readonly number[];
      agentIds?: readonly number[];
    },
  ): Promise<WfmAgentRecord[]>;
  getAgentStates(ctx: CallContext, query: AgentStateQuery): Promise<WfmAgentStateRecord[]>;
  /** Forget the caller's SOAP session (sign-out, password change). */
  dropSession(tokenHash: string): void;
}
