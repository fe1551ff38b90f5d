import type { WfmUserResolvers } from '../../__generated__/resolvers-types.js';

/** `WfmUser`: the WFM REST `/system/userinfo` answer. */
export const WfmUser: WfmUserResolvers = {
  id: (info) => String(info.userId),
  type: (info) => info.userType,
  name: (info) => {
    const full = [info.firstName, info.lastName]
      .filter((part) => part !== undefined && part !== '')
      .join(' ');
    return full !== '' ? full : (info.userName ?? null);
  },
  userName: (info) => info.userName ?? null,
  firstName: (info) => info.firstName ?? null,
  lastName: (info) => info.lastName ?? null,
  timeZone: (info) => info.timeZone ?? null,
  // WFM's user id of an agent is the agent's CME person DBID (genesys-facts §2).
  agent: (info, _args, ctx) =>
    info.userType === 'AGENT' ? ctx.loaders.agentById.load(info.userId) : null,
  site: async (info, _args, ctx) => {
    if (info.siteId !== undefined) return ctx.loaders.siteById.load(info.siteId);
    if (info.userType !== 'AGENT') return null;
    const agent = await ctx.loaders.agentById.load(info.userId);
    return agent === null ? null : ctx.loaders.siteById.load(agent.siteId);
  },
};
