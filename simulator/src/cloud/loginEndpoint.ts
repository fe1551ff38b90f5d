import type { AuthDeps } from '../auth/AuthDeps.js';
import { handleAuthorize } from '../auth/authorizeEndpoint.js';
import { handleTokenRequest } from '../auth/tokenEndpoint.js';
import { DEMO_TENANT } from '../data/organization.js';
import { jsonResponse } from '../http/responses.js';
import type { SimEndpoint, SimRequest, SimResponse } from '../types.js';

/** Path prefix of the Genesys Cloud login service (`https://login.<region>/oauth/…`). */
export const LOGIN_BASE_PATH = '/oauth';

/**
 * The Genesys Cloud login service: `POST /oauth/token` with the grants `client_credentials`,
 * `authorization_code` (+ PKCE S256) and `refresh_token`, Basic client authentication, token
 * errors with the duplicate `description` field Genesys sends (genesys-facts §4.1); and
 * `/oauth/authorize` with a sign-in form (user name without tenant, e.g. `sam.supervisor`).
 * Tokens come from the Cloud side's own token store: they are not valid on the Engage side.
 */
export function createCloudLoginEndpoint(deps: AuthDeps): SimEndpoint {
  return {
    service: 'cloud-login',
    identify(req) {
      const path = req.url.pathname;
      if (path === `${LOGIN_BASE_PATH}/token`) return 'oauth/token';
      if (path === `${LOGIN_BASE_PATH}/authorize`) return 'oauth/authorize';
      return null;
    },
    handle(req, env, operation) {
      if (operation === 'oauth/authorize') return handleAuthorize(withDemoTenant(req), deps);
      if (operation !== 'oauth/token')
        return jsonResponse(404, {
          error: 'not_found',
          description: 'Not Found',
          error_description: 'Not Found',
        });
      const form = new URLSearchParams(req.body.toString('utf8'));
      if (req.method === 'POST' && form.get('grant_type') === 'password')
        return tokenError(400, 'unsupported_grant_type', 'Unsupported grant type: password');
      return withDescription(handleTokenRequest(req, env, deps));
    },
  };
}

/** Cloud users sign in without a tenant: the form hides it and the demo tenant is implied. */
function withDemoTenant(req: SimRequest): SimRequest {
  if (req.method === 'GET') {
    const url = new URL(req.url);
    url.searchParams.set('hideTenant', 'true');
    return { ...req, url };
  }
  const form = new URLSearchParams(req.body.toString('utf8'));
  if (!form.has('tenant')) form.set('tenant', DEMO_TENANT);
  return { ...req, body: Buffer.from(form.toString()) };
}

function withDescription(response: SimResponse): SimResponse {
  if (response.status < 400 || response.body === undefined) return response;
  try {
    const body = JSON.parse(Buffer.from(response.body).toString('utf8')) as Record<string, unknown>;
    if (typeof body.error_description !== 'string') return response;
    return {
      ...response,
      body: JSON.stringify({
        error: body.error,
        description: body.error_description,
        error_description: body.error_description,
      }),
    };
  } catch {
    return response;
  }
}

function tokenError(status: number, error: string, description: string): SimResponse {
  return jsonResponse(
    status,
    { error, description, error_description: description },
    { 'cache-control': 'no-store' },
  );
}
