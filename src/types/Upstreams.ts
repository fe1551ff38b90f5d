import type { AuthApi } from './AuthApi.js';
import type { CloudApi } from './CloudApi.js';
import type { TimeOffApi } from './TimeOffApi.js';
import type { WfmApi } from './WfmApi.js';
import type { WfmSoapApi } from './WfmSoapApi.js';

/**
 * The back ends as every layer above them sees them: built once by `createGateway` and shared by
 * all requests (they hold no caller state; the caller travels in each call's `CallContext`).
 * Loaders, caches and counters depend on this interface only, never on a client class, so a
 * second platform can stand behind it.
 */
export interface Upstreams {
  auth: AuthApi;
  wfm: WfmApi;
  soap: WfmSoapApi;
  /**
   * GENESYS_PLATFORM=cloud: the Genesys Cloud Platform API (the loaders read the WFM data from
   * it instead of `wfm` and `soap`); absent on Engage.
   */
  cloud?: CloudApi;
  /**
   * Time-off requests: on Cloud the Platform API's (writes once per idempotency key); on Engage
   * NOT_SUPPORTED (upstream/engage/timeOffNotOnEngage.ts), also when absent.
   */
  timeOff?: TimeOffApi;
}
