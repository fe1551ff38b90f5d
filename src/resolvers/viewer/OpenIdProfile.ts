import type { OpenIdProfileResolvers } from '../../__generated__/resolvers-types.js';

/** `OpenIdProfile`: the snake_case OpenID claims under camel-case names. */
export const OpenIdProfile: OpenIdProfileResolvers = {
  subject: (claims) => claims.sub ?? null,
  audience: (claims) => claims.aud ?? null,
  userName: (claims) => claims.user_name ?? null,
  givenName: (claims) => claims.given_name ?? null,
  familyName: (claims) => claims.family_name ?? null,
  email: (claims) => claims.email ?? null,
  dbid: (claims) => claims.dbid ?? null,
  contactCenterId: (claims) => claims.contact_center_id ?? null,
  environmentId: (claims) => claims.environment_id ?? null,
  properties: (claims) => claims.properties ?? null,
  authorities: (claims) => claims.authorities ?? [],
};
