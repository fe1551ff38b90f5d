import type {
  WireCloudUserDetails as CloudUserDetails,
  WireOpenIdUserInfo as OpenIdUserInfo,
} from '../wire/authWire.js';
import type { SimWorld } from '../data/model.js';
import type { SimToken } from '../types.js';

/**
 * `CloudUserDetails` of a token's owner. `username` embeds the CME user name, DBID and contact
 * center id (`sam.supervisor@1001@<ccid>`), so every identity-dependent answer is traceable to
 * the token that asked. Client-credentials tokens describe the client (no CME user).
 */
export function cloudUserDetails(token: SimToken, world: SimWorld): CloudUserDetails {
  const user = token.user;
  if (!user) {
    return {
      username: token.clientId,
      authorities: [{ name: 'ROLE_CLIENT', privileges: ['CLIENT_API'] }],
      contactCenterId: world.contactCenterId,
      environmentId: world.environmentId,
      properties: {},
    };
  }
  return {
    username: `${user.userName}@${user.dbid}@${world.contactCenterId}`,
    authorities: user.authorities.map((a) => ({ name: a.name, privileges: [...a.privileges] })),
    cmeUserName: user.userName,
    loginName: user.userName,
    dbid: user.dbid,
    contactCenterId: world.contactCenterId,
    environmentId: world.environmentId,
    properties: {
      tenant: user.tenant,
      firstName: user.firstName,
      lastName: user.lastName,
      email: user.email,
    },
  };
}

/** `OpenIdUserInfo` (snake_case claims) of a token's owner. */
export function openIdUserInfo(token: SimToken, world: SimWorld): OpenIdUserInfo {
  const details = cloudUserDetails(token, world);
  const user = token.user;
  return {
    sub: details.username,
    aud: token.clientId,
    authorities: details.authorities,
    ...(user
      ? {
          user_name: user.userName,
          given_name: user.firstName,
          family_name: user.lastName,
          email: user.email,
          dbid: user.dbid,
        }
      : {}),
    contact_center_id: world.contactCenterId,
    environment_id: world.environmentId,
    properties: details.properties ?? {},
  };
}
