import { useCallback, useEffect, useRef, useState } from 'react';
import { SignInError, startPopupSignIn, type SignInAttempt } from './auth/popupSignIn.js';
import type { PlaygroundClientConfig } from './clientConfig.js';

/** The signed-in user, in page memory only. */
export interface Session {
  token: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Who is signed in (`me.user.loginName`, else `username`), when the gateway answered it. */
  username: string | null;
}

/** What the session controls show and do. */
export interface SessionState {
  session: Session | null;
  signingIn: boolean;
  /** The last problem or event worth telling (sign-in failed, session expired). */
  notice: string | null;
  signIn(): void;
  cancelSignIn(): void;
  signOut(): void;
}

/**
 * The playground's session: sign-in through the popup flow, the username from `me`, expiry when
 * the token does, and sign-out (the gateway's `signOut` mutation, then forgetting the token).
 */
export function useSession(config: PlaygroundClientConfig): SessionState {
  const [session, setSession] = useState<Session | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [attempt, setAttempt] = useState<SignInAttempt | null>(null);
  const attemptRef = useRef<SignInAttempt | null>(null);

  const signIn = useCallback(() => {
    if (!config.signIn || attemptRef.current) return;
    const started = startPopupSignIn(config.signIn);
    attemptRef.current = started;
    setAttempt(started);
    setNotice(null);
    started.result
      .then(async (access) => {
        const username = await whoAmI(config.graphqlPath, access.token);
        setSession({ token: access.token, expiresAt: access.expiresAt, username });
      })
      .catch((error: unknown) => {
        if (!(error instanceof SignInError && error.cancelled))
          setNotice(error instanceof Error ? error.message : String(error));
      })
      .finally(() => {
        attemptRef.current = null;
        setAttempt(null);
      });
  }, [config]);

  const signOut = useCallback(() => {
    if (session) void revoke(config.graphqlPath, session.token);
    setSession(null);
    setNotice('Signed out.');
  }, [config, session]);

  useEffect(() => {
    if (!session) return;
    const timer = window.setTimeout(
      () => {
        setSession(null);
        setNotice('The session expired; sign in again.');
      },
      Math.max(0, session.expiresAt - Date.now()),
    );
    return () => window.clearTimeout(timer);
  }, [session]);

  return {
    session,
    signingIn: attempt !== null,
    notice,
    signIn,
    cancelSignIn: () => attempt?.cancel(),
    signOut,
  };
}

async function graphql(path: string, token: string, query: string): Promise<unknown> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
    credentials: 'omit',
  });
  return response.json();
}

async function whoAmI(path: string, token: string): Promise<string | null> {
  try {
    const body = (await graphql(path, token, '{ me { user { loginName username } } }')) as {
      data?: { me?: { user?: { loginName?: string | null; username?: string } } };
    };
    const user = body.data?.me?.user;
    return user?.loginName ?? user?.username ?? null;
  } catch {
    return null;
  }
}

/** Best effort: the token is forgotten whether or not the Authentication API hears of it. */
async function revoke(path: string, token: string): Promise<void> {
  try {
    await graphql(path, token, 'mutation SignOut { signOut { success } }');
  } catch {
    // Nothing to do: the page no longer holds the token either way.
  }
}
