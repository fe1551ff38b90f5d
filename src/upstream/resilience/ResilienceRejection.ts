import { UpstreamError, type UpstreamService } from '../../errors/UpstreamError.js';

/** Why the gateway refused an upstream call itself, without sending it. */
export type RejectionReason =
  'circuit-open' | 'bulkhead-full' | 'bulkhead-queue-timeout' | 'bulkhead-caller-share';

/**
 * The `cause` of an UpstreamError the gateway made up locally (open circuit, full bulkhead). Retry
 * policies never retry it and circuit breakers never count it: nothing reached the upstream.
 */
export class ResilienceRejection extends Error {
  readonly reason: RejectionReason;

  constructor(reason: RejectionReason) {
    super(reason.replace(/-/g, ' '));
    this.name = 'ResilienceRejection';
    this.reason = reason;
  }
}

/**
 * The UpstreamError for a call refused locally: UNAVAILABLE for an open circuit and the bulkhead's
 * capacity refusals (`UPSTREAM_UNAVAILABLE`, as RELIABILITY.md fixes), RATE_LIMITED with
 * `retryAfter` 1 s for a call refused because its own caller holds the most of the bulkhead's
 * queue (the caller should slow down; the back end is fine). Its message is e.g. "wfm-soap
 * GetSite: circuit open".
 */
export function rejectedCall(
  service: UpstreamService,
  operation: string,
  reason: RejectionReason,
): UpstreamError {
  const cause = new ResilienceRejection(reason);
  const message = `${service} ${operation}: ${cause.message}`;
  if (reason === 'bulkhead-caller-share')
    return new UpstreamError('RATE_LIMITED', message, {
      service,
      operation,
      retryAfterSec: 1,
      cause,
    });
  return new UpstreamError('UNAVAILABLE', message, { service, operation, cause });
}

/** Whether `error` is an UpstreamError the gateway made up locally (see {@link rejectedCall}). */
export function isLocalRejection(error: unknown): boolean {
  return error instanceof UpstreamError && error.cause instanceof ResilienceRejection;
}
