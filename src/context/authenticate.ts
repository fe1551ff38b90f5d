import type { TokenCheckCache } from '../cache/TokenCheckCache.js';
import { userKeyOf, type Invalidation } from '../cache/Invalidation.js';
import type { TokenHasher } from '../cache/tokenHash.js';
import { GatewayError } from '../errors/GatewayError.js';
import { isUpstreamError, UpstreamError } from '../errors/UpstreamError.js';
import type { AuthApi, CloudUserDetails } from '../types/AuthApi.js';
import type { CallContext } from '../types/CallContext.js';
import { extractBearerToken } from './bearer.js';

export interface AuthenticatorDeps {
  auth: AuthApi;
  hasher: TokenHasher;
  /** Successful `/userinfo` answers by token hash (short TTL); failures are never kept. */
  tokenChecks: TokenCheckCache<CloudUserDetails>;
  /** Told which user each checked token belongs to, so `dropUser` reaches all their tokens. */
  invalidation?: Pick<Invalidation, 'noteToken'>;
  /** Appended to the message of a refused token (demo mode: where fresh tokens come from). */
  refusedTokenHint?: string;
}

/** Who is calling, established before any other upstream call. */
export interface Authenticated {
  call: CallContext;
  user: CloudUserDetails;
}

export type Authenticator = (input: {
  authorization: string | readonly string[] | undefined;
  signal?: AbortSignal;
  requestId?: string;
}) => Promise<Authenticated>;

/**
 * Authentication first (CONTRACT §5): reads the Bearer token and checks it with the
 * Authentication API's `/userinfo` (remembered briefly under the token's HMAC). Rejects with
 * GatewayError UNAUTHENTICATED for a missing, malformed or refused token, and with the
 * UpstreamError itself when the check could not be made (rate limit, outage, timeout).
 */
export function createAuthenticator(deps: AuthenticatorDeps): Authenticator {
  return async ({ authorization, signal, requestId }) => {
    const bearer = extractBearerToken(authorization);
    if (!bearer.ok) {
      throw GatewayError.unauthenticated(
        bearer.reason === 'missing'
          ? 'Authentication required: send Authorization: Bearer <access token>.'
          : 'Malformed Authorization header: expected Bearer <access token>.',
      );
    }
    const token = bearer.token;
    const tokenHash = deps.hasher(token);
    try {
      // The shared check carries no caller signal: identical concurrent checks of one token are
      // coalesced, and one caller leaving must not fail the others (the upstream deadline bounds it).
      const user = await deps.tokenChecks.getOrCheck(
        tokenHash,
        () => deps.auth.userInfo({ token, tokenHash, requestId }),
        signal,
      );
      const userKey = userKeyOf(deps.hasher, user);
      deps.invalidation?.noteToken(userKey, tokenHash);
      const call: CallContext = { token, tokenHash, userKey, signal, requestId };
      return { call, user };
    } catch (error) {
      throw authFailure(error, signal, deps.refusedTokenHint);
    }
  };
}

function authFailure(
  error: unknown,
  signal: AbortSignal | undefined,
  hint: string | undefined,
): unknown {
  if (isUpstreamError(error) && error.kind === 'UNAUTHENTICATED') {
    const message = 'The access token is invalid or expired.';
    return GatewayError.unauthenticated(hint ? `${message} ${hint}` : message, error);
  }
  if (!isUpstreamError(error) && signal?.aborted) {
    const reason: unknown = signal.reason;
    const deadline = reason instanceof Error && reason.name === 'TimeoutError';
    return new UpstreamError(
      deadline ? 'TIMEOUT' : 'ERROR',
      'auth userinfo: the gateway request ended during the token check',
      {
        service: 'auth',
        operation: 'userinfo',
        cause: error,
      },
    );
  }
  return error;
}
