import type { QueryResolvers } from '../../__generated__/resolvers-types.js';
import { charged } from '../../shared/RequestBudget.js';

/**
 * `Query` fields of the WFM configuration domain. Unknown and invisible objects are null, not
 * NOT_FOUND errors: WFM answers both the same way and a nullable field says "nothing here"
 * without an error entry the client must filter.
 */
export const wfmQuery: QueryResolvers = {
  sites: async (_root, _args, ctx) => charged(ctx.call.budget, await ctx.loaders.sitesAll.load()),
  site: (_root, { id }, ctx) => ctx.loaders.siteById.load(ctx.loaders.ids.parse(id, 'id')),
  team: (_root, { id }, ctx) => ctx.loaders.teamById.load(ctx.loaders.ids.parse(id, 'id')),
  agent: (_root, { id }, ctx) => ctx.loaders.agentById.load(ctx.loaders.ids.parse(id, 'id')),
};
