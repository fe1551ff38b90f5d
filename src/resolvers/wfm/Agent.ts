import type { AgentResolvers } from '../../__generated__/resolvers-types.js';
import { loadSchedule } from '../schedule/loadSchedule.js';

/** `Agent`: a WFM ConfigService agent record. */
export const Agent: AgentResolvers = {
  id: (agent) => String(agent.id),
  firstName: (agent) => agent.firstName,
  lastName: (agent) => agent.lastName,
  site: (agent, _args, ctx) => ctx.loaders.siteById.load(agent.siteId),
  team: (agent, _args, ctx) =>
    agent.teamId === null ? null : ctx.loaders.teamById.load(agent.teamId),
  // The N+1 shape (`site { agents { schedule } }`): every agent's load lands in one batch.
  schedule: (agent, { from, to }, ctx) => loadSchedule(ctx, agent.siteId, agent.id, from, to),
};
