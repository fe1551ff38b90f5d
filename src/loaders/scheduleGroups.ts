import type { WfmId } from '../types/WfmRecords.js';
import type { AgentScheduleRecord, ScheduleItemRecord, ScheduleKey } from './records.js';

/*
 * What both platforms' schedule batch functions share: a batch's keys grouped by site and range
 * (each group is one set of upstream calls), and the batch's estimated answer items, checked
 * against the request's budget before any call.
 */

/**
 * Schedule items the estimate assumes per agent and day (a shift, a break, a meal and an
 * activity); the items really returned are charged again as the resolvers hand them out.
 */
export const ESTIMATED_ITEMS_PER_AGENT_DAY = 4;

const DAY_MS = 86_400_000;

/** Keys of one site and range, with the positions they occupy in the batch. */
export interface ScheduleGroup<Id extends WfmId = number> {
  siteId: Id;
  fromMs: number;
  toMs: number;
  /** Agent id → positions of keys asking for that agent (DataLoader dedupes, but do not rely on it). */
  positions: Map<Id, number[]>;
}

/** The answer items a batch is expected to bring: agents × days × the per-day estimate. */
export function estimatedItems(groups: readonly ScheduleGroup<WfmId>[]): number {
  let items = 0;
  for (const group of groups) {
    const days = Math.max(1, Math.ceil((group.toMs - group.fromMs) / DAY_MS));
    items += group.positions.size * days * ESTIMATED_ITEMS_PER_AGENT_DAY;
  }
  return items;
}

/** The batch's keys by (site, range), in first-seen order. */
export function groupBySiteAndRange<Id extends WfmId>(
  keys: readonly ScheduleKey<Id>[],
): ScheduleGroup<Id>[] {
  const groups = new Map<string, ScheduleGroup<Id>>();
  keys.forEach((key, position) => {
    const id = `${key.siteId}:${key.fromMs}:${key.toMs}`;
    let group = groups.get(id);
    if (group === undefined) {
      group = { siteId: key.siteId, fromMs: key.fromMs, toMs: key.toMs, positions: new Map() };
      groups.set(id, group);
    }
    const positions = group.positions.get(key.agentId);
    if (positions === undefined) group.positions.set(key.agentId, [position]);
    else positions.push(position);
  });
  return [...groups.values()];
}

/** Answers every position of `agentIds` in `group` with `error`. */
export function failAgents<Id extends WfmId>(
  results: (AgentScheduleRecord<Id> | Error)[],
  group: ScheduleGroup<Id>,
  agentIds: readonly Id[],
  error: Error,
): void {
  for (const agentId of agentIds)
    for (const position of group.positions.get(agentId) ?? []) results[position] = error;
}

/**
 * Answers every position of `agentIds` in `group` with the agent's schedule over the group's
 * range in `timeZone`: its items from `byAgent`, none when it has none.
 */
export function settleAgents<Id extends WfmId>(
  results: (AgentScheduleRecord<Id> | Error)[],
  group: ScheduleGroup<Id>,
  agentIds: readonly Id[],
  timeZone: string,
  byAgent: ReadonlyMap<Id, ScheduleItemRecord[]>,
): void {
  for (const agentId of agentIds) {
    const record: AgentScheduleRecord<Id> = {
      agentId,
      siteId: group.siteId,
      timeZone,
      fromMs: group.fromMs,
      toMs: group.toMs,
      items: byAgent.get(agentId) ?? [],
    };
    for (const position of group.positions.get(agentId) ?? []) results[position] = record;
  }
}

/** A thrown value as an Error, for a DataLoader answer. */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
