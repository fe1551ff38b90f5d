import { GraphQLError } from 'graphql';
import { isErrorCode, type ErrorCode } from './codes.js';
import { isGatewayError } from './GatewayError.js';
import { isUpstreamError, type UpstreamError, type UpstreamService } from './UpstreamError.js';

/** What the client will see of one error: its code, our message and the extensions to add. */
export interface ClassifiedError {
  code: ErrorCode;
  message: string;
  /** Extensions besides `code` (e.g. `reason`, `retryAfter`, `upstream`). */
  extensions: Record<string, unknown>;
  /** The innermost error that decided the classification. */
  source: unknown;
  /** True for errors we did not anticipate (bugs): masked, and worth logging. */
  internal: boolean;
}

export interface ClassifyOptions {
  /** `retryAfter` when a 429 came without a usable `Retry-After`. Whole seconds, default 1. */
  defaultRetryAfterSec?: number;
}

/** Message shown for every error we did not anticipate. */
export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/**
 * GraphQL-level request errors (from graphql-js and Apollo Server: syntax, validation, variable
 * coercion, HTTP request shape, CSRF). Their messages describe the client's own document, so they
 * are kept; the code becomes our BAD_USER_INPUT.
 */
const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Request-level codes passed on as they are: persisted-query clients (Apollo's APQ link, urql's
 * persisted exchange) look for exactly `PERSISTED_QUERY_NOT_FOUND` to resend the full text.
 */
const KEPT_REQUEST_CODES: ReadonlySet<string> = new Set(['PERSISTED_QUERY_NOT_FOUND']);

const SERVICE_LABEL: Readonly<Record<UpstreamService, string>> = {
  auth: 'The Authentication API',
  wfm: 'The WFM REST API',
  'wfm-soap': 'The WFM SOAP API',
  cloud: 'The Genesys Cloud Platform API',
};

/**
 * Decides code, message and extras for any thrown value. Follows `originalError` through
 * GraphQL's wrappers; `UpstreamError` and `GatewayError` are ours, request-level GraphQL errors
 * keep their message, anything else is masked as INTERNAL_SERVER_ERROR.
 */
export function classifyError(error: unknown, options: ClassifyOptions = {}): ClassifiedError {
  let current = error;
  // Walk GraphQL's wrappers (located errors, Apollo's ValidationError, our context failure) down
  // to the error really thrown; a request-level code on the way decides at once.
  for (let depth = 0; depth < 10; depth++) {
    if (isUpstreamError(current)) return classifyUpstream(current, options);
    if (isGatewayError(current)) {
      return {
        code: current.code,
        message: current.message,
        extensions: { ...current.extensions },
        source: current,
        internal: current.code === 'INTERNAL_SERVER_ERROR',
      };
    }
    if (!isGraphQLError(current)) break;
    const code = current.extensions?.['code'];
    if (typeof code === 'string' && KEPT_REQUEST_CODES.has(code) && isErrorCode(code)) {
      return { code, message: current.message, extensions: {}, source: current, internal: false };
    }
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      return {
        code: 'BAD_USER_INPUT',
        message: current.message,
        extensions: {},
        source: current,
        internal: false,
      };
    }
    const original: unknown = current.originalError;
    if (original !== undefined && original !== null && original !== current) {
      current = original;
      continue;
    }
    if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
      return { code, message: current.message, extensions: {}, source: current, internal: false };
    }
    break;
  }
  return classifyAbort(current) ?? internalError(current);
}

/**
 * A request's own signal ended the work: its deadline (`AbortSignal.timeout`, and shutdown's
 * grace period, both `TimeoutError`) or the client hanging up (`AbortError`). Layers that share
 * one load between callers reject with `signal.reason` as is, so the reason arrives here raw;
 * it is an expected outcome, not a bug, and must not be masked as INTERNAL_SERVER_ERROR.
 */
function classifyAbort(error: unknown): ClassifiedError | undefined {
  if (!(error instanceof DOMException)) return undefined;
  if (error.name === 'TimeoutError') {
    return {
      code: 'UPSTREAM_TIMEOUT',
      message: 'The request did not finish within its deadline.',
      extensions: {},
      source: error,
      internal: false,
    };
  }
  if (error.name === 'AbortError') {
    return {
      code: 'UPSTREAM_UNAVAILABLE',
      message: 'The request was cancelled before the upstream services answered.',
      extensions: {},
      source: error,
      internal: false,
    };
  }
  return undefined;
}

