import { randomBytes } from 'node:crypto';
import type { SimEndpoint, SimRateLimit, SimRequest, SimResponse } from '../types.js';
import {
  muOf,
  ok,
  readJson,
  type CloudCtx,
  type CloudNotification,
  type CloudRoute,
} from './cloudRoute.js';
import type { CloudUser, CloudWorld } from './CloudWorld.js';
import {
  badRequest,
  CORRELATION_HEADER,
  newCorrelationId,
  notFound,
  tooManyRequests,
} from './errorBody.js';
import { principalOf, requireAny, userContextRequired } from './principal.js';
import { parseSearch, searchResult, type SearchRange } from './scheduleSearch.js';
import { TIME_OFF_ROUTES } from './timeOffRoutes.js';
import {
  API_BASE_PATH,
  businessUnitJson,
  cursorPageOf,
  managementUnitJson,
  pageOf,
  teamJson,
  userJson,
  userRef,
} from './views.js';

/** Path prefix of the simulated pre-signed download URLs of large or asynchronous results. */
export const DOWNLOAD_BASE_PATH = '/cloud-downloads';

const SCHEDULE_READ = ['wfm:schedule:view', 'wfm:publishedSchedule:view'];
const MU_USERS_READ = ['wfm:agent:view', 'wfm:schedule:view', 'wfm:publishedSchedule:view'];
const OWN_SCHEDULE = ['wfm:agentSchedule:view'];
const ACTIVITY_CODES_READ = [
  'wfm:activityCode:view',
  'wfm:schedule:view',
  'wfm:agentSchedule:view',
];

type Ctx = CloudCtx;
export type { CloudNotification } from './cloudRoute.js';

const ROUTES: readonly CloudRoute[] = [
  { method: 'GET', pattern: /^users\/me$/, operation: 'GET users/me', handler: usersMe },
  { method: 'GET', pattern: /^tokens\/me$/, operation: 'GET tokens/me', handler: tokensMe },
  { method: 'GET', pattern: /^users$/, operation: 'GET users', handler: usersList },
  { method: 'GET', pattern: /^users\/([^/]+)$/, operation: 'GET users/{id}', handler: userOne },
  { method: 'GET', pattern: /^teams$/, operation: 'GET teams', handler: teamsList },
  { method: 'GET', pattern: /^teams\/([^/]+)$/, operation: 'GET teams/{id}', handler: teamOne },
  {
    method: 'GET',
    pattern: /^teams\/([^/]+)\/members$/,
    operation: 'GET teams/{id}/members',
    handler: teamMembers,
  },
  {
    method: 'GET',
    pattern: /^workforcemanagement\/businessunits$/,
    operation: 'GET businessunits',
    handler: buList,
  },
  {
    method: 'GET',
    pattern: /^workforcemanagement\/businessunits\/([^/]+)$/,
    operation: 'GET businessunits/{id}',
    handler: buOne,
  },
  {
    method: 'GET',
    pattern: /^workforcemanagement\/businessunits\/([^/]+)\/managementunits$/,
    operation: 'GET businessunits/{id}/managementunits',
    handler: buMus,
  },
  {
    method: 'GET',
    pattern: /^workforcemanagement\/businessunits\/([^/]+)\/activitycodes$/,
    operation: 'GET businessunits/{id}/activitycodes',
    handler: activityCodes,
  },
  {
    method: 'POST',
    pattern: /^workforcemanagement\/businessunits\/([^/]+)\/agentschedules\/search$/,
    operation: 'POST businessunits/{id}/agentschedules/search',
    handler: buSearch,
  },
  {
    method: 'GET',
    pattern: /^workforcemanagement\/managementunits$/,
    operation: 'GET managementunits',
    handler: muList,
  },
  {
    method: 'GET',
    pattern: /^workforcemanagement\/managementunits\/([^/]+)$/,
    operation: 'GET managementunits/{id}',
    handler: muOne,
  },
  {
    method: 'GET',
    pattern: /^workforcemanagement\/managementunits\/([^/]+)\/users$/,
    operation: 'GET managementunits/{id}/users',
    handler: muUsers,
  },
  {
    method: 'POST',
    pattern: /^workforcemanagement\/managementunits\/([^/]+)\/agentschedules\/search$/,
    operation: 'POST managementunits/{id}/agentschedules/search',
    handler: muSearch,
  },
  {
    method: 'GET',
    pattern: /^workforcemanagement\/agents\/me\/managementunit$/,
    operation: 'GET agents/me/managementunit',
    handler: myMu,
  },
  {
    method: 'POST',
    pattern: /^workforcemanagement\/agentschedules\/mine$/,
    operation: 'POST agentschedules/mine',
    handler: mySchedule,
  },
  ...TIME_OFF_ROUTES,
];

