import type { CallContext } from '../types/CallContext.js';
import type { Upstreams } from '../types/Upstreams.js';

/** What every batch function needs: the shared upstream clients and this request's caller. */
export interface LoaderDeps {
  readonly upstreams: Upstreams;
  readonly call: CallContext;
}
