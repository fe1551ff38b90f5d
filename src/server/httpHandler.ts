import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  HeaderMap,
  type ApolloServer,
  type HTTPGraphQLRequest,
  type HTTPGraphQLResponse,
} from '@apollo/server';
import type { DocumentNode } from 'graphql';
import type { StoredAnswer, WholeAnswerCache } from '../cache/WholeAnswerCache.js';
import type { GatewayContext } from '../resolvers/GatewayContext.js';
import { answerKeyOf, answerToStore } from './answerCacheGate.js';
import type { ContextRequest } from '../context/createContext.js';
import { contextFailure } from './contextFailure.js';
import { handleCors, type CorsPolicy } from './cors.js';
import { sendRejection, type FrontDoor } from './limits/FrontDoor.js';
import type { DirectExecution } from './directExecution.js';
import { describeError, type Logger } from '../logging/Logger.js';
import type { Monitor } from './monitoring/Monitor.js';
import type { PlaygroundRoutes } from './playground/createPlaygroundRoutes.js';
import { BodyTooLargeError, readRequestBody } from './readRequestBody.js';
import { RequestTrace } from './requestTrace.js';

export interface HttpHandlerDeps {
  apollo: ApolloServer<GatewayContext>;
  createContext: (request: ContextRequest) => Promise<GatewayContext>;
  logger: Logger;
  maxRequestBodyBytes: number;
  cors: CorsPolicy;
  /** The SDL served at `GET /schema.graphql`; null: that path is not served (404). */
  sdl?: string | null;
  /** GraphQL endpoint path; default `/graphql`. */
  graphqlPath?: string;
  /** The browser playground's routes (src/server/playground/); null or absent: no playground. */
  playground?: PlaygroundRoutes | null;
  /** Checks run before authentication: JSON nesting, batches, document limits (src/server/limits/). Absent: none. */
  frontDoor?: FrontDoor | null;
  /** /healthz, /readyz, /metrics, request metrics and the access log (src/server/monitoring/Monitor.ts). */
  monitor?: Monitor | null;
  /** Whole answers per caller (src/cache/WholeAnswerCache.ts); absent: every query executes. */
  answers?: WholeAnswerCache | null;
  /**
   * OpenTelemetry tracing on: spans per request (src/server/requestTrace.ts), the caller's
   * `traceparent` honoured, and the trace id as the request id. Default off.
   */
  tracing?: boolean;
  /**
   * Plain queries executed without Apollo Server's request pipeline (src/server/directExecution.ts),
   * with the validated document of a front-door hash; absent: every request goes through Apollo.
   * Only for a server whose Apollo plugins do nothing per request (createServer decides).
   */
  direct?: {
    execute: DirectExecution;
    document: (documentHash: string) => DocumentNode | undefined;
  } | null;
}

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The node:http handler (no express): `/healthz`, `/readyz` and `/metrics` (through `monitor`),
 * GraphQL over HTTP on `GET|POST /graphql`
 * through Apollo's `executeHTTPGraphQLRequest`, CORS for configured origins, request bodies capped
 * (413 before parsing), malformed JSON answered 400, batches and over-limit documents answered 400
 * by the `frontDoor` before authentication. Authentication happens in context creation;
 * its failures get their HTTP status from `contextFailure`.
 */
