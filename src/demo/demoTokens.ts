import type { Dispatcher } from 'undici';
import { HttpJsonClient } from '../upstream/http/HttpJsonClient.js';
import { authForbiddenReason } from '../upstream/http/apiKeyRejection.js';
import { readOAuthToken } from '../upstream/engage/auth/readAuthAnswers.js';

/** The demo users whose tokens `npm start` prints (CONTRACT §7). */
export const DEMO_USERS = [
  'sam.supervisor',
  'pat.supervisor',
  'alex.agent',
  'nina.noprov',
] as const;

export interface DemoToken {
  user: string;
  accessToken: string;
  expiresInSec: number;
}

export interface DemoTokenOptions {
  /** The simulator's Authentication API base URL (`…/auth/v3`). */
  authUrl: string;
  dispatcher: Dispatcher;
  clientId: string;
  clientSecret: string;
  tenant?: string;
  password?: string;
  users?: readonly string[];
  apiKey?: string | null;
  timeoutMs?: number;
}

/**
 * Signs the demo users in through the simulator's real `POST /auth/v3/oauth/token` (password
 * grant, `tenant\user`, HTTP Basic client authentication) — the same path any client takes, no
 * back door. Demo mode only; the gateway itself never uses the password grant.
 */
export async function fetchDemoTokens(options: DemoTokenOptions): Promise<DemoToken[]> {
  const http = new HttpJsonClient({
    service: 'auth',
    baseUrl: options.authUrl,
    dispatcher: options.dispatcher,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxResponseBytes: 64 * 1024,
    apiKey: options.apiKey,
    forbiddenReason: authForbiddenReason,
  });
  const tenant = options.tenant ?? 'demo';
  const password = options.password ?? 'demo-password';
  return Promise.all(
    (options.users ?? DEMO_USERS).map(async (user) => {
      const body = await http.json({
        operation: 'oauth/token',
        method: 'POST',
        path: '/oauth/token',
        body: {
          form: { grant_type: 'password', username: `${tenant}\\${user}`, password, scope: '*' },
        },
        auth: { basic: { username: options.clientId, password: options.clientSecret } },
      });
      const token = readOAuthToken(body);
      return { user, accessToken: token.access_token, expiresInSec: token.expires_in };
    }),
  );
}
