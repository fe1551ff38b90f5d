/**
 * The Authentication API v3 answers the simulator sends, as the simulator writes them
 * (genesys-facts §1.4). The simulator's own copy: the gateway's reading of these shapes
 * (src/types/AuthApi.ts) is checked against what is written here, not against itself.
 */

/** UserRole of the Authentication API. */
export interface WireUserRole {
  name: string;
  privileges: string[];
}

/** CloudUserDetails, answer of `GET /auth/v3/userinfo`. */
export interface WireCloudUserDetails {
  username: string;
  authorities: WireUserRole[];
  cmeUserName?: string;
  loginName?: string;
  dbid?: number;
  contactCenterId?: string;
  environmentId?: string;
  properties?: Record<string, string>;
}

/** OpenIdUserInfo, answer of `GET /auth/v3/openid/userinfo` (snake_case claims). */
export interface WireOpenIdUserInfo {
  authorities: WireUserRole[];
  sub?: string;
  aud?: string;
  user_name?: string;
  given_name?: string;
  family_name?: string;
  email?: string;
  dbid?: number;
  contact_center_id?: string;
  environment_id?: string;
  properties?: Record<string, string>;
}
