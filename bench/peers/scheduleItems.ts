/**
 * WFM `SchAgentState`s → the gateway's `ScheduleItem`s: type names by WFM state-type number,
 * times from site-local OLE dates to ISO 8601 in the site's offset, sorted by start and then
 * longest first (a shift before the activities inside it). Used by the Apollo peer and by the
 * runner to turn Mesh's upstream-shaped answer into the gateway's shape for the equality check.
 */
import { isoInZone, oleToMs } from './time.js';

/** `ESchStateType` numbers (src/upstream/soap/wsdl/NOTES.md) → `ScheduleItemType`. */
const TYPES = [
  'ACTIVITY',
  'ACTIVITY_SET',
  'BREAK',
  'MEAL',
  'EXCEPTION',
  'TIME_OFF',
  'DAY_OFF',
  'MARKED_TIME',
  'SHIFT',
];

/** One state with its state-info name. */
export interface AgentState {
  agentId: number;
  type: number;
  name: string;
  startOle: number;
  endOle: number;
  fullDay: boolean;
  paid: boolean;
}

/** A `ScheduleItem` as the gateway answers it. */
export interface Item {
  type: string;
  name: string;
  start: string;
  end: string;
  fullDay: boolean;
  paid: boolean;
}

/** The items of one agent's states in `timeZone`; unknown state types are left out. */
export function toItems(states: readonly AgentState[], timeZone: string): Item[] {
  return states
    .filter((s) => TYPES[s.type] !== undefined)
    .map((s) => ({
      s,
      startMs: oleToMs(s.startOle, timeZone),
      endMs: oleToMs(s.endOle, timeZone),
    }))
    .sort((a, b) => a.startMs - b.startMs || b.endMs - a.endMs)
    .map(({ s, startMs, endMs }) => ({
      type: TYPES[s.type] as string,
      name: s.name,
      start: isoInZone(startMs, timeZone),
      end: isoInZone(endMs, timeZone),
      fullDay: s.fullDay,
      paid: s.paid,
    }));
}
