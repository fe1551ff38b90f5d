import type { BatchLoadFn } from 'dataloader';
import type { WfmAgentRecord } from '../types/WfmSoapApi.js';
import type { LoaderDeps } from './LoaderDeps.js';
import { alignGroups } from './align.js';

/** The agents of each team the caller may see, one GetAgent for all teams of the batch. */
export function agentsByTeam({
  upstreams,
  call,
}: LoaderDeps): BatchLoadFn<number, WfmAgentRecord[]> {
  return async (teamIds) => {
    const agents = await upstreams.soap.getAgents(call, { teamIds });
    return alignGroups(teamIds, agents, (agent) => agent.teamId);
  };
}
