import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUpstreamError } from '../../errors/UpstreamError.js';
import type { AuthApi } from '../../types/AuthApi.js';
import { describeError, type Logger } from '../../logging/Logger.js';
import { BodyTooLargeError, readRequestBody } from '../readRequestBody.js';
import type { ExchangeThrottle } from './exchangeThrottle.js';
import { sendJsonNoStore } from './send.js';

export interface TokenExchangeDeps {
  auth: Pick<AuthApi, 'exchangeCode'>;
  /** Path of the playground's OAuth callback; `redirectUri` must point at it. */
  callbackPath: string;
  /** Exchanges allowed per client address; checked before anything is forwarded. */
  throttle: ExchangeThrottle;
  logger: Logger;
}

/** What the browser posts. */
interface ExchangeRequest {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

/** Largest accepted request body, in bytes. */
const MAX_BODY_BYTES = 8 * 1024;
/** RFC 7636 §4.1: 43–128 characters of [A-Z a-z 0-9 - . _ ~]. */
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const CODE = /^[\x21-\x7e]{1,1024}$/;

/**
 * `POST /playground/token` with JSON `{ code, codeVerifier, redirectUri }`: the server-side half of
 * the playground's Authorization Code + PKCE sign-in. The gateway exchanges the code at the
 * Authentication API with its own confidential client (OAUTH_CLIENT_ID / OAUTH_CLIENT_SECRET,
 * which never reach the browser) and answers `{ access_token, token_type, expires_in }` — no
 * refresh token: the page keeps the access token in memory and signs in again when it expires.
 *
 * Nothing is forwarded upstream unless every check holds, in this order: POST with a JSON body
 * (so a cross-origin page cannot post without a CORS preflight); an `Origin` header naming this
 * gateway's own host (browsers always send it on a POST; a page elsewhere is refused 403); the
 * client address within its {@link ExchangeThrottle} budget (429 with `Retry-After`); a PKCE
 * verifier (RFC 7636) — always sent, so a conforming Authentication API refuses a code that was
 * issued without a challenge (RFC 9700 §4.8.2, PKCE downgrade); and `redirectUri` equal, whole, to
 * that origin's callback URL (the Authentication API then checks it matches the authorize request).
 * Failures are RFC 6749 §5.2 shaped: 400 `invalid_request` / `invalid_grant`, 403
 * `access_denied`, 429 with `Retry-After`, 503 `temporarily_unavailable`, 502 `server_error`; no
 * upstream text is passed on.
 */
export async function handleTokenExchange(
  req: IncomingMessage,
  res: ServerResponse,
  deps: TokenExchangeDeps,
): Promise<void> {
  if ((req.method ?? '').toUpperCase() !== 'POST') {
    return sendJsonNoStore(res, 405, oauthError('invalid_request', 'Use POST.'), { allow: 'POST' });
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return sendJsonNoStore(res, 415, oauthError('invalid_request', 'Send application/json.'));
  }
  const origin = sameOrigin(req);
  if (origin === null) {
    return sendJsonNoStore(
      res,
      403,
      oauthError('access_denied', 'Sign in from the playground page of this gateway.'),
    );
  }
  const wait = deps.throttle.take(req.socket.remoteAddress ?? 'unknown');
  if (wait > 0) {
    return sendJsonNoStore(
      res,
      429,
      oauthError('temporarily_unavailable', 'Too many sign-in attempts; try again later.'),
      { 'retry-after': String(wait) },
    );
  }
  let raw: Buffer;
  try {
    raw = await readRequestBody(req, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      res.setHeader('connection', 'close');
      return sendJsonNoStore(res, 413, oauthError('invalid_request', 'Body too large.'));
    }
    throw error;
  }
  const input = readExchangeRequest(raw, `${origin}${deps.callbackPath}`);
  if (typeof input === 'string') {
    return sendJsonNoStore(res, 400, oauthError('invalid_request', input));
  }

  const clientGone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) clientGone.abort();
  });
  try {
    const token = await deps.auth.exchangeCode({ ...input, signal: clientGone.signal });
    sendJsonNoStore(res, 200, {
      access_token: token.access_token,
      token_type: token.token_type || 'bearer',
      expires_in: token.expires_in,
    });
  } catch (error) {
    const answer = failure(error);
    if (answer.status >= 500)
      deps.logger.warn('playground code exchange failed', describeError(error));
    sendJsonNoStore(res, answer.status, answer.body, answer.headers);
  }
}

/**
 * The request's `Origin` when it names the host the request was sent to (the gateway itself, as
 * the browser addressed it, proxies included), else null. `null` origins (sandboxed frames, file
 * pages) and requests without one are refused.
 */
function sameOrigin(req: IncomingMessage): string | null {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (typeof origin !== 'string' || !host) return null;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.host === host.toLowerCase() && url.origin === origin ? url.origin : null;
  } catch {
    return null;
  }
}

function readExchangeRequest(raw: Buffer, callbackUrl: string): ExchangeRequest | string {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'The body is not valid JSON.';
  }
  if (typeof value !== 'object' || value === null) return 'Expected a JSON object.';
  const { code, codeVerifier, redirectUri } = value as Record<string, unknown>;
  if (typeof code !== 'string' || !CODE.test(code)) return '"code" is missing or malformed.';
  if (typeof codeVerifier !== 'string' || !CODE_VERIFIER.test(codeVerifier))
    return '"codeVerifier" must be a PKCE code verifier (RFC 7636, 43-128 characters).';
  if (redirectUri !== callbackUrl) return `"redirectUri" must be ${callbackUrl}.`;
  return { code, codeVerifier, redirectUri };
}

function failure(error: unknown): {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
} {
  if (!isUpstreamError(error)) {
    return { status: 502, body: oauthError('server_error', 'The code exchange failed.') };
  }
  // A 401 from oauth/token means the gateway's own client credentials were refused: ours to fix.
  if (error.kind === 'UNAUTHENTICATED' && error.status === 401)
    return { status: 502, body: oauthError('server_error', 'The code exchange failed.') };
  switch (error.kind) {
    case 'UNAUTHENTICATED':
    case 'BAD_REQUEST':
      return {
        status: 400,
        body: oauthError('invalid_grant', 'The sign-in code was refused; sign in again.'),
      };
    case 'RATE_LIMITED': {
      const retryAfter = String(Math.max(1, error.retryAfterSec ?? 1));
      return {
        status: 429,
        body: oauthError('temporarily_unavailable', 'Rate limited by the Authentication API.'),
        headers: { 'retry-after': retryAfter },
      };
    }
    case 'TIMEOUT':
    case 'UNAVAILABLE':
      return {
        status: 503,
        body: oauthError('temporarily_unavailable', 'The Authentication API is unavailable.'),
      };
    case 'FORBIDDEN':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'ERROR':
      return { status: 502, body: oauthError('server_error', 'The code exchange failed.') };
  }
}

function oauthError(error: string, description: string): unknown {
  return { error, error_description: description };
}
