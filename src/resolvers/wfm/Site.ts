import type { SiteResolvers } from '../../__generated__/resolvers-types.js';
import { charged } from '../../shared/RequestBudget.js';
import { entity } from '../federation/entity.js';

/** `Site`: a WFM site (Engage ConfigService) or management unit (Cloud). */
export const Site: SiteResolvers = {
  __resolveReference: (ref, ctx) =>
    entity(ctx, ctx.loaders.siteById.load(ctx.loaders.ids.parse(String(ref.id), 'id'))),
  id: (site) => String(site.id),
  name: (site) => site.name,
  timeZone: (site) => site.timeZone,
  teams: async (site, _args, ctx) =>
    charged(ctx.call.budget, await ctx.loaders.teamsBySite.load(site.id)),
  team: async (site, { id }, ctx) => {
    const team = await ctx.loaders.teamById.load(ctx.loaders.ids.parse(id, 'id'));
    return team !== null && team.siteId === site.id ? team : null;
  },
  agents: async (site, _args, ctx) =>
    charged(ctx.call.budget, await ctx.loaders.agentsBySite.load(site.id)),
};
