import type { Dispatcher } from 'undici';
import { UpstreamError } from '../../errors/UpstreamError.js';
import type { CallContext } from '../../types/CallContext.js';
import type {
  CloudActivityCodeRecord,
  CloudApi,
  CloudManagementUnitRecord,
  CloudMe,
  CloudScheduleEntry,
  CloudTeamRecord,
  CloudUserRecord,
} from '../../types/CloudApi.js';
import type {
  NewTimeOff,
  TimeOffRecord,
  TimeOffReview,
  UnitTimeOffQuery,
} from '../../types/TimeOffApi.js';
import { HttpJsonClient, type HttpCall } from '../http/HttpJsonClient.js';
import type { HttpInterceptor, RawResponse } from '../http/types.js';
import { refineCloudError } from './cloudErrors.js';
import type { CloudQuota } from './CloudQuota.js';
import {
  readEntries,
  readMe,
  readSearch,
  readTeam,
  readTokenClient,
  readUnit,
  readUser,
} from './readCloud.js';
import { readTimeOff, readTimeOffList } from './readTimeOff.js';

export interface HttpCloudApiOptions {
  /** Platform API base ending in `/api/v2`, e.g. `https://api.mypurecloud.com/api/v2`. */
  baseUrl: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
  maxResponseBytes: number;
  interceptors?: readonly HttpInterceptor[];
  /** Where each answer's `inin-ratelimit-*` headers are recorded for the caller's token hash. */
  quota?: CloudQuota;
}

/** Most `userIds` per schedule search and ids per `GET users` (the Platform API's limit). */
export const CLOUD_IDS_PER_CALL = 100;
/** Longest range one schedule search asks for (days). */
export const CLOUD_SEARCH_MAX_DAYS = 31;
/** Pages followed at most on a listing (100 per page). */
const MAX_PAGES = 50;
const DAY_MS = 86_400_000;

/**
 * The Platform API over undici (genesys-facts §4). Every failure is classified the Cloud way
 * (`refineCloudError`): named missing permissions, `retryAfter` from `Retry-After` or
 * `inin-ratelimit-reset`, the correlation id. A search answered through a download URL is
 * fetched from it without the caller's token (pre-signed); one still `Processing` is an
 * UPSTREAM_TIMEOUT-kind error (the gateway does not hold notification channels).
 */
export class HttpCloudApi implements CloudApi {
  readonly #http: HttpJsonClient;
  readonly #options: HttpCloudApiOptions;

