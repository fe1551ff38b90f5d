import type { UpstreamService } from '../../errors/UpstreamError.js';
import { ATTR, noteOnActiveSpan } from '../../tracing/spans.js';
import type { HttpInterceptor } from '../http/types.js';
import { classifyAttempt, settleAttempt, unwrapOutcome } from './classifyAttempt.js';
import type { BreakerResult, CircuitBreaker } from './CircuitBreaker.js';
import { rejectedCall } from './ResilienceRejection.js';

/**
 * Puts `breaker` around every attempt to `service`: an open circuit fails the attempt at once with
 * UpstreamError UNAVAILABLE ("circuit open", never retried); otherwise the attempt runs and its
 * outcome is reported — only `failing` outcomes (5xx without a SOAP Fault, attempt timeouts,
 * connection failures) count as failures; 4xx, 429 and SOAP Faults count as successes.
 */
export function breakerInterceptor(
  breaker: CircuitBreaker,
  service: UpstreamService,
  now: () => number = Date.now,
): HttpInterceptor {
  return (next) => async (request) => {
    const permit = breaker.tryAcquire();
    if (permit === null) throw rejectedCall(service, request.operation, 'circuit-open');
    const outcome = await settleAttempt(next, request);
    const { health } = classifyAttempt(outcome, request, now());
    const result: BreakerResult =
      health === 'failing' ? 'failure' : health === 'neutral' ? 'ignored' : 'success';
    breaker.record(permit, result);
    // Tracing on: the attempt's span (attemptSpans.ts) says how the breaker counted it.
    noteOnActiveSpan({ [ATTR.breakerResult]: result });
    return unwrapOutcome(outcome);
  };
}
