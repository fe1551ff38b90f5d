import type { WfmSiteRecord } from '../types/WfmSoapApi.js';
import type { LoaderDeps } from './LoaderDeps.js';

/** The sites the caller may see: one ConfigService GetSite without ids (WFM filters by the caller). */
export function sitesAll({ upstreams, call }: LoaderDeps): () => Promise<WfmSiteRecord[]> {
  return () => upstreams.soap.getSites(call);
}
