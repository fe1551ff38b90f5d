import type { Dispatcher } from 'undici';
import { UpstreamError } from '../../../errors/UpstreamError.js';
import type { CallContext } from '../../../types/CallContext.js';
import { authForbiddenReason } from '../../http/apiKeyRejection.js';
import { HttpJsonClient, type HttpCall } from '../../http/HttpJsonClient.js';
import type { HttpInterceptor } from '../../http/types.js';
import { readCloudUserDetails, readOAuthToken, readOpenIdUserInfo } from './readAuthAnswers.js';
import type {
  AuthApi,
  CloudUserDetails,
  OAuthToken,
  OpenIdUserInfo,
} from '../../../types/AuthApi.js';

export interface HttpAuthApiOptions {
  /** Base URL ending in `/auth/v3`. */
  baseUrl: string;
  dispatcher: Dispatcher;
  /** Deadline of one attempt, in ms. */
  timeoutMs: number;
  /** Largest accepted answer, in bytes. */
  maxResponseBytes: number;
  /** GENESYS_API_KEY, sent as `x-api-key` on every call. */
  apiKey?: string | null;
  /** Confidential client for `exchangeCode` (Basic auth on `oauth/token`); null: exchange unavailable. */
  oauthClient?: { clientId: string; clientSecret: string } | null;
  interceptors?: readonly HttpInterceptor[];
}

/**
 * The Authentication API v3 over undici (genesys-facts §1). Every call forwards the caller's own
 * token; nothing about a caller is kept on this shared object.
 *
 * 403 handling: the API-gateway body `{"message":"Forbidden"}` is INVALID_API_KEY (see
 * `authForbiddenReason`). Any other 403 from an endpoint that checks the token (`userinfo`,
 * `openid/userinfo`, `ping`, `sign-out`) means the token was refused — Genesys documents 403 for
 * an unauthenticated `ping`, and some deployments answer 403 for unknown tokens — so it becomes
 * UNAUTHENTICATED. `change-password` keeps 403 as FORBIDDEN ("Unable to update password").
 */
export class HttpAuthApi implements AuthApi {
  readonly #http: HttpJsonClient;
  readonly #oauthClient: { clientId: string; clientSecret: string } | null;

  constructor(options: HttpAuthApiOptions) {
    this.#http = new HttpJsonClient({
      service: 'auth',
      baseUrl: options.baseUrl,
      dispatcher: options.dispatcher,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      apiKey: options.apiKey,
      forbiddenReason: authForbiddenReason,
      interceptors: options.interceptors,
    });
    this.#oauthClient = options.oauthClient ?? null;
  }

  async userInfo(ctx: CallContext): Promise<CloudUserDetails> {
    const body = await this.#http.json(tokenCall(ctx, 'userinfo', 'GET', '/userinfo'));
    return parsed('userinfo', () => readCloudUserDetails(body));
  }

  async openIdUserInfo(ctx: CallContext): Promise<OpenIdUserInfo> {
    const body = await this.#http.json(
      tokenCall(ctx, 'openid/userinfo', 'GET', '/openid/userinfo'),
    );
    return parsed('openid/userinfo', () => readOpenIdUserInfo(body));
  }

  async ping(ctx: CallContext): Promise<void> {
    await this.#http.noContent(tokenCall(ctx, 'ping', 'GET', '/ping'));
  }

  async signOut(ctx: CallContext, global: boolean): Promise<void> {
    await this.#http.noContent({
      ...tokenCall(ctx, 'sign-out', 'POST', '/sign-out'),
      query: { global: String(global) },
    });
  }

  async changePassword(
    ctx: CallContext,
    input: { oldPassword: string; newPassword: string; userName?: string },
  ): Promise<void> {
    const data: Record<string, string> = {
      oldPassword: input.oldPassword,
      newPassword: input.newPassword,
    };
    if (input.userName !== undefined) data['userName'] = input.userName;
    await this.#http.noContent({
      operation: 'change-password',
      method: 'POST',
      path: '/change-password',
      body: { json: { data } },
      auth: { bearer: ctx.token },
      signal: ctx.signal,
      requestId: ctx.requestId,
    });
  }

  async exchangeCode(input: {
    code: string;
    redirectUri: string;
    codeVerifier: string;
    signal?: AbortSignal;
  }): Promise<OAuthToken> {
    const client = this.#oauthClient;
    if (!client) {
      throw new UpstreamError(
        'ERROR',
        'auth oauth/token: no OAuth client configured (OAUTH_CLIENT_ID)',
        {
          service: 'auth',
          operation: 'oauth/token',
        },
      );
    }
    const body = await this.#http.json({
      operation: 'oauth/token',
      method: 'POST',
      path: '/oauth/token',
      body: {
        form: {
          grant_type: 'authorization_code',
          code: input.code,
          redirect_uri: input.redirectUri,
          code_verifier: input.codeVerifier,
        },
      },
      auth: { basic: { username: client.clientId, password: client.clientSecret } },
      signal: input.signal,
      // RFC 6749 §5.2: a bad, expired or replayed code is 400 invalid_grant — the user must sign in again.
      refineError: (error, response) =>
        response.status === 400 && oauthErrorCode(response.body) === 'invalid_grant'
          ? rekind(error, 'UNAUTHENTICATED')
          : error,
    });
    return parsed('oauth/token', () => readOAuthToken(body));
  }
}

/** A GET/POST that authenticates with the caller's token and treats a non-API-key 403 as a refused token. */
function tokenCall(
  ctx: CallContext,
  operation: string,
  method: 'GET' | 'POST',
  path: string,
): HttpCall {
  return {
    operation,
    method,
    path,
    auth: { bearer: ctx.token },
    signal: ctx.signal,
    deadlineAtMs: ctx.deadlineAtMs,
    requestId: ctx.requestId,
    refineError: (error) =>
      error.kind === 'FORBIDDEN' && error.reason !== 'INVALID_API_KEY'
        ? rekind(error, 'UNAUTHENTICATED')
        : error,
  };
}

function rekind(error: UpstreamError, kind: 'UNAUTHENTICATED'): UpstreamError {
  return new UpstreamError(kind, error.message, {
    service: error.service,
    operation: error.operation,
    status: error.status,
    cause: error,
  });
}

function oauthErrorCode(body: Buffer): string | undefined {
  try {
    const parsedBody = JSON.parse(body.toString('utf8')) as { error?: unknown };
    return typeof parsedBody.error === 'string' ? parsedBody.error : undefined;
  } catch {
    return undefined;
  }
}

function parsed<T>(operation: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new UpstreamError('ERROR', `auth ${operation}: unexpected answer shape`, {
      service: 'auth',
      operation,
      status: 200,
      cause: error,
    });
  }
}
