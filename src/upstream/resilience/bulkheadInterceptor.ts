import type { UpstreamService } from '../../errors/UpstreamError.js';
import type { HttpInterceptor } from '../http/types.js';
import { BulkheadRejectedError, type Bulkhead, type BulkheadRefusal } from './Bulkhead.js';
import { rejectedCall, type RejectionReason } from './ResilienceRejection.js';

const REASONS: Readonly<Record<BulkheadRefusal, RejectionReason>> = {
  full: 'bulkhead-full',
  'queue-timeout': 'bulkhead-queue-timeout',
  'caller-share': 'bulkhead-caller-share',
};

/**
 * Runs every attempt to `service` inside one of `bulkhead`'s slots (held until the answer is read
 * in full), shared fairly between the callers the requests name (`PreparedRequest.caller`). A call
 * that gets no slot — queue full, no slot within the wait limit or before the request deadline,
 * or the caller left while queued — fails with UpstreamError UNAVAILABLE (`UPSTREAM_UNAVAILABLE`);
 * one refused because its own caller holds the most of the queue fails with RATE_LIMITED and
 * `retryAfter` 1 (it is this caller, not the back end, that should slow down). Neither is ever
 * retried nor counted by the circuit breaker.
 */
export function bulkheadInterceptor(bulkhead: Bulkhead, service: UpstreamService): HttpInterceptor {
  return (next) => async (request) => {
    let release: () => void;
    try {
      release = await bulkhead.acquire(request.signal, request.deadlineAtMs, request.caller);
    } catch (error) {
      const refusal = error instanceof BulkheadRejectedError ? error.refusal : 'queue-timeout';
      throw rejectedCall(service, request.operation, REASONS[refusal]);
    }
    try {
      return await next(request);
    } finally {
      release();
    }
  };
}
