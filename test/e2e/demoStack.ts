import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.js';
import { createGateway } from '../../src/createGateway.js';
import { startServer } from '../../src/server/startServer.js';
import { startSimulator, type Simulator } from '../../src/simulator/createSimulator.js';

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
 * The simulator (rate limit off; faults added per test) and the gateway against it, built by
 * `createGateway` as `npm start` builds it (resilience, the cross-request cache), with the
 * playground (sign-in through the simulator's form) and the schedule board mounted at
 * `/examples/schedule-board/`, both listening on 127.0.0.1.
 */
export async function startDemoStack(): Promise<DemoStack> {
  const sim = await startSimulator({ port: 0, rateLimitPerMinute: 0 });
  const oauthClient = { clientId: 'demo-client', clientSecret: 'demo-secret' };
  const config = loadConfig({
    envFile: null,
    env: {
      NODE_ENV: 'test',
      GENESYS_AUTH_URL: sim.authUrl,
      GENESYS_WFM_URL: sim.wfmUrl,
      GENESYS_WFM_LOCATOR_URL: sim.locatorUrl,
      UPSTREAM_TIMEOUT_MS: '5000',
      UPSTREAM_CONNECT_TIMEOUT_MS: '1000',
      REQUEST_TIMEOUT_MS: '15000',
      TOKEN_HASH_SECRET: 'e2e-test-secret-0123456789abcdef0123',
      TOKEN_CHECK_CACHE_MAX: '1000',
      SHUTDOWN_GRACE_MS: '500',
      OAUTH_CLIENT_ID: oauthClient.clientId,
      OAUTH_CLIENT_SECRET: oauthClient.clientSecret,
    },
  });
  const gateway = await createGateway({
    config,
    endpoints: { authUrl: sim.authUrl, wfmUrl: sim.wfmUrl, locatorUrl: sim.locatorUrl },
    playground: {
      authorizeUrl: `${sim.authUrl}/oauth/authorize`,
      clientId: oauthClient.clientId,
      mounts: [{ prefix: '/examples/schedule-board/', dir: BOARD_DIR }],
    },
  });
  const running = await startServer(gateway.server, { port: 0, host: '127.0.0.1' });
  const origin = new URL(running.url).origin;
  return {
    sim,
    origin,
    graphqlUrl: running.url,
    boardUrl: `${origin}/examples/schedule-board/`,
    async close() {
      await running.stop();
      await gateway.close();
      await sim.close();
    },
  };
}
