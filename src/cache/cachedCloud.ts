import type { CloudApi } from '../types/CloudApi.js';
import { cached } from './cachedUpstreams.js';
import type { ResponseCache } from './ResponseCache.js';
import type { SharedBinding } from './shared/SharedBinding.js';

/**
 * The Genesys Cloud client with its reads cached per caller (token hash) like the Engage ones
 * (cache/cachedUpstreams.ts), under the kinds of the data they carry: `wfmUser` (users/me, the
 * caller's management unit), `sites` (management units, activity codes), `agents` (unit
 * members, users), `teams`, `schedules` (searches, the caller's own schedule). Id lists are keyed
 * sorted and deduplicated. The token check does not come through here: it reads `users/me` on
 * its own terms (the server's token-check cache), so a revoked token is not kept alive by a
 * cached `users/me`.
 */
export function cachedCloud(
  cloud: CloudApi,
  cache: ResponseCache,
  shared?: SharedBinding,
): CloudApi {
  return {
    me: (ctx) => cached(cache, 'wfmUser', ctx, 'cloud:me', (c) => cloud.me(c), shared),
    myManagementUnitId: (ctx) =>
      cached(cache, 'wfmUser', ctx, 'cloud:myMu', (c) => cloud.myManagementUnitId(c), shared),
    managementUnits: (ctx) =>
      cached(cache, 'sites', ctx, 'cloud:mus', (c) => cloud.managementUnits(c), shared),
    activityCodes: (ctx, buId) =>
      cached(
        cache,
        'sites',
        ctx,
        `cloud:codes:${JSON.stringify(buId)}`,
        (c) => cloud.activityCodes(c, buId),
        shared,
      ),
    managementUnitUserIds: (ctx, muId) =>
      cached(
        cache,
        'agents',
        ctx,
        `cloud:muUsers:${JSON.stringify(muId)}`,
        (c) => cloud.managementUnitUserIds(c, muId),
        shared,
      ),
    users: (ctx, ids) =>
      cached(
        cache,
        'agents',
        ctx,
        `cloud:users:${JSON.stringify(canonical(ids))}`,
        (c) => cloud.users(c, ids),
        shared,
      ),
    teams: (ctx) => cached(cache, 'teams', ctx, 'cloud:teams', (c) => cloud.teams(c), shared),
    searchSchedules: (ctx, query) =>
      cached(
        cache,
        'schedules',
        ctx,
        `cloud:search:${JSON.stringify({
          muId: query.muId,
          fromMs: query.fromMs,
          toMs: query.toMs,
          userIds: query.userIds ? canonical(query.userIds) : null,
        })}`,
        (c) => cloud.searchSchedules(c, query),
        shared,
      ),
    mySchedule: (ctx, range) =>
      cached(
        cache,
        'schedules',
        ctx,
        `cloud:mine:${range.fromMs}:${range.toMs}`,
        (c) => cloud.mySchedule(c, range),
        shared,
      ),
  };
}

function canonical(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}
