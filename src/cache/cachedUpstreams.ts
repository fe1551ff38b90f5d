import type { CallContext } from '../types/CallContext.js';
import type { AuthApi } from '../types/AuthApi.js';
import type { WfmApi } from '../types/WfmApi.js';
import type { AgentStateQuery, WfmSoapApi } from '../types/WfmSoapApi.js';
import type { CacheKind } from './cacheConfig.js';
import type { ResponseCache } from './ResponseCache.js';
import { TOKEN_CHECK_KIND, type SharedBinding } from './shared/SharedBinding.js';
import { loadThroughTier } from './shared/sharedLoad.js';

/*
 * The cross-request cache layer of the upstream stack (src/createUpstreams.ts), one decorator per
 * client. Cached: `wfm.userInfo` (kind `wfmUser`), `auth.openIdUserInfo` (`openId`),
 * `soap.getSites` (`sites`), `soap.getTeams` (`teams`), `soap.getAgents` (`agents`),
 * `soap.getAgentStates` (`schedules`), each keyed by the caller's token hash, the method and its
 * canonical arguments (id lists sorted and deduplicated, so callers must match records by id, not
 * by position). Everything else passes through; `auth.userInfo` is the token check, cached on its
 * own (shorter) terms by the server. Hits and coalesced calls are counted in `CallContext.tally`.
 * Put the counting decorators inside these, so only calls that reach Genesys count.
 *
 * With a `SharedBinding` (REDIS_URL), a local miss asks the shared tier before upstream, and the
 * token check (`auth.userInfo`) is shared too: the server's own short-lived check cache stays in
 * front of it. Sign-out and password change reach the shared entries through the invalidation
 * module (cache/Invalidation.ts and cache/shared/RedisInvalidationBus.ts).
 */

/**
 * The Authentication API client with `openIdUserInfo` cached. `signOut` and `changePassword`
 * drop the token's entries and `dropSession(tokenHash)` (its SOAP session) once they settle,
 * whether they succeeded or not: dropping is always safe, keeping is not.
 */
export function cachedAuth(
  auth: AuthApi,
  cache: ResponseCache,
  dropSession: (tokenHash: string) => void,
  shared?: SharedBinding,
): AuthApi {
  async function thenForget<T>(ctx: CallContext, call: Promise<T>): Promise<T> {
    try {
      return await call;
    } finally {
      cache.invalidateToken(ctx.tokenHash);
      dropSession(ctx.tokenHash);
    }
  }
  return {
    userInfo: (ctx) =>
      shared
        ? throughTier(shared, TOKEN_CHECK_KIND, ctx, 'userInfo', ctx.signal, () =>
            auth.userInfo(ctx),
          )
        : auth.userInfo(ctx),
    openIdUserInfo: (ctx) =>
      cached(cache, 'openId', ctx, 'openIdUserInfo', (c) => auth.openIdUserInfo(c), shared),
    ping: (ctx) => auth.ping(ctx),
    signOut: (ctx, global) => thenForget(ctx, auth.signOut(ctx, global)),
    changePassword: (ctx, input) => thenForget(ctx, auth.changePassword(ctx, input)),
    exchangeCode: (input) => auth.exchangeCode(input),
  };
}

/** The WFM REST client with `userInfo` cached. */
export function cachedWfm(wfm: WfmApi, cache: ResponseCache, shared?: SharedBinding): WfmApi {
  return {
    userInfo: (ctx) => cached(cache, 'wfmUser', ctx, 'userInfo', (c) => wfm.userInfo(c), shared),
  };
}

/** The WFM SOAP client with its four reads cached. */
export function cachedSoap(
  soap: WfmSoapApi,
  cache: ResponseCache,
  shared?: SharedBinding,
): WfmSoapApi {
  return {
    getSites: (ctx, siteIds) =>
      cached(
        cache,
        'sites',
        ctx,
        `getSites:${canonicalKey({ siteIds: ids(siteIds) })}`,
        (c) => soap.getSites(c, siteIds),
        shared,
      ),
    getTeams: (ctx, filter) =>
      cached(
        cache,
        'teams',
        ctx,
        `getTeams:${canonicalKey({ siteIds: ids(filter.siteIds), teamIds: ids(filter.teamIds) })}`,
        (c) => soap.getTeams(c, filter),
        shared,
      ),
    getAgents: (ctx, filter) =>
      cached(
        cache,
        'agents',
        ctx,
        `getAgents:${canonicalKey({
          siteIds: ids(filter.siteIds),
          teamIds: ids(filter.teamIds),
          agentIds: ids(filter.agentIds),
        })}`,
        (c) => soap.getAgents(c, filter),
        shared,
      ),
    getAgentStates: (ctx, query) =>
      cached(
        cache,
        'schedules',
        ctx,
        `getAgentStates:${agentStatesKey(query)}`,
        (c) => soap.getAgentStates(c, query),
        shared,
      ),
    dropSession: (tokenHash) => soap.dropSession(tokenHash),
  };
}

/**
 * One cached call: the load runs with the shared signal of every waiting caller, and asks the
 * shared tier (when there is one) before going upstream. Keyed by the caller's token hash, the
 * kind and `key` (the method and its canonical arguments); `tags` let a write drop it for every
 * caller (`Invalidation.dropTags`).
 */
export function cached<T>(
  cache: ResponseCache,
  kind: CacheKind,
  ctx: CallContext,
  key: string,
  call: (ctx: CallContext) => Promise<T>,
  shared: SharedBinding | undefined,
  tags?: readonly string[],
): Promise<T> {
  const load = (signal: AbortSignal): Promise<T> =>
    shared
      ? throughTier(shared, kind, ctx, key, signal, () => call({ ...ctx, signal }), tags)
      : call({ ...ctx, signal });
  return cache.fetch(kind, ctx.tokenHash, key, load, {
    signal: ctx.signal,
    tally: ctx.tally,
    ...(tags ? { tags } : {}),
  });
}

function throughTier<T>(
  shared: SharedBinding,
  kind: string,
  ctx: CallContext,
  key: string,
  signal: AbortSignal | undefined,
  load: () => Promise<T>,
  tags?: readonly string[],
): Promise<T> {
  const ttlMs = shared.ttlMs[kind] ?? 0;
  return loadThroughTier(
    shared.tier,
    ctx,
    `${kind}\u0000${key}`,
    ttlMs,
    shared.timing,
    load,
    signal,
    tags,
  );
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
