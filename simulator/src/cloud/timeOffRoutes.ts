import type { SimResponse } from '../types.js';
import { muOf, ok, readJson, type CloudCtx, type CloudRoute } from './cloudRoute.js';
import { badRequest, errorBody, notFound } from './errorBody.js';
import { requireAny, userContextRequired } from './principal.js';
import {
  TIME_OFF_STATUSES,
  epochDayOfDate,
  spanOf,
  type SimTimeOffRequest,
  type TimeOffStatus,
} from './TimeOffStore.js';
import { hasStarted, ownTimeOffJson, timeOffJson, timeOffListItemJson } from './timeOffViews.js';

/** Permissions of the time-off routes (genesys-facts §4.5). */
const SUBMIT = ['wfm:agentTimeOffRequest:submit'];
const OWN_READ = ['wfm:agentSchedule:view', 'wfm:agentTimeOffRequest:submit'];
const VIEW = ['wfm:timeOffRequest:view'];
const EDIT = ['wfm:timeOffRequest:edit'];
/** Longest `dateRange` of a supervisor query unless it asks for exactly `[PENDING]`. */
export const TIME_OFF_QUERY_MAX_DAYS = 33;

const WFM = String.raw`^workforcemanagement`;
const ID = '([^/]+)';

/** The documented time-off routes, agent and supervisor side. */
export const TIME_OFF_ROUTES: readonly CloudRoute[] = [
  {
    method: 'GET',
    pattern: new RegExp(`${WFM}/timeoffrequests$`),
    operation: 'GET timeoffrequests',
    handler: listMine,
  },
  {
    method: 'POST',
    pattern: new RegExp(`${WFM}/timeoffrequests$`),
    operation: 'POST timeoffrequests',
    handler: submit,
  },
  {
    method: 'GET',
    pattern: new RegExp(`${WFM}/timeoffrequests/${ID}$`),
    operation: 'GET timeoffrequests/{id}',
    handler: (ctx) => withOwn(ctx, (r) => ok(ownTimeOffJson(r))),
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`${WFM}/timeoffrequests/${ID}$`),
    operation: 'PATCH timeoffrequests/{id}',
    handler: patchMine,
  },
  {
    method: 'POST',
    pattern: new RegExp(`${WFM}/managementunits/${ID}/timeoffrequests/query$`),
    operation: 'POST managementunits/{id}/timeoffrequests/query',
    handler: query,
  },
  {
    method: 'GET',
    pattern: new RegExp(`${WFM}/managementunits/${ID}/users/${ID}/timeoffrequests$`),
    operation: 'GET managementunits/{id}/users/{id}/timeoffrequests',
    handler: listOfUser,
  },
  {
    method: 'GET',
    pattern: new RegExp(`${WFM}/managementunits/${ID}/users/${ID}/timeoffrequests/${ID}$`),
    operation: 'GET managementunits/{id}/users/{id}/timeoffrequests/{id}',
    handler: (ctx) => withAdmin(ctx, VIEW, (r) => ok(timeOffJson(r))),
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`${WFM}/managementunits/${ID}/users/${ID}/timeoffrequests/${ID}$`),
    operation: 'PATCH managementunits/{id}/users/{id}/timeoffrequests/{id}',
    handler: (ctx) => withAdmin(ctx, EDIT, (r) => review(ctx, r)),
  },
];

function listMine(ctx: CloudCtx): SimResponse {
  const me = ctx.who.user;
  if (!me) return userContextRequired();
  const denied = requireAny(ctx.who, OWN_READ);
  if (denied) return denied;
  return ok({ timeOffRequests: ctx.cloud.timeOff.ofUser(me.id).map(ownTimeOffJson) });
}

