import type { SimEnv, SimRequest, SimResponse } from '../types.js';
import type { CloudUser, CloudWorld } from './CloudWorld.js';
import { errorBody, missingPermissions } from './errorBody.js';
import { SUPERVISOR_PERMISSIONS } from './permissions.js';

/** Who a Platform API request acts for: a user, or an OAuth client (client credentials). */
export interface Principal {
  /** Null for a client-credentials token. */
  user: CloudUser | null;
  permissions: ReadonlySet<string>;
  /** Management units the caller may read. */
  canSeeMu(muId: string): boolean;
}

/**
 * Resolves the Bearer token of a Platform API request, or answers the 401 the Platform API
 * gives (genesys-facts §4.2): none → `authentication.required`, expired → `credentials.expired`,
 * unknown or revoked → `bad.credentials`.
 */
export function principalOf(
  req: SimRequest,
  env: SimEnv,
  cloud: CloudWorld,
): Principal | SimResponse {
  const check = env.tokens.check(req.headers.authorization);
  if (!check.ok) {
    if (check.reason === 'missing' || check.reason === 'malformed')
      return errorBody(
        401,
        'authentication.required',
        'No authentication bearer token specified in authorization header.',
      );
    if (check.reason === 'expired')
      return errorBody(
        401,
        'credentials.expired',
        'The supplied credentials are expired and cannot be used.',
      );
    return errorBody(401, 'bad.credentials', 'Invalid login credentials.');
  }
  const simUser = check.token.user;
  if (!simUser) {
    // The demo OAuth client's role: an organisation-wide WFM reader.
    return { user: null, permissions: new Set(SUPERVISOR_PERMISSIONS), canSeeMu: () => true };
  }
  const user = cloud.userByDbid(simUser.dbid);
  if (!user) return errorBody(401, 'bad.credentials', 'Invalid login credentials.');
  return {
    user,
    permissions: new Set(user.permissions),
    canSeeMu: (muId) => user.visibleMuIds.has(muId),
  };
}

/** Null when the caller holds at least one of `anyOf`, else the 403 naming them. */
export function requireAny(principal: Principal, anyOf: readonly string[]): SimResponse | null {
  return anyOf.some((p) => principal.permissions.has(p)) ? null : missingPermissions(anyOf);
}

/** A route that needs a user context, asked with a client-credentials token. */
export function userContextRequired(): SimResponse {
  return errorBody(
    400,
    'bad.request',
    'This request requires a user context. Client credentials cannot be used for requests to this resource.',
  );
}
