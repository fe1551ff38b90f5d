/**
 * Records the loaders hand to resolvers when no upstream record fits as is. Upstream records
 * (`WfmSiteRecord`, `WfmAgentRecord`, …) are used directly everywhere else.
 */
import type { WfmStateType } from '../types/WfmSoapApi.js';

/** One schedule item, times already converted from the site's OLE dates to ISO 8601 in its zone. */
export interface ScheduleItemRecord {
  type: WfmStateType;
  name: string;
  /** ISO 8601 with the site's offset at that instant. */
  start: string;
  /** ISO 8601 with the site's offset at that instant (exclusive). */
  end: string;
  fullDay: boolean;
  paid: boolean;
}

/** One agent's schedule in a half-open range [fromMs, toMs): the parent of `AgentSchedule`. */
export interface AgentScheduleRecord {
  agentId: number;
  siteId: number;
  /** The site's IANA zone the times are expressed in. */
  timeZone: string;
  fromMs: number;
  toMs: number;
  /** Sorted by start; not clipped to the range. */
  items: ScheduleItemRecord[];
}

/** Key of `scheduleByAgentRange`: one agent of one site over a half-open range of instants. */
export interface ScheduleKey {
  siteId: number;
  agentId: number;
  /** Epoch milliseconds, inclusive. */
  fromMs: number;
  /** Epoch milliseconds, exclusive. */
  toMs: number;
}
