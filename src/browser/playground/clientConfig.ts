/**
 * What `GET /playground/config` answers: everything a browser page needs to query the gateway and
 * sign in. Written by src/server/playground/createPlaygroundRoutes.ts, read by the playground and
 * by the examples. The OAuth client *secret* is never part of it: the code exchange happens in
 * the gateway.
 */
export interface PlaygroundClientConfig {
  /** Path of the GraphQL endpoint on this origin, e.g. `/graphql`. */
  graphqlPath: string;
  /** Introspection JSON without a token (docs before sign-in); null when introspection is off. */
  schemaPath: string | null;
  /** Null when the gateway has no OAuth client or authorize URL configured. */
  signIn: SignInConfig | null;
}

/** The Authorization Code + PKCE sign-in as the browser runs it. */
export interface SignInConfig {
  /** The Authentication API's `oauth/authorize` URL, as the browser reaches it. */
  authorizeUrl: string;
  /** The gateway's OAuth client id (public). */
  clientId: string;
  /** OAuth scope to ask for (Genesys supports `*` only). */
  scope: string;
  /** The gateway's redirect target on this origin; it hands the code back to the opener. */
  callbackPath: string;
  /** Where the page posts `{ code, codeVerifier, redirectUri }` for the server-side exchange. */
  tokenPath: string;
}

/**
 * The message the callback page sends to the window that opened the sign-in popup, through
 * `window.opener.postMessage` (this origin only) and a same-origin `BroadcastChannel` of the same
 * name (for when the opener link was cut). `code` or `error` is set.
 */
export interface CallbackMessage {
  type: typeof CALLBACK_MESSAGE_TYPE;
  code: string | null;
  state: string | null;
  error: string | null;
  errorDescription: string | null;
}

/** `type` of a {@link CallbackMessage}, and the name of its BroadcastChannel. */
export const CALLBACK_MESSAGE_TYPE = 'genesys-gateway:oauth-callback';
