/**
 * Composition root of `npm start`: configuration → (demo mode: the simulator) → upstream clients →
 * server → listen → signals. The only module that builds real I/O objects and the only one that
 * may import the simulator.
 */
import type { Dispatcher } from 'undici';
import { cachedUpstreamsFor } from './cache/composeUpstreams.js';
import { ConfigError, loadConfig, type GatewayConfig, type GenesysEndpoints } from './config.js';
import type { Upstreams } from './context/GatewayContext.js';
import { formatBanner } from './demo/banner.js';
import { fetchDemoTokens, type DemoToken } from './demo/demoTokens.js';
import { createLoaders } from './loaders/createLoaders.js';
import { resolvers } from './resolvers/index.js';
import { loadTypeDefs } from './schema/typeDefs.js';
import { createServer } from './server/createServer.js';
import { createLogger, describeError, type Logger } from './server/logger.js';
import { debugCostPlugin } from './server/plugins/debugCostPlugin.js';
import { startServer, type RunningServer } from './server/startServer.js';
import type { Simulator } from './simulator/createSimulator.js';
import { HttpAuthApi } from './upstream/auth/AuthApi.js';
import { createUpstreamAgent } from './upstream/http/createUpstreamAgent.js';
import { createWfmSoapApi } from './upstream/soap/createWfmSoapApi.js';
import { HttpWfmApi } from './upstream/wfm/WfmApi.js';

/** How long shutdown may take before the process gives up and exits 1, in ms. */
const SHUTDOWN_DEADLINE_MS = 15_000;

async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (config.tokenHashSecretGenerated)
    logger.debug('TOKEN_HASH_SECRET unset: using a random key for this process');

  let simulator: Simulator | null = null;
  let endpoints: GenesysEndpoints;
  if (config.genesys) {
    endpoints = config.genesys;
  } else {
    // Loaded only in demo mode: a gateway pointed at Genesys never loads the simulator.
    const { startSimulator } = await import('./simulator/createSimulator.js');
    simulator = await startSimulator({ port: config.simulatorPort, apiKey: config.apiKey });
    endpoints = {
      authUrl: simulator.authUrl,
      wfmUrl: simulator.wfmUrl,
      locatorUrl: simulator.locatorUrl,
    };
  }

  const dispatcher = createUpstreamAgent({ connectTimeoutMs: config.upstream.connectTimeoutMs });
  const upstreams = await buildUpstreams(config, endpoints, dispatcher);
  const server = await createServer({
    config,
    upstreams: cachedUpstreamsFor(upstreams, config.cache),
    typeDefs: loadTypeDefs(),
    resolvers,
    createLoaders,
    logger,
    plugins: [debugCostPlugin()],
  });
  const running = await startServer(server, { port: config.port, host: config.host });

  let tokens: DemoToken[] = [];
  if (simulator && config.oauthClient) {
    tokens = await fetchDemoTokens({
      authUrl: endpoints.authUrl,
      dispatcher,
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
      playgroundUrl: running.url,
      simulatorUrl: simulator?.url,
      tokens,
    }),
  );
  installShutdown({ running, dispatcher, simulator, logger });
}

/** The three upstream clients over one pooled dispatcher; SOAP resolves the WFM user id through WFM REST. */
async function buildUpstreams(
  config: GatewayConfig,
  endpoints: GenesysEndpoints,
  dispatcher: Dispatcher,
): Promise<Upstreams> {
  const { timeoutMs, maxResponseBytes } = config.upstream;
  const auth = new HttpAuthApi({
    baseUrl: endpoints.authUrl,
    dispatcher,
    timeoutMs,
    maxResponseBytes,
    apiKey: config.apiKey,
    oauthClient: config.oauthClient,
  });
  const wfm = new HttpWfmApi({
    baseUrl: endpoints.wfmUrl,
    dispatcher,
    timeoutMs,
    maxResponseBytes,
  });
  const soap = await createWfmSoapApi({
    locatorUrl: endpoints.locatorUrl,
    dispatcher,
    timeoutMs,
    maxResponseBytes,
    resolveUserId: async (ctx) => (await wfm.userInfo(ctx)).userId,
  });
  return { auth, wfm, soap };
}

/** SIGINT/SIGTERM: stop accepting, let in-flight requests finish, close upstreams and the simulator, exit 0. */
function installShutdown(parts: {
  running: RunningServer;
  dispatcher: Dispatcher;
  simulator: Simulator | null;
  logger: Logger;
}): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    parts.logger.info('shutting down', { signal });
    setTimeout(() => {
      parts.logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    void (async () => {
      try {
        await parts.running.stop();
        await parts.dispatcher.close();
        await parts.simulator?.close();
        process.exit(0);
      } catch (error) {
        parts.logger.error('shutdown failed', describeError(error));
        process.exit(1);
      }
    })();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(
    `gateway failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
