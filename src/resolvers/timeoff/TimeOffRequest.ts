import type { TimeOffRequestResolvers } from '../../__generated__/resolvers-types.js';

/** `TimeOffRequest`: a `TimeOffRecord`; the agent and site through the request's loaders. */
export const TimeOffRequest: TimeOffRequestResolvers = {
  agentId: (r) => r.userId,
  agent: (r, _args, ctx) => ctx.loaders.agentById.load(r.userId).catch(() => null),
  site: async (r, _args, ctx) => {
    const muId = r.muId ?? (await ctx.loaders.wfmUser.load().catch(() => null))?.siteId;
    return muId == null ? null : ctx.loaders.siteById.load(muId);
  },
  fullDayDates: (r) => [...r.fullDayDates],
  partialDayStarts: (r) => [...r.partialDayStarts],
  durationMinutes: (r) => [...r.durationMinutes],
  submittedAt: (r) => r.submittedDate,
  reviewedAt: (r) => r.reviewedDate,
};
