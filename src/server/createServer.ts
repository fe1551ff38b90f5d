import { createServer as createHttpServer, type Server } from 'node:http';
import {
  ApolloServer,
  type ApolloServerOptionsWithTypeDefs,
  type ApolloServerPlugin,
} from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { Kind, type DocumentNode } from 'graphql';
import { withTokenCheckEviction } from '../cache/tokenCheckEviction.js';
import { TokenCheckCache } from '../cache/TokenCheckCache.js';
import { createTokenHasher } from '../cache/tokenHash.js';
import type { GatewayConfig } from '../config.js';
import { createAuthenticator } from '../context/authenticate.js';
import { createContextFactory, type ContextFactoryDeps } from '../context/createContext.js';
import type { GatewayContext, Upstreams } from '../context/GatewayContext.js';
import { createFormatError } from '../errors/formatError.js';
import type { CloudUserDetails } from '../upstream/auth/types.js';
import { createHttpHandler, type HttpHandler } from './httpHandler.js';
import {
  createPlaygroundRoutes,
  type PlaygroundOptions,
} from './playground/createPlaygroundRoutes.js';
import { costSchemaOf } from './limits/costSchema.js';
import { FrontDoor } from './limits/FrontDoor.js';
import { DEFAULT_QUERY_LIMITS } from './limits/QueryLimits.js';
import { withoutSuggestions } from './limits/withoutSuggestions.js';
import { describeError, silentLogger, type Logger } from '../logging/Logger.js';
import type { Operations } from './operations.js';

/** The configuration the server reads. */
export type ServerConfig = Pick<
  GatewayConfig,
  | 'nodeEnv'
  | 'introspection'
  | 'corsOrigins'
  | 'maxRequestBodyBytes'
  | 'requestTimeoutMs'
  | 'maxScheduleRangeDays'
  | 'tokenHashSecret'
  | 'tokenCheck'
> &
  // Optional so hand-written test configs keep compiling; absent: the RELIABILITY.md defaults.
  Partial<Pick<GatewayConfig, 'limits'>>;

export interface CreateServerDeps {
  config: ServerConfig;
  /** Shared upstream clients (already decorated with caches and counters, if any). */
  upstreams: Upstreams;
  /** SDL of `schema/*.graphql` (see `loadTypeDefs`). */
  typeDefs: ApolloServerOptionsWithTypeDefs<GatewayContext>['typeDefs'];
  /** `resolvers` of src/resolvers/index.ts. */
  resolvers: ApolloServerOptionsWithTypeDefs<GatewayContext>['resolvers'];
  /** `createLoaders` of src/loaders/createLoaders.ts. */
  createLoaders: ContextFactoryDeps['createLoaders'];
  logger?: Logger;
  /** Extra Apollo plugins (e.g. `debugCostPlugin()`). */
  plugins?: ApolloServerPlugin<GatewayContext>[];
  /** How long stop() lets in-flight requests finish before closing their sockets, in ms. Default 10000. */
  stopGracePeriodMs?: number;
  /** The browser playground at `GET /graphql` (PLAYGROUND_ENABLED); null or absent: off. */
  playground?: PlaygroundOptions | null;
  /** Health, readiness, metrics and the access log (src/server/operations.ts); absent: only `/healthz`. */
  operations?: Operations | null;
}

/** A built (started, not listening) gateway. */
export interface GatewayServer {
  readonly apollo: ApolloServer<GatewayContext>;
  /** The node:http server, created but not listening; `startServer` listens. */
  readonly httpServer: Server;
  readonly handler: HttpHandler;
  /** The token-check cache (tests; sign-out may evict). */
  readonly tokenChecks: TokenCheckCache<CloudUserDetails>;
}

/**
 * Builds the gateway: Apollo Server 5 over node:http, CSRF prevention on, batching off,
 * introspection per config (off in production by default), Apollo's landing page off (the
 * playground, when configured, answers browsers instead),
 * schema suggestions hidden in production, every error through `formatError`, document limits
 * and batches refused before authentication (`FrontDoor`). Never listens.
 */
export async function createServer(deps: CreateServerDeps): Promise<GatewayServer> {
  const { config } = deps;
  const logger = deps.logger ?? silentLogger;
  const production = config.nodeEnv === 'production';
  const tokenChecks = new TokenCheckCache<CloudUserDetails>({
    maxEntries: config.tokenCheck.maxEntries,
    ttlMs: config.tokenCheck.ttlMs,
  });
  const upstreams = withTokenCheckEviction(deps.upstreams, tokenChecks);
  const createContext = createContextFactory({
    upstreams,
    authenticate: createAuthenticator({
      auth: upstreams.auth,
      hasher: createTokenHasher(config.tokenHashSecret),
      tokenChecks,
    }),
    createLoaders: deps.createLoaders,
    requestTimeoutMs: config.requestTimeoutMs,
    maxScheduleRangeDays: config.maxScheduleRangeDays,
  });

  const httpServer = createHttpServer();
  // Time allowed to receive a whole request; a slow-loris client cannot hold a socket longer.
  httpServer.requestTimeout = config.requestTimeoutMs;

  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    ApolloServerPluginDrainHttpServer({
      httpServer,
      stopGracePeriodMillis: deps.stopGracePeriodMs ?? 10_000,
    }),
    // Apollo's own landing page loads from a CDN; the playground (src/server/playground/) replaces it.
    ApolloServerPluginLandingPageDisabled(),
    // No cache hints: every answer is per caller (CONTRACT §6), never HTTP-cacheable, and Apollo's
    // cache-control plugin costs a hook per resolved field (PERFORMANCE.md: ≈ +31% RPS without).
    ApolloServerPluginCacheControlDisabled(),
    ...(deps.plugins ?? []),
  ];
  const apollo = new ApolloServer<GatewayContext>({
    typeDefs: deps.typeDefs,
    resolvers: deps.resolvers,
    nodeEnv: config.nodeEnv,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    logger,
    formatError: (production ? withoutSuggestions : <T>(f: T) => f)(
      createFormatError({
        includeStacktrace: config.nodeEnv === 'development',
        onInternalError: (error) => logger.error('internal error', describeError(error)),
      }),
    ),
    plugins,
  });
  await apollo.start();

  const handler = createHttpHandler({
    apollo,
    createContext,
    logger,
    maxRequestBodyBytes: config.maxRequestBodyBytes,
    corsOrigins: config.corsOrigins,
    frontDoor: new FrontDoor({
      limits: config.limits ?? DEFAULT_QUERY_LIMITS,
      schema: costSchemaOf(deps.typeDefs),
      production,
    }),
    operations: deps.operations ?? null,
    playground: deps.playground
      ? createPlaygroundRoutes({
          ...deps.playground,
          auth: upstreams.auth,
          graphqlPath: '/graphql',
          logger,
          schema: config.introspection ? documentOf(deps.typeDefs) : null,
        })
      : null,
  });
  httpServer.on('request', handler);
  return { apollo, httpServer, handler, tokenChecks };
}

/** The SDL as one parsed document, when `typeDefs` is one (as `loadTypeDefs` returns). */
function documentOf(typeDefs: CreateServerDeps['typeDefs']): DocumentNode | null {
  return typeof typeDefs === 'object' &&
    typeDefs !== null &&
    !Array.isArray(typeDefs) &&
    (typeDefs as { kind?: unknown }).kind === Kind.DOCUMENT
    ? (typeDefs as DocumentNode)
    : null;
}
