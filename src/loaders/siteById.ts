import type { BatchLoadFn } from 'dataloader';
import type { WfmSiteRecord } from '../upstream/soap/WfmSoapApi.js';
import type { LoaderDeps } from './LoaderDeps.js';
import { lookupByIds } from './lookupByIds.js';

/** Sites by WFM site id, one GetSite per batch; null for a site that is unknown or not visible. */
export function siteById({
  upstreams,
  call,
}: LoaderDeps): BatchLoadFn<number, WfmSiteRecord | null> {
  return (ids) =>
    lookupByIds(
      ids,
      (some) => upstreams.soap.getSites(call, some),
      (site) => site.id,
    );
}
