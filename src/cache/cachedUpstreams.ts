import type { CallContext } from '../types/CallContext.js';
import type { AuthApi } from '../types/AuthApi.js';
import type { WfmApi } from '../types/WfmApi.js';
import type { AgentStateQuery, WfmSoapApi } from '../types/WfmSoapApi.js';
import type { CacheKind } from './cacheConfig.js';
import type { ResponseCache } from './ResponseCache.js';
import type { RequestTally } from '../types/RequestTally.js';
import type { Upstreams } from '../types/Upstreams.js';

/** Options of `withResponseCache`. */
export interface CachedUpstreamsOptions {
  /**
   * Finds the request's tally for a call, so hits and coalesced calls show in `extensions.cost`.
   * Default: none. (Once `CallContext` carries a tally: `(ctx) => ctx.tally`.)
   */
  tallyOf?: (ctx: CallContext) => RequestTally | undefined;
}

/**
 * Wraps the upstream clients with the cross-request cache. Cached: `wfm.userInfo` (kind
 * `wfmUser`), `auth.openIdUserInfo` (`openId`), `soap.getSites` (`sites`), `soap.getTeams`
 * (`teams`), `soap.getAgents` (`agents`), `soap.getAgentStates` (`schedules`), each keyed by the
 * caller's token hash, the method and its canonical arguments (id lists sorted and deduplicated,
 * so callers must match records by id, not by position). Everything else passes through;
 * `auth.userInfo` is the token check, cached on its own (shorter) terms elsewhere.
 *
 * `auth.signOut` and `auth.changePassword` drop the token's entries and SOAP session once they
 * settle, whether they succeeded or not: dropping is always safe, keeping is not.
 *
 * Wrap the counting decorator inside this one (`withResponseCache(withUpstreamCounting(raw))`) so
 * only calls that reach Genesys are counted as upstream calls.
 */
export function withResponseCache(
  upstreams: Upstreams,
  cache: ResponseCache,
  options: CachedUpstreamsOptions = {},
): Upstreams {
  const { auth, wfm, soap } = upstreams;
  const tallyOf = options.tallyOf ?? (() => undefined);

  /** One cached call: the load runs with the shared signal of every waiting caller. */
  function cached<T>(
    kind: CacheKind,
    ctx: CallContext,
    key: string,
    call: (ctx: CallContext) => Promise<T>,
  ): Promise<T> {
    return cache.fetch(kind, ctx.tokenHash, key, (signal) => call({ ...ctx, signal }), {
      signal: ctx.signal,
      tally: tallyOf(ctx),
    });
  }

  async function thenForget<T>(ctx: CallContext, call: Promise<T>): Promise<T> {
    try {
      return await call;
    } finally {
      cache.invalidateToken(ctx.tokenHash);
      soap.dropSession(ctx.tokenHash);
    }
  }

  const cachedAuth: AuthApi = {
    userInfo: (ctx) => auth.userInfo(ctx),
    openIdUserInfo: (ctx) => cached('openId', ctx, 'openIdUserInfo', (c) => auth.openIdUserInfo(c)),
    ping: (ctx) => auth.ping(ctx),
    signOut: (ctx, global) => thenForget(ctx, auth.signOut(ctx, global)),
    changePassword: (ctx, input) => thenForget(ctx, auth.changePassword(ctx, input)),
    exchangeCode: (input) => auth.exchangeCode(input),
  };

  const cachedWfm: WfmApi = {
    userInfo: (ctx) => cached('wfmUser', ctx, 'userInfo', (c) => wfm.userInfo(c)),
  };

  const cachedSoap: WfmSoapApi = {
    getSites: (ctx, siteIds) =>
      cached('sites', ctx, `getSites:${canonicalKey({ siteIds: ids(siteIds) })}`, (c) =>
        soap.getSites(c, siteIds),
      ),
    getTeams: (ctx, filter) =>
      cached(
        'teams',
        ctx,
        `getTeams:${canonicalKey({ siteIds: ids(filter.siteIds), teamIds: ids(filter.teamIds) })}`,
        (c) => soap.getTeams(c, filter),
      ),
    getAgents: (ctx, filter) =>
      cached(
        'agents',
        ctx,
        `getAgents:${canonicalKey({
          siteIds: ids(filter.siteIds),
          teamIds: ids(filter.teamIds),
          agentIds: ids(filter.agentIds),
        })}`,
        (c) => soap.getAgents(c, filter),
      ),
    getAgentStates: (ctx, query) =>
      cached('schedules', ctx, `getAgentStates:${agentStatesKey(query)}`, (c) =>
        soap.getAgentStates(c, query),
      ),
    dropSession: (tokenHash) => soap.dropSession(tokenHash),
  };

  return { auth: cachedAuth, wfm: cachedWfm, soap: cachedSoap };
}

function agentStatesKey(query: AgentStateQuery): string {
  return canonicalKey({
    siteId: query.siteId,
    startOle: query.startOle,
    endOle: query.endOle,
    agentIds: ids(query.agentIds),
    teamIds: ids(query.teamIds),
  });
}

/**
 * An id list in canonical form: sorted ascending, without duplicates. `undefined` stays `null`
 * and an empty list stays empty: the contract gives them different meanings for some calls.
 */
function ids(list: readonly number[] | undefined): number[] | null {
  if (list === undefined) return null;
  return [...new Set(list)].sort((a, b) => a - b);
}

/** JSON of the arguments in a fixed property order (the object literals above fix it). */
function canonicalKey(args: Record<string, number | number[] | null>): string {
  return JSON.stringify(args);
}
