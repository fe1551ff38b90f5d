import type { Upstreams } from '../context/GatewayContext.js';
import type { CallContext } from '../upstream/CallContext.js';

/** What every batch function needs: the shared upstream clients and this request's caller. */
export interface LoaderDeps {
  readonly upstreams: Upstreams;
  readonly call: CallContext;
}
