/**
 * The closed set of `extensions.code` values (CONTRACT §5). The schema declares the same values
 * as its `ErrorCode` enum so generated clients get them as a type; this list is the gateway's
 * side of that contract and the only place codes are spelled.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'NOT_SUPPORTED',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_ERROR',
  'INTERNAL_SERVER_ERROR',
  'PERSISTED_QUERY_NOT_FOUND',
] as const;

/** One value of the public `ErrorCode` enum. */
export type ErrorCode = (typeof ERROR_CODES)[number];

const CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);

/** True when `value` is one of {@link ERROR_CODES}. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && CODE_SET.has(value);
}

/**
 * HTTP status of a request that failed as a whole (before execution started), by code.
 * Field errors during execution stay HTTP 200 (GraphQL over HTTP); this table is used only when
 * context creation (the authentication check) fails.
 */
export const HTTP_STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NOT_SUPPORTED: 501,
  UPSTREAM_TIMEOUT: 504,
  UPSTREAM_UNAVAILABLE: 503,
  UPSTREAM_ERROR: 502,
  INTERNAL_SERVER_ERROR: 500,
  PERSISTED_QUERY_NOT_FOUND: 400,
};
