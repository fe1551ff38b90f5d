import type { ViewerResolvers } from '../../__generated__/resolvers-types.js';
import { loadSchedule } from '../schedule/loadSchedule.js';
import { timeOffApi } from '../timeoff/timeOffApi.js';

/** `Viewer`: the caller; the parent is the `/userinfo` answer taken at authentication. */
export const Viewer: ViewerResolvers = {
  kind: (user) => (user.serviceClient ? 'SERVICE' : 'USER'),
  client: (user) => user.serviceClient ?? null,
  user: (user) => user,
  authorities: (user) => user.authorities,
  openId: (_user, _args, ctx) => ctx.loaders.openId.load(),
  // A user unknown to WFM rejects with FORBIDDEN / WFM_NOT_PROVISIONED: the field is null and
  // formatError turns the rejection into the error entry.
  // A service caller (client credentials) has no WFM profile and no schedule of its own.
  wfmUser: (user, _args, ctx) => (user.serviceClient ? null : ctx.loaders.wfmUser.load()),
  mySchedule: async (user, { from, to }, ctx) => {
    if (user.serviceClient) return null;
    const wfm = await ctx.loaders.wfmUser.load();
    if (wfm.userType !== 'AGENT') return null;
    const siteId = wfm.siteId ?? (await ctx.loaders.agentById.load(wfm.userId))?.siteId;
    if (siteId === undefined) return null;
    return loadSchedule(ctx, siteId, wfm.userId, from, to);
  },
  timeOffRequests: async (user, { statuses }, ctx) => {
    if (user.serviceClient) return null;
    const mine = await timeOffApi(ctx).myTimeOffRequests(ctx.call);
    if (!statuses) return mine;
    const wanted = new Set(statuses);
    return mine.filter((r) => wanted.has(r.status));
  },
};
