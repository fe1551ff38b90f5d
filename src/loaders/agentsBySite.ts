import type { BatchLoadFn } from 'dataloader';
import type { WfmAgentRecord } from '../types/WfmSoapApi.js';
import type { LoaderDeps } from './LoaderDeps.js';
import { alignGroups } from './align.js';
import { isolateFailures } from './isolateFailures.js';

/**
 * The agents of each site the caller may see, one GetAgent for all sites of the batch; an unknown
 * or invisible site fails its own position only (see `isolateFailures`).
 */
export function agentsBySite({
  upstreams,
  call,
}: LoaderDeps): BatchLoadFn<number, WfmAgentRecord[]> {
  return (siteIds) =>
    isolateFailures(siteIds, async (some) =>
      alignGroups(
        some,
        await upstreams.soap.getAgents(call, { siteIds: some }),
        (agent) => agent.siteId,
      ),
    );
}
