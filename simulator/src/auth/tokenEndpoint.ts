import { createHash } from 'node:crypto';
import type { SimOAuthClient } from '../data/model.js';
import { jsonResponse } from '../http/responses.js';
import type { SimEnv, SimRequest, SimResponse } from '../types.js';
import type { AuthDeps } from './AuthDeps.js';
import { authenticateClient } from './clients.js';
import type { IssuedTokens } from './TokenStore.js';

/** RFC 7636 §4.1: 43–128 characters of the unreserved set. */
const PKCE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * `POST /auth/v3/oauth/token`: the four grants with HTTP Basic client authentication, answering
 * `DefaultOAuth2AccessToken` or an RFC 6749 §5.2 error body.
 */
export function handleTokenRequest(req: SimRequest, env: SimEnv, deps: AuthDeps): SimResponse {
  if (req.method !== 'POST')
    return jsonResponse(405, { error: 'method_not_allowed' }, { allow: 'POST' });
  const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
  if (!contentType.startsWith('application/x-www-form-urlencoded')) {
    return oauthError(
      400,
      'invalid_request',
      'Content-Type must be application/x-www-form-urlencoded',
    );
  }
  const form = new URLSearchParams(req.body.toString('utf8'));
  const client = authenticateClient(deps.world, req.headers, form);
  if (!client.ok) return oauthError(401, 'invalid_client', client.description);

  const grantType = form.get('grant_type');
  env.note({ grantType, clientId: client.client.clientId });
  switch (grantType) {
    case 'password':
      return passwordGrant(form, client.client, env, deps);
    case 'authorization_code':
      return codeGrant(form, client.client, env, deps);
    case 'client_credentials':
      return tokenResponse(deps.tokens.issue(null, client.client.clientId, false), env);
    case 'refresh_token': {
      const refreshToken = form.get('refresh_token');
      if (!refreshToken) return oauthError(400, 'invalid_request', 'Missing refresh_token');
      const issued = deps.tokens.rotate(refreshToken, client.client.clientId);
      if (!issued) return oauthError(400, 'invalid_grant', 'Invalid refresh token');
      return tokenResponse(issued, env);
    }
    case null:
      return oauthError(400, 'invalid_request', 'Missing grant_type');
    default:
      return oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
  }
}

function passwordGrant(
  form: URLSearchParams,
  client: SimOAuthClient,
  env: SimEnv,
  deps: AuthDeps,
): SimResponse {
  const username = form.get('username');
  const password = form.get('password');
  if (!username || password === null)
    return oauthError(400, 'invalid_request', 'Missing username or password');
  // The password grant takes `tenant\user` (genesys-facts §1.3).
  const user = deps.users.authenticate(username, password);
  if (!user) return oauthError(400, 'invalid_grant', 'Bad credentials');
  return tokenResponse(deps.tokens.issue(user, client.clientId, true), env);
}

function codeGrant(
  form: URLSearchParams,
  client: SimOAuthClient,
  env: SimEnv,
  deps: AuthDeps,
): SimResponse {
  const code = form.get('code');
  const redirectUri = form.get('redirect_uri');
  if (!code) return oauthError(400, 'invalid_request', 'Missing code');
  if (!redirectUri) return oauthError(400, 'invalid_request', 'Missing redirect_uri');
  const record = deps.tokens.redeemCode(code);
  if (record === 'unknown') return oauthError(400, 'invalid_grant', 'Invalid authorization code');
  if (record === 'expired') return oauthError(400, 'invalid_grant', 'Authorization code expired');
  if (record === 'replayed')
    return oauthError(400, 'invalid_grant', 'Authorization code already used');
  if (record.clientId !== client.clientId)
    return oauthError(400, 'invalid_grant', 'Code issued to another client');
  if (record.redirectUri !== redirectUri)
    return oauthError(400, 'invalid_grant', 'Redirect URI mismatch');
  const verifier = form.get('code_verifier');
  // RFC 9700 §4.8.2 (PKCE downgrade): a verifier for a code issued without a challenge is refused.
  if (record.codeChallenge === null && verifier !== null)
    return oauthError(400, 'invalid_grant', 'code_verifier sent for a code issued without PKCE');
  if (record.codeChallenge !== null) {
    if (!verifier || !PKCE_VERIFIER.test(verifier)) {
      return oauthError(400, 'invalid_grant', 'Missing or malformed code_verifier');
    }
    const computed = createHash('sha256').update(verifier).digest('base64url');
    if (computed !== record.codeChallenge)
      return oauthError(400, 'invalid_grant', 'PKCE verification failed');
  }
  const issued = deps.tokens.issue(record.user, client.clientId, true);
  record.issued.push(issued.access.token);
  return tokenResponse(issued, env);
}

function tokenResponse(issued: IssuedTokens, env: SimEnv): SimResponse {
  const { access, refreshToken } = issued;
  env.note({ issuedTokenHash: access.tokenHash, user: access.user?.userName ?? null });
  return jsonResponse(
    200,
    {
      access_token: access.token,
      token_type: 'bearer',
      expires_in: Math.round((access.expiresAtMs - access.issuedAtMs) / 1000),
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      scope: '*',
    },
    { 'cache-control': 'no-store', pragma: 'no-cache' },
  );
}

/** An RFC 6749 §5.2 error; 401 `invalid_client` carries `WWW-Authenticate: Basic`. */
function oauthError(status: 400 | 401, error: string, description: string): SimResponse {
  const headers: Record<string, string> = { 'cache-control': 'no-store', pragma: 'no-cache' };
  if (status === 401) headers['www-authenticate'] = 'Basic realm="oauth2/client"';
  return jsonResponse(status, { error, error_description: description }, headers);
}
