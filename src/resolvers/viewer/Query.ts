import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

/** `Query` fields of the viewer domain. */
export const viewerQuery: QueryResolvers = {
  // The Authentication API answered /userinfo while authenticating this request; reuse it.
  me: (_root, _args, ctx) => ctx.user,
};
