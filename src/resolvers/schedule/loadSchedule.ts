import type { GatewayContext } from '../GatewayContext.js';
import type { AnyAgentScheduleRecord } from '../../loaders/records.js';
import type { WfmId } from '../../types/WfmRecords.js';
import { parseRange } from '../input/parseRange.js';

/**
 * One agent's schedule over [from, to) through the request's batching loader, after the range
 * checks every schedule field shares (`Agent.schedule`, `Viewer.mySchedule`, `schedules`).
 */
export function loadSchedule(
  ctx: GatewayContext,
  siteId: WfmId,
  agentId: WfmId,
  from: string,
  to: string,
): Promise<AnyAgentScheduleRecord> {
  const { fromMs, toMs } = parseRange(from, to, ctx.limits.maxScheduleRangeDays);
  return ctx.loaders.scheduleByAgentRange.load({ siteId, agentId, fromMs, toMs });
}
