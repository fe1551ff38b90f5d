import { GatewayError } from '../../errors/GatewayError.js';
import type { AuthApi, CloudUserDetails, UserRole } from '../../types/AuthApi.js';
import type { CloudApi, CloudMe } from '../../types/CloudApi.js';

/**
 * The caller's identity on Genesys Cloud, behind the `AuthApi` every layer above knows: the token
 * check and `me` read `GET /api/v2/users/me?expand=authorization`, so authentication, the token
 * check cache, invalidation and the `me` resolvers stay the ones Engage uses. What only the
 * Authentication API has (OpenID claims, sign-out, password change) answers NOT_SUPPORTED; the
 * code exchange of the playground's sign-in is not served on Cloud yet (issue 13 item 4).
 */
export function cloudAuthApi(cloud: CloudApi): AuthApi {
  const engageOnly = (what: string) => () =>
    Promise.reject(
      GatewayError.notSupported(`${what} is answered on Genesys Engage only (GENESYS_PLATFORM).`),
    );
  return {
    userInfo: async (ctx) => cloudUserDetails(await cloud.me(ctx)),
    ping: async (ctx) => {
      await cloud.me(ctx);
    },
    openIdUserInfo: engageOnly('`me.openId` (the Authentication API OpenID claims)'),
    signOut: engageOnly('Signing out through the Authentication API'),
    changePassword: engageOnly('Changing a password through the Authentication API'),
    exchangeCode: () =>
      Promise.reject(
        GatewayError.notSupported(
          'The playground sign-in is not served on Genesys Cloud yet; paste a Cloud access token.',
        ),
      ),
  };
}

/**
 * `users/me` as `CloudUserDetails`: `username` is the Cloud user name (else the user id, stable
 * per user: the user key of invalidation is built from it); `authorities` one entry per role,
 * each with no privileges (the API reports permissions for the user, not per role), then one
 * entry `permissions` with the caller's effective permissions.
 */
export function cloudUserDetails(me: CloudMe): CloudUserDetails {
  if (me.client) return serviceDetails(me.client);
  const roles: UserRole[] = me.roles.map((role) => ({ name: role.name, privileges: [] }));
  const properties: Record<string, string> = { userId: me.id };
  if (me.name !== null) properties['name'] = me.name;
  if (me.email !== null) properties['email'] = me.email;
  return {
    username: me.username ?? me.id,
    ...(me.username === null ? {} : { loginName: me.username }),
    properties,
    authorities: [...roles, { name: CLOUD_PERMISSIONS_AUTHORITY, privileges: [...me.permissions] }],
  };
}

/**
 * A client-credentials caller (no user): `username` the OAuth client id (stable per client),
 * `properties` its id, name and organisation, no authorities (the Platform API reports a
 * client's permissions only through the client's own admin resource).
 */
function serviceDetails(client: NonNullable<CloudMe['client']>): CloudUserDetails {
  const properties: Record<string, string> = { clientId: client.id };
  if (client.name !== null) properties['name'] = client.name;
  if (client.organizationId !== null) properties['organizationId'] = client.organizationId;
  return {
    username: client.id,
    properties,
    authorities: [],
    serviceClient: { id: client.id, name: client.name },
  };
}

/** Name of the authority that carries a Cloud caller's effective permissions. */
export const CLOUD_PERMISSIONS_AUTHORITY = 'permissions';