/**
 * The Platform API under `/api/v2` (genesys-facts §4): users, teams and the WFM reads, with
 * `ErrorBody` errors, `ININ-Correlation-Id` and `inin-ratelimit-*` on every answer, and the
 * schedule searches synchronous, through a download URL (`forceDownloadService=true`) or
 * asynchronous (`forceAsync=true`: `Processing` + `operationId`, the result announced on the
 * notification topic with its download URL). Also serves those download URLs (no token, like
 * pre-signed URLs).
 */
export function createCloudApiEndpoint(
  cloud: CloudWorld,
): SimEndpoint & { notifications: CloudNotification[] } {
  const downloads = new Map<string, string>();
  const notifications: CloudNotification[] = [];
  return {
    service: 'cloud',
    notifications,
    identify(req) {
      if (req.url.pathname.startsWith(`${DOWNLOAD_BASE_PATH}/`)) return 'download';
      const route = match(req);
      return route ? route.route.operation : null;
    },
    handle(req, env, operation) {
      if (operation === 'download') {
        const body = downloads.get(req.url.pathname.slice(DOWNLOAD_BASE_PATH.length + 1));
        return body === undefined
          ? notFound()
          : { status: 200, headers: { 'content-type': 'application/json' }, body };
      }
      const found = match(req);
      if (!found) return notFound();
      const who = principalOf(req, env, cloud);
      if ('status' in who) return who;
      return found.route.handler({
        req,
        env,
        cloud,
        who,
        params: found.params,
        downloads,
        notifications,
      });
    },
    answerHeaders(limit: SimRateLimit | null, response: SimResponse) {
      return {
        [CORRELATION_HEADER]: response.headers?.[CORRELATION_HEADER] ?? newCorrelationId(),
        ...(limit
          ? {
              'inin-ratelimit-count': String(limit.limit - limit.remaining),
              'inin-ratelimit-allowed': String(limit.limit),
              'inin-ratelimit-reset': String(limit.resetSec),
            }
          : {}),
      };
    },
    refusal(limit, headers) {
      return tooManyRequests(limit.resetSec, headers);
    },
  };
}

function match(req: SimRequest): { route: CloudRoute; params: string[] } | null {
  const path = req.url.pathname;
  if (!path.startsWith(`${API_BASE_PATH}/`)) return null;
  const rest = path.slice(API_BASE_PATH.length + 1);
  for (const route of ROUTES) {
    if (route.method !== req.method) continue;
    const m = route.pattern.exec(rest);
    if (m) return { route, params: m.slice(1).map(decodeURIComponent) };
  }
  return null;
}

function expandOf(req: SimRequest): Set<string> {
  return new Set(req.url.searchParams.getAll('expand').flatMap((e) => e.split(',')));
}

function usersMe(ctx: Ctx): SimResponse {
  if (!ctx.who.user) return userContextRequired();
  return ok(userJson(ctx.cloud, ctx.who.user, expandOf(ctx.req)));
}

/**
 * `TokenInfo` (`GET /api/v2/tokens/me`): the organisation, the OAuth client the token was issued
 * to and its scopes; answered for user and client-credentials tokens alike.
 */
function tokensMe(ctx: Ctx): SimResponse {
  const check = ctx.env.tokens.check(ctx.req.headers.authorization);
  const clientId = check.ok ? check.token.clientId : '';
  const org = { id: ctx.cloud.orgId, name: 'Demo Contact Center' };
  return ok({
    organization: org,
    homeOrganization: org,
    authorizedScope: ['workforce-management:readonly', 'users:readonly', 'groups:readonly'],
    OAuthClient: { id: clientId, name: `OAuth client ${clientId}`, organization: org },
  });
}

function usersList(ctx: Ctx): SimResponse {
  const ids = ctx.req.url.searchParams.getAll('id').flatMap((v) => v.split(','));
  if (ids.length > 100) return badRequest('At most 100 ids per request');
  const users = ids.length
    ? ids.map((id) => ctx.cloud.userById(id)).filter((u): u is CloudUser => u !== undefined)
    : ctx.cloud.users;
  const page = pageOf(
    users.map((u) => userJson(ctx.cloud, u, expandOf(ctx.req))),
    ctx.req.url.searchParams,
    `${API_BASE_PATH}/users`,
  );
  return typeof page === 'string' ? badRequest(page) : ok(page);
}

