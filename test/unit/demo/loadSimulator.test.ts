/**
 * Demo mode's loader of the simulator package: it loads the real workspace package, and without
 * the package (a production install) it fails with an error that names the package and the
 * GENESYS_* variables instead of a bare module-not-found.
 */
import { describe, expect, it } from 'vitest';
import {
  loadSimulator,
  SIMULATOR_PACKAGE,
  SimulatorUnavailableError,
} from '../../../src/demo/loadSimulator.js';

describe('loadSimulator', () => {
  it('loads the installed simulator package and starts it', async () => {
    const start = await loadSimulator();
    const sim = await start({ port: 0, apiKey: null, agents: 2, rateLimitPerMinute: 0 });
    try {
      expect(sim.authUrl).toBe(`${sim.url}/auth/v3`);
      expect(sim.locatorUrl).toBe(`${sim.url}/?Handler=WFMLocatorService800`);
    } finally {
      await sim.close();
    }
  });

  it('names the package and the GENESYS_* variables when the package is missing', async () => {
    const missing = Object.assign(new Error(`Cannot find package '${SIMULATOR_PACKAGE}'`), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const failure = loadSimulator(() => Promise.reject(missing));
    await expect(failure).rejects.toBeInstanceOf(SimulatorUnavailableError);
    await expect(failure).rejects.toThrow(
      /@genesys-gateway\/simulator.*development dependency.*GENESYS_AUTH_URL, GENESYS_WFM_URL and GENESYS_WFM_LOCATOR_URL/s,
    );
  });

  it('refuses a module without startSimulator', async () => {
    await expect(loadSimulator(() => Promise.resolve({}))).rejects.toThrow(
      /exports no startSimulator/,
    );
  });
});
