import { htmlResponse, redirectResponse } from '../http/responses.js';
import type { SimEnv, SimRequest, SimResponse, SimToken } from '../types.js';
import { apiResponse } from './apiResponse.js';
import type { AuthDeps } from './AuthDeps.js';
import { redirectUriAllowed } from './clients.js';
import { invalidTokenResponse } from './invalidToken.js';
import { authorizeErrorPage } from './signInPage.js';
import { samePassword } from './UserDirectory.js';

/**
 * `GET|POST /auth/v3/sign-out?global=…[&redirectUri=…]`: revokes the caller's token, or with
 * `global=true` every token of the user. GET with `redirectUri` (registered for some client)
 * redirects the browser there afterwards, signed in or not.
 */
export function handleSignOut(req: SimRequest, env: SimEnv, deps: AuthDeps): SimResponse {
  if (req.method !== 'GET' && req.method !== 'POST')
    return apiResponse(405, 405, 'Method not allowed', { allow: 'GET, POST' });
  const global = req.url.searchParams.get('global') === 'true';
  const redirectUri = req.method === 'GET' ? req.url.searchParams.get('redirectUri') : null;
  if (redirectUri !== null && !deps.world.clients.some((c) => redirectUriAllowed(c, redirectUri))) {
    return htmlResponse(
      400,
      authorizeErrorPage('Sign-out error', 'The redirectUri is not registered.'),
    );
  }
  const check = deps.tokens.check(req.headers.authorization);
  if (check.ok) {
    const revoked =
      global && check.token.user
        ? deps.tokens.revokeUser(check.token.user.dbid)
        : Number(deps.tokens.revoke(check.token.token));
    env.note({ global, revoked });
  }
  if (redirectUri !== null) return redirectResponse(redirectUri);
  if (!check.ok) return invalidTokenResponse(check, deps.settings.invalidTokenStatus);
  return apiResponse(200, 0, 'OK');
}

/**
 * `POST /auth/v3/change-password` with `{"data":{"oldPassword","newPassword"[,"userName"]}}`:
 * 403 "Unable to update password" when the old password is wrong (genesys-facts §1.2).
 */
export function handleChangePassword(req: SimRequest, token: SimToken): SimResponse {
  if (req.method !== 'POST') return apiResponse(405, 405, 'Method not allowed', { allow: 'POST' });
  let data: unknown;
  try {
    data = (JSON.parse(req.body.toString('utf8')) as { data?: unknown }).data;
  } catch {
    return apiResponse(
      400,
      400,
      'Request body must be JSON {"data":{"oldPassword","newPassword"}}',
    );
  }
  const input = (data ?? {}) as Record<string, unknown>;
  const { oldPassword, newPassword, userName } = input;
  if (typeof oldPassword !== 'string' || typeof newPassword !== 'string' || newPassword === '') {
    return apiResponse(400, 400, 'data.oldPassword and data.newPassword are required');
  }
  const user = token.user;
  if (!user) return apiResponse(403, 403, 'Unable to update password');
  if (userName !== undefined && userName !== user.userName)
    return apiResponse(403, 403, 'Unable to update password');
  if (!samePassword(user.password, oldPassword))
    return apiResponse(403, 403, 'Unable to update password');
  user.password = newPassword;
  return apiResponse(200, 0, 'Ok');
}
