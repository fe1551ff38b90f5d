import type { BatchLoadFn } from 'dataloader';
import type { WfmSiteRecord } from '../types/WfmSoapApi.js';
import { alignById } from './align.js';
import type { LoaderDeps } from './LoaderDeps.js';
import { lookupByIds } from './lookupByIds.js';

/**
 * Sites by WFM site id, one GetSite per batch; null for a site that is unknown or not visible.
 *
 * When this request already asked for every visible site (`visible()` returns the `sitesAll`
 * answer, in flight or settled), ids are answered from that list instead — WFM answers an
 * invisible id NOT_FOUND, which is null here too — so `sites` plus `site(id)` costs one GetSite.
 * Should that list fail, the ids are asked for as usual.
 */
export function siteById(
  { upstreams, call }: LoaderDeps,
  visible: () => Promise<readonly WfmSiteRecord[]> | undefined = () => undefined,
): BatchLoadFn<number, WfmSiteRecord | null> {
  return async (ids) => {
    const all = visible();
    if (all !== undefined) {
      try {
        return alignById(ids, await all, (site) => site.id);
      } catch {
        // The list's own error is reported where it was asked for; try the ids themselves.
      }
    }
    return lookupByIds(
      ids,
      (some) => upstreams.soap.getSites(call, some),
      (site) => site.id,
    );
  };
}
