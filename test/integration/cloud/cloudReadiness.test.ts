import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitoring } from '../../../src/server/monitoring/createMonitoring.js';
import { warnUnreachableUpstreams } from '../../../src/server/monitoring/startupProbe.js';
import { silentLogger, type Logger } from '../../../src/logging/Logger.js';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

const PROBE = { readiness: { probeTimeoutMs: 500, cacheMs: 0 }, metricsEnabled: false };
const ENGAGE = {
  authUrl: 'http://127.0.0.1:1/auth/v3',
  wfmUrl: 'http://127.0.0.1:1/wfm/api/v3',
  locatorUrl: 'http://127.0.0.1:1/?Handler=WFMLocatorService800',
};

/** A port that was free a moment ago: nothing listens there. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('GENESYS_PLATFORM=cloud: readiness probes the Cloud back ends', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { GENESYS_PLATFORM: 'cloud' } });
  });
  afterAll(async () => {
    await gw.close();
  });

  it('/readyz checks the Platform API and the login service, not the Engage back ends', async () => {
    gw.sim.log.clear();
    const ready = await gw.send({ method: 'GET', path: '/readyz' });
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({
      status: 'ready',
      ready: true,
      shuttingDown: false,
      checks: { 'cloud-api': 'ok', 'cloud-login': 'ok' },
    });
    // A TCP probe only: no request, no token, nothing in the simulator's log.
    expect(gw.sim.log.count()).toBe(0);
  });

  it('an unreachable Cloud origin fails readiness and is warned about at start, naming its variable', async () => {
    const port = await closedPort();
    const monitoring = createMonitoring({
      config: PROBE,
      endpoints: ENGAGE,
      cloud: { apiUrl: gw.sim.cloudApiUrl, loginUrl: `http://127.0.0.1:${port}` },
      wsdlReady: new Promise(() => undefined),
      logger: silentLogger,
    });
    const report = await monitoring.health.readiness();
    expect(report.ready).toBe(false);
    expect(report.checks).toEqual({ 'cloud-api': 'ok', 'cloud-login': 'unreachable' });
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (message) => warnings.push(message) };
    expect(await warnUnreachableUpstreams(monitoring.health, logger)).toEqual(['cloud-login']);
    expect(warnings.join('\n')).toContain('GENESYS_CLOUD_LOGIN_URL');
  });
});