function withOwn(ctx: CloudCtx, then: (r: SimTimeOffRequest) => SimResponse): SimResponse {
  const me = ctx.who.user;
  if (!me) return userContextRequired();
  const denied = requireAny(ctx.who, OWN_READ);
  if (denied) return denied;
  const r = ctx.cloud.timeOff.byId(ctx.params[0]!);
  return r && r.userId === me.id ? then(r) : notFound();
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `POST timeoffrequests` with a `CreateAgentTimeOffRequest`: a PENDING request of the caller. */
function submit(ctx: CloudCtx): SimResponse {
  const me = ctx.who.user;
  if (!me) return userContextRequired();
  const denied = requireAny(ctx.who, SUBMIT);
  if (denied) return denied;
  if (!me.agent) return badRequest('The user is not an agent of a management unit');
  const mu = ctx.cloud.managementUnitOfSite(me.agent.siteId)!;
  const body = readJson(ctx.req) as Record<string, unknown> | undefined;
  if (typeof body !== 'object' || body === null) return badRequest('body must be a JSON object');
  const code = ctx.cloud.activityCodes.find((c) => c.id === body.activityCodeId);
  if (!code || code.category !== 'TimeOff')
    return errorBody(400, 'invalid.value', 'activityCodeId must name a time-off activity code');
  const dates = stringList(body.fullDayManagementUnitDates, DATE);
  const starts = stringList(body.partialDayStartDateTimes, INSTANT);
  if (dates === null || starts === null)
    return errorBody(
      400,
      'invalid.date',
      'Dates must be specified as ISO-8601 strings. For example: yyyy-MM-ddTHH:mm:ss.SSSZ',
    );
  if (dates.length > 0 === starts.length > 0)
    return badRequest('Give either fullDayManagementUnitDates or partialDayStartDateTimes');
  const minutes = body.dailyDurationMinutes;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > 1440)
    return errorBody(400, 'invalid.value', 'dailyDurationMinutes must be 1–1440');
  const notes = typeof body.notes === 'string' ? body.notes.slice(0, 400) : '';
  const draft = {
    userId: me.id,
    muId: mu.id,
    timeZone: mu.site.timeZone,
    fullDay: dates.length > 0,
    dates: [...new Set(dates)].sort(),
    partialStartsMs: starts.map((s) => Date.parse(s)).sort((a, b) => a - b),
    dailyDurationMinutes: minutes,
    activityCodeId: code.id,
    paid: code.paid,
    notes,
    submittedBy: me.id,
  };
  if (draft.fullDay && draft.dates.some((d) => Number.isNaN(epochDayOfDate(d))))
    return errorBody(400, 'invalid.date', 'fullDayManagementUnitDates must be real dates');
  if (spanOf(draft).startMs <= ctx.env.now())
    return badRequest('Time off cannot be requested for a date that has already passed');
  const created = ctx.cloud.timeOff.create(draft, ctx.env.now());
  ctx.env.note({ timeOffRequestId: created.id });
  return ok(ownTimeOffJson(created));
}

/** `PATCH timeoffrequests/{id}` with an `AgentTimeOffRequestPatch`. */
function patchMine(ctx: CloudCtx): SimResponse {
  return withOwn(ctx, (r) => {
    const denied = requireAny(ctx.who, SUBMIT);
    if (denied) return denied;
    const body = readJson(ctx.req) as Record<string, unknown> | undefined;
    if (typeof body !== 'object' || body === null) return badRequest('body must be a JSON object');
    const changes: Partial<Pick<SimTimeOffRequest, 'status' | 'notes' | 'markedAsRead'>> = {};
    if (body.status !== undefined) {
      if (body.status !== 'CANCELED')
        return errorBody(400, 'invalid.value', 'status may only be CANCELED');
      if (r.status !== 'PENDING' && r.status !== 'APPROVED')
        return badRequest(`A ${r.status} time off request cannot be canceled`);
      // "Can only be canceled if the requested date has not already passed" (genesys-facts §4.7).
      if (hasStarted(r, ctx.env.now()))
        return badRequest('The requested date has already passed; the request cannot be canceled');
      changes.status = 'CANCELED';
    }
    if (body.notes !== undefined) {
      if (typeof body.notes !== 'string' || r.status !== 'PENDING')
        return badRequest('notes may be changed only while the request is pending');
      changes.notes = body.notes.slice(0, 400);
    }
    if (typeof body.markedAsRead === 'boolean') changes.markedAsRead = body.markedAsRead;
    const me = ctx.who.user!;
    return ok(ownTimeOffJson(ctx.cloud.timeOff.update(r, changes, me.id, ctx.env.now())));
  });
}

