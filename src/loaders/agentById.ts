import type { BatchLoadFn } from 'dataloader';
import type { WfmAgentRecord } from '../types/WfmSoapApi.js';
import type { LoaderDeps } from './LoaderDeps.js';
import { lookupByIds } from './lookupByIds.js';

/** Agents by id (CME person DBID), one GetAgent per batch; null for an agent unknown or not visible. */
export function agentById({
  upstreams,
  call,
}: LoaderDeps): BatchLoadFn<number, WfmAgentRecord | null> {
  return (ids) =>
    lookupByIds(
      ids,
      (some) => upstreams.soap.getAgents(call, { agentIds: some }),
      (agent) => agent.id,
    );
}
