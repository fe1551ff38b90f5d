import type { Logger } from '../../logging/Logger.js';
import type { Health } from './health.js';

/** The variable that sets each probed upstream (check names of `createMonitoring`). */
const VARIABLE_OF: Readonly<Record<string, string>> = {
  auth: 'GENESYS_AUTH_URL',
  wfm: 'GENESYS_WFM_URL',
  'wfm-soap': 'GENESYS_WFM_LOCATOR_URL',
  'cloud-api': 'GENESYS_CLOUD_REGION or GENESYS_CLOUD_API_URL',
  'cloud-login': 'GENESYS_CLOUD_REGION or GENESYS_CLOUD_LOGIN_URL',
};

/**
 * Runs the readiness checks once at start-up and warns about every upstream that cannot be
 * reached, naming the variable that points at it, so a wrong URL shows in the first lines of the
 * log instead of only as a 503 on `/readyz`. The gateway keeps running: an upstream may come up
 * later. Resolves with the names of the unreachable upstreams; never rejects.
 */
export async function warnUnreachableUpstreams(health: Health, logger: Logger): Promise<string[]> {
  try {
    const report = await health.readiness();
    const unreachable = Object.entries(report.checks)
      .filter(([, state]) => state === 'unreachable')
      .map(([name]) => name);
    for (const name of unreachable) {
      const variable = VARIABLE_OF[name];
      logger.warn(
        `upstream ${name} is unreachable${variable ? ` (check ${variable})` : ''}; /readyz answers 503 until it answers`,
        { upstream: name, ...(variable ? { variable } : {}) },
      );
    }
    return unreachable;
  } catch {
    return [];
  }
}
