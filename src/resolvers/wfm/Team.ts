import type { TeamResolvers } from '../../__generated__/resolvers-types.js';
import { GatewayError } from '../../errors/GatewayError.js';
import { charged } from '../../shared/RequestBudget.js';
import { entity } from '../federation/entity.js';

/** `Team`: a WFM ConfigService team record. */
export const Team: TeamResolvers = {
  __resolveReference: (ref, ctx) =>
    entity(ctx, ctx.loaders.teamById.load(ctx.loaders.ids.parse(String(ref.id), 'id'))),
  id: (team) => String(team.id),
  name: (team) => team.name,
  site: async (team, _args, ctx) => {
    const site = await ctx.loaders.siteById.load(team.siteId);
    // A visible team's site is visible too; if WFM says otherwise, say so rather than invent one.
    if (site === null) throw GatewayError.notFound(`The site of team ${team.id} was not found.`);
    return site;
  },
  agents: async (team, _args, ctx) =>
    charged(ctx.call.budget, await ctx.loaders.agentsByTeam.load(team.id)),
};
