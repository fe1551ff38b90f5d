import { jsonResponse } from '../http/responses.js';
import type { SimEnv, SimRequest, SimResponse } from '../types.js';
import type { CloudManagementUnit, CloudWorld } from './CloudWorld.js';
import { notAuthorized, notFound } from './errorBody.js';
import { requireAny, type Principal } from './principal.js';

/** An asynchronous result as the notification topic would deliver it (tests read these). */
export interface CloudNotification {
  topic: string;
  operationId: string;
  status: 'Complete';
  downloadUrls: string[];
}

/** What a Platform API route handler is given. */
export interface CloudCtx {
  req: SimRequest;
  env: SimEnv;
  cloud: CloudWorld;
  who: Principal;
  /** The path parameters of the route's pattern, decoded. */
  params: string[];
  downloads: Map<string, string>;
  notifications: CloudNotification[];
}

/** One route of the Platform API: method, path below `/api/v2/`, log operation, handler. */
export interface CloudRoute {
  method: string;
  pattern: RegExp;
  operation: string;
  handler: (ctx: CloudCtx) => SimResponse;
}

export function ok(body: unknown): SimResponse {
  return jsonResponse(200, body);
}

/** The request body as JSON, or undefined when it is not JSON. */
export function readJson(req: SimRequest): unknown {
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The addressed management unit (`mine` = the caller's), or the error to answer. */
export function muOf(ctx: CloudCtx, anyOf: readonly string[]): CloudManagementUnit | SimResponse {
  const id = ctx.params[0]!;
  const mu =
    id === 'mine'
      ? ctx.who.user?.agent
        ? ctx.cloud.managementUnitOfSite(ctx.who.user.agent.siteId)
        : undefined
      : ctx.cloud.managementUnit(id);
  if (!mu) return notFound();
  const denied = requireAny(ctx.who, anyOf);
  if (denied) return denied;
  if (!ctx.who.canSeeMu(mu.id)) return notAuthorized();
  return mu;
}
