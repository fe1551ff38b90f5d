import type { BatchLoadFn } from 'dataloader';
import type { WfmTeamRecord } from '../types/WfmSoapApi.js';
import type { LoaderDeps } from './LoaderDeps.js';
import { alignGroups } from './align.js';
import { isolateFailures } from './isolateFailures.js';

/**
 * The teams of each site, one GetTeam for all sites of the batch; an unknown or invisible site
 * fails its own position only (see `isolateFailures`).
 */
export function teamsBySite({ upstreams, call }: LoaderDeps): BatchLoadFn<number, WfmTeamRecord[]> {
  return (siteIds) =>
    isolateFailures(siteIds, async (some) =>
      alignGroups(
        some,
        await upstreams.soap.getTeams(call, { siteIds: some }),
        (team) => team.siteId,
      ),
    );
}
