import { UpstreamError, type UpstreamService } from '../../errors/UpstreamError.js';

/** Why the gateway refused an upstream call itself, without sending it. */
export type RejectionReason = 'circuit-open' | 'bulkhead-full' | 'bulkhead-queue-timeout';

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
 * An UNAVAILABLE UpstreamError for a call refused locally (CONTRACT §5: an open circuit and
 * bulkhead rejections are `UPSTREAM_UNAVAILABLE`). Its message is e.g. "wfm-soap GetSite: circuit open".
 */
export function rejectedCall(
  service: UpstreamService,
  operation: string,
  reason: RejectionReason,
): UpstreamError {
  const cause = new ResilienceRejection(reason);
  return new UpstreamError('UNAVAILABLE', `${service} ${operation}: ${cause.message}`, {
    service,
    operation,
    cause,
  });
}

/** Whether `error` is an UpstreamError the gateway made up locally (see {@link rejectedCall}). */
export function isLocalRejection(error: unknown): boolean {
  return error instanceof UpstreamError && error.cause instanceof ResilienceRejection;
}
