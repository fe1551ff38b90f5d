import { jsonResponse } from '../http/responses.js';
import type { SimEndpoint, SimEnv, SimRequest, SimResponse, SimToken } from '../types.js';
import { handleChangePassword, handleSignOut } from './accountEndpoints.js';
import { apiResponse } from './apiResponse.js';
import type { AuthDeps } from './AuthDeps.js';
import { handleAuthorize } from './authorizeEndpoint.js';
import { invalidTokenResponse } from './invalidToken.js';
import { signJwtHs256 } from './jwt.js';
import { handleTokenRequest } from './tokenEndpoint.js';
import { cloudUserDetails, openIdUserInfo } from './userViews.js';

/** Path prefix of the Authentication API v3. */
export const AUTH_BASE_PATH = '/auth/v3';

/** The operations (paths under `/auth/v3`) the simulator answers. */
export const AUTH_OPERATIONS = [
  'oauth/token',
  'oauth/authorize',
  'userinfo',
  'openid/userinfo',
  'jwt-userinfo',
  'ping',
  'sign-out',
  'change-password',
] as const;

/** Endpoints that need a valid Bearer token before they run. */
const NEEDS_TOKEN = new Set(['userinfo', 'openid/userinfo', 'jwt-userinfo', 'change-password']);

/**
 * The simulated Authentication API v3 (CONTRACT §7, genesys-facts §1). When `settings.apiKey` is
 * set, every call but the browser-facing `oauth/authorize` (a browser cannot add the header)
 * needs `x-api-key`, else 403 `{"message":"Forbidden"}`.
 */
export function createAuthEndpoint(deps: AuthDeps): SimEndpoint {
  return {
    service: 'auth',
    identify(req: SimRequest): string | null {
      const path = req.url.pathname;
      if (!path.startsWith(`${AUTH_BASE_PATH}/`)) return null;
      const op = path.slice(AUTH_BASE_PATH.length + 1).replace(/\/+$/, '');
      return (AUTH_OPERATIONS as readonly string[]).includes(op) ? op : null;
    },
    handle(req: SimRequest, env: SimEnv, operation: string): SimResponse {
      const apiKey = deps.settings.apiKey;
      if (
        apiKey !== null &&
        operation !== 'oauth/authorize' &&
        req.headers['x-api-key'] !== apiKey
      ) {
        return jsonResponse(403, { message: 'Forbidden' });
      }
      if (operation === 'oauth/token') return handleTokenRequest(req, env, deps);
      if (operation === 'oauth/authorize') return handleAuthorize(req, deps);
      if (operation === 'sign-out') return handleSignOut(req, env, deps);
      if (operation === 'ping') {
        if (req.method !== 'GET')
          return apiResponse(405, 405, 'Method not allowed', { allow: 'GET' });
        // "Return 200 if user is authenticated otherwise 403" (genesys-facts §1.2).
        return deps.tokens.check(req.headers.authorization).ok
          ? apiResponse(200, 0, 'OK')
          : apiResponse(403, 403, 'Not authenticated');
      }
      if (!NEEDS_TOKEN.has(operation))
        return jsonResponse(404, { status: 404, message: 'Not Found' });
      const check = deps.tokens.check(req.headers.authorization);
      if (!check.ok) return invalidTokenResponse(check, deps.settings.invalidTokenStatus);
      env.note({ user: check.token.user?.userName ?? null });
      return userOperation(operation, req, check.token, deps);
    },
  };
}

function userOperation(
  operation: string,
  req: SimRequest,
  token: SimToken,
  deps: AuthDeps,
): SimResponse {
  if (operation === 'change-password') return handleChangePassword(req, token);
  if (req.method !== 'GET')
    return jsonResponse(405, { status: 405, message: 'Method not allowed' }, { allow: 'GET' });
  if (operation === 'userinfo') return jsonResponse(200, cloudUserDetails(token, deps.world));
  if (operation === 'openid/userinfo') return jsonResponse(200, openIdUserInfo(token, deps.world));
  // jwt-userinfo: the user information as a signed JWT in `X-GWS-User` (genesys-facts §1.5).
  const jwt = signJwtHs256({
    ...cloudUserDetails(token, deps.world),
    iss: 'gws-auth-simulator',
    iat: Math.floor(token.issuedAtMs / 1000),
    exp: Math.floor(token.expiresAtMs / 1000),
  });
  return apiResponse(200, 0, undefined, { 'x-gws-user': jwt });
}
