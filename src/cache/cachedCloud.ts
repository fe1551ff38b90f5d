import type { CallContext } from '../types/CallContext.js';
import type { CloudApi } from '../types/CloudApi.js';
import type { TimeOffRecord } from '../types/TimeOffApi.js';
import { cached } from './cachedUpstreams.js';
import type { ResponseCache } from './ResponseCache.js';
import type { SharedBinding } from './shared/SharedBinding.js';
import {
  scheduleWeekTags,
  tagsOfTimeOffWrite,
  unitTimeOffTag,
  userTimeOffTag,
} from './timeOffTags.js';

/**
 * The Genesys Cloud client with its reads cached per caller (token hash) like the Engage ones
 * (cache/cachedUpstreams.ts), under the kinds of the data they carry: `wfmUser` (users/me, the
 * caller's management unit), `sites` (management units, activity codes), `agents` (unit
 * members, users), `teams`, `schedules` (searches, the caller's own schedule). Id lists are keyed
 * sorted and deduplicated. The token check does not come through here: it reads `users/me` on
 * its own terms (the server's token-check cache), so a revoked token is not kept alive by a
 * cached `users/me`.
 *
 * Time off: the lists are kind `timeOff`, tagged with their unit or their agent (cache/timeOffTags.ts),
 * the schedule searches with their unit's and the caller's own schedule with its agent's weeks.
 * Writes are never cached; once one settles, `dropTags` drops for every caller (and, through the
 * invalidation bus, on every replica) what it made stale: both time-off lists and the schedule
 * weeks around its days.
 */
export function cachedCloud(
  cloud: CloudApi,
  cache: ResponseCache,
  shared?: SharedBinding,
  dropTags: (tags: readonly string[]) => void = () => undefined,
): CloudApi {
  const me = (ctx: CallContext) =>
    cached(cache, 'wfmUser', ctx, 'cloud:me', (c) => cloud.me(c), shared);
  const myMu = (ctx: CallContext) =>
    cached(cache, 'wfmUser', ctx, 'cloud:myMu', (c) => cloud.myManagementUnitId(c), shared);
  /** After an agent's own write: drop what it made stale, in the caller's unit. */
  const afterOwnWrite = async (ctx: CallContext, write: Promise<TimeOffRecord>) => {
    const record = await write;
    dropTags(tagsOfTimeOffWrite(record, await myMu(ctx).catch(() => null)));
    return record;
  };
  return {
    me,
    myManagementUnitId: myMu,
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
        scheduleWeekTags(`mu:${query.muId}`, query.fromMs, query.toMs),
      ),
    mySchedule: async (ctx, range) => {
      const { id } = await me(ctx);
      return cached(
        cache,
        'schedules',
        ctx,
        `cloud:mine:${range.fromMs}:${range.toMs}`,
        (c) => cloud.mySchedule(c, range),
        shared,
        scheduleWeekTags(`user:${id}`, range.fromMs, range.toMs),
      );
    },
    myTimeOffRequests: async (ctx) => {
      const { id } = await me(ctx);
      return cached(
        cache,
        'timeOff',
        ctx,
        'cloud:timeOff:mine',
        (c) => cloud.myTimeOffRequests(c),
        shared,
        [userTimeOffTag(id)],
      );
    },
    unitTimeOffRequests: (ctx, query) =>
      cached(
        cache,
        'timeOff',
        ctx,
        `cloud:timeOff:unit:${JSON.stringify({
          muId: query.muId,
          statuses: query.statuses ? [...new Set(query.statuses)].sort() : null,
          range: query.range ? [query.range.fromMs, query.range.toMs] : null,
        })}`,
        (c) => cloud.unitTimeOffRequests(c, query),
        shared,
        [unitTimeOffTag(query.muId)],
      ),
    submitTimeOff: (ctx, input) => afterOwnWrite(ctx, cloud.submitTimeOff(ctx, input)),
    cancelTimeOff: (ctx, id) => afterOwnWrite(ctx, cloud.cancelTimeOff(ctx, id)),
    reviewTimeOff: async (ctx, review) => {
      try {
        const record = await cloud.reviewTimeOff(ctx, review);
        dropTags(tagsOfTimeOffWrite(record, review.muId));
        return record;
      } catch (error) {
        // A refusal (a stale version above all) says the lists held are behind: drop them.
        dropTags([unitTimeOffTag(review.muId), userTimeOffTag(review.userId)]);
        throw error;
      }
    },
  };
}

function canonical(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}