function classifyUpstream(error: UpstreamError, options: ClassifyOptions): ClassifiedError {
  const label = SERVICE_LABEL[error.service] ?? 'An upstream service';
  const op = error.operation;
  const extensions: Record<string, unknown> = {};
  let code: ErrorCode;
  let message: string;
  switch (error.kind) {
    case 'UNAUTHENTICATED':
      code = 'UNAUTHENTICATED';
      message = `${label} rejected the access token.`;
      break;
    case 'FORBIDDEN': {
      code = 'FORBIDDEN';
      const reason = error.reason ?? 'UPSTREAM_FORBIDDEN';
      extensions['reason'] = reason;
      if (error.missingPermissions?.length)
        extensions['missingPermissions'] = [...error.missingPermissions];
      message = forbiddenMessage(reason, label, op);
      break;
    }
    case 'RATE_LIMITED': {
      code = 'RATE_LIMITED';
      const retryAfter =
        wholeSeconds(error.retryAfterSec) ?? wholeSeconds(options.defaultRetryAfterSec) ?? 1;
      extensions['retryAfter'] = retryAfter;
      message = `${label} is rate limiting this caller; retry after ${retryAfter} s.`;
      break;
    }
    case 'NOT_FOUND':
      code = 'NOT_FOUND';
      message = `${label} did not find the requested object (${op}).`;
      break;
    case 'CONFLICT':
      code = 'CONFLICT';
      if (error.currentVersion !== undefined) extensions['currentVersion'] = error.currentVersion;
      message = `${label} refused ${op}: the object changed since the version sent${error.currentVersion === undefined ? '' : ` (current version ${error.currentVersion})`}.`;
      break;
    case 'TIMEOUT':
      code = 'UPSTREAM_TIMEOUT';
      message = `${label} did not answer ${op} in time.`;
      break;
    case 'UNAVAILABLE':
      code = 'UPSTREAM_UNAVAILABLE';
      message = `${label} is unavailable (${op}).`;
      break;
    case 'BAD_REQUEST':
    case 'ERROR':
      code = 'UPSTREAM_ERROR';
      message = `${label} failed on ${op}.`;
      break;
    default:
      return internalError(error);
  }
  const upstream: Record<string, unknown> = { service: error.service, operation: op };
  if (typeof error.status === 'number') upstream['status'] = error.status;
  if (error.correlationId !== undefined) upstream['correlationId'] = error.correlationId;
  extensions['upstream'] = upstream;
  // Messages are built here from our own fields only: an upstream body, faultstring or URL
  // can never reach the client even if a client class put one into `error.message`.
  return { code, message, extensions, source: error, internal: false };
}

function forbiddenMessage(reason: string, label: string, op: string): string {
  switch (reason) {
    case 'WFM_NOT_PROVISIONED':
      return 'The caller is not provisioned in WFM.';
    case 'INVALID_API_KEY':
      return 'The Authentication API rejected the API key the gateway sent (check GENESYS_API_KEY).';
    case 'INSUFFICIENT_PRIVILEGES':
      return `The caller lacks the WFM privileges for this request (${op}).`;
    case 'MISSING_PERMISSIONS':
      return `The caller lacks Genesys Cloud permissions for this request (${op}); see missingPermissions.`;
    default:
      return `${label} refused the request (${op}).`;
  }
}

function internalError(source: unknown): ClassifiedError {
  return {
    code: 'INTERNAL_SERVER_ERROR',
    message: INTERNAL_ERROR_MESSAGE,
    extensions: {},
    source,
    internal: true,
  };
}

function wholeSeconds(value: number | undefined): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  return Math.ceil(value);
}

/**
 * `instanceof`, or graphql's own `Symbol.toStringTag`: graphql 16 ships CJS and ESM builds, and a
 * bundler or test runner can load both, making two GraphQLError classes.
 */
function isGraphQLError(value: unknown): value is GraphQLError {
  return (
    value instanceof GraphQLError ||
    Object.prototype.toString.call(value) === '[object GraphQLError]'
  );
}
