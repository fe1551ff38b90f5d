import type { CallContext } from './CallContext.js';

/** UserRole of the Authentication API. */
export interface UserRole {
  name: string;
  privileges: string[];
}

/** CloudUserDetails, answer of `GET /auth/v3/userinfo` (genesys-facts §1.4). */
export interface CloudUserDetails {
  username: string;
  authorities: UserRole[];
  cmeUserName?: string;
  loginName?: string;
  dbid?: number;
  contactCenterId?: string;
  environmentId?: string;
  properties?: Record<string, string>;
  /**
   * Not in the Authentication API answer: set by the gateway when the token stands for an OAuth
   * client rather than a person (the client-credentials grant of Genesys Cloud).
   */
  serviceClient?: { id: string; name: string | null };
}

/** OpenIdUserInfo, answer of `GET /auth/v3/openid/userinfo` (snake_case claims). */
export interface OpenIdUserInfo {
  authorities: UserRole[];
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

/** DefaultOAuth2AccessToken, answer of `POST /auth/v3/oauth/token`. */
export interface OAuthToken {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
  scope?: string;
}

/**
 * The Authentication API v3 as the gateway uses it. Every call forwards `ctx.token` (and
 * `x-api-key` when configured); failures reject with `UpstreamError` (service `auth`).
 */
export interface AuthApi {
  userInfo(ctx: CallContext): Promise<CloudUserDetails>;
  openIdUserInfo(ctx: CallContext): Promise<OpenIdUserInfo>;
  ping(ctx: CallContext): Promise<void>;
  signOut(ctx: CallContext, global: boolean): Promise<void>;
  changePassword(
    ctx: CallContext,
    input: { oldPassword: string; newPassword: string; userName?: string },
  ): Promise<void>;
  /** Code exchange for the playground's sign-in (client credentials come from configuration). */
  exchangeCode(input: {
    code: string;
    redirectUri: string;
    codeVerifier: string;
    signal?: AbortSignal;
  }): Promise<OAuthToken>;
}
