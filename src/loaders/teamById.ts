import type { BatchLoadFn } from 'dataloader';
import type { WfmTeamRecord } from '../types/WfmSoapApi.js';
import type { LoaderDeps } from './LoaderDeps.js';
import { lookupByIds } from './lookupByIds.js';

/** Teams by WFM team id, one GetTeam per batch; null for a team that is unknown or not visible. */
export function teamById({
  upstreams,
  call,
}: LoaderDeps): BatchLoadFn<number, WfmTeamRecord | null> {
  return (ids) =>
    lookupByIds(
      ids,
      (some) => upstreams.soap.getTeams(call, { teamIds: some }),
      (team) => team.id,
    );
}
