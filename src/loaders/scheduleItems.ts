import { formatInZone, oleToInstant } from '../time/ole.js';
import type { WfmAgentStateRecord } from '../types/WfmSoapApi.js';
import type { ScheduleItemRecord } from './records.js';
import type { ScheduleWindow } from './scheduleCalls.js';

/** One converted item with the instants it is sorted by. */
interface TimedItem {
  readonly startMs: number;
  readonly endMs: number;
  readonly item: ScheduleItemRecord;
}

/** Conversions of one answer: by zone and lower start bound. */
type Conversions = Map<string, ReadonlyMap<number, readonly TimedItem[]>>;

/**
 * Conversions already made, by the answer array they were made from. An answer served by the
 * response cache is the same (frozen) array on every hit, so converting OLE dates to ISO strings
 * — the bulk of a warm schedule request — happens once per cached answer instead of once per
 * request; an answer nobody holds any more takes its conversions with it (WeakMap).
 */
const converted = new WeakMap<readonly WfmAgentStateRecord[], Conversions>();

/**
 * The items of each agent from the answers of one chunk's windows (in window order), converted to
 * ISO 8601 in `timeZone` and sorted by start, then longest first (a shift before the activities
 * inside it). WFM answers every state overlapping a window, unclipped, so a state crossing a
 * boundary is in two answers; it is kept from the first window it overlaps only (a later window
 * drops states that start before it).
 */
export function itemsByAgent(
  windows: readonly ScheduleWindow[],
  answers: readonly (readonly WfmAgentStateRecord[])[],
  timeZone: string,
): Map<number, ScheduleItemRecord[]> {
  const lists = answers.map((states, index) =>
    timedByAgent(
      states,
      timeZone,
      index === 0 ? -Infinity : (windows[index]?.startOle ?? -Infinity),
    ),
  );
  const merged = new Map<number, ScheduleItemRecord[]>();
  if (lists.length === 1) {
    for (const [agentId, timed] of lists[0] ?? [])
      merged.set(
        agentId,
        timed.map((t) => t.item),
      );
    return merged;
  }
  const byAgent = new Map<number, TimedItem[]>();
  for (const list of lists) {
    for (const [agentId, timed] of list) {
      const all = byAgent.get(agentId);
      if (all === undefined) byAgent.set(agentId, [...timed]);
      else all.push(...timed);
    }
  }
  for (const [agentId, all] of byAgent)
    merged.set(
      agentId,
      all.sort(byStart).map((t) => t.item),
    );
  return merged;
}

function timedByAgent(
  states: readonly WfmAgentStateRecord[],
  timeZone: string,
  minStartOle: number,
): ReadonlyMap<number, readonly TimedItem[]> {
  let conversions = converted.get(states);
  const key = `${timeZone}|${minStartOle}`;
  const known = conversions?.get(key);
  if (known !== undefined) return known;
  const timed = new Map<number, TimedItem[]>();
  for (const state of states) {
    if (state.startOle < minStartOle) continue;
    const startMs = oleToInstant(state.startOle, timeZone);
    let endMs = oleToInstant(state.endOle, timeZone);
    // An end in the repeated hour of a fall-back night is ambiguous; if the earlier reading
    // would end the item before it starts, the later one is the real end.
    if (endMs <= startMs) endMs = oleToInstant(state.endOle, timeZone, 'later');
    // Frozen: with a cached answer, the same item objects go to every later request.
    const item: ScheduleItemRecord = Object.freeze({
      type: state.type,
      name: state.name,
      start: formatInZone(startMs, timeZone),
      end: formatInZone(endMs, timeZone),
      fullDay: state.fullDay,
      paid: state.paid,
    });
    const list = timed.get(state.agentId);
    if (list === undefined) timed.set(state.agentId, [{ startMs, endMs, item }]);
    else list.push({ startMs, endMs, item });
  }
  for (const list of timed.values()) list.sort(byStart);
  // Only answers that can come back (the cache freezes what it keeps) are worth remembering.
  if (Object.isFrozen(states)) {
    if (conversions === undefined) {
      conversions = new Map();
      converted.set(states, conversions);
    }
    conversions.set(key, timed);
  }
  return timed;
}

function byStart(a: TimedItem, b: TimedItem): number {
  return a.startMs - b.startMs || b.endMs - a.endMs;
}
