import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type {
  SimEndpoint,
  SimEnv,
  SimLogEntry,
  SimRequest,
  SimResponse,
  SimTokenResolver,
} from '../types.js';
import type { SimWorld } from '../data/model.js';
import { hashToken, parseBearer } from '../auth/bearer.js';
import type { FaultController } from '../faults/FaultController.js';
import { planFault, type FaultPlan } from '../faults/faultResponses.js';
import type { Lifetime } from './Lifetime.js';
import type { RateLimiter } from './RateLimiter.js';
import type { RequestLog } from './RequestLog.js';
import { readBody } from './readBody.js';
import { jsonResponse } from './responses.js';
import { sendResponse } from './sendResponse.js';

/** What the request pipeline needs; built once by `startSimulator`. */
export interface PipelineDeps {
  world: SimWorld;
  tokens: SimTokenResolver;
  log: RequestLog;
  faults: FaultController;
  limiter: RateLimiter;
  lifetime: Lifetime;
  rateLimitPerMinute(): number;
  advertisedBaseUrl(): string;
  now(): number;
}

/**
 * Runs one request to a simulated service through the single pipeline: read body (1 MB cap),
 * identify the operation, resolve the token for the log identity, rate limit, fault injection,
 * handler, request-log entry (written when the response ends or the connection closes).
 */
export async function runPipeline(
  deps: PipelineDeps,
  endpoint: SimEndpoint,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const startedAt = performance.now();
  const authorization = req.headers.authorization;
  const bearer = parseBearer(authorization);
  const check = deps.tokens.check(authorization);
  const entry: Omit<SimLogEntry, 'seq'> = {
    atMs: deps.now(),
    service: endpoint.service,
    operation: 'unknown',
    method: req.method ?? 'GET',
    path: url.pathname + url.search,
    tokenHash: check.ok
      ? check.token.tokenHash
      : bearer === 'missing' || bearer === 'malformed'
        ? null
        : hashToken(bearer),
    identity: check.ok ? (check.token.user?.userName ?? null) : null,
    status: 0,
    durationMs: 0,
  };
  const requestId = req.headers['x-request-id'];
  if (typeof requestId === 'string' && requestId.length <= 200) entry.requestId = requestId;
  const traceparent = req.headers['traceparent'];
  if (typeof traceparent === 'string' && traceparent.length <= 200) entry.traceparent = traceparent;
  res.once('close', () => {
    entry.status = res.headersSent ? res.statusCode : 0;
    entry.durationMs = Math.round((performance.now() - startedAt) * 1000) / 1000;
    deps.log.append(entry);
  });

  let body: Buffer | null;
  try {
    body = await readBody(req);
  } catch {
    return; // client went away; the close listener logs it
  }
  if (body === null) {
    sendResponse(
      res,
      jsonResponse(413, { message: 'Request body larger than 1 MB' }, { connection: 'close' }),
    );
    return;
  }
  const simReq: SimRequest = { method: entry.method, url, headers: req.headers, body };
  entry.operation = safeIdentify(endpoint, simReq) ?? 'unknown';

  const rateKey = entry.tokenHash ?? `ip:${req.socket.remoteAddress ?? 'unknown'}`;
  const decision = deps.limiter.take(rateKey, deps.rateLimitPerMinute());
  const limitHeaders = (response: SimResponse): Record<string, string> =>
    endpoint.answerHeaders
      ? endpoint.answerHeaders(decision, response)
      : decision
        ? {
            'x-ratelimit-limit': String(decision.limit),
            'x-ratelimit-remaining': String(decision.remaining),
            'x-ratelimit-reset': String(decision.resetSec),
          }
        : {};
  if (decision && !decision.allowed) {
    entry.detail = { rateLimited: true };
    const refusal = endpoint.refusal
      ? endpoint.refusal(decision, limitHeaders({ status: 429 }))
      : jsonResponse(
          429,
          {
            status: 429,
            code: 'too.many.requests',
            message: `Rate limit exceeded. Retry in ${decision.resetSec} seconds`,
          },
          { 'retry-after': String(decision.resetSec), ...limitHeaders({ status: 429 }) },
        );
    sendResponse(res, refusal);
    return;
  }

  const rule = deps.faults.take({
    service: entry.service,
    operation: entry.operation,
    identity: entry.identity,
  });
  const plan: FaultPlan = rule
    ? planFault(rule, entry.service)
    : { action: 'proceed', delayMs: 0, delivery: 'normal' };
  if (rule) entry.fault = rule.kind;

  switch (plan.action) {
    case 'reset':
      req.socket.destroy();
      return;
    case 'hang':
      return; // answered never; close() or the client ends it
    case 'respond':
      sendResponse(res, withHeaders(plan.response, limitHeaders(plan.response)));
      return;
    case 'proceed':
      break;
  }
  if (plan.delayMs > 0 && !(await deps.lifetime.sleep(plan.delayMs))) return;
  if (res.destroyed) return;

  const env: SimEnv = {
    world: deps.world,
    tokens: deps.tokens,
    advertisedBaseUrl: deps.advertisedBaseUrl,
    note: (detail) => {
      entry.detail = { ...entry.detail, ...detail };
    },
    now: deps.now,
  };
  let response: SimResponse;
  try {
    response = await endpoint.handle(simReq, env, entry.operation);
  } catch (error) {
    entry.detail = {
      ...entry.detail,
      error: error instanceof Error ? error.message : String(error),
    };
    response = jsonResponse(500, { status: 500, message: 'Simulator handler failed' });
  }
  response = withHeaders(response, limitHeaders(response));
  if (plan.delivery === 'normal') sendResponse(res, response);
  else if (plan.delivery === 'truncated') sendResponse(res, truncate(response));
  else await trickle(res, response, plan.delivery.trickleMs, deps.lifetime);
}

function safeIdentify(endpoint: SimEndpoint, req: SimRequest): string | null {
  try {
    return endpoint.identify(req);
  } catch {
    return null;
  }
}

function withHeaders(response: SimResponse, headers: Record<string, string>): SimResponse {
  return { ...response, headers: { ...response.headers, ...headers } };
}

/** The real answer with its body cut in half (Content-Length matches the half: a broken document). */
function truncate(response: SimResponse): SimResponse {
  const body = Buffer.from(response.body ?? '');
  return { ...response, body: body.subarray(0, Math.floor(body.length / 2)) };
}

/** Sends the real answer in about 20 small chunks spread over `totalMs`. */
async function trickle(
  res: ServerResponse,
  response: SimResponse,
  totalMs: number,
  lifetime: Lifetime,
): Promise<void> {
  const body = Buffer.from(response.body ?? '');
  const chunkSize = Math.max(1, Math.ceil(body.length / 20));
  const chunks = Math.max(1, Math.ceil(body.length / chunkSize));
  const pauseMs = totalMs / chunks;
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  for (let offset = 0; offset < body.length; offset += chunkSize) {
    if (offset > 0 && !(await lifetime.sleep(pauseMs))) return;
    if (res.destroyed) return;
    res.write(body.subarray(offset, offset + chunkSize));
  }
  res.end();
}
