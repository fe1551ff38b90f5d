import { fileURLToPath } from 'node:url';
import { DEFAULT_CACHE_CONFIG } from '../../src/cache/cacheConfig.js';
import { cachedUpstreamsFor } from '../../src/cache/composeUpstreams.js';
import { createLoaders } from '../../src/loaders/createLoaders.js';
import { resolvers } from '../../src/resolvers/index.js';
import { loadTypeDefs } from '../../src/schema/typeDefs.js';
import { createServer } from '../../src/server/createServer.js';
import { startServer } from '../../src/server/startServer.js';
import { startSimulator, type Simulator } from '../../src/simulator/createSimulator.js';
import { createUpstreams } from '../../src/upstream/createUpstreams.js';
import { createUpstreamAgent } from '../../src/upstream/http/createUpstreamAgent.js';

/** Where `npm run build:example` puts the schedule board. */
const BOARD_DIR = fileURLToPath(new URL('../../dist/examples/schedule-board/', import.meta.url));

/** Demo mode in process, as `npm start` wires it, on port 0: what the browser tests open. */
export interface DemoStack {
  sim: Simulator;
  /** e.g. http://127.0.0.1:PORT (no trailing slash). */
  origin: string;
  graphqlUrl: string;
  boardUrl: string;
  close(): Promise<void>;
}

/**
 * The simulator (rate limit off; faults added per test) and the gateway against it with the
 * cross-request cache, the playground (sign-in through the simulator's form) and the schedule
 * board mounted at `/examples/schedule-board/`, both listening on 127.0.0.1.
 */
export async function startDemoStack(): Promise<DemoStack> {
  const sim = await startSimulator({ port: 0, rateLimitPerMinute: 0 });
  const dispatcher = createUpstreamAgent({ connectTimeoutMs: 1_000 });
  const oauthClient = { clientId: 'demo-client', clientSecret: 'demo-secret' };
  // The composition main.ts uses (src/upstream/createUpstreams.ts), with the response cache.
  const { upstreams } = createUpstreams({
    endpoints: { authUrl: sim.authUrl, wfmUrl: sim.wfmUrl, locatorUrl: sim.locatorUrl },
    dispatcher,
    timeoutMs: 5_000,
    maxResponseBytes: 16 * 1024 * 1024,
    oauthClient,
    decorate: (raw) => cachedUpstreamsFor(raw, DEFAULT_CACHE_CONFIG),
  });
  const server = await createServer({
    config: {
      nodeEnv: 'test',
      introspection: true,
      corsOrigins: [],
      maxRequestBodyBytes: 1024 * 1024,
      requestTimeoutMs: 15_000,
      maxScheduleRangeDays: 62,
      tokenHashSecret: 'e2e-test-secret-0123456789abcdef0123',
      tokenCheck: { ttlMs: 30_000, maxEntries: 1_000 },
    },
    upstreams,
    typeDefs: loadTypeDefs(),
    resolvers,
    createLoaders,
    stopGracePeriodMs: 500,
    playground: {
      authorizeUrl: `${sim.authUrl}/oauth/authorize`,
      clientId: oauthClient.clientId,
      mounts: [{ prefix: '/examples/schedule-board/', dir: BOARD_DIR }],
    },
  });
  const running = await startServer(server, { port: 0, host: '127.0.0.1' });
  const origin = new URL(running.url).origin;
  return {
    sim,
    origin,
    graphqlUrl: running.url,
    boardUrl: `${origin}/examples/schedule-board/`,
    async close() {
      await running.stop();
      await dispatcher.close();
      await sim.close();
    },
  };
}
