import { UpstreamError } from '../../errors/UpstreamError.js';
import type { CallContext } from '../../types/CallContext.js';
import type { CloudApi } from '../../types/CloudApi.js';
import type { CloudQuota } from './CloudQuota.js';

type SearchQuery = Parameters<CloudApi['searchSchedules']>[1];
type MineRange = Parameters<CloudApi['mySchedule']>[1];

/**
 * The Platform API client paced by the caller's remaining quota (`CloudQuota`): the expensive
 * reads, the schedule searches (`agentschedules/search`, `agentschedules/mine`: one call per
 * 31 days and per 100 agents, the bulk of a page's cost), are refused with `RATE_LIMITED` and
 * `retryAfter` until the window resets once the token's quota is down to its reserve, before
 * Genesys refuses it, so one heavy page does not spend what the user's Genesys UI shares with
 * it. Cheap reads (identity, listings) still go through. Sits outside the counters: a local
 * refusal is no upstream call. Other tokens are never affected.
 */
export function pacedCloud(cloud: CloudApi, quota: CloudQuota): CloudApi {
  const paced =
    <A extends unknown[], R>(
      operation: string,
      run: (ctx: CallContext, ...args: A) => Promise<R>,
    ) =>
    (ctx: CallContext, ...args: A): Promise<R> => {
      const refusal = quota.admit(ctx.tokenHash);
      if (refusal === null) return run(ctx, ...args);
      return Promise.reject(
        new UpstreamError(
          'RATE_LIMITED',
          `cloud ${operation}: refused by the gateway, ${refusal.remaining} of ${refusal.allowed} requests left in this token's window`,
          {
            service: 'cloud',
            operation,
            retryAfterSec: refusal.retryAfterSec,
            ...(ctx.requestId === undefined ? {} : { correlationId: ctx.requestId }),
          },
        ),
      );
    };
  // `cloud` is the counting layer, a plain object of functions: spreading it keeps every other
  // method as it is (writes included).
  return {
    ...cloud,
    searchSchedules: paced('agentschedules/search', (ctx, query: SearchQuery) =>
      cloud.searchSchedules(ctx, query),
    ),
    mySchedule: paced('agentschedules/mine', (ctx, range: MineRange) =>
      cloud.mySchedule(ctx, range),
    ),
  };
}
