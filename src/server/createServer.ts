import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import {
  printSchema,
  specifiedRules,
  validate,
  type DocumentNode,
  type ValidationRule,
} from 'graphql';
import { withSignOutInvalidation } from '../cache/invalidateOnSignOut.js';
import { Invalidation } from '../cache/Invalidation.js';
import type { WholeAnswerCache } from '../cache/WholeAnswerCache.js';
import { TokenCheckCache } from '../cache/TokenCheckCache.js';
import { createTokenHasher } from '../cache/tokenHash.js';
import { createAuthenticator } from '../context/authenticate.js';
import { createContextFactory, type ContextFactoryDeps } from '../context/createContext.js';
import type { GatewayContext } from '../resolvers/GatewayContext.js';
import { createFormatError } from '../errors/formatError.js';
import { buildSchema, type SchemaSources } from '../schema/buildSchema.js';
import type { CloudUserDetails } from '../types/AuthApi.js';
import { createHttpHandler, type HttpHandler } from './httpHandler.js';
import { requestIdPlugin } from './plugins/requestIdPlugin.js';
import {
  createPlaygroundRoutes,
  type PlaygroundOptions,
} from './playground/createPlaygroundRoutes.js';
import { createDirectExecution } from './directExecution.js';
import { isDebugCostPlugin } from './plugins/debugCostPlugin.js';
import { apolloDocumentStore, validDocument } from './limits/apolloDocumentStore.js';
import { DocumentCache } from './limits/DocumentCache.js';
import { FrontDoor } from './limits/FrontDoor.js';
import { noIntrospection } from './limits/noIntrospection.js';
import type { QueryLimits } from './limits/QueryLimits.js';
import { createLimitedHttpServer, type SocketLimits } from './socketLimits.js';
import { withoutSuggestions } from './limits/withoutSuggestions.js';
import { describeError, silentLogger, type Logger } from '../logging/Logger.js';
import type { Monitor } from './monitoring/Monitor.js';
import type { Upstreams } from '../types/Upstreams.js';

/**
 * The configuration the server reads: a part of `GatewayConfig` (src/config.ts documents each
 * variable and its default), declared here so the server does not depend on the config reader.
 */
export interface ServerConfig {
  /** NODE_ENV: `production` hides schema suggestions; `development` adds stack traces. */
  readonly nodeEnv: 'development' | 'production' | 'test';
  /** GRAPHQL_INTROSPECTION. */
  readonly introspection: boolean;
  /** CORS_ORIGINS: browser origins allowed to call cross-origin. */
  readonly corsOrigins: readonly string[];
  /** CORS_ALLOW_LOOPBACK: any loopback http origin too (demo mode). Default off. */
  readonly corsLoopback?: boolean;
  /** SCHEMA_ENDPOINT_ENABLED: `GET /schema.graphql` answers the SDL. Default off. */
  readonly schemaEndpoint?: boolean;
  /** `demo` when the gateway runs against the built-in simulator (messages then say so). Default `genesys`. */
  readonly mode?: 'demo' | 'genesys';
  /** MAX_REQUEST_BODY_BYTES: larger bodies are answered 413 unread, bytes. */
  readonly maxRequestBodyBytes: number;
  /** REQUEST_TIMEOUT_MS: deadline of one gateway request, ms. */
  readonly requestTimeoutMs: number;
  /** MAX_SCHEDULE_RANGE_DAYS: longest schedule range a query may ask for, days. */
  readonly maxScheduleRangeDays: number;
  /** TOKEN_HASH_SECRET: HMAC key of token hashes. */
  readonly tokenHashSecret: string;
  /** TOKEN_CHECK_TTL_MS (ms) and TOKEN_CHECK_CACHE_MAX (entries). */
  readonly tokenCheck: { readonly ttlMs: number; readonly maxEntries: number };
  /** GRAPHQL_MAX_* and GRAPHQL_COST_LIST_SIZE: the front door's document budgets. */
  readonly limits: QueryLimits;
  /** HTTP_*: client socket deadlines and caps. */
  readonly http: SocketLimits;
}

export interface CreateServerDeps {
  config: ServerConfig;
  /** Shared upstream clients (already decorated with caches and counters, if any). */
  upstreams: Upstreams;
  /** The public SDL of `schema/*.graphql` (see `loadTypeDefs`); served at `GET /schema.graphql`. */
  typeDefs: SchemaSources['typeDefs'];
  /** `resolvers` of src/resolvers/index.ts. */
  resolvers: SchemaSources['resolvers'];
  /**
   * The Apollo Federation v2 layer of `schema/federation/` (`loadFederationTypeDefs`): the
   * executable schema is then a subgraph (`_service`, `_entities`), the public SDL unchanged.
   * Absent: a plain schema.
   */
  federation?: SchemaSources['federation'];
  /** `createLoaders` of src/loaders/createLoaders.ts. */
  createLoaders: ContextFactoryDeps['createLoaders'];
  logger?: Logger;
  /** Extra Apollo plugins (e.g. `debugCostPlugin()`). */
  plugins?: ApolloServerPlugin<GatewayContext>[];
  /** How long stop() lets in-flight requests finish before closing their sockets, in ms. Default 10000. */
  stopGracePeriodMs?: number;
  /** The browser playground at `GET /graphql` (PLAYGROUND_ENABLED); null or absent: off. */
  playground?: PlaygroundOptions | null;
  /** Health, readiness, metrics and the access log (src/server/monitoring/Monitor.ts); absent: only `/healthz`. */
  monitor?: Monitor | null;
  /**
   * Where sign-out and password change send their invalidations and where the token checks are
   * registered (src/cache/Invalidation.ts). Default: one of its own, bounded by TOKEN_CHECK_CACHE_MAX.
   */
  invalidation?: Invalidation;
  /**
   * Whole answers per caller, answered after the front door and the token check without
   * execution (src/cache/WholeAnswerCache.ts); registered with `invalidation` here. Absent: none.
   */
  answers?: WholeAnswerCache | null;
  /** OpenTelemetry tracing on: spans per request and the trace id as request id. Default off. */
  tracing?: boolean;
}

