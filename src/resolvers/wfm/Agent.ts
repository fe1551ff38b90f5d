import type { AgentResolvers } from '../../__generated__/resolvers-types.js';
import { entity } from '../federation/entity.js';
import { loadSchedule } from '../schedule/loadSchedule.js';

/** `Agent`: a WFM ConfigService agent record. */
export const Agent: AgentResolvers = {
  // A router's `_entities` batch: every reference of the request lands in one agentById batch.
  __resolveReference: (ref, ctx) =>
    entity(ctx, ctx.loaders.agentById.load(ctx.loaders.ids.parse(String(ref.id), 'id'))),
  id: (agent) => String(agent.id),
  firstName: (agent) => agent.firstName,
  lastName: (agent) => agent.lastName,
  site: (agent, _args, ctx) => ctx.loaders.siteById.load(agent.siteId),
  team: (agent, _args, ctx) =>
    agent.teamId === null ? null : ctx.loaders.teamById.load(agent.teamId),
  // The N+1 shape (`site { agents { schedule } }`): every agent's load lands in one batch.
  schedule: (agent, { from, to }, ctx) => loadSchedule(ctx, agent.siteId, agent.id, from, to),
};
