import type { UpstreamService } from '../../errors/UpstreamError.js';
import type { HttpInterceptor } from '../http/types.js';
import { BulkheadRejectedError, type Bulkhead } from './Bulkhead.js';
import { rejectedCall } from './ResilienceRejection.js';

/**
 * Runs every attempt to `service` inside one of `bulkhead`'s slots (held until the answer is read
 * in full). A call that gets no slot — queue full, no slot within the wait limit or before the
 * request deadline, or the caller left while queued — fails with UpstreamError UNAVAILABLE
 * (`UPSTREAM_UNAVAILABLE`), which is never retried and never counted by the circuit breaker.
 */
export function bulkheadInterceptor(bulkhead: Bulkhead, service: UpstreamService): HttpInterceptor {
  return (next) => async (request) => {
    let release: () => void;
    try {
      release = await bulkhead.acquire(request.signal, request.deadlineAtMs);
    } catch (error) {
      const full = error instanceof BulkheadRejectedError && error.refusal === 'full';
      throw rejectedCall(
        service,
        request.operation,
        full ? 'bulkhead-full' : 'bulkhead-queue-timeout',
      );
    }
    try {
      return await next(request);
    } finally {
      release();
    }
  };
}
