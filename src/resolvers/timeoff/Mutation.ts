import type {
  ErrorInfo,
  MutationResolvers,
  ResolversTypes,
} from '../../__generated__/resolvers-types.js';
import { wasReplayed } from '../../cache/IdempotentWrites.js';
import { classifyError } from '../../errors/classifyError.js';
import type { ErrorCode } from '../../errors/codes.js';
import { GatewayError } from '../../errors/GatewayError.js';
import type { TimeOffRecord } from '../../types/TimeOffApi.js';
import { timeOffApi, timeOffId } from './timeOffApi.js';

type Payload = ResolversTypes['TimeOffRequestPayload'];

/** Failures a time-off form is expected to handle: they come back as the payload's `error`. */
const EXPECTED: ReadonlySet<ErrorCode> = new Set([
  'CONFLICT',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
]);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 100;

/**
 * `Mutation` fields of the time-off domain. Each write runs once (never retried; once per
 * `idempotencyKey`, see cache/IdempotentWrites.ts) and answers the request, or the refusal as
 * `error` (`ErrorInfo`, the same code and extras as an `errors` entry would carry); other
 * failures (timeouts, unavailable back ends) and NOT_SUPPORTED stay entries in `errors`.
 */
export const timeOffMutation: MutationResolvers = {
  submitTimeOffRequest: (_root, { input, idempotencyKey }, ctx) => {
    const dates = input.fullDayDates ?? [];
    const starts = input.partialDayStarts ?? [];
    if (dates.length > 0 === starts.length > 0)
      return refused('Give either `fullDayDates` or `partialDayStarts`, not both, not neither.');
    if (dates.length > MAX_DAYS || starts.length > MAX_DAYS)
      return refused(`At most ${MAX_DAYS} days per request.`);
    if (!dates.every((d) => DATE.test(d) && Number.isFinite(Date.parse(`${d}T00:00:00Z`))))
      return refused('`fullDayDates` are dates `yyyy-MM-dd`.');
    const minutes = input.dailyDurationMinutes;
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)
      return refused('`dailyDurationMinutes` must be 1-1440.');
    if (input.notes != null && input.notes.length > 400)
      return refused('`notes` may hold at most 400 characters.');
    const activityCodeId = timeOffId(input.activityCodeId, 'activityCodeId');
    return outcome(
      timeOffApi(ctx).submitTimeOff(
        ctx.call,
        {
          activityCodeId,
          dailyDurationMinutes: minutes,
          ...(input.notes != null ? { notes: input.notes } : {}),
          ...(dates.length ? { fullDayDates: [...dates].sort() } : {}),
          ...(starts.length
            ? { partialDayStarts: starts.map((s) => new Date(Date.parse(s)).toISOString()) }
            : {}),
        },
        keyOf(idempotencyKey),
      ),
    );
  },
  cancelTimeOffRequest: (_root, { id, idempotencyKey }, ctx) => {
    const requestId = timeOffId(id, 'id');
    return outcome(timeOffApi(ctx).cancelTimeOff(ctx.call, requestId, keyOf(idempotencyKey)));
  },
  reviewTimeOffRequest: (_root, { input, idempotencyKey }, ctx) => {
    if (!Number.isInteger(input.version) || input.version < 0)
      return refused('`version` must be the request’s version (a whole number).');
    if (input.notes != null && input.notes.length > 400)
      return refused('`notes` may hold at most 400 characters.');
    return outcome(
      timeOffApi(ctx).reviewTimeOff(
        ctx.call,
        {
          muId: timeOffId(input.siteId, 'siteId'),
          userId: timeOffId(input.agentId, 'agentId'),
          id: timeOffId(input.id, 'id'),
          status: input.decision,
          version: input.version,
          ...(input.notes != null ? { notes: input.notes } : {}),
        },
        keyOf(idempotencyKey),
      ),
    );
  },
};

function keyOf(idempotencyKey: string | null | undefined): { idempotencyKey?: string } {
  return idempotencyKey == null ? {} : { idempotencyKey };
}

function refused(message: string): Payload {
  return {
    timeOffRequest: null,
    error: { code: 'BAD_USER_INPUT', message },
    replayed: false,
  };
}

/** The write's answer as a payload; expected refusals as `error`, the rest thrown. */
async function outcome(write: Promise<TimeOffRecord>): Promise<Payload> {
  try {
    const record = await write;
    return { timeOffRequest: record, error: null, replayed: wasReplayed(record) };
  } catch (error) {
    const classified = classifyError(error);
    if (!EXPECTED.has(classified.code) || isNotSupported(error)) throw error;
    const { extensions } = classified;
    const info: ErrorInfo = { code: classified.code, message: classified.message };
    if (typeof extensions['reason'] === 'string')
      info.reason = extensions['reason'] as ErrorInfo['reason'];
    if (Array.isArray(extensions['missingPermissions']))
      info.missingPermissions = extensions['missingPermissions'] as string[];
    if (typeof extensions['currentVersion'] === 'number')
      info.currentVersion = extensions['currentVersion'];
    return { timeOffRequest: null, error: info, replayed: wasReplayed(error) };
  }
}

function isNotSupported(error: unknown): boolean {
  return error instanceof GatewayError && error.code === 'NOT_SUPPORTED';
}
