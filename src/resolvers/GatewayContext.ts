import type { CallContext } from '../types/CallContext.js';
import type { CloudUserDetails } from '../types/AuthApi.js';
import type { Upstreams } from '../types/Upstreams.js';
import type { Loaders } from '../loaders/createLoaders.js';
import type { RequestTally } from '../types/RequestTally.js';

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
    /** Most elements of one list argument (`agentIds`, `teamIds`). */
    maxListArgument: number;
  };
  /**
   * What this request cost upstream (calls made, cache hits, coalesced calls); reported in
   * `extensions.cost` only when the caller sends `x-gateway-debug: 1` (debugCostPlugin).
   */
  tally?: RequestTally;
}
