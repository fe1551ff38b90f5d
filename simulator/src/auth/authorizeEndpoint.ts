import { htmlResponse, redirectResponse } from '../http/responses.js';
import type { SimRequest, SimResponse } from '../types.js';
import type { AuthDeps } from './AuthDeps.js';
import { findClient, redirectUriAllowed } from './clients.js';
import { authorizeErrorPage, signInPage } from './signInPage.js';

/** PKCE S256 challenge: base64url of a SHA-256 digest (RFC 7636 §4.2). */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * `GET /auth/v3/oauth/authorize` renders the sign-in form; `POST` verifies the credentials and
 * redirects to `redirect_uri?code=…&state=…`. An unknown client or an unregistered redirect URI
 * gets an HTML error page (400), never a redirect (RFC 6749 §4.1.2.1).
 */
export function handleAuthorize(req: SimRequest, deps: AuthDeps): SimResponse {
  if (req.method !== 'GET' && req.method !== 'POST') {
    return htmlResponse(405, authorizeErrorPage('Method not allowed', 'Use GET or POST.'), {
      allow: 'GET, POST',
    });
  }
  const params =
    req.method === 'GET' ? req.url.searchParams : new URLSearchParams(req.body.toString('utf8'));
  const client = findClient(deps.world, params.get('client_id'));
  if (!client)
    return htmlResponse(400, authorizeErrorPage('Sign-in error', 'Unknown or missing client_id.'));
  const redirectUri = params.get('redirect_uri');
  if (!redirectUri || !redirectUriAllowed(client, redirectUri)) {
    return htmlResponse(
      400,
      authorizeErrorPage(
        'Sign-in error',
        'The redirect_uri is missing or not registered for this client.',
      ),
    );
  }
  // From here on errors go back to the (trusted) client as redirect parameters.
  const state = params.get('state');
  const responseType = params.get('response_type');
  if (responseType !== 'code') {
    return redirectWith(redirectUri, { error: 'unsupported_response_type', state });
  }
  const challenge = params.get('code_challenge');
  const method = params.get('code_challenge_method');
  if (challenge !== null && (method !== 'S256' || !S256_CHALLENGE.test(challenge))) {
    return redirectWith(redirectUri, {
      error: 'invalid_request',
      error_description:
        'Only PKCE code_challenge_method=S256 with a 43-character challenge is supported',
      state,
    });
  }
  const action = req.url.pathname;
  if (req.method === 'GET') {
    return htmlResponse(200, signInPage(params, action), { 'cache-control': 'no-store' });
  }
  const username = params.get('username') ?? '';
  const password = params.get('password') ?? '';
  const user = deps.users.authenticate(username, password, params.get('tenant') ?? undefined);
  if (!user) {
    return htmlResponse(401, signInPage(params, action, 'Invalid user name or password.'), {
      'cache-control': 'no-store',
    });
  }
  const code = deps.tokens.createCode({
    user,
    clientId: client.clientId,
    redirectUri,
    codeChallenge: challenge,
  });
  return redirectWith(redirectUri, { code, state });
}

function redirectWith(redirectUri: string, params: Record<string, string | null>): SimResponse {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params))
    if (value !== null) url.searchParams.set(name, value);
  return redirectResponse(url.toString());
}
