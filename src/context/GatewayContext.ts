import type { CallContext } from '../upstream/CallContext.js';
import type { AuthApi, CloudUserDetails } from '../upstream/auth/types.js';
import type { WfmApi } from '../upstream/wfm/types.js';
import type { WfmSoapApi } from '../upstream/soap/WfmSoapApi.js';
import type { Loaders } from '../loaders/createLoaders.js';
import type { RequestTally } from '../metrics/UpstreamCounters.js';

/** The upstream clients, built once by `createGateway` and shared by all requests (they hold no caller state). */
export interface Upstreams {
  auth: AuthApi;
  wfm: WfmApi;
  soap: WfmSoapApi;
}

/** Per-request GraphQL context: who is calling, with what, and this request's loaders. */
export interface GatewayContext {
  call: CallContext;
  /** The caller as `/userinfo` answered during authentication (before any resolver ran). */
  user: CloudUserDetails;
  upstreams: Upstreams;
  loaders: Loaders;
  limits: {
    /** Longest schedule range a query may ask for, in days. */
    maxScheduleRangeDays: number;
  };
  /**
   * What this request cost upstream (calls made, cache hits, coalesced calls); reported in
   * `extensions.cost` only when the caller sends `x-gateway-debug: 1` (debugCostPlugin).
   */
  tally?: RequestTally;
}
