import type { SessionState } from './useSession.js';

/**
 * Sign in / sign out, shown in GraphiQL's header (the logo slot), with who is signed in and the
 * last notice. Without a sign-in configuration it explains how to send a token by hand.
 */
export function SessionControls({ state, enabled }: { state: SessionState; enabled: boolean }) {
  const { session, signingIn, notice } = state;
  return (
    <div className="pg-session" aria-live="polite">
      <span className="pg-brand">Genesys gateway</span>
      {notice && !session ? <span className="pg-notice">{notice}</span> : null}
      {!enabled ? (
        <span className="pg-hint" title="OAUTH_CLIENT_ID / OAUTH_CLIENT_SECRET">
          Sign-in not configured: put {'{"Authorization": "Bearer …"}'} in Headers
        </span>
      ) : session ? (
        <>
          <span className="pg-user" data-testid="signed-in-user" title={session.username ?? ''}>
            Signed in as <strong>{session.username ?? 'unknown user'}</strong>
          </span>
          <button type="button" className="pg-button" onClick={state.signOut}>
            Sign out
          </button>
        </>
      ) : signingIn ? (
        <>
          <span className="pg-hint">Waiting for the sign-in window…</span>
          <button type="button" className="pg-button" onClick={state.cancelSignIn}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" className="pg-button pg-primary" onClick={state.signIn}>
          Sign in
        </button>
      )}
    </div>
  );
}
