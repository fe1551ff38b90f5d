import type { GatewayContext } from '../GatewayContext.js';
import type { AgentScheduleRecord } from '../../loaders/records.js';
import { parseRange } from '../input/parseRange.js';

/**
 * One agent's schedule over [from, to) through the request's batching loader, after the range
 * checks every schedule field shares (`Agent.schedule`, `Viewer.mySchedule`, `schedules`).
 */
export function loadSchedule(
  ctx: GatewayContext,
  siteId: number,
  agentId: number,
  from: string,
  to: string,
): Promise<AgentScheduleRecord> {
  const { fromMs, toMs } = parseRange(from, to, ctx.limits.maxScheduleRangeDays);
  return ctx.loaders.scheduleByAgentRange.load({ siteId, agentId, fromMs, toMs });
}
