import type { BatchLoadFn } from 'dataloader';
import { GatewayError } from '../errors/GatewayError.js';
import { isUpstreamError } from '../errors/UpstreamError.js';
import type { WfmSiteRecord } from '../types/WfmSoapApi.js';
import type { LoaderDeps } from './LoaderDeps.js';
import type { AgentScheduleRecord, ScheduleItemRecord, ScheduleKey } from './records.js';
import { planScheduleCalls, type SchedulePlan } from './scheduleCalls.js';
import {
  estimatedItems,
  failAgents,
  groupBySiteAndRange,
  settleAgents,
  toError,
  type ScheduleGroup,
} from './scheduleGroups.js';
import { itemsByAgent } from './scheduleItems.js';

/** What `scheduleByAgentRange` needs besides the upstreams. */
export interface ScheduleBatchDeps extends LoaderDeps {
  /** Agent ids per ScheduleService call; a larger group is split into chunks of this size. */
  readonly maxBatchSize: number;
  /** Most agent-days per call (agents × window days); see `ScheduleCallLimits`. */
  readonly agentDaysPerCall: number;
  /** Longest window of one call, in days; see `ScheduleCallLimits`. */
  readonly windowDays: number;
  /** The site record (for its time zone), normally the request's `siteById` loader. */
  readonly siteOf: (siteId: number) => Promise<WfmSiteRecord | null>;
  /** The caller's own agent id when the caller is a WFM agent, else null (the `wfmUser` loader). */
  readonly callerAgentId: () => Promise<number | null>;
}

/** The DataLoader cache key of a schedule key: equal keys ask for the same thing. */
export function scheduleCacheKey(key: ScheduleKey): string {
  return `${key.siteId}:${key.agentId}:${key.fromMs}:${key.toMs}`;
}

/**
 * Agent schedules by (site, agent, range). Keys are grouped by site and range, and each group
 * costs one ScheduleService GetAgentState call per (chunk of agents, window of the range), never
 * one per agent: chunks hold at most `maxBatchSize` agents and `agentDaysPerCall` agent-days,
 * windows at most `windowDays` (see `planScheduleCalls`). WFM speaks OLE dates in the site's local time, so the range goes out and the items come
 * back through the site's IANA zone; items are sorted by start (then longest first, so a shift
 * precedes the activities inside it) and not clipped to the range.
 *
 * Before any call, the batch's estimated items (agents × days × `ESTIMATED_ITEMS_PER_AGENT_DAY`)
 * must fit in what remains of the request's budget (`CallContext.budget`), else every key fails
 * with the budget's `BAD_USER_INPUT` and nothing is asked.
 *
 * The result is aligned with `keys`; a failing site lookup or call puts its error at the
 * positions of its own keys only, so one refused chunk does not fail the others. When WFM
 * refuses a chunk for privileges and the caller is an agent in it, their own schedule is asked
 * for alone (one more call), so an agent browsing their site still gets their own schedule.
 */
export function scheduleByAgentRange(
  deps: ScheduleBatchDeps,
): BatchLoadFn<ScheduleKey, AgentScheduleRecord> {
  return async (keys) => {
    const results: (AgentScheduleRecord | Error)[] = new Array<AgentScheduleRecord | Error>(
      keys.length,
    );
    const groups = groupBySiteAndRange(keys);
    try {
      // The whole batch's estimate first: four aliases of 62 days over every site arrive here as
      // one batch, and are refused before any GetAgentState call rather than after the answer grew.
      deps.call.budget?.ensureRoom(estimatedItems(groups));
    } catch (error) {
      return results.fill(toError(error));
    }
    await Promise.all(groups.map((group) => loadGroup(deps, group, results)));
    return results;
  };
}

async function loadGroup(
  deps: ScheduleBatchDeps,
  group: ScheduleGroup,
  results: (AgentScheduleRecord | Error)[],
): Promise<void> {
  const agentIds = [...group.positions.keys()];
  let site: WfmSiteRecord | null;
  try {
    site = await deps.siteOf(group.siteId);
  } catch (error) {
    failAgents(results, group, agentIds, toError(error));
    return;
  }
  if (site === null) {
    failAgents(
      results,
      group,
      agentIds,
      GatewayError.notFound(`Site ${group.siteId} was not found.`),
    );
    return;
  }
  const zone = site.timeZone;
  let plan: SchedulePlan;
  try {
    plan = planScheduleCalls(group, zone, agentIds, {
      maxAgentsPerCall: deps.maxBatchSize,
      agentDaysPerCall: deps.agentDaysPerCall,
      windowDays: deps.windowDays,
    });
  } catch (error) {
    // A zone the runtime does not know: WFM data we cannot convert.
    failAgents(results, group, agentIds, toError(error));
    return;
  }
  const settle = (ids: readonly number[], byAgent: Map<number, ScheduleItemRecord[]>): void =>
    settleAgents(results, group, ids, zone, byAgent);
  const itemsOf = async (ids: readonly number[]): Promise<Map<number, ScheduleItemRecord[]>> => {
    const answers = await Promise.all(
      plan.windows.map((window) =>
        deps.upstreams.soap.getAgentStates(deps.call, {
          siteId: group.siteId,
          startOle: window.startOle,
          endOle: window.endOle,
          agentIds: ids,
        }),
      ),
    );
    return itemsByAgent(plan.windows, answers, zone);
  };

  await Promise.all(
    plan.chunks.map(async (ids) => {
      try {
        settle(ids, await itemsOf(ids));
      } catch (error) {
        failAgents(results, group, ids, toError(error));
        // WFM lets an agent read only their own schedule and refuses a call naming anyone else.
        // Rather than failing the caller's own schedule with the others', ask once more for it alone.
        const own = ids.length > 1 && isPrivilegeFault(error) ? await ownAgentIn(deps, ids) : null;
        if (own !== null) {
          try {
            settle([own], await itemsOf([own]));
          } catch {
            // The original error already stands at that position.
          }
        }
      }
    }),
  );
}

function isPrivilegeFault(error: unknown): boolean {
  return (
    isUpstreamError(error) &&
    error.kind === 'FORBIDDEN' &&
    error.reason === 'INSUFFICIENT_PRIVILEGES'
  );
}

async function ownAgentIn(deps: ScheduleBatchDeps, ids: readonly number[]): Promise<number | null> {
  try {
    const own = await deps.callerAgentId();
    return own !== null && ids.includes(own) ? own : null;
  } catch {
    return null;
  }
}
