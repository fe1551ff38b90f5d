import { isUpstreamError, type UpstreamService } from '../errors/UpstreamError.js';
import type { CallContext } from '../types/CallContext.js';
import type { AuthApi } from '../types/AuthApi.js';
import type { WfmApi } from '../types/WfmApi.js';
import type { WfmSoapApi } from '../types/WfmSoapApi.js';
import type { UpstreamCounters, UpstreamOutcome } from './UpstreamCounters.js';
import type { RequestTally } from '../types/RequestTally.js';
import type { Upstreams } from '../types/Upstreams.js';

/** Options of `withUpstreamCounting`. */
export interface CountedUpstreamsOptions {
  /** Finds the request's tally for a call (see `CachedUpstreamsOptions.tallyOf`). Default: none. */
  tallyOf?: (ctx: CallContext) => RequestTally | undefined;
}

/**
 * Counts every call that reaches the upstream clients, by service, method and outcome (one
 * logical call each: retries inside the HTTP client are not seen here). Use this decorator or
 * counts from the HTTP client, not both. Operations are the client method names
 * (`getAgentStates`), never data; `dropSession` is local and not counted.
 */
export function withUpstreamCounting(
  upstreams: Upstreams,
  counters: UpstreamCounters,
  options: CountedUpstreamsOptions = {},
): Upstreams {
  const { auth, wfm, soap } = upstreams;
  const tallyOf = options.tallyOf ?? (() => undefined);

  function counted<T>(
    service: UpstreamService,
    operation: string,
    ctx: CallContext | undefined,
    call: Promise<T>,
  ): Promise<T> {
    const tally = ctx ? tallyOf(ctx) : undefined;
    return call.then(
      (value) => {
        counters.recordUpstreamCall({ service, operation, outcome: 'ok' }, tally);
        return value;
      },
      (error: unknown) => {
        counters.recordUpstreamCall({ service, operation, ...upstreamOutcomeOf(error) }, tally);
        throw error;
      },
    );
  }

  const countedAuth: AuthApi = {
    userInfo: (ctx) => counted('auth', 'userInfo', ctx, auth.userInfo(ctx)),
    openIdUserInfo: (ctx) => counted('auth', 'openIdUserInfo', ctx, auth.openIdUserInfo(ctx)),
    ping: (ctx) => counted('auth', 'ping', ctx, auth.ping(ctx)),
    signOut: (ctx, global) => counted('auth', 'signOut', ctx, auth.signOut(ctx, global)),
    changePassword: (ctx, input) =>
      counted('auth', 'changePassword', ctx, auth.changePassword(ctx, input)),
    exchangeCode: (input) => counted('auth', 'exchangeCode', undefined, auth.exchangeCode(input)),
  };
  const countedWfm: WfmApi = {
    userInfo: (ctx) => counted('wfm', 'userInfo', ctx, wfm.userInfo(ctx)),
  };
  const countedSoap: WfmSoapApi = {
    getSites: (ctx, siteIds) => counted('wfm-soap', 'getSites', ctx, soap.getSites(ctx, siteIds)),
    getTeams: (ctx, filter) => counted('wfm-soap', 'getTeams', ctx, soap.getTeams(ctx, filter)),
    getAgents: (ctx, filter) => counted('wfm-soap', 'getAgents', ctx, soap.getAgents(ctx, filter)),
    getAgentStates: (ctx, query) =>
      counted('wfm-soap', 'getAgentStates', ctx, soap.getAgentStates(ctx, query)),
    dropSession: (tokenHash) => soap.dropSession(tokenHash),
  };
  return { auth: countedAuth, wfm: countedWfm, soap: countedSoap };
}

/**
 * The outcome label of a failed call: the `UpstreamError` kind and status, `ABORTED` for an
 * abort or timeout signal's reason, `ERROR` otherwise.
 */
export function upstreamOutcomeOf(error: unknown): { outcome: UpstreamOutcome; status?: number } {
  if (isUpstreamError(error))
    return error.status === undefined
      ? { outcome: error.kind }
      : { outcome: error.kind, status: error.status };
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return { outcome: 'ABORTED' };
  return { outcome: 'ERROR' };
}
