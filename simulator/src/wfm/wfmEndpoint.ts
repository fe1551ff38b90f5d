import type { WireWfmUserInfo as WfmUserInfo } from '../wire/wfmWire.js';
import type { SimUser, SimWorld } from '../data/model.js';
import { invalidTokenResponse } from '../auth/invalidToken.js';
import { jsonResponse } from '../http/responses.js';
import type { SimEndpoint, SimEnv, SimRequest, SimResponse } from '../types.js';

/** Path prefix of WFM REST. */
export const WFM_BASE_PATH = '/wfm/api/v3';

/**
 * The simulated WFM REST API: `GET /wfm/api/v3/system/userinfo` → `WfmUserInfo`; 401 for a
 * missing or bad token; 403 `{"message":"User is not provisioned in WFM"}` for users without a
 * WFM role (and client-credentials tokens) (genesys-facts §2).
 */
export function createWfmEndpoint(): SimEndpoint {
  return {
    service: 'wfm',
    identify(req: SimRequest): string | null {
      return req.url.pathname.replace(/\/+$/, '') === `${WFM_BASE_PATH}/system/userinfo`
        ? 'system/userinfo'
        : null;
    },
    handle(req: SimRequest, env: SimEnv, operation: string): SimResponse {
      if (operation !== 'system/userinfo') return jsonResponse(404, { message: 'Not Found' });
      if (req.method !== 'GET')
        return jsonResponse(405, { message: 'Method Not Allowed' }, { allow: 'GET' });
      const check = env.tokens.check(req.headers.authorization);
      if (!check.ok) return invalidTokenResponse(check, 401);
      const user = check.token.user;
      const info = user ? wfmUserInfo(user, env.world) : null;
      if (!info) return jsonResponse(403, { message: 'User is not provisioned in WFM' });
      env.note({ userId: info.userId, userType: info.userType });
      return jsonResponse(200, info);
    },
  };
}

/** The WFM view of a user, or null when not provisioned. Supervisors get their first site. */
export function wfmUserInfo(user: SimUser, world: SimWorld): WfmUserInfo | null {
  if (!user.wfm) return null;
  const siteId =
    user.wfm.type === 'AGENT'
      ? world.agents.find((a) => a.id === (user.wfm as { agentId: number }).agentId)?.siteId
      : user.wfm.siteIds[0];
  const site = world.sites.find((s) => s.id === siteId);
  return {
    userId: user.dbid,
    userType: user.wfm.type,
    userName: user.userName,
    firstName: user.firstName,
    lastName: user.lastName,
    ...(site ? { siteId: site.id, buId: site.buId, timeZone: site.timeZone } : {}),
  };
}
