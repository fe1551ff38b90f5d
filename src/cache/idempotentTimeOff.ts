import type { TimeOffApi } from '../types/TimeOffApi.js';
import type { IdempotentWrites } from './IdempotentWrites.js';

/**
 * The time-off writes once per intent (`IdempotentWrites`): a call with `idempotencyKey` answers
 * the first outcome of that key again instead of writing twice. Reads pass through. Outermost in
 * the stack, so a replay costs no upstream call, no quota and no invalidation.
 */
export function idempotentTimeOff<T extends TimeOffApi>(api: T, writes: IdempotentWrites): T {
  return {
    ...api,
    submitTimeOff: (ctx, input, options) =>
      writes.run(ctx, options?.idempotencyKey, 'submitTimeOff', input, () =>
        api.submitTimeOff(ctx, input),
      ),
    cancelTimeOff: (ctx, id, options) =>
      writes.run(ctx, options?.idempotencyKey, 'cancelTimeOff', { id }, () =>
        api.cancelTimeOff(ctx, id),
      ),
    reviewTimeOff: (ctx, review, options) =>
      writes.run(ctx, options?.idempotencyKey, 'reviewTimeOff', review, () =>
        api.reviewTimeOff(ctx, review),
      ),
  };
}
