import { UpstreamError } from '../../errors/UpstreamError.js';
import { parseRetryAfter } from '../http/retryAfter.js';
import type { RawResponse } from '../http/types.js';

/** A permission name as the Platform API spells them (`wfm:schedule:view`), nothing else. */
const PERMISSION = /^[A-Za-z][A-Za-z0-9]*(:[A-Za-z0-9*]+){1,3}$/;
/** Bodies larger than this are not read for a code (an ErrorBody is small). */
const MAX_ERROR_BODY_BYTES = 16_384;
const MAX_PERMISSIONS = 20;

/** What the gateway takes from a Platform API `ErrorBody` (genesys-facts §4.2). Never echoed. */
export interface CloudErrorFacts {
  code: string | undefined;
  missingPermissions: string[] | undefined;
  correlationId: string | undefined;
}

/**
 * Reads `code`, the permission names of a `missing.permissions` / `missing.any.permissions` 403
 * (from `messageParams`, each checked against the permission pattern so nothing else gets through)
 * and the correlation id (`ININ-Correlation-Id`, else `contextId`, else the id the gateway sent).
 */
export function readCloudError(response: RawResponse, sentRequestId?: string): CloudErrorFacts {
  const header = response.headers['inin-correlation-id'];
  let correlationId = safeId(Array.isArray(header) ? header[0] : header);
  let code: string | undefined;
  let missingPermissions: string[] | undefined;
  if (response.body.length <= MAX_ERROR_BODY_BYTES) {
    try {
      const body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
      if (typeof body.code === 'string' && /^[a-z0-9.]{1,80}$/.test(body.code)) code = body.code;
      correlationId ??= safeId(typeof body.contextId === 'string' ? body.contextId : undefined);
      if (code === 'missing.permissions' || code === 'missing.any.permissions')
        missingPermissions = permissionsOf(body.messageParams);
    } catch {
      // not an ErrorBody: status and headers still classify it
    }
  }
  return { code, missingPermissions, correlationId: correlationId ?? safeId(sentRequestId) };
}

function permissionsOf(params: unknown): string[] | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  const names = Object.values(params as Record<string, unknown>)
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(/[\s,]+/))
    .filter((v) => PERMISSION.test(v) && v.length <= 100);
  return names.length ? [...new Set(names)].slice(0, MAX_PERMISSIONS) : undefined;
}

function safeId(value: string | undefined): string | undefined {
  return value !== undefined && /^[A-Za-z0-9._-]{1,100}$/.test(value) ? value : undefined;
}

/**
 * Refines the status classification of a Platform API error (CONTRACT §8): 403 with named
 * permissions → reason `MISSING_PERMISSIONS`; 429 → `retryAfter` from `Retry-After`, else
 * `inin-ratelimit-reset`; 409 → CONFLICT; every error carries the correlation id.
 */
export function refineCloudError(
  error: UpstreamError,
  response: RawResponse,
  sentRequestId?: string,
): UpstreamError {
  const facts = readCloudError(response, sentRequestId);
  let retryAfterSec = error.retryAfterSec;
  if (error.kind === 'RATE_LIMITED' && retryAfterSec === undefined)
    retryAfterSec = parseRetryAfter(response.headers['inin-ratelimit-reset']);
  const missing = error.kind === 'FORBIDDEN' ? facts.missingPermissions : undefined;
  // A 409 is the Platform API's answer to a stale `metadata.version` (optimistic concurrency).
  const kind = response.status === 409 ? 'CONFLICT' : error.kind;
  return new UpstreamError(kind, error.message, {
    service: error.service,
    operation: error.operation,
    status: error.status,
    reason: missing ? 'MISSING_PERMISSIONS' : error.reason,
    retryAfterSec,
    correlationId: facts.correlationId,
    missingPermissions: missing,
    cause: error.cause,
  });
}
