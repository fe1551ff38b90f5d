import type { UserResolvers } from '../../__generated__/resolvers-types.js';

/** `User`: an Authentication API `CloudUserDetails`; the fields map one to one. */
export const User: UserResolvers = {
  username: (user) => user.username,
  loginName: (user) => user.loginName ?? null,
  cmeUserName: (user) => user.cmeUserName ?? null,
  dbid: (user) => user.dbid ?? null,
  contactCenterId: (user) => user.contactCenterId ?? null,
  environmentId: (user) => user.environmentId ?? null,
  properties: (user) => user.properties ?? null,
  authorities: (user) => user.authorities,
};
