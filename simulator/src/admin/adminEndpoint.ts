import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultController, FaultRule } from '../faults/FaultController.js';
import { readBody } from '../http/readBody.js';
import type { RequestLog, RequestLogFilter } from '../http/RequestLog.js';
import { jsonResponse } from '../http/responses.js';
import { sendResponse } from '../http/sendResponse.js';
import { patchSettings, type SimulatorSettings } from '../settings.js';
import type { SimResponse, SimService } from '../types.js';

/** Path prefix of the admin endpoint. */
export const ADMIN_BASE_PATH = '/__admin';

/** What the admin endpoint controls. */
export interface AdminDeps {
  faults: FaultController;
  log: RequestLog;
  settings: SimulatorSettings;
  /** Issues a token for a seeded user on one platform; throws for an unknown user. */
  mintToken(
    platform: 'engage' | 'cloud',
    user: string,
  ): { access_token: string; expires_in: number };
}

/**
 * The loopback-only control endpoint (not logged, not rate limited):
 * `/__admin/faults` GET list · POST add (FaultRule JSON → `{id}`) · DELETE clear;
 * `/__admin/faults/<id>` DELETE; `/__admin/log` GET (`?service=&operation=&identity=&status=`) ·
 * DELETE; `/__admin/settings` GET · PATCH; `/__admin/tokens` POST `{platform, user}` → `{access_token, expires_in}`. Any other remote address gets 403.
 */
export async function handleAdmin(
  deps: AdminDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) {
    sendResponse(res, jsonResponse(403, { message: 'Admin endpoint is loopback-only' }));
    return;
  }
  let body: Buffer | null;
  try {
    body = await readBody(req);
  } catch {
    return;
  }
  if (body === null) {
    sendResponse(
      res,
      jsonResponse(413, { message: 'Request body larger than 1 MB' }, { connection: 'close' }),
    );
    return;
  }
  let response: SimResponse;
  try {
    response = route(deps, req.method ?? 'GET', url, body);
  } catch (error) {
    response = jsonResponse(400, {
      message: error instanceof Error ? error.message : String(error),
    });
  }
  sendResponse(res, response);
}

function route(deps: AdminDeps, method: string, url: URL, body: Buffer): SimResponse {
  const path = url.pathname.slice(ADMIN_BASE_PATH.length).replace(/\/+$/, '');
  if (path === '/faults') {
    if (method === 'GET') return jsonResponse(200, deps.faults.list());
    if (method === 'POST')
      return jsonResponse(201, { id: deps.faults.add(parseJson(body) as FaultRule) });
    if (method === 'DELETE') {
      deps.faults.clear();
      return { status: 204 };
    }
    return notAllowed('GET, POST, DELETE');
  }
  if (path.startsWith('/faults/')) {
    if (method !== 'DELETE') return notAllowed('DELETE');
    return deps.faults.remove(decodeURIComponent(path.slice('/faults/'.length)))
      ? { status: 204 }
      : jsonResponse(404, { message: 'No such fault rule' });
  }
  if (path === '/log') {
    if (method === 'GET') return jsonResponse(200, deps.log.entries(logFilter(url.searchParams)));
    if (method === 'DELETE') {
      deps.log.clear();
      return { status: 204 };
    }
    return notAllowed('GET, DELETE');
  }
  if (path === '/tokens') {
    if (method !== 'POST') return notAllowed('POST');
    const input = parseJson(body) as { platform?: unknown; user?: unknown } | null;
    const platform = input?.platform ?? 'engage';
    if (platform !== 'engage' && platform !== 'cloud')
      throw new Error('platform must be "engage" or "cloud"');
    if (typeof input?.user !== 'string') throw new Error('user must be a seeded user name');
    return jsonResponse(200, deps.mintToken(platform, input.user));
  }
  if (path === '/settings') {
    if (method === 'GET') return jsonResponse(200, deps.settings);
    if (method === 'PATCH') {
      const patch = parseJson(body);
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
        throw new Error('settings patch must be a JSON object');
      patchSettings(deps.settings, patch as Record<string, unknown>);
      return jsonResponse(200, deps.settings);
    }
    return notAllowed('GET, PATCH');
  }
  return jsonResponse(404, { message: 'Not Found' });
}

function logFilter(params: URLSearchParams): RequestLogFilter {
  const filter: RequestLogFilter = {};
  const service = params.get('service');
  if (service !== null) filter.service = service as SimService;
  const operation = params.get('operation');
  if (operation !== null) filter.operation = operation;
  const identity = params.get('identity');
  if (identity !== null) filter.identity = identity;
  const status = params.get('status');
  if (status !== null) filter.status = Number(status);
  return filter;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new Error('request body must be JSON');
  }
}

function notAllowed(allow: string): SimResponse {
  return jsonResponse(405, { message: 'Method Not Allowed' }, { allow });
}

/** Whether a remote address is the local machine (IPv4, IPv6 or IPv4-mapped loopback). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
