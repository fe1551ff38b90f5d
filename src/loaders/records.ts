/**
 * Records the loaders hand to resolvers when no upstream record fits as is. Upstream records
 * (`WfmSiteRecord`, `WfmAgentRecord`, …) are used directly everywhere else. The id type defaults
 * to Engage's integers; the loaders' public interface uses `WfmId` (either platform).
 */
import type { WfmId } from '../types/WfmRecords.js';
import type { WfmStateType } from '../types/WfmSoapApi.js';

/** One schedule item, times already converted to ISO 8601 in the site's zone. */
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
export interface AgentScheduleRecord<Id extends WfmId = number> {
  agentId: Id;
  siteId: Id;
  /** The site's IANA zone the times are expressed in. */
  timeZone: string;
  fromMs: number;
  toMs: number;
  /** Sorted by start; not clipped to the range. */
  items: ScheduleItemRecord[];
}

/** Key of `scheduleByAgentRange`: one agent of one site over a half-open range of instants. */
export interface ScheduleKey<Id extends WfmId = number> {
  siteId: Id;
  agentId: Id;
  /** Epoch milliseconds, inclusive. */
  fromMs: number;
  /** Epoch milliseconds, exclusive. */
  toMs: number;
}

/** The schedule record as resolvers receive it, from either platform. */
export type AnyAgentScheduleRecord = AgentScheduleRecord<WfmId>;
