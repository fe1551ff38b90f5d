import type { SiteResolvers } from '../../__generated__/resolvers-types.js';
import { parseId } from '../input/parseId.js';

/** `Site`: a WFM ConfigService site record. */
export const Site: SiteResolvers = {
  id: (site) => String(site.id),
  name: (site) => site.name,
  timeZone: (site) => site.timeZone,
  teams: (site, _args, ctx) => ctx.loaders.teamsBySite.load(site.id),
  team: async (site, { id }, ctx) => {
    const team = await ctx.loaders.teamById.load(parseId(id, 'id'));
    return team !== null && team.siteId === site.id ? team : null;
  },
  agents: (site, _args, ctx) => ctx.loaders.agentsBySite.load(site.id),
};
