import type { BatchLoadFn } from 'dataloader';
import { GatewayError } from '../../errors/GatewayError.js';
import { isUpstreamError } from '../../errors/UpstreamError.js';
import type { CallContext } from '../../types/CallContext.js';
import type {
  CloudActivityCodeRecord,
  CloudApi,
  CloudScheduleEntry,
} from '../../types/CloudApi.js';
import type { AgentScheduleRecord, ScheduleKey } from '../records.js';
import {
  estimatedItems,
  failAgents,
  groupBySiteAndRange,
  settleAgents,
  toError,
  type ScheduleGroup,
} from '../scheduleGroups.js';
import type { CloudSiteRecord, CloudWfmUserRecord } from './cloudRecords.js';
import { cloudItemsByUser } from './cloudScheduleItems.js';

/** What the Cloud schedule batch function needs besides the client. */
export interface CloudScheduleDeps {
  readonly cloud: CloudApi;
  readonly call: CallContext;
  /** The management unit (for its zone and business unit), normally the `siteById` loader. */
  readonly siteOf: (id: string) => Promise<CloudSiteRecord | null>;
  /** Activity codes of a business unit by id (names and categories of activities). */
  readonly codesOf: (buId: string | null) => Promise<ReadonlyMap<string, CloudActivityCodeRecord>>;
  /** The caller if this request already asked who they are, else null; never asks itself. */
  readonly knownCaller: () => Promise<CloudWfmUserRecord | null>;
  /** The caller, asked for when needed; null when that fails. */
  readonly caller: () => Promise<CloudWfmUserRecord | null>;
  /** The agents of a unit when this request listed them already, else undefined. */
  readonly knownMembers: (muId: string) => ReadonlySet<string> | undefined;
}

type Record_ = AgentScheduleRecord<string>;
type Group = ScheduleGroup<string>;

/**
 * Agent schedules by (management unit, agent, range) on Genesys Cloud. Keys are grouped by unit
 * and range, and each group costs one `managementunits/{id}/agentschedules/search` (the client
 * chunks it by the API's 100 users and 31 days), never one call per agent; when the group is the
 * whole unit as this request listed it, the search names no users. The caller's own schedule,
 * when the caller is an agent, is read from `agentschedules/mine` (an agent has
 * `wfm:agentSchedule:view`, not the unit search's permissions), also when a unit search was
 * refused them. Times come back as UTC instants and are printed in the unit's zone.
 *
 * Like the Engage loader, the batch's estimated items must fit the request's budget first, and
 * a failing group or call puts its error at its own keys' positions only.
 */
export function cloudScheduleByAgentRange(
  deps: CloudScheduleDeps,
): BatchLoadFn<ScheduleKey<string>, Record_> {
  return async (keys) => {
    const results = new Array<Record_ | Error>(keys.length);
    const groups = groupBySiteAndRange(keys);
    try {
      deps.call.budget?.ensureRoom(estimatedItems(groups));
    } catch (error) {
      return results.fill(toError(error));
    }
    await Promise.all(groups.map((group) => loadGroup(deps, group, results)));
    return results;
  };
}

/** The DataLoader cache key of a Cloud schedule key. */
export function cloudScheduleCacheKey(key: ScheduleKey<string>): string {
  return `${key.siteId}:${key.agentId}:${key.fromMs}:${key.toMs}`;
}

async function loadGroup(deps: CloudScheduleDeps, group: Group, results: (Record_ | Error)[]) {
  const agentIds = [...group.positions.keys()];
  const fill = (ids: readonly string[], error: Error): void =>
    failAgents(results, group, ids, error);
  let site: CloudSiteRecord | null;
  let codes: ReadonlyMap<string, CloudActivityCodeRecord>;
  try {
    site = await deps.siteOf(group.siteId);
    if (site === null) throw GatewayError.notFound(`Site ${group.siteId} was not found.`);
    codes = await deps.codesOf(site.buId);
  } catch (error) {
    fill(agentIds, toError(error));
    return;
  }
  const zone = site.timeZone;
  const settle = (ids: readonly string[], entries: readonly CloudScheduleEntry[]): void =>
    settleAgents(results, group, ids, zone, cloudItemsByUser(entries, codes, zone));
  const range = { fromMs: group.fromMs, toMs: group.toMs };
  const own = async (id: string) => {
    try {
      settle([id], await deps.cloud.mySchedule(deps.call, range));
    } catch (error) {
      fill([id], toError(error));
    }
  };

  const known = await deps.knownCaller();
  const ownId = known?.userType === 'AGENT' ? known.userId : null;
  const others = agentIds.filter((id) => id !== ownId);
  const work: Promise<void>[] = [];
  if (ownId !== null && group.positions.has(ownId)) work.push(own(ownId));
  if (others.length > 0)
    work.push(
      (async () => {
        const members = deps.knownMembers(group.siteId);
        const wholeUnit =
          members !== undefined &&
          members.size === others.length &&
          others.every((id) => members.has(id));
        try {
          const entries = await deps.cloud.searchSchedules(deps.call, {
            muId: group.siteId,
            ...range,
            ...(wholeUnit ? {} : { userIds: others }),
          });
          settle(others, entries);
        } catch (error) {
          fill(others, toError(error));
          if (ownId !== null || !isUpstreamError(error) || error.kind !== 'FORBIDDEN') return;
          const caller = await deps.caller();
          if (caller?.userType === 'AGENT' && others.includes(caller.userId))
            await own(caller.userId);
        }
      })(),
    );
  await Promise.all(work);
}
