/**
 * A failure of an upstream Genesys call, classified once where it happens (HTTP status, SOAP
 * Fault, socket error) and turned into a GraphQL error only in `formatError`. Never carries an
 * upstream body, a SOAP faultstring, a token or a URL: `message` is ours, `cause` stays internal.
 */
export type UpstreamService = 'auth' | 'wfm' | 'wfm-soap' | 'cloud';

export type UpstreamErrorKind =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'BAD_REQUEST'
  | 'TIMEOUT'
  | 'UNAVAILABLE'
  | 'ERROR';

export type ForbiddenReason =
  | 'WFM_NOT_PROVISIONED'
  | 'INVALID_API_KEY'
  | 'INSUFFICIENT_PRIVILEGES'
  | 'MISSING_PERMISSIONS'
  | 'UPSTREAM_FORBIDDEN';

export interface UpstreamErrorOptions {
  service: UpstreamService;
  /** Upstream operation, e.g. `userinfo`, `GetAgentState`. */
  operation: string;
  /** HTTP status the upstream answered, when it answered. */
  status?: number;
  reason?: ForbiddenReason;
  /** Whole seconds from `Retry-After`, for RATE_LIMITED. */
  retryAfterSec?: number;
  /** Genesys Cloud: the `ININ-Correlation-Id` of the failing call (or the id the gateway sent). */
  correlationId?: string;
  /** Genesys Cloud 403 `missing.permissions` / `missing.any.permissions`: the permission names. */
  missingPermissions?: readonly string[];
  /** CONFLICT (a stale `version`): the object's current version, when the gateway could read it. */
  currentVersion?: number;
  cause?: unknown;
}

export class UpstreamError extends Error {
  readonly kind: UpstreamErrorKind;
  readonly service: UpstreamService;
  readonly operation: string;
  readonly status: number | undefined;
  readonly reason: ForbiddenReason | undefined;
  readonly retryAfterSec: number | undefined;
  readonly correlationId: string | undefined;
  readonly missingPermissions: readonly string[] | undefined;
  readonly currentVersion: number | undefined;

  constructor(kind: UpstreamErrorKind, message: string, options: UpstreamErrorOptions) {
    super(message, { cause: options.cause });
    this.name = 'UpstreamError';
    this.kind = kind;
    this.service = options.service;
    this.operation = options.operation;
    this.status = options.status;
    this.reason = options.reason;
    this.retryAfterSec = options.retryAfterSec;
    this.correlationId = options.correlationId;
    this.missingPermissions = options.missingPermissions;
    this.currentVersion = options.currentVersion;
  }

  /** The same error with some options replaced (the cause stays this error's). */
  with(changes: Partial<Omit<UpstreamErrorOptions, 'cause'>>): UpstreamError {
    return new UpstreamError(this.kind, this.message, { ...this.options(), ...changes });
  }

  /** This error's options (what `with` and a replayed outcome rebuild it from). */
  options(): UpstreamErrorOptions {
    return {
      service: this.service,
      operation: this.operation,
      status: this.status,
      reason: this.reason,
      retryAfterSec: this.retryAfterSec,
      correlationId: this.correlationId,
      missingPermissions: this.missingPermissions,
      currentVersion: this.currentVersion,
      cause: this.cause,
    };
  }
}

export function isUpstreamError(value: unknown): value is UpstreamError {
  return value instanceof UpstreamError;
}
