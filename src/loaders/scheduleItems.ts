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

/** The latest conversion of one answer, with the zone and lower start bound it was made for. */
interface Conversion {
  readonly key: string;
  readonly timed: ReadonlyMap<number, readonly TimedItem[]>;
}

/**
 * Heap bytes one converted state holds while its answer is cached (the item, its two ISO texts,
 * its sort instants and its slot in the agent's list), measured on Node 20 with `--expose-gc`.
 */
const CONVERTED_STATE_BYTES = 280;

/**
 * What the memo below may hold for a cached answer: `CONVERTED_STATE_BYTES` per record of a
 * GetAgentState answer, nothing for any other value (a Genesys Cloud schedule search is converted
 * without a memo). The response cache counts it in the answer's size (`derivedBytes`), so the
 * memo is inside CACHE_MAX_BYTES.
 */
export function conversionBytes(value: unknown): number {
  if (!Array.isArray(value) || value.length === 0) return 0;
  const first: unknown = value[0];
  const isAgentState =
    typeof first === 'object' &&
    first !== null &&
    typeof (first as WfmAgentStateRecord).startOle === 'number';
  return isAgentState ? value.length * CONVERTED_STATE_BYTES : 0;
}

/**
 * The conversion already made, by the answer array it was made from. An answer served by the
 * response cache is the same (frozen) array on every hit, so converting OLE dates to ISO strings
 * — the bulk of a warm schedule request — happens once per cached answer instead of once per
 * request; an answer nobody holds any more takes its conversion with it (WeakMap). One
 * conversion per answer (the latest), so what it holds is what the cache counts for it.
 */
const converted = new WeakMap<readonly WfmAgentStateRecord[], Conversion>();

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
  const key = `${timeZone}|${minStartOle}`;
  const known = converted.get(states);
  if (known?.key === key) return known.timed;
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
  if (Object.isFrozen(states)) converted.set(states, { key, timed });
  return timed;
}

function byStart(a: TimedItem, b: TimedItem): number {
  return a.startMs - b.startMs || b.endMs - a.endMs;
}
