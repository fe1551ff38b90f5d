import { CALLBACK_MESSAGE_TYPE, type CallbackMessage, type SignInConfig } from '../clientConfig.js';
import { createPkce, randomToken } from './pkce.js';

/** An access token held in page memory only. */
export interface AccessToken {
  token: string;
  /** Epoch ms when the Authentication API says it expires. */
  expiresAt: number;
}

/** A running sign-in: its outcome, and a way to give up (closes the popup). */
export interface SignInAttempt {
  readonly result: Promise<AccessToken>;
  cancel(): void;
}

/** Why a sign-in did not produce a token; `message` is fit to show. */
export class SignInError extends Error {
  constructor(
    message: string,
    readonly cancelled = false,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

/** How long the sign-in window may stay open, in ms. */
const SIGN_IN_TIMEOUT_MS = 10 * 60_000;

/**
 * The OAuth 2.0 Authorization Code flow with PKCE S256 (RFC 6749 §4.1, RFC 7636) in a popup, so
 * this page — and the token — stay in memory: a fresh verifier, challenge and `state`; the popup
 * opens the Authentication API's sign-in form with `redirect_uri` = the gateway's callback page,
 * which hands `code` and `state` back; after checking `state`, the page posts
 * `{ code, codeVerifier, redirectUri }` to the gateway, which exchanges it with its confidential
 * client. Nothing is written to localStorage, sessionStorage or cookies.
 *
 * Call it from a click handler: the popup is opened synchronously, before any `await`, so popup
 * blockers let it through.
 */
export function startPopupSignIn(config: SignInConfig): SignInAttempt {
  const popup = window.open('about:blank', 'genesys-sign-in', 'popup,width=480,height=640');
  let cancel: () => void = () => undefined;
  const result = new Promise<AccessToken>((resolve, reject) => {
    if (!popup) {
      reject(new SignInError('The sign-in window was blocked; allow popups for this page.'));
      return;
    }
    const channel = new BroadcastChannel(CALLBACK_MESSAGE_TYPE);
    let state: string | null = null;
    let verifier = '';
    const redirectUri = new URL(config.callbackPath, window.location.origin).toString();
    const finish = (outcome: () => void): void => {
      window.removeEventListener('message', onWindowMessage);
      channel.close();
      window.clearTimeout(timer);
      state = null;
      outcome();
    };
    const onMessage = (data: unknown): void => {
      const message = data as Partial<CallbackMessage> | null;
      if (message?.type !== CALLBACK_MESSAGE_TYPE || state === null || message.state !== state)
        return;
      popup.close();
      if (!message.code) {
        const why = message.errorDescription ?? message.error ?? 'no code received';
        finish(() => reject(new SignInError(`Sign-in failed: ${why}.`)));
        return;
      }
      const code = message.code;
      const codeVerifier = verifier;
      finish(() => resolve(exchange(config.tokenPath, { code, codeVerifier, redirectUri })));
    };
    const onWindowMessage = (event: MessageEvent): void => {
      if (event.origin === window.location.origin) onMessage(event.data);
    };
    window.addEventListener('message', onWindowMessage);
    channel.onmessage = (event: MessageEvent) => onMessage(event.data);
    const timer = window.setTimeout(
      () => finish(() => reject(new SignInError('Sign-in timed out.'))),
      SIGN_IN_TIMEOUT_MS,
    );
    cancel = () => {
      popup.close();
      finish(() => reject(new SignInError('Sign-in cancelled.', true)));
    };

    const expectedState = randomToken(24);
    state = expectedState;
    createPkce().then(
      (pkce) => {
        if (state !== expectedState) return;
        verifier = pkce.verifier;
        const url = new URL(config.authorizeUrl);
        url.searchParams.set('response_type', 'code');
        url.searchParams.set('client_id', config.clientId);
        url.searchParams.set('redirect_uri', redirectUri);
        url.searchParams.set('scope', config.scope);
        url.searchParams.set('state', expectedState);
        url.searchParams.set('code_challenge', pkce.challenge);
        url.searchParams.set('code_challenge_method', 'S256');
        popup.location.href = url.toString();
      },
      (error: unknown) => {
        popup.close();
        finish(() => reject(new SignInError(`Could not prepare sign-in: ${String(error)}`)));
      },
    );
  });
  return { result, cancel: () => cancel() };
}

/** The server-side exchange at the gateway (`POST tokenPath`). */
async function exchange(
  tokenPath: string,
  body: { code: string; codeVerifier: string; redirectUri: string },
): Promise<AccessToken> {
  const response = await fetch(tokenPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  const answer = (await response.json().catch(() => ({}))) as {
    access_token?: unknown;
    expires_in?: unknown;
    error_description?: unknown;
  };
  if (!response.ok || typeof answer.access_token !== 'string') {
    const why =
      typeof answer.error_description === 'string'
        ? answer.error_description
        : `HTTP ${response.status}`;
    throw new SignInError(`The gateway could not complete the sign-in: ${why}`);
  }
  const expiresInSec = typeof answer.expires_in === 'number' ? answer.expires_in : 1800;
  return { token: answer.access_token, expiresAt: Date.now() + expiresInSec * 1000 };
}
