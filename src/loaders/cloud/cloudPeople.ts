import { UpstreamError } from '../../errors/UpstreamError.js';
import type { CallContext } from '../../types/CallContext.js';
import type { CloudApi } from '../../types/CloudApi.js';
import {
  agentOfUser,
  type CloudAgentRecord,
  type CloudSiteRecord,
  type CloudTeamRecord,
} from './cloudRecords.js';

/**
 * The agents of one management unit: its members (`managementunits/{id}/users`), then their
 * names and teams (`users?id=…`, 100 ids per call), in the unit's order. A unit that is not
 * among the caller's (`visible` answers null) is NOT_FOUND without asking, as WFM answers an
 * invisible site on Engage.
 */
export async function agentsOfUnit(
  cloud: CloudApi,
  call: CallContext,
  muId: string,
  visible: (muId: string) => Promise<CloudSiteRecord | null>,
): Promise<CloudAgentRecord[]> {
  if ((await visible(muId)) === null)
    throw new UpstreamError('NOT_FOUND', 'cloud managementunits: not a unit of the caller', {
      service: 'cloud',
      operation: 'managementunits',
    });
  const ids = await cloud.managementUnitUserIds(call, muId);
  const users = ids.length > 0 ? await cloud.users(call, ids) : [];
  const byId = new Map(users.map((user) => [user.id, user]));
  return ids.flatMap((id) => {
    const user = byId.get(id);
    return user === undefined ? [] : [agentOfUser(user, muId)];
  });
}

/**
 * The teams of a set of agents (each team in the site of its first member, in first-seen order),
 * named from the team listing; a team the listing does not name keeps an empty name.
 */
export function teamsOfAgents(
  agents: readonly CloudAgentRecord[],
  names: ReadonlyMap<string, string>,
): CloudTeamRecord[] {
  const teams = new Map<string, CloudTeamRecord>();
  for (const agent of agents) {
    if (agent.teamId === null || teams.has(agent.teamId)) continue;
    teams.set(agent.teamId, {
      id: agent.teamId,
      siteId: agent.siteId,
      name: names.get(agent.teamId) ?? '',
    });
  }
  return [...teams.values()];
}
