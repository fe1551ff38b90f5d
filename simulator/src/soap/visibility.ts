import type { SimSite, SimUser, SimWorld } from '../data/model.js';
import { SoapFault } from './SoapFault.js';
import { worldIndex } from './worldIndex.js';

/**
 * What a WFM user may see (CONTRACT §4): a supervisor their assigned sites and every agent there;
 * an agent their own site, its teams and agents, but only their own schedule.
 */
export interface WfmScope {
  user: SimUser;
  /** Sites the user may see, in id order. */
  siteIds: number[];
  /** For agents, their own agent id (the only schedule they may read); null for supervisors. */
  ownAgentId: number | null;
}

/**
 * The scope of `user`; throws INSUFFICIENT_PRIVILEGES for users not provisioned in WFM and for
 * tokens without a user (client credentials).
 */
export function scopeOf(user: SimUser | null, world: SimWorld): WfmScope {
  if (user === null || user.wfm === null) {
    throw new SoapFault('INSUFFICIENT_PRIVILEGES', 'User is not provisioned in WFM');
  }
  if (user.wfm.type === 'SUPERVISOR') {
    return { user, siteIds: [...user.wfm.siteIds].sort((a, b) => a - b), ownAgentId: null };
  }
  const agent = worldIndex(world).agentById.get(user.wfm.agentId);
  if (agent === undefined)
    throw new SoapFault('INSUFFICIENT_PRIVILEGES', 'User is not provisioned in WFM');
  return { user, siteIds: [agent.siteId], ownAgentId: agent.id };
}

/** The site `siteId` when it exists (else NOT_FOUND) and the scope covers it (else INSUFFICIENT_PRIVILEGES). */
export function requireSite(scope: WfmScope, world: SimWorld, siteId: number): SimSite {
  const site = worldIndex(world).siteById.get(siteId);
  if (site === undefined) throw new SoapFault('NOT_FOUND', `Site ${siteId} does not exist`);
  if (!scope.siteIds.includes(siteId)) {
    throw new SoapFault('INSUFFICIENT_PRIVILEGES', `No access to site ${siteId}`);
  }
  return site;
}