function userOne(ctx: Ctx): SimResponse {
  const u = ctx.cloud.userById(ctx.params[0]!);
  return u ? ok(userJson(ctx.cloud, u, expandOf(ctx.req))) : notFound();
}

function teamsList(ctx: Ctx): SimResponse {
  const denied = requireAny(ctx.who, ['groups:team:view']);
  if (denied) return denied;
  const prefix = (ctx.req.url.searchParams.get('name') ?? '').toLowerCase();
  const teams = ctx.cloud.teams.filter((t) => t.team.name.toLowerCase().startsWith(prefix));
  const page = cursorPageOf(
    teams.map((t) => teamJson(ctx.cloud, t)),
    ctx.req.url.searchParams,
    `${API_BASE_PATH}/teams`,
  );
  return typeof page === 'string' ? badRequest(page) : ok(page);
}

function teamOne(ctx: Ctx): SimResponse {
  const denied = requireAny(ctx.who, ['groups:team:view']);
  if (denied) return denied;
  const t = ctx.cloud.teams.find((x) => x.id === ctx.params[0]);
  return t ? ok(teamJson(ctx.cloud, t)) : notFound();
}

function teamMembers(ctx: Ctx): SimResponse {
  const denied = requireAny(ctx.who, ['groups:team:view']);
  if (denied) return denied;
  const t = ctx.cloud.teams.find((x) => x.id === ctx.params[0]);
  if (!t) return notFound();
  const members = ctx.cloud
    .membersOf(t)
    .map((u) => ({ ...userRef(u), name: `${u.user.firstName} ${u.user.lastName}` }));
  const page = cursorPageOf(
    members,
    ctx.req.url.searchParams,
    `${API_BASE_PATH}/teams/${t.id}/members`,
  );
  return typeof page === 'string' ? badRequest(page) : ok(page);
}

function buList(ctx: Ctx): SimResponse {
  const bu = businessUnitJson(ctx.cloud, false);
  return ok({
    entities: [{ ...bu, authorized: ctx.who.permissions.has('wfm:businessUnit:view') }],
  });
}

function buIdOf(ctx: Ctx): string | null {
  const id = ctx.params[0]!;
  if (id === 'mine')
    return ctx.who.user?.agent || ctx.who.user?.visibleMuIds.size
      ? ctx.cloud.businessUnit.id
      : null;
  return id === ctx.cloud.businessUnit.id ? id : null;
}

function buOne(ctx: Ctx): SimResponse {
  if (!buIdOf(ctx)) return notFound();
  const denied = requireAny(ctx.who, [
    'wfm:businessUnit:view',
    ...SCHEDULE_READ,
    'wfm:agentSchedule:view',
  ]);
  if (denied) return denied;
  return ok(businessUnitJson(ctx.cloud, expandOf(ctx.req).has('settings')));
}

function visibleMus(ctx: Ctx) {
  return ctx.cloud.managementUnits.filter((mu) => ctx.who.canSeeMu(mu.id));
}

function buMus(ctx: Ctx): SimResponse {
  if (!buIdOf(ctx)) return notFound();
  return ok({ entities: visibleMus(ctx).map((mu) => managementUnitJson(ctx.cloud, mu)) });
}

function muList(ctx: Ctx): SimResponse {
  const page = pageOf(
    visibleMus(ctx).map((mu) => managementUnitJson(ctx.cloud, mu)),
    ctx.req.url.searchParams,
    `${API_BASE_PATH}/workforcemanagement/managementunits`,
  );
  return typeof page === 'string' ? badRequest(page) : ok(page);
}

function muOne(ctx: Ctx): SimResponse {
  const mu = muOf(ctx, ['wfm:managementUnit:view', ...SCHEDULE_READ, 'wfm:agentSchedule:view']);
  return 'status' in mu ? mu : ok(managementUnitJson(ctx.cloud, mu));
}

function muUsers(ctx: Ctx): SimResponse {
  const mu = muOf(ctx, MU_USERS_READ);
  return 'status' in mu ? mu : ok({ entities: ctx.cloud.agentsOf(mu).map(userRef) });
}

function activityCodes(ctx: Ctx): SimResponse {
  if (!buIdOf(ctx)) return notFound();
  const denied = requireAny(ctx.who, ACTIVITY_CODES_READ);
  if (denied) return denied;
  return ok({
    entities: ctx.cloud.activityCodes.map((c) => ({
      id: c.id,
      name: c.name,
      active: true,
      defaultCode: false,
      category: c.category,
      countsAsPaidTime: c.paid,
      countsAsWorkTime: c.category === 'OnQueueWork' || c.category === 'OffQueueWork',
      agentTimeOffSelectable: c.category === 'TimeOff',
      metadata: { version: 1 },
      selfUri: `${API_BASE_PATH}/workforcemanagement/businessunits/${ctx.cloud.businessUnit.id}/activitycodes/${c.id}`,
    })),
  });
}

