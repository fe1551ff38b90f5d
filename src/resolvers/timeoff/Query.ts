import type { QueryResolvers } from '../../__generated__/resolvers-types.js';
import { GatewayError } from '../../errors/GatewayError.js';
import type { TimeOffStatus, UnitTimeOffQuery } from '../../types/TimeOffApi.js';
import { parseRange } from '../input/parseRange.js';
import { timeOffApi, timeOffId } from './timeOffApi.js';

/** Genesys Cloud's limit on a supervisor query's `dateRange` (days). */
export const TIME_OFF_QUERY_MAX_DAYS = 33;

/** `Query` fields of the time-off domain. */
export const timeOffQuery: QueryResolvers = {
  timeOffRequests: async (_root, args, ctx) => {
    const muId = timeOffId(args.siteId, 'siteId');
    const statuses = args.statuses ? [...new Set(args.statuses)] : null;
    let query: UnitTimeOffQuery;
    if (args.from != null || args.to != null) {
      if (args.from == null || args.to == null)
        throw GatewayError.badUserInput('Give both `from` and `to`, or neither.');
      const range = parseRange(args.from, args.to, TIME_OFF_QUERY_MAX_DAYS);
      query = { muId, range, ...(statuses ? { statuses } : {}) };
    } else {
      if (statuses !== null && !(statuses.length === 1 && statuses[0] === 'PENDING'))
        throw GatewayError.badUserInput(
          'Without `from` and `to`, `statuses` must be [PENDING] (Genesys Cloud lists other states by date range only).',
        );
      query = { muId, statuses: ['PENDING'] satisfies TimeOffStatus[] };
    }
    return timeOffApi(ctx).unitTimeOffRequests(ctx.call, query);
  },
};