export function createHttpHandler(deps: HttpHandlerDeps): HttpHandler {
  const graphqlPath = deps.graphqlPath ?? '/graphql';
  return (req, res) => {
    const traced = deps.tracing ? startTrace(req) : null;
    const handled = traced ? traced.run(() => handle(req, res, traced)) : handle(req, res, null);
    if (traced)
      void handled.then(
        () => traced.end(res.statusCode),
        (error: unknown) => traced.end(500, error),
      );
    handled.catch((error: unknown) => {
      deps.logger.error('unhandled error in the HTTP handler', describeError(error));
      if (!res.headersSent)
        sendJson(res, 500, errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      else res.destroy();
    });
  };

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    traced: RequestTrace | null,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    // Tracing on: the trace id is the request id, so a log line, an error and a trace meet.
    const requestId = traced?.requestId ?? pickRequestId(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    // Aborted when the client disconnects (or a shutdown's grace period ends): stops upstream calls.
    const clientGone = new AbortController();
    const observation = deps.monitor?.observe(req, res, requestId, clientGone);
    if (handleCors(req, res, deps.cors)) return;
    if (deps.monitor?.route(req, res, url.pathname, method)) return;
    // The playground answers its own paths and a browser's GET of the GraphQL path.
    if (deps.playground && (await deps.playground(req, res, url))) return;

    if (url.pathname === '/healthz') {
      if (method !== 'GET' && method !== 'HEAD')
        return sendJson(res, 405, errorBody('Use GET /healthz.', 'BAD_USER_INPUT'), {
          allow: 'GET, HEAD',
        });
      return sendJson(res, 200, { status: 'ok' });
    }
    if (url.pathname === '/schema.graphql' && deps.sdl) {
      if (method !== 'GET' && method !== 'HEAD')
        return sendJson(res, 405, errorBody('Use GET /schema.graphql.', 'BAD_USER_INPUT'), {
          allow: 'GET, HEAD',
        });
      res.statusCode = 200;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.setHeader('content-length', Buffer.byteLength(deps.sdl));
      res.setHeader('cache-control', 'no-cache');
      res.end(method === 'HEAD' ? undefined : deps.sdl);
      return;
    }
    if (url.pathname !== graphqlPath && url.pathname !== `${graphqlPath}/`) {
      return sendJson(
        res,
        404,
        errorBody(`Not found; GraphQL is served at ${graphqlPath}.`, 'NOT_FOUND'),
      );
    }
    if (method !== 'GET' && method !== 'POST') {
      return sendJson(res, 405, errorBody('GraphQL accepts GET and POST only.', 'BAD_USER_INPUT'), {
        allow: 'GET, POST',
      });
    }

    const doorStart = traced ? performance.now() : 0;
    let body: unknown;
    if (method === 'POST') {
      let raw: Buffer;
      try {
        raw = await readRequestBody(req, deps.maxRequestBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          traced?.frontDoor(doorStart, { rejected: 'BODY_TOO_LARGE' });
          res.setHeader('connection', 'close');
          return sendJson(
            res,
            413,
            // No number: the limit is configuration, not something to tell a probing client.
            errorBody('The request body is too large.', 'BAD_USER_INPUT'),
          );
        }
        throw error;
      }
      // Before JSON.parse: a body of deeply nested arrays costs a byte scan, not a parse.
      const tooDeep = deps.frontDoor?.inspectJson(raw);
      if (tooDeep) {
        traced?.frontDoor(doorStart, { rejected: tooDeep.reason });
        observation?.rejected(tooDeep.reason);
        return sendRejection(req, res, tooDeep);
      }
      // curl -d and fetch with a string body send no JSON type: say what to send instead of
      // Apollo's CSRF refusal, which is right but does not tell a first-time caller the fix.
      if (!req.headers['content-type'] && raw.length > 0) {
        traced?.frontDoor(doorStart, { rejected: 'NO_CONTENT_TYPE' });
        return sendJson(
          res,
          400,
          errorBody(
            'The request has no Content-Type; send the GraphQL request as JSON with Content-Type: application/json.',
            'BAD_USER_INPUT',
          ),
        );
      }
      const parsed = parseBody(req.headers['content-type'], raw);
      if (!parsed.ok) {
        traced?.frontDoor(doorStart, { rejected: 'INVALID_JSON' });
        return sendJson(
          res,
          400,
          errorBody('The request body is not valid JSON.', 'BAD_USER_INPUT'),
        );
      }
      body = parsed.value;
    }
    // Before authentication: a refused document costs no token check and no upstream call.
    const verdict = deps.frontDoor?.inspect({ method, body, search: url.searchParams });
    if (verdict && !verdict.ok) {
      traced?.frontDoor(doorStart, { rejected: verdict.reason });
      observation?.rejected(verdict.reason);
      return sendRejection(req, res, verdict);
    }
    traced?.frontDoor(doorStart, verdict ?? { operationType: 'unknown' });
    if (verdict) observation?.operation(verdict.operationType, verdict.operationName);

    res.once('close', () => {
      if (!res.writableFinished)
        clientGone.abort(new DOMException('The client disconnected', 'AbortError'));
    });

    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method,
      headers: toHeaderMap(req.headers),
      search: url.search,
      body,
    };
    const createContext = (): Promise<GatewayContext> =>
      deps.createContext({
        authorization: req.headers.authorization,
        clientSignal: clientGone.signal,
        requestId,
      });
    const makeContext = async (): Promise<GatewayContext> => {
      try {
        return await (traced ? traced.tokenCheck(createContext) : createContext());
      } catch (error) {
        // Tracing on: the error names its trace (requestIdPlugin does so for executed requests).
        throw contextFailure(error, traced ? requestId : undefined);
      }
    };
    // A query the whole-answer cache may hold: the token check first, then a hit is answered
    // with the stored bytes (no validation, no execution); a refused token goes on to Apollo,
    // which answers it exactly as without the cache.
    const answers = deps.answers ?? null;
    const answerKey = answers ? answerKeyOf(req, verdict, body) : null;
    let early: Promise<GatewayContext> | null = null;
    let known: GatewayContext | null = null;
    let since = 0;
    if (answers && answerKey) {
      since = answers.begin();
      early = makeContext();
      known = await early.catch(() => null);
      const hit = known ? answers.get(known.call.tokenHash, answerKey) : undefined;
      if (hit) {
        traced?.answerHit(hit.body.byteLength);
        return sendStored(res, hit);
      }
    }
    const viaApollo = () =>
      deps.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest,
        context: () => early ?? makeContext(),
      });
    // A plain query (not `x-gateway-debug`, which a plugin answers) skips Apollo's pipeline; the
    // token check comes first either way, and whatever the direct path declines goes to Apollo
    // with the same context.
    const direct =
      deps.direct &&
      method === 'POST' &&
      verdict?.ok &&
      verdict.operationType === 'query' &&
      verdict.documentHash !== undefined &&
      req.headers['x-gateway-debug'] === undefined &&
      isRecord(body)
        ? { ...deps.direct, documentHash: verdict.documentHash, body }
        : null;
    const execute = async (): Promise<HTTPGraphQLResponse> => {
      if (direct) {
        early ??= makeContext();
        const contextValue = await early.catch(() => null);
        const document = contextValue ? direct.document(direct.documentHash) : undefined;
        const answered =
          contextValue && document
            ? await direct.execute({
                body: direct.body,
                document,
                accept: req.headers.accept,
                contextValue,
              })
            : null;
        if (answered) return answered;
      }
      return viaApollo();
    };
    const response = await (traced
      ? traced.operation(verdict?.operationType, verdict?.operationName, execute)
      : execute());
    const kindsRead = known?.tally?.kindsRead;
    if (answers && answerKey && known && kindsRead) {
      const stored = answerToStore(response);
      if (stored)
        answers.store(
          known.call.tokenHash,
          answerKey,
          stored,
          kindsRead,
          since,
          known.tally?.tagsRead ?? [],
        );
    }
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) {
      if (res.destroyed) break;
      res.write(chunk);
    }
    res.end();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON for `application/json` (and `+json`) bodies; other types reach Apollo as no body (it answers 400 or CSRF). */
function parseBody(
  contentType: string | undefined,
  raw: Buffer,
): { ok: true; value: unknown } | { ok: false } {
  const essence = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (essence !== 'application/json' && !essence.endsWith('+json'))
    return { ok: true, value: undefined };
  if (raw.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

function toHeaderMap(headers: IncomingMessage['headers']): HeaderMap {
  const map = new HeaderMap();
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) map.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return map;
}

function startTrace(req: IncomingMessage): RequestTrace | null {
  const path = new URL(req.url ?? '/', 'http://gateway.invalid').pathname;
  return RequestTrace.start(req, (req.method ?? 'GET').toUpperCase(), path);
}

function pickRequestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

function errorBody(message: string, code: string): unknown {
  return { errors: [{ message, extensions: { code } }] };
}

function sendStored(res: ServerResponse, answer: StoredAnswer): void {
  res.statusCode = 200;
  for (const [key, value] of answer.headers) res.setHeader(key, value);
  res.setHeader('content-length', answer.body.byteLength);
  res.end(answer.body);
}

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(value);
  res.statusCode = status;
  for (const [key, v] of Object.entries(headers)) res.setHeader(key, v);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}
