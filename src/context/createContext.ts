import { setMaxListeners } from 'node:events';
import type { Loaders } from '../loaders/createLoaders.js';
import type { CallContext } from '../types/CallContext.js';
import { RequestBudget, type RequestBudgetLimits } from '../shared/RequestBudget.js';
import { RequestMemo } from '../shared/RequestMemo.js';
import type { Authenticator } from './authenticate.js';
import type { GatewayContext } from '../resolvers/GatewayContext.js';
import { createRequestTally } from '../types/RequestTally.js';
import type { Upstreams } from '../types/Upstreams.js';

export interface ContextFactoryDeps {
  upstreams: Upstreams;
  authenticate: Authenticator;
  /** `createLoaders` of src/loaders (injected so the context does not pick its own). */
  createLoaders: (upstreams: Upstreams, call: CallContext) => Loaders;
  /** Deadline of the whole gateway request, in ms (REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** MAX_SCHEDULE_RANGE_DAYS and GRAPHQL_MAX_LIST_ARGUMENT, handed to the resolvers. */
  limits: GatewayContext['limits'];
  /** REQUEST_MAX_UPSTREAM_CALLS and REQUEST_MAX_ANSWER_ITEMS: each request's budget. Absent: none. */
  budget?: RequestBudgetLimits;
}

/** Listeners allowed on one request's signal before Node warns (upstream calls in flight). */
const MAX_SIGNAL_LISTENERS = 1_000;

/** What the HTTP layer knows about a request when it asks for a context. */
export interface ContextRequest {
  authorization: string | readonly string[] | undefined;
  /** Aborted when the client disconnects. */
  clientSignal?: AbortSignal;
  requestId?: string;
}

/**
 * Builds the per-request GraphQL context: the request's signal (client disconnect or
 * REQUEST_TIMEOUT_MS, whichever first), authentication FIRST (nothing else runs for a caller the
 * Authentication API refuses), then this request's loaders over the shared upstream clients.
 */
export function createContextFactory(
  deps: ContextFactoryDeps,
): (request: ContextRequest) => Promise<GatewayContext> {
  return async (request) => {
    const deadlineAtMs = Date.now() + deps.requestTimeoutMs;
    const deadline = AbortSignal.timeout(deps.requestTimeoutMs);
    const signal = request.clientSignal
      ? AbortSignal.any([request.clientSignal, deadline])
      : deadline;
    // Every upstream call in flight listens to it (a schedule board has dozens at once), and
    // each removes its listener when it settles: not the leak Node warns about past 10.
    setMaxListeners(MAX_SIGNAL_LISTENERS, signal);
    const authenticated = await deps.authenticate({
      authorization: request.authorization,
      signal,
      requestId: request.requestId,
    });
    const tally = createRequestTally();
    // The memo lets the loaders and the SOAP handshake share WFM REST /system/userinfo.
    const call: CallContext = {
      ...authenticated.call,
      deadlineAtMs,
      tally,
      memo: new RequestMemo(),
      ...(deps.budget ? { budget: new RequestBudget(deps.budget) } : {}),
    };
    // The loaders on first use: a request answered from the token check alone (`me { user }`)
    // or from the whole-answer cache never builds them.
    let loaders: Loaders | undefined;
    return {
      call,
      user: authenticated.user,
      upstreams: deps.upstreams,
      get loaders() {
        return (loaders ??= deps.createLoaders(deps.upstreams, call));
      },
      limits: deps.limits,
      tally,
    };
  };
}
