/**
 * Composition root of `npm start`: configuration → (demo mode: the simulator) → the gateway
 * (`createGateway`, which builds and never listens) → listen → demo tokens and banner → signals.
 * The only module that reads the real configuration, listens and installs signal handlers; it
 * reaches the simulator (a separate package) only through src/demo/loadSimulator.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ConfigErrors,
  loadConfig,
  type CloudEndpoints,
  type GatewayConfig,
  type GenesysEndpoints,
  type UnknownVariable,
} from './config.js';
import { createGateway } from './createGateway.js';
import { formatBanner } from './demo/banner.js';
import { DEMO_USERS, fetchDemoTokens, type DemoToken } from './demo/demoTokens.js';
import { loadSimulator, type DemoSimulator } from './demo/loadSimulator.js';
import { createJsonLogger } from './logging/createJsonLogger.js';
import { KnownSecrets } from './logging/KnownSecrets.js';
import { describeError } from './logging/Logger.js';
import type { PlaygroundOptions } from './server/playground/createPlaygroundRoutes.js';
import { listenFailureMessage } from './server/listenFailure.js';
import { warnUnreachableUpstreams } from './server/monitoring/startupProbe.js';
import { installShutdown } from './server/shutdown.js';
import { startServer } from './server/startServer.js';
import { startTracing, type TracingHandle } from './tracing/startTracing.js';

/** The schedule board example (`npm run build:example`), served by the gateway in demo mode. */
const BOARD_PATH = '/examples/schedule-board/';
/** `<repo>/dist/examples/schedule-board`, whether this runs from src/ (tsx) or dist/src/ (compiled). */
const BOARD_DIR = join(
  fileURLToPath(new URL('.', import.meta.url)).replace(/[\\/](?:dist[\\/])?src[\\/]?$/, ''),
  'dist',
  'examples',
  'schedule-board',
);