  constructor(options: HttpCloudApiOptions) {
    this.#options = options;
    this.#http = new HttpJsonClient({
      service: 'cloud',
      baseUrl: options.baseUrl,
      dispatcher: options.dispatcher,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      interceptors: options.interceptors,
    });
  }

  #get(
    ctx: CallContext,
    operation: string,
    path: string,
    query?: Record<string, string>,
  ): Promise<unknown> {
    return this.#http.json(this.#call(ctx, { operation, method: 'GET', path, query }));
  }

  #call(
    ctx: CallContext,
    call: Pick<HttpCall, 'operation' | 'method' | 'path' | 'query' | 'body'>,
  ): HttpCall {
    const { quota } = this.#options;
    return {
      ...call,
      auth: { bearer: ctx.token },
      signal: ctx.signal,
      deadlineAtMs: ctx.deadlineAtMs,
      requestId: ctx.requestId,
      refineError: (error, response) => refineCloudError(error, response, ctx.requestId),
      ...(quota
        ? { onResponse: (r: RawResponse) => quota.note(ctx.tokenHash, r.status, r.headers) }
        : {}),
    };
  }

  /**
   * `users/me`; a token of the client-credentials grant has no user and is answered 400 there
   * ("requires a user context"), so a 400 is followed by `tokens/me`, which names its OAuth client.
   */
  async me(ctx: CallContext): Promise<CloudMe> {
    let body: unknown;
    try {
      body = await this.#get(ctx, 'users/me', '/users/me', { expand: 'authorization' });
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.status !== 400) throw error;
      return shaped('tokens/me', readTokenClient, await this.#get(ctx, 'tokens/me', '/tokens/me'));
    }
    return shaped('users/me', readMe, body);
  }

  async myManagementUnitId(ctx: CallContext): Promise<string | null> {
    try {
      const body = await this.#get(
        ctx,
        'agents/me/managementunit',
        '/workforcemanagement/agents/me/managementunit',
      );
      const mu = (body as { managementUnit?: { id?: unknown } } | null)?.managementUnit?.id;
      return typeof mu === 'string' ? mu : null;
    } catch (error) {
      if (error instanceof UpstreamError && error.kind === 'NOT_FOUND') return null;
      throw error;
    }
  }

  async managementUnits(ctx: CallContext): Promise<CloudManagementUnitRecord[]> {
    const out: CloudManagementUnitRecord[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const body = await this.#get(ctx, 'managementunits', '/workforcemanagement/managementunits', {
        pageSize: '100',
        pageNumber: String(page),
      });
      out.push(...shaped('managementunits', (b) => readEntries(b, readUnit), body));
      const pageCount = (body as { pageCount?: unknown }).pageCount;
      if (typeof pageCount !== 'number' || page >= pageCount) break;
    }
    return out;
  }

  async managementUnitUserIds(ctx: CallContext, muId: string): Promise<string[]> {
    const body = await this.#get(
      ctx,
      'managementunits/users',
      `/workforcemanagement/managementunits/${encodeURIComponent(muId)}/users`,
    );
    return shaped('managementunits/users', (b) => readEntries(b, (e) => readUser(e).id), body);
  }

  async users(ctx: CallContext, ids: readonly string[]): Promise<CloudUserRecord[]> {
    const chunks = chunk([...new Set(ids)], CLOUD_IDS_PER_CALL);
    const pages = await Promise.all(
      chunks.map((part) =>
        this.#get(ctx, 'users', '/users', {
          id: part.join(','),
          pageSize: String(CLOUD_IDS_PER_CALL),
        }),
      ),
    );
    return pages.flatMap((body) => shaped('users', (b) => readEntries(b, readUser), body));
  }

  async teams(ctx: CallContext): Promise<CloudTeamRecord[]> {
    const out: CloudTeamRecord[] = [];
    let query: Record<string, string> = { pageSize: '100' };
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await this.#get(ctx, 'teams', '/teams', query);
      out.push(...shaped('teams', (b) => readEntries(b, readTeam), body));
      const next = (body as { nextUri?: unknown }).nextUri;
      const after =
        typeof next === 'string' ? new URL(next, 'http://x').searchParams.get('after') : null;
      if (!after) break;
      query = { pageSize: '100', after };
    }
    return out;
  }

  async activityCodes(ctx: CallContext, buId: string): Promise<CloudActivityCodeRecord[]> {
    const body = await this.#get(
      ctx,
      'activitycodes',
      `/workforcemanagement/businessunits/${encodeURIComponent(buId)}/activitycodes`,
    );
    return shaped(
      'activitycodes',
      (b) =>
        readEntries(b, (e) => {
          const o = e as Record<string, unknown>;
          if (typeof o.id !== 'string') throw new TypeError('id');
          return {
            id: o.id,
            name: typeof o.name === 'string' ? o.name : '',
            category: typeof o.category === 'string' ? o.category : 'Unknown',
          };
        }),
      body,
    );
  }

  async searchSchedules(
    ctx: CallContext,
    query: { muId: string; fromMs: number; toMs: number; userIds?: readonly string[] },
  ): Promise<CloudScheduleEntry[]> {
    const userChunks = query.userIds
      ? chunk([...new Set(query.userIds)], CLOUD_IDS_PER_CALL)
      : [undefined];
    const path = `/workforcemanagement/managementunits/${encodeURIComponent(query.muId)}/agentschedules/search`;
    const answers = await Promise.all(
      rangeChunks(query).flatMap(([from, to]) =>
        userChunks.map(async (userIds) => {
          const body = await this.#http.json(
            this.#call(ctx, {
              operation: 'agentschedules/search',
              method: 'POST',
              path,
              body: {
                json: {
                  startDate: new Date(from).toISOString(),
                  endDate: new Date(to).toISOString(),
                  ...(userIds ? { userIds } : {}),
                },
              },
            }),
          );
          return this.#result(ctx, body);
        }),
      ),
    );
    return mergeChunks(answers, query);
  }

  async mySchedule(
    ctx: CallContext,
    range: { fromMs: number; toMs: number },
  ): Promise<CloudScheduleEntry[]> {
    // `BuCurrentAgentScheduleSearchResponse` is the search result itself (no async envelope).
    const answers = await Promise.all(
      rangeChunks(range).map(async ([from, to]) =>
        shaped(
          'agentschedules/mine',
          readSearch,
          await this.#http.json(
            this.#call(ctx, {
              operation: 'agentschedules/mine',
              method: 'POST',
              path: '/workforcemanagement/agentschedules/mine',
              body: {
                json: {
                  startDate: new Date(from).toISOString(),
                  endDate: new Date(to).toISOString(),
                },
              },
            }),
          ),
        ),
      ),
    );
    return mergeChunks(answers, range);
  }

  async myTimeOffRequests(ctx: CallContext): Promise<TimeOffRecord[]> {
    const body = await this.#get(ctx, 'timeoffrequests', '/workforcemanagement/timeoffrequests');
    return shaped('timeoffrequests', readTimeOffList, body);
  }

  async unitTimeOffRequests(ctx: CallContext, query: UnitTimeOffQuery): Promise<TimeOffRecord[]> {
    const operation = 'managementunits/timeoffrequests/query';
    const { range } = query;
    const body = await this.#http.json(
      this.#call(ctx, {
        operation,
        method: 'POST',
        path: `${unitPath(query.muId)}/timeoffrequests/query`,
        body: {
          json: {
            ...(query.statuses ? { statuses: query.statuses } : {}),
            ...(range
              ? {
                  dateRange: {
                    startDate: new Date(range.fromMs).toISOString(),
                    endDate: new Date(range.toMs).toISOString(),
                  },
                }
              : {}),
          },
        },
      }),
    );
    return shaped(operation, (b) => readEntries(b, readTimeOff), body);
  }

  async submitTimeOff(ctx: CallContext, input: NewTimeOff): Promise<TimeOffRecord> {
    const operation = 'timeoffrequests/submit';
    const body = await this.#http.json(
      this.#call(ctx, {
        operation,
        method: 'POST',
        path: '/workforcemanagement/timeoffrequests',
        body: {
          json: {
            activityCodeId: input.activityCodeId,
            ...(input.notes !== undefined ? { notes: input.notes } : {}),
            ...(input.fullDayDates?.length
              ? { fullDayManagementUnitDates: input.fullDayDates }
              : {}),
            ...(input.partialDayStarts?.length
              ? { partialDayStartDateTimes: input.partialDayStarts }
              : {}),
            dailyDurationMinutes: input.dailyDurationMinutes,
          },
        },
      }),
    );
    return shaped(operation, readTimeOff, body);
  }

  async cancelTimeOff(ctx: CallContext, id: string): Promise<TimeOffRecord> {
    const operation = 'timeoffrequests/cancel';
    const body = await this.#http.json(
      this.#call(ctx, {
        operation,
        method: 'PATCH',
        path: `/workforcemanagement/timeoffrequests/${encodeURIComponent(id)}`,
        body: { json: { status: 'CANCELED' } },
      }),
    );
    return shaped(operation, readTimeOff, body);
  }

  /**
   * The admin patch with `metadata.version`. Genesys answers a stale version 409 without naming
   * the current one; the gateway reads the request once (a GET, not a second write) so the
   * CONFLICT can carry `currentVersion`.
   */
  async reviewTimeOff(ctx: CallContext, review: TimeOffReview): Promise<TimeOffRecord> {
    const operation = 'timeoffrequests/review';
    const path = `${unitPath(review.muId)}/users/${encodeURIComponent(review.userId)}/timeoffrequests/${encodeURIComponent(review.id)}`;
    let body: unknown;
    try {
      body = await this.#http.json(
        this.#call(ctx, {
          operation,
          method: 'PATCH',
          path,
          body: {
            json: {
              status: review.status,
              ...(review.notes !== undefined ? { notes: review.notes } : {}),
              metadata: { version: review.version },
            },
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.kind !== 'CONFLICT') throw error;
      const current = await this.#get(ctx, 'managementunits/users/timeoffrequests', path)
        .then((b) => readTimeOff(b).version)
        .catch(() => undefined);
      throw current === undefined ? error : error.with({ currentVersion: current });
    }
    return shaped(operation, readTimeOff, body);
  }

  async #result(ctx: CallContext, body: unknown): Promise<CloudScheduleEntry[]> {
    const o = (body ?? {}) as { status?: unknown; result?: unknown; downloadUrl?: unknown };
    if (o.status === 'Complete' && o.result !== undefined)
      return shaped('agentschedules/search', readSearch, o.result);
    if (o.status === 'Complete' && typeof o.downloadUrl === 'string') {
      const url = new URL(o.downloadUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw shapeError('agentschedules/search');
      const download = new HttpJsonClient({
        service: 'cloud',
        baseUrl: url.origin,
        dispatcher: this.#options.dispatcher,
        timeoutMs: this.#options.timeoutMs,
        maxResponseBytes: this.#options.maxResponseBytes,
      });
      const result = await download.json({
        operation: 'download',
        method: 'GET',
        path: url.pathname,
        ...(url.search ? { query: Object.fromEntries(url.searchParams) } : {}),
        auth: { none: true },
        signal: ctx.signal,
        deadlineAtMs: ctx.deadlineAtMs,
      });
      return shaped('download', readSearch, result);
    }
    if (o.status === 'Processing')
      throw new UpstreamError(
        'TIMEOUT',
        'cloud agentschedules/search: still processing asynchronously',
        {
          service: 'cloud',
          operation: 'agentschedules/search',
          status: 200,
        },
      );
    throw shapeError('agentschedules/search');
  }
}

