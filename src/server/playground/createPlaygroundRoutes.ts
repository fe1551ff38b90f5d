import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildASTSchema, introspectionFromSchema, type DocumentNode } from 'graphql';
import type { AuthApi } from '../../types/AuthApi.js';
import type { Logger } from '../../logging/Logger.js';
import { callbackPage, notBuiltPage, playgroundPage } from './pages.js';
import { sendBody, sendHtml, sendJsonNoStore } from './send.js';
import { StaticFiles, type StaticMount } from './StaticFiles.js';
import { ExchangeThrottle } from './exchangeThrottle.js';
import { handleTokenExchange } from './tokenExchange.js';

/** The playground's own URL paths (the GraphQL path itself is configurable). */
export const PLAYGROUND_PATHS = {
  assets: '/playground/assets/',
  config: '/playground/config',
  callback: '/playground/callback',
  token: '/playground/token',
  schema: '/playground/schema',
} as const;

/**
 * Where `npm run build:playground` writes the bundles: `<repo>/dist/playground`, found from this
 * module whether it runs from src/ (tsx) or compiled in dist/src/ (`npm run build`).
 */
export const DEFAULT_ASSETS_DIR = join(
  fileURLToPath(new URL('.', import.meta.url)).replace(
    /[\\/](?:dist[\\/])?src[\\/]server[\\/]playground[\\/]?$/,
    '',
  ),
  'dist',
  'playground',
);

/** How the gateway offers the playground; built by main.ts (or a test) when it is enabled. */
export interface PlaygroundOptions {
  /**
   * The Authentication API `oauth/authorize` URL as the browser reaches it (demo mode: the
   * simulator's). Null: no Sign in button; a token can still be pasted into the headers.
   */
  authorizeUrl: string | null;
  /** OAUTH_CLIENT_ID (public; the secret stays in the gateway). Null: no Sign in button. */
  clientId: string | null;
  /** More static apps served by the gateway, e.g. the schedule board in demo mode. */
  mounts?: readonly StaticMount[];
  /** Directory of the playground bundles; default {@link DEFAULT_ASSETS_DIR}. */
  assetsDir?: string;
}

export interface PlaygroundRouteDeps extends PlaygroundOptions {
  /** Code exchange at the Authentication API (the gateway's confidential client). */
  auth: Pick<AuthApi, 'exchangeCode'>;
  graphqlPath: string;
  logger: Logger;
  /** SDL served as introspection JSON at `/playground/schema` (docs before sign-in); null when introspection is off. */
  schema: DocumentNode | null;
}

/** Answers a request if it is the playground's (true), else leaves it alone (false). */
export type PlaygroundRoutes = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => Promise<boolean>;

/**
 * The browser side of the gateway: `GET /graphql` with `Accept: text/html` → the playground page;
 * `/playground/assets/*` → its bundles; `/playground/config` → what the page needs to sign in;
 * `/playground/callback` → the OAuth redirect target; `POST /playground/token` → the server-side
 * code exchange; `/playground/schema` → introspection JSON (only when introspection is on); and
 * the configured static mounts. Everything else falls through to GraphQL.
 */
export function createPlaygroundRoutes(deps: PlaygroundRouteDeps): PlaygroundRoutes {
  const assetsDir = deps.assetsDir ?? DEFAULT_ASSETS_DIR;
  const files = new StaticFiles([
    { prefix: PLAYGROUND_PATHS.assets, dir: assetsDir },
    ...(deps.mounts ?? []),
  ]);
  const signIn =
    deps.authorizeUrl && deps.clientId
      ? {
          authorizeUrl: deps.authorizeUrl,
          clientId: deps.clientId,
          scope: '*',
          callbackPath: PLAYGROUND_PATHS.callback,
          tokenPath: PLAYGROUND_PATHS.token,
        }
      : null;
  const clientConfig = JSON.stringify({
    graphqlPath: deps.graphqlPath,
    schemaPath: deps.schema ? PLAYGROUND_PATHS.schema : null,
    signIn,
  });
  let introspectionJson: string | undefined;
  const throttle = new ExchangeThrottle();

  return async (req, res, url) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const read = method === 'GET' || method === 'HEAD';
    const path = url.pathname;

    if (read && (path === deps.graphqlPath || path === `${deps.graphqlPath}/`) && wantsHtml(req)) {
      const built = existsSync(join(assetsDir, 'playground.js'));
      sendHtml(
        res,
        built ? 200 : 503,
        built ? playgroundPage(PLAYGROUND_PATHS.assets) : notBuiltPage(),
        method === 'HEAD',
      );
      return true;
    }
    if (path === '/playground' || path === '/playground/') {
      res.statusCode = 302;
      res.setHeader('location', deps.graphqlPath);
      res.end();
      return true;
    }
    if (path === PLAYGROUND_PATHS.token) {
      if (!signIn) return notFound(res);
      await handleTokenExchange(req, res, {
        auth: deps.auth,
        callbackPath: PLAYGROUND_PATHS.callback,
        throttle,
        logger: deps.logger,
      });
      return true;
    }
    if (read && path === PLAYGROUND_PATHS.config) {
      sendBody(res, 200, 'application/json; charset=utf-8', clientConfig, {
        'cache-control': 'no-store',
      });
      return true;
    }
    if (read && path === PLAYGROUND_PATHS.callback) {
      sendHtml(res, 200, callbackPage(PLAYGROUND_PATHS.assets), method === 'HEAD');
      return true;
    }
    if (read && path === PLAYGROUND_PATHS.schema) {
      if (!deps.schema) return notFound(res);
      introspectionJson ??= JSON.stringify({
        data: introspectionFromSchema(buildASTSchema(deps.schema)),
      });
      sendBody(res, 200, 'application/json; charset=utf-8', introspectionJson, {
        'cache-control': 'no-cache',
      });
      return true;
    }
    if (files.owns(path)) {
      await files.serve(req, res, path);
      return true;
    }
    if (path.startsWith('/playground/')) return notFound(res);
    return false;
  };
}

/** A browser navigation (Apollo's rule for its landing page): the Accept header names text/html. */
function wantsHtml(req: IncomingMessage): boolean {
  return /\btext\/html\b/i.test(String(req.headers.accept ?? ''));
}

function notFound(res: ServerResponse): true {
  sendJsonNoStore(res, 404, {
    errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }],
  });
  return true;
}
