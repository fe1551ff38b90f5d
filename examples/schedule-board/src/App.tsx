import { useCallback, useMemo, useRef, useState } from 'react';
import {
  SignInError,
  startPopupSignIn,
  type AccessToken,
  type SignInAttempt,
} from '../../../src/browser/playground/auth/popupSignIn.js';
import type { PlaygroundClientConfig } from '../../../src/browser/playground/clientConfig.js';
import { BoardSignOutDocument } from './__generated__/graphql.js';
import { Board } from './Board.js';
import { createGatewayClient } from './client.js';

/**
 * The board's shell: sign-in (the gateway's Authorization Code + PKCE popup flow; the token stays
 * in this component's memory), then the board. Signing out forgets the token and revokes it.
 */
export function App({ config }: { config: PlaygroundClientConfig }) {
  const [access, setAccess] = useState<AccessToken | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [attempt, setAttempt] = useState<SignInAttempt | null>(null);
  const tokenRef = useRef<string | null>(null);
  tokenRef.current = access?.token ?? null;
  const client = useMemo(
    () => createGatewayClient(config.graphqlPath, () => tokenRef.current),
    [config],
  );

  const signIn = useCallback(() => {
    if (!config.signIn) return;
    const started = startPopupSignIn(config.signIn);
    setAttempt(started);
    setNotice(null);
    started.result
      .then(setAccess)
      .catch((error: unknown) => {
        if (!(error instanceof SignInError && error.cancelled))
          setNotice(error instanceof Error ? error.message : String(error));
      })
      .finally(() => setAttempt(null));
  }, [config]);

  const signOut = useCallback(() => {
    // Revoke at the Authentication API (best effort); the token is forgotten either way.
    void client.mutation(BoardSignOutDocument, {}).toPromise();
    setAccess(null);
  }, [client]);

  return (
    <div className="app">
      <header className="topbar">
        <h1>Schedule board</h1>
        <span className="subtitle">Genesys WFM schedules through the GraphQL gateway</span>
        <span className="spacer" />
        {access ? (
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        ) : attempt ? (
          <button type="button" onClick={() => attempt.cancel()}>
            Cancel sign-in
          </button>
        ) : (
          <button type="button" className="primary" onClick={signIn} disabled={!config.signIn}>
            Sign in
          </button>
        )}
      </header>
      {notice ? <div className="problem">{notice}</div> : null}
      {!config.signIn ? (
        <p className="empty">The gateway has no OAuth client configured, so sign-in is off.</p>
      ) : access ? (
        <Board client={client} onSignedOut={() => setAccess(null)} />
      ) : (
        <p className="empty">
          Sign in to see schedules (demo: <code>demo\sam.supervisor</code> /{' '}
          <code>demo-password</code>).
        </p>
      )}
    </div>
  );
}
