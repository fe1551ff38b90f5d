import type { UpstreamService } from './UpstreamError.js';
import { UpstreamError } from './UpstreamError.js';

/**
 * The error for a caller that stopped waiting for a shared upstream call (the call goes on for the
 * others): TIMEOUT when its signal aborted for the gateway request deadline (`TimeoutError`), else
 * ERROR for a client that went away. Made for `SharedLoad.join`'s `onAbort`.
 */
export function callerLeft(
  signal: AbortSignal,
  service: UpstreamService,
  operation: string,
): UpstreamError {
  const reason: unknown = signal.reason;
  const deadline = reason instanceof Error && reason.name === 'TimeoutError';
  return new UpstreamError(
    deadline ? 'TIMEOUT' : 'ERROR',
    deadline
      ? `${service} ${operation}: gateway request deadline passed`
      : `${service} ${operation}: cancelled by the client`,
    { service, operation },
  );
}