/** `POST managementunits/{muId}/timeoffrequests/query` with a `TimeOffRequestQueryBody`. */
function query(ctx: CloudCtx): SimResponse {
  const mu = muOf(ctx, VIEW);
  if ('status' in mu) return mu;
  const body = readJson(ctx.req) as Record<string, unknown> | undefined;
  if (typeof body !== 'object' || body === null) return badRequest('body must be a JSON object');
  const statuses = body.statuses === undefined ? null : stringList(body.statuses, /^[A-Z]+$/);
  if (statuses !== null && !statuses.every((s) => TIME_OFF_STATUSES.includes(s as TimeOffStatus)))
    return errorBody(
      400,
      'invalid.value',
      'statuses must be PENDING, APPROVED, DENIED or CANCELED',
    );
  const range = body.dateRange as { startDate?: unknown; endDate?: unknown } | undefined;
  const fromMs = typeof range?.startDate === 'string' ? Date.parse(range.startDate) : NaN;
  const toMs = typeof range?.endDate === 'string' ? Date.parse(range.endDate) : NaN;
  const onlyPending = statuses?.length === 1 && statuses[0] === 'PENDING';
  const hasRange = Number.isFinite(fromMs) && Number.isFinite(toMs) && toMs > fromMs;
  if (range !== undefined && !hasRange)
    return errorBody(400, 'invalid.date', 'dateRange needs startDate before endDate (ISO-8601)');
  if (!onlyPending && (!hasRange || toMs - fromMs > TIME_OFF_QUERY_MAX_DAYS * 86_400_000))
    return badRequest(
      `Either statuses must be [PENDING] or dateRange must span at most ${TIME_OFF_QUERY_MAX_DAYS} days`,
    );
  const userIds = body.userIds === undefined ? null : stringList(body.userIds, /^[\w-]+$/);
  const members = new Set(ctx.cloud.agentsOf(mu).map((u) => u.id));
  const entities = ctx.cloud.timeOff
    .all()
    .filter((r) => members.has(r.userId) && r.muId === mu.id)
    .filter((r) => userIds === null || userIds.includes(r.userId))
    .filter((r) => statuses === null || statuses.includes(r.status))
    .filter((r) => {
      if (!hasRange) return true;
      const span = spanOf(r);
      return span.startMs < toMs && span.endMs > fromMs;
    });
  ctx.env.note({ entities: entities.length });
  return ok({ entities: entities.map(timeOffListItemJson) });
}

function listOfUser(ctx: CloudCtx): SimResponse {
  const mu = muOf(ctx, VIEW);
  if ('status' in mu) return mu;
  const userId = ctx.params[1]!;
  if (!ctx.cloud.agentsOf(mu).some((u) => u.id === userId)) return notFound();
  return ok({ timeOffRequests: ctx.cloud.timeOff.ofUser(userId).map((r) => timeOffJson(r)) });
}

function withAdmin(
  ctx: CloudCtx,
  anyOf: readonly string[],
  then: (r: SimTimeOffRequest) => SimResponse,
): SimResponse {
  const mu = muOf(ctx, anyOf);
  if ('status' in mu) return mu;
  const r = ctx.cloud.timeOff.byId(ctx.params[2]!);
  return r && r.userId === ctx.params[1] && r.muId === mu.id ? then(r) : notFound();
}

/**
 * `PATCH …/users/{userId}/timeoffrequests/{id}` with an `AdminTimeOffRequestPatch`: `metadata.version`
 * is required and must be the current one, else 409 (genesys-facts §4.9).
 */
function review(ctx: CloudCtx, r: SimTimeOffRequest): SimResponse {
  const body = readJson(ctx.req) as Record<string, unknown> | undefined;
  if (typeof body !== 'object' || body === null) return badRequest('body must be a JSON object');
  const version = (body.metadata as { version?: unknown } | undefined)?.version;
  if (typeof version !== 'number' || !Number.isInteger(version))
    return errorBody(400, 'invalid.value', 'metadata.version is required');
  if (version !== r.version)
    return errorBody(
      409,
      'conflict',
      'The request conflicts with the current state of the target resource.',
    );
  const changes: Partial<Pick<SimTimeOffRequest, 'status' | 'notes'>> = {};
  if (body.status !== undefined) {
    if (body.status !== 'PENDING' && body.status !== 'APPROVED' && body.status !== 'DENIED')
      return errorBody(400, 'invalid.value', 'status must be PENDING, APPROVED or DENIED');
    if (r.status === 'CANCELED')
      return badRequest('A canceled time off request cannot be reviewed');
    changes.status = body.status;
  }
  if (typeof body.notes === 'string') changes.notes = body.notes.slice(0, 400);
  const by = ctx.who.user?.id ?? 'client';
  const updated = ctx.cloud.timeOff.update(r, changes, by, ctx.env.now(), 'status' in changes);
  ctx.env.note({ timeOffRequestId: r.id, version: updated.version });
  return ok(timeOffJson(updated));
}

/** The strings of a list field matching `pattern`; [] when absent, null when malformed. */
function stringList(value: unknown, pattern: RegExp): string[] | null {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 100) return null;
  return value.every((v) => typeof v === 'string' && pattern.test(v)) ? (value as string[]) : null;
}
