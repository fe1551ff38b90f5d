import {
  asObject,
  compact,
  optionalNumber,
  optionalString,
  optionalStringMap,
  requiredNumber,
  requiredString,
  ShapeError,
} from '../../http/shape.js';
import type {
  CloudUserDetails,
  OAuthToken,
  OpenIdUserInfo,
  UserRole,
} from '../../../types/AuthApi.js';

/** `authorities` (UserRole[]); absent reads as none, a wrong type is a shape error. */
export function readAuthorities(value: unknown): UserRole[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ShapeError('authorities');
  return value.map((item, i) => {
    const role = asObject(item, `authorities[${i}]`);
    const privileges = Array.isArray(role['privileges'])
      ? role['privileges'].filter((p): p is string => typeof p === 'string')
      : [];
    return { name: requiredString(role, 'name'), privileges };
  });
}

/** CloudUserDetails of `GET /userinfo` (genesys-facts §1.4); `username` is required. */
export function readCloudUserDetails(body: unknown): CloudUserDetails {
  const o = asObject(body, 'userinfo');
  return compact<CloudUserDetails>({
    username: requiredString(o, 'username'),
    authorities: readAuthorities(o['authorities']),
    cmeUserName: optionalString(o, 'cmeUserName'),
    loginName: optionalString(o, 'loginName'),
    dbid: optionalNumber(o, 'dbid'),
    contactCenterId: optionalString(o, 'contactCenterId'),
    environmentId: optionalString(o, 'environmentId'),
    properties: optionalStringMap(o, 'properties'),
  });
}

/** OpenIdUserInfo of `GET /openid/userinfo` (snake_case claims, all optional but `authorities`). */
export function readOpenIdUserInfo(body: unknown): OpenIdUserInfo {
  const o = asObject(body, 'openid/userinfo');
  return compact<OpenIdUserInfo>({
    authorities: readAuthorities(o['authorities']),
    sub: optionalString(o, 'sub'),
    aud: optionalString(o, 'aud'),
    user_name: optionalString(o, 'user_name'),
    given_name: optionalString(o, 'given_name'),
    family_name: optionalString(o, 'family_name'),
    email: optionalString(o, 'email'),
    dbid: optionalNumber(o, 'dbid'),
    contact_center_id: optionalString(o, 'contact_center_id'),
    environment_id: optionalString(o, 'environment_id'),
    properties: optionalStringMap(o, 'properties'),
  });
}

/** DefaultOAuth2AccessToken of `POST /oauth/token`. */
export function readOAuthToken(body: unknown): OAuthToken {
  const o = asObject(body, 'oauth/token');
  return compact<OAuthToken>({
    access_token: requiredString(o, 'access_token'),
    token_type: optionalString(o, 'token_type') ?? 'bearer',
    expires_in: requiredNumber(o, 'expires_in'),
    refresh_token: optionalString(o, 'refresh_token'),
    scope: optionalString(o, 'scope'),
  });
}
