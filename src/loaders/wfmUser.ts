import type { WfmUserInfo } from '../types/WfmApi.js';
import type { LoaderDeps } from './LoaderDeps.js';

/**
 * The caller's WFM profile (WFM REST `/system/userinfo`). Rejects with the client's
 * `UpstreamError` FORBIDDEN / WFM_NOT_PROVISIONED for a user WFM does not know.
 */
export function wfmUser({ upstreams, call }: LoaderDeps): () => Promise<WfmUserInfo> {
  return () => upstreams.wfm.userInfo(call);
}