/** Demo mode: the simulator forgets its tokens when it stops, so yesterday's banner token fails. */
const DEMO_TOKEN_HINT =
  'Demo tokens are reissued at each start of the gateway: copy a fresh one from the banner of `npm start`, or sign in again.';

/** A built (started, not listening) gateway. */
export interface GatewayServer {
  readonly apollo: ApolloServer<GatewayContext>;
  /** The node:http server, created but not listening; `startServer` listens. */
  readonly httpServer: Server;
  readonly handler: HttpHandler;
  /** The token-check cache (tests; sign-out may evict). */
  readonly tokenChecks: TokenCheckCache<CloudUserDetails>;
  /** The invalidations the server's sign-outs go through (`CreateServerDeps.invalidation`). */
  readonly invalidation: Invalidation;
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
  const invalidation =
    deps.invalidation ?? new Invalidation({ maxTokens: config.tokenCheck.maxEntries });
  invalidation.register({ dropToken: (tokenHash) => tokenChecks.delete(tokenHash) });
  const answers = deps.answers ?? null;
  if (answers) invalidation.register(answers);
  const upstreams = withSignOutInvalidation(deps.upstreams, invalidation);
  const createContext = createContextFactory({
    upstreams,
    authenticate: createAuthenticator({
      auth: upstreams.auth,
      hasher: createTokenHasher(config.tokenHashSecret),
      tokenChecks,
      invalidation,
      ...(config.mode === 'demo' ? { refusedTokenHint: DEMO_TOKEN_HINT } : {}),
    }),
    createLoaders: deps.createLoaders,
    requestTimeoutMs: config.requestTimeoutMs,
    limits: {
      maxScheduleRangeDays: config.maxScheduleRangeDays,
      maxListArgument: config.limits.maxListArgument,
    },
    budget: {
      maxUpstreamCalls: config.limits.maxUpstreamCalls,
      maxAnswerItems: config.limits.maxAnswerItems,
    },
  });

  // Header and request deadlines, connection cap and keep-alive bounds: a slow or flooding
  // client cannot hold sockets longer or in greater number than configured.
  const httpServer = createLimitedHttpServer(config.http, config.requestTimeoutMs);

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
    // Tracing on: extensions.requestId (the trace id) on every error, so a quoted error names its trace.
    ...(deps.tracing ? [requestIdPlugin()] : []),
    ...(deps.plugins ?? []),
  ];
  // One executable schema for Apollo Server, the front door's cost model and the validation of
  // front-door documents; one cache of parsed documents shared by the front door and Apollo
  // Server, so a document's text is parsed once (see apolloDocumentStore). Clients see the
  // public schema: the subgraph's federation fields are for routers.
  const built = buildSchema({
    typeDefs: deps.typeDefs,
    resolvers: deps.resolvers,
    federation: deps.federation ?? null,
  });
  const schema = built.executable;
  const validationRules: ValidationRule[] = config.introspection ? [] : [noIntrospection];
  const rules = [...specifiedRules, ...validationRules];
  const documents = new DocumentCache();
  const validateDocument = (document: DocumentNode) => validate(schema, document, rules);
  const formatError = (production ? withoutSuggestions : <T>(f: T) => f)(
    createFormatError({
      includeStacktrace: config.nodeEnv === 'development',
      onInternalError: (error) => logger.error('internal error', describeError(error)),
    }),
  );
  // Plain queries skip Apollo Server's request pipeline when no plugin has work per request
  // (tracing's request ids do; the debug cost plugin only for requests that ask for it).
  const direct =
    (deps.plugins ?? []).every(isDebugCostPlugin) && !deps.tracing
      ? {
          execute: createDirectExecution({ schema, formatError }),
          document: (hash: string) => validDocument(documents, hash, validateDocument),
        }
      : null;
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    documentStore: apolloDocumentStore(documents, validateDocument),
    nodeEnv: config.nodeEnv,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Introspection is refused by our own rule (above), so the document store validates with
    // exactly the rules Apollo Server runs.
    introspection: true,
    validationRules,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    logger,
    formatError,
    plugins,
  });
  await apollo.start();

  const handler = createHttpHandler({
    apollo,
    createContext,
    logger,
    maxRequestBodyBytes: config.maxRequestBodyBytes,
    cors: { origins: config.corsOrigins, loopback: config.corsLoopback ?? false },
    sdl: (config.schemaEndpoint ?? false) ? printSchema(built.public) : null,
    frontDoor: new FrontDoor({ limits: config.limits, schema, production, documents }),
    monitor: deps.monitor ?? null,
    answers,
    tracing: deps.tracing ?? false,
    direct,
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
  return { apollo, httpServer, handler, tokenChecks, invalidation };
}

/** The SDL as one parsed document, when `typeDefs` is one (as `loadTypeDefs` returns). */
function documentOf(typeDefs: CreateServerDeps['typeDefs']): DocumentNode | null {
  return typeof typeDefs === 'string' ? null : typeDefs;
}
