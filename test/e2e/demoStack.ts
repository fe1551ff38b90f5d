import { fileURLToPath } from 'node:url';
import type { Simulator } from '@genesys-gateway/simulator';
import { startTestGateway } from '../helpers/testGateway.js';

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
 * The harness gateway (test/helpers/testGateway.ts: the simulator with rate limit off, faults
 * added per test; resilience and the cross-request cache as `npm start` builds them) with the
 * playground (sign-in through the simulator's form) and the schedule board mounted at
 * `/examples/schedule-board/`, listening on 127.0.0.1.
 */
export async function startDemoStack(): Promise<DemoStack> {
  const gateway = await startTestGateway({
    env: { REQUEST_TIMEOUT_MS: '15000' },
    playground: (sim) => ({
      authorizeUrl: `${sim.authUrl}/oauth/authorize`,
      clientId: 'demo-client',
      mounts: [{ prefix: '/examples/schedule-board/', dir: BOARD_DIR }],
    }),
  });
  return {
    sim: gateway.sim,
    origin: gateway.base,
    graphqlUrl: gateway.url,
    boardUrl: `${gateway.base}/examples/schedule-board/`,
    close: () => gateway.close(),
  };
}
