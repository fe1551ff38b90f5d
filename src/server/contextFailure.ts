import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { classifyError } from '../errors/classifyError.js';
import { HTTP_STATUS_BY_CODE } from '../errors/codes.js';

/**
 * Turns a failure of context creation (authentication) into what Apollo Server answers for the
 * whole request: the original error (formatted at the one boundary, `formatError`) plus an HTTP
 * status chosen by its code (`HTTP_STATUS_BY_CODE`): UNAUTHENTICATED → 401 with
 * `WWW-Authenticate: Bearer` (CONTRACT §5), RATE_LIMITED → 429 with `Retry-After`, FORBIDDEN
 * (the gateway's API key refused) → 403, UPSTREAM_TIMEOUT → 504, UPSTREAM_UNAVAILABLE → 503,
 * UPSTREAM_ERROR → 502, anything else → 500. `requestId` goes into the error's extensions.
 */
export function contextFailure(error: unknown, requestId?: string): GraphQLError {
  const classified = classifyError(error);
  const headers = new HeaderMap();
  if (classified.code === 'UNAUTHENTICATED') headers.set('www-authenticate', 'Bearer');
  const retryAfter = classified.extensions['retryAfter'];
  if (classified.code === 'RATE_LIMITED' && typeof retryAfter === 'number')
    headers.set('retry-after', String(retryAfter));
  return new GraphQLError(classified.message, {
    originalError:
      error instanceof Error ? error : new Error('non-error thrown during context creation'),
    extensions: {
      http: { status: HTTP_STATUS_BY_CODE[classified.code], headers },
      // Kept by formatError, as requestIdPlugin adds it to the errors of executed requests.
      ...(requestId === undefined ? {} : { requestId }),
    },
  });
}