function unitPath(muId: string): string {
  return `/workforcemanagement/managementunits/${encodeURIComponent(muId)}`;
}

/** [fromMs, toMs) cut into consecutive ranges of at most {@link CLOUD_SEARCH_MAX_DAYS}. */
function rangeChunks(range: { fromMs: number; toMs: number }): [number, number][] {
  const ranges: [number, number][] = [];
  for (let from = range.fromMs; from < range.toMs; from += CLOUD_SEARCH_MAX_DAYS * DAY_MS)
    ranges.push([from, Math.min(range.toMs, from + CLOUD_SEARCH_MAX_DAYS * DAY_MS)]);
  return ranges;
}

/**
 * The entries of several chunk answers, each once: adjacent range chunks both see a shift
 * crossing their boundary. Entries outside the range (but full-day markers) are dropped.
 */
function mergeChunks(
  answers: readonly CloudScheduleEntry[][],
  range: { fromMs: number; toMs: number },
): CloudScheduleEntry[] {
  const seen = new Set<string>();
  const out: CloudScheduleEntry[] = [];
  for (const entry of answers.flat()) {
    const key = `${entry.userId}|${entry.kind}|${entry.startMs}|${entry.activityCodeId ?? ''}`;
    const outside =
      entry.kind !== 'fullDay' && (entry.endMs <= range.fromMs || entry.startMs >= range.toMs);
    if (seen.has(key) || outside) continue;
    seen.add(key);
    out.push(entry);
  }
  return out;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function shapeError(operation: string, cause?: unknown): UpstreamError {
  return new UpstreamError('ERROR', `cloud ${operation}: unexpected answer shape`, {
    service: 'cloud',
    operation,
    status: 200,
    cause,
  });
}

function shaped<T>(operation: string, read: (body: unknown) => T, body: unknown): T {
  try {
    return read(body);
  } catch (error) {
    throw shapeError(operation, error);
  }
}
