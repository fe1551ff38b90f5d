import { randomUUID } from 'node:crypto';
import { jsonResponse } from '../http/responses.js';
import type { SimResponse } from '../types.js';

/** Header carrying the correlation id of every Platform API answer. */
export const CORRELATION_HEADER = 'inin-correlation-id';

/** A fresh correlation id (the Platform API's are UUIDs). */
export function newCorrelationId(): string {
  return randomUUID();
}

/**
 * A Platform API `ErrorBody` answer (genesys-facts §4.2): `message` with the parameters filled
 * in, `messageWithParams` with `{name}` placeholders, `messageParams`, and `contextId` equal to
 * the `ININ-Correlation-Id` header.
 */
export function errorBody(
  status: number,
  code: string,
  template: string,
  params: Record<string, string> = {},
  headers: Record<string, string> = {},
): SimResponse {
  const contextId = headers[CORRELATION_HEADER] ?? newCorrelationId();
  const message = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
  return jsonResponse(
    status,
    {
      message,
      code,
      status,
      messageWithParams: template,
      messageParams: params,
      contextId,
      details: [],
      errors: [],
    },
    { ...headers, [CORRELATION_HEADER]: contextId },
  );
}

/** 403 naming the permissions the caller lacks (one: `missing.permissions`; several: any of). */
export function missingPermissions(permissions: readonly string[]): SimResponse {
  const list = permissions.join(', ');
  return permissions.length === 1
    ? errorBody(
        403,
        'missing.permissions',
        'Unable to perform the requested action. You are missing the following permission(s): {permissions}',
        { permissions: list },
      )
    : errorBody(
        403,
        'missing.any.permissions',
        'Unable to perform the requested action. You must have at least one of the following permissions assigned: {permissions}',
        { permissions: list },
      );
}

export const notFound = (): SimResponse =>
  errorBody(404, 'not.found', 'The requested resource was not found.');

export const badRequest = (message: string): SimResponse => errorBody(400, 'bad.request', message);

export const notAuthorized = (): SimResponse =>
  errorBody(403, 'not.authorized', 'You are not authorized to perform the requested action.');

/** The 429 of the per-token limit, with `Retry-After` (seconds). */
export function tooManyRequests(
  retryAfterSec: number,
  headers: Record<string, string>,
): SimResponse {
  return errorBody(
    429,
    'too.many.requests',
    'Rate limit exceeded the maximum. Retry the request in [{retryAfter}] seconds',
    { retryAfter: String(retryAfterSec) },
    { ...headers, 'retry-after': String(retryAfterSec) },
  );
}

/** `code` and `message` the Platform API answers for a bare status (genesys-facts §4.2). */
const STATUS_ERRORS: Record<number, [string, string]> = {
  400: [
    'bad.request',
    'The request could not be understood by the server due to malformed syntax.',
  ],
  401: [
    'authentication.required',
    'No authentication bearer token specified in authorization header.',
  ],
  403: ['not.authorized', 'You are not authorized to perform the requested action.'],
  404: ['not.found', 'The requested resource was not found.'],
  409: ['conflict', 'The request conflicts with the current state of the target resource.'],
  429: [
    'too.many.requests',
    'Rate limit exceeded the maximum. Retry the request in [{retryAfter}] seconds',
  ],
  500: [
    'internal.server.error',
    'The server encountered an unexpected condition which prevented it from fulfilling the request.',
  ],
  503: [
    'service.unavailable',
    'Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).',
  ],
  504: ['request.timeout', 'The request timed out.'],
};

/** An `ErrorBody` for an injected status fault. */
export function cloudStatusError(status: number, headers: Record<string, string>): SimResponse {
  const [code, message] = STATUS_ERRORS[status] ?? ['error', `HTTP ${status}`];
  const retryAfter = headers['retry-after'];
  return errorBody(status, code, message, retryAfter ? { retryAfter } : {}, headers);
}