function myMu(ctx: Ctx): SimResponse {
  if (!ctx.who.user) return userContextRequired();
  const denied = requireAny(ctx.who, OWN_SCHEDULE);
  if (denied) return denied;
  const agent = ctx.who.user.agent;
  if (!agent) return notFound();
  const mu = ctx.cloud.managementUnitOfSite(agent.siteId)!;
  return ok({
    user: userRef(ctx.who.user),
    managementUnit: {
      id: mu.id,
      selfUri: `${API_BASE_PATH}/workforcemanagement/managementunits/${mu.id}`,
    },
    businessUnit: {
      id: ctx.cloud.businessUnit.id,
      selfUri: `${API_BASE_PATH}/workforcemanagement/businessunits/${ctx.cloud.businessUnit.id}`,
    },
  });
}

function searchOver(ctx: Ctx, candidates: readonly CloudUser[], topic: string): SimResponse {
  const range = parseSearch(readJson(ctx.req), true);
  if (typeof range === 'string') return badRequest(range);
  const users = pickUsers(candidates, range);
  if (typeof users === 'string') return badRequest(users);
  ctx.env.note({ users: users.length, fromMs: range.fromMs, toMs: range.toMs });
  return answer(ctx, searchResult(ctx.cloud, users, range), topic);
}

function pickUsers(candidates: readonly CloudUser[], range: SearchRange): CloudUser[] | string {
  if (range.userIds === null) return [...candidates];
  const byId = new Map(candidates.map((u) => [u.id, u]));
  const picked = range.userIds.map((id) => byId.get(id));
  if (picked.some((u) => u === undefined)) return 'userIds names users outside this unit';
  return picked as CloudUser[];
}

/** Sync (`Complete` + `result`), download (`Complete` + `downloadUrl`) or async (`Processing`). */
function answer(ctx: Ctx, result: Record<string, unknown>, topic: string): SimResponse {
  const params = ctx.req.url.searchParams;
  const forceAsync = params.get('forceAsync') === 'true';
  const forceDownload = params.get('forceDownloadService') === 'true';
  if (!forceAsync && !forceDownload) return ok({ status: 'Complete', result });
  const key = randomBytes(18).toString('base64url');
  ctx.downloads.set(key, JSON.stringify(result));
  const downloadUrl = `${ctx.env.advertisedBaseUrl()}${DOWNLOAD_BASE_PATH}/${key}`;
  if (!forceAsync) return ok({ status: 'Complete', downloadUrl });
  const operationId = randomBytes(16).toString('hex');
  ctx.notifications.push({ topic, operationId, status: 'Complete', downloadUrls: [downloadUrl] });
  return ok({ status: 'Processing', operationId, progress: 0 });
}

function buSearch(ctx: Ctx): SimResponse {
  if (!buIdOf(ctx)) return notFound();
  const denied = requireAny(ctx.who, SCHEDULE_READ);
  if (denied) return denied;
  const users = visibleMus(ctx).flatMap((mu) => ctx.cloud.agentsOf(mu));
  return searchOver(
    ctx,
    users,
    `v2.workforcemanagement.users.${ctx.who.user?.id ?? 'client'}.schedules.search`,
  );
}

function muSearch(ctx: Ctx): SimResponse {
  const mu = muOf(ctx, SCHEDULE_READ);
  if ('status' in mu) return mu;
  return searchOver(
    ctx,
    ctx.cloud.agentsOf(mu),
    `v2.workforcemanagement.users.${ctx.who.user?.id ?? 'client'}.schedules.search`,
  );
}

function mySchedule(ctx: Ctx): SimResponse {
  if (!ctx.who.user) return userContextRequired();
  const denied = requireAny(ctx.who, OWN_SCHEDULE);
  if (denied) return denied;
  const me = ctx.who.user;
  if (!me.agent) return notFound();
  const range = parseSearch(readJson(ctx.req), false);
  if (typeof range === 'string') return badRequest(range);
  const result = searchResult(ctx.cloud, [me], range);
  return ok({
    ...result,
    startDate: new Date(range.fromMs).toISOString(),
    endDate: new Date(range.toMs).toISOString(),
    updates: [],
  });
}
