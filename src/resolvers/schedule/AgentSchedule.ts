import type { AgentScheduleResolvers } from '../../__generated__/resolvers-types.js';
import { GatewayError } from '../../errors/GatewayError.js';
import { charged } from '../../shared/RequestBudget.js';
import { formatInZone } from '../../time/ole.js';

/** `AgentSchedule`: the record `scheduleByAgentRange` produced (items already in the site's zone). */
export const AgentSchedule: AgentScheduleResolvers = {
  agent: async (schedule, _args, ctx) => {
    const agent = await ctx.loaders.agentById.load(schedule.agentId);
    if (agent === null) throw GatewayError.notFound(`Agent ${schedule.agentId} was not found.`);
    return agent;
  },
  from: (schedule) => formatInZone(schedule.fromMs, schedule.timeZone),
  to: (schedule) => formatInZone(schedule.toMs, schedule.timeZone),
  items: (schedule, _args, ctx) => charged(ctx.call.budget, schedule.items),
};