async function main(): Promise<void> {
  let config: GatewayConfig;
  const unknown: UnknownVariable[] = [];
  try {
    config = loadConfig({ onUnknownVariable: (u) => unknown.push(u) });
  } catch (error) {
    if (error instanceof ConfigErrors) {
      // A misspelt name is often why a value is missing: say so before the errors.
      for (const u of unknown) console.error(`Warning: ${unknownVariableMessage(u)}`);
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // Credentials of requests in flight, removed from every log line wherever they appear.
  const secrets = new KnownSecrets();
  const logger = createJsonLogger({ level: config.logLevel, secrets });
  for (const u of unknown)
    logger.warn(unknownVariableMessage(u), { variable: u.variable, closest: u.closest });
  if (config.tokenHashSecretGenerated)
    logger.debug('TOKEN_HASH_SECRET unset: using a random key for this process');

  // Before anything makes a span: with tracing off the SDK is never loaded (src/tracing/).
  const tracing: TracingHandle | null = config.tracing.enabled
    ? await startTracing(config.tracing)
    : null;
  if (tracing) logger.info('OpenTelemetry tracing on', { tracesUrl: config.tracing.tracesUrl });
  let simulator: DemoSimulator | null = null;
  let endpoints: GenesysEndpoints;
  let cloud: CloudEndpoints | null = null;
  if (config.genesys) {
    endpoints = config.genesys;
  } else if (config.cloud) {
    // Genesys Cloud: nothing reaches an Engage back end (createUpstreams.ts); their clients are
    // still built, on addresses that never resolve (RFC 6761 `.invalid`).
    endpoints = ENGAGE_UNUSED_ON_CLOUD;
    cloud = config.cloud;
  } else {
    // Loaded only in demo mode: a gateway pointed at Genesys never loads the simulator.
    const startSimulator = await loadSimulator();
    simulator = await startSimulator({
      port: config.simulatorPort,
      apiKey: config.apiKey,
      agents: config.simulatorAgents,
      rateLimitPerMinute: config.simulatorRateLimitPerMinute,
    }).catch(exitIfPortTaken('The built-in simulator', 'SIMULATOR_PORT', config.simulatorPort));
    endpoints = {
      authUrl: simulator.authUrl,
      wfmUrl: simulator.wfmUrl,
      locatorUrl: simulator.locatorUrl,
    };
    if (config.platform === 'cloud')
      cloud = { apiUrl: simulator.cloudApiUrl, loginUrl: simulator.cloudLoginUrl };
  }

  const playground = playgroundFor(
    config,
    cloud?.loginUrl ?? endpoints.authUrl,
    simulator !== null,
  );
  // The one composition (src/createGateway.ts), the same the test harnesses build.
  const gateway = await createGateway({ config, endpoints, cloud, logger, secrets, playground });
  const running = await startServer(gateway.server, { port: config.port, host: config.host }).catch(
    exitIfPortTaken('The gateway', 'PORT', config.port),
  );

  let tokens: DemoToken[] = [];
  if (simulator && cloud) {
    // Cloud demo: tokens of the seeded users minted by the simulator (its /__admin/tokens).
    const sim = simulator;
    tokens = DEMO_USERS.map((user) => {
      const minted = sim.mintToken('cloud', user);
      return { user, accessToken: minted.access_token, expiresInSec: minted.expires_in };
    });
  } else if (simulator && config.oauthClient) {
    tokens = await fetchDemoTokens({
      authUrl: endpoints.authUrl,
      dispatcher: gateway.dispatchers.rest,
      clientId: config.oauthClient.clientId,
      clientSecret: config.oauthClient.clientSecret,
      apiKey: config.apiKey,
    }).catch((error: unknown) => {
      logger.warn('could not sign the demo users in', describeError(error));
      return [];
    });
  }
  console.log(
    formatBanner({
      mode: config.mode,
      graphqlUrl: running.url,
      playgroundUrl: playground ? running.url : null,
      boardUrl: playground?.mounts?.length ? new URL(BOARD_PATH, running.url).toString() : null,
      simulatorUrl: simulator?.url,
      tokens,
      corsLoopback: config.corsLoopback,
      schemaUrl: config.schemaEndpoint ? new URL('/schema.graphql', running.url).toString() : null,
    }),
  );
  // Configured mode: a wrong or down upstream URL is said now, not only by /readyz later.
  if (!simulator) void warnUnreachableUpstreams(gateway.monitoring.health, logger);
  installShutdown({
    health: gateway.monitoring.health,
    monitor: gateway.monitoring.monitor,
    server: running,
    closers: [
      () => gateway.close(),
      async () => simulator?.close(),
      async () => tracing?.shutdown(),
    ],
    logger,
    delayMs: config.shutdown.delayMs,
    graceMs: config.shutdown.graceMs,
  });
}

/** A `.catch` that ends the process with a message naming `variable` when the port is taken. */
function exitIfPortTaken(what: string, variable: string, port: number) {
  return (error: unknown): never => {
    const message = listenFailureMessage(error, what, variable, port);
    if (message === null) throw error;
    console.error(message);
    process.exit(1);
  };
}

function unknownVariableMessage(u: UnknownVariable): string {
  const where = u.source === '.env' ? 'in .env' : 'in the environment';
  return `${u.variable} (${where}) is not a variable this gateway reads; did you mean ${u.closest}? It is ignored.`;
}

/**
 * The playground when PLAYGROUND_ENABLED: sign-in goes to the Authentication API's authorize page
 * (on Genesys Cloud the login service's) as the browser reaches it (demo mode: the simulator on
 * loopback); in demo mode the gateway also
 * serves the schedule board example when it is built.
 */
const ENGAGE_UNUSED_ON_CLOUD: GenesysEndpoints = {
  authUrl: 'https://engage-unused.invalid/auth/v3',
  wfmUrl: 'https://engage-unused.invalid/wfm/api/v3',
  locatorUrl: 'https://engage-unused.invalid/?Handler=WFMLocatorService800',
};

function playgroundFor(
  config: GatewayConfig,
  signInBaseUrl: string,
  demo: boolean,
): PlaygroundOptions | null {
  if (!config.playground.enabled) return null;
  const board = demo && existsSync(join(BOARD_DIR, 'index.html'));
  return {
    authorizeUrl: config.playground.authorizeUrl ?? `${signInBaseUrl}/oauth/authorize`,
    clientId: config.oauthClient?.clientId ?? null,
    mounts: board ? [{ prefix: BOARD_PATH, dir: BOARD_DIR }] : [],
  };
}

main().catch((error: unknown) => {
  console.error(
    `gateway failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
