import { jsonResponse } from '../http/responses.js';
import type { SimAuthCheck, SimResponse } from '../types.js';

const DESCRIPTIONS: Record<Exclude<SimAuthCheck, { ok: true }>['reason'], string> = {
  missing: 'Full authentication is required to access this resource',
  malformed: 'Authorization header is not a Bearer token',
  unknown: 'Invalid access token',
  expired: 'Access token expired',
  revoked: 'Access token revoked',
};

/**
 * The answer for a request whose Bearer token did not check out, shaped like a Spring OAuth2
 * resource server (RFC 6750 §3): 401 with `WWW-Authenticate: Bearer …`, or `invalidStatus` 403
 * (what some deployments answer) for unknown, expired and revoked tokens. A missing header is
 * always 401.
 */
export function invalidTokenResponse(
  check: Exclude<SimAuthCheck, { ok: true }>,
  invalidStatus: 401 | 403 = 401,
): SimResponse {
  const description = DESCRIPTIONS[check.reason];
  if (check.reason === 'missing') {
    return jsonResponse(
      401,
      { error: 'unauthorized', error_description: description },
      { 'www-authenticate': 'Bearer realm="genesys"' },
    );
  }
  const status = check.reason === 'malformed' ? 401 : invalidStatus;
  const headers: Record<string, string> =
    status === 401
      ? {
          'www-authenticate': `Bearer realm="genesys", error="invalid_token", error_description="${description}"`,
        }
      : {};
  return jsonResponse(status, { error: 'invalid_token', error_description: description }, headers);
}
