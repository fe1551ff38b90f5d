import type { UserResolvers } from '../../__generated__/resolvers-types.js';
import { entity } from '../federation/entity.js';

/** `User`: an Authentication API `CloudUserDetails`; the fields map one to one. */
export const User: UserResolvers = {
  // The Authentication API describes only the token's owner (`/userinfo`, already read to
  // authenticate): a reference to the caller is answered, one to anyone else is null.
  __resolveReference: (ref, ctx) =>
    entity(ctx, ref.username === ctx.user.username ? ctx.user : null),
  username: (user) => user.username,
  loginName: (user) => user.loginName ?? null,
  cmeUserName: (user) => user.cmeUserName ?? null,
  dbid: (user) => user.dbid ?? null,
  contactCenterId: (user) => user.contactCenterId ?? null,
  environmentId: (user) => user.environmentId ?? null,
  properties: (user) => user.properties ?? null,
  authorities: (user) => user.authorities,
};
