import type { CloudEndpoints } from '../types/CloudEndpoints.js';
import { ConfigError } from './ConfigError.js';
import type { EnvReader } from './read.js';

/** GENESYS_PLATFORM: which Genesys the deployment talks to (CONTRACT §8). */
export type Platform = 'engage' | 'cloud';

/** Hosts that never leave the machine. */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

export const CLOUD_URL_VARS = ['GENESYS_CLOUD_API_URL', 'GENESYS_CLOUD_LOGIN_URL'] as const;

/**
 * GENESYS_CLOUD_REGION (`mypurecloud.ie`: API at `https://api.<region>/api/v2`, login at
 * `https://login.<region>`) or GENESYS_CLOUD_API_URL and GENESYS_CLOUD_LOGIN_URL together.
 * Null when none is set (demo mode on the Cloud platform). Every variable is read whatever the
 * platform, so the list of known names stays complete; only `cloud` reports problems of presence.
 */
export function readCloudEndpoints(read: EnvReader, platform: Platform): CloudEndpoints | null {
  const region = read.raw('GENESYS_CLOUD_REGION')?.trim();
  const apiUrl = read.url('GENESYS_CLOUD_API_URL', { pathSuffix: '/api/v2', allowQuery: false });
  const loginUrl = read.url('GENESYS_CLOUD_LOGIN_URL', { allowQuery: false });
  const set = CLOUD_URL_VARS.filter((name) => read.raw(name) !== undefined);
  if (platform !== 'cloud') return null;
  if (region !== undefined) {
    if (set.length > 0) {
      read.report(
        new ConfigError(
          'GENESYS_CLOUD_REGION',
          `must not be set together with ${set.join(', ')} (a region, or both URLs)`,
        ),
      );
      return null;
    }
    if (!/^[a-z0-9]+(?:[.-][a-z0-9]+)*\.[a-z]{2,}$/i.test(region)) {
      read.report(
        new ConfigError(
          'GENESYS_CLOUD_REGION',
          'must be a region domain such as mypurecloud.com or euw2.pure.cloud',
          JSON.stringify(region),
        ),
      );
      return null;
    }
    return { apiUrl: `https://api.${region}/api/v2`, loginUrl: `https://login.${region}` };
  }
  if (set.length === 0) return null;
  for (const missing of CLOUD_URL_VARS.filter((name) => !set.includes(name)))
    read.report(
      new ConfigError(
        missing,
        `must be set together with ${set.join(', ')} (or set GENESYS_CLOUD_REGION instead)`,
      ),
    );
  return apiUrl !== undefined && loginUrl !== undefined ? { apiUrl, loginUrl } : null;
}

/** GENESYS_CLOUD_RATE_RESERVE_PERCENT's default: see `CloudQuotaOptions.reservePercent`. */
export const DEFAULT_CLOUD_RATE_RESERVE_PERCENT = 10;

/** Pacing by the Platform API's `inin-ratelimit-*` headers (upstream/cloud/CloudQuota.ts). */
export interface CloudPacingConfig {
  /**
   * GENESYS_CLOUD_RATE_RESERVE_PERCENT (0–90, default 10): once fewer than this share of a
   * token's allowance remains in its window, its schedule searches are refused locally with
   * RATE_LIMITED until the window resets; 0 = no pacing.
   */
  readonly reservePercent: number;
}

export function readCloudPacing(read: EnvReader): CloudPacingConfig {
  return {
    reservePercent: read.int(
      'GENESYS_CLOUD_RATE_RESERVE_PERCENT',
      DEFAULT_CLOUD_RATE_RESERVE_PERCENT,
      0,
      90,
    ),
  };
}

/**
 * With NODE_ENV=production, the Cloud URLs must be https: tokens and client secrets travel on
 * them (a region always gives https). A loopback host (a local egress proxy) may be http.
 * Reported per variable, with the others.
 */
export function checkCloudTransport(
  read: EnvReader,
  cloud: CloudEndpoints | null,
  production: boolean,
): void {
  if (!cloud || !production) return;
  const urls = [
    ['GENESYS_CLOUD_API_URL', cloud.apiUrl],
    ['GENESYS_CLOUD_LOGIN_URL', cloud.loginUrl],
  ] as const;
  for (const [name, url] of urls)
    if (!url.startsWith('https://') && !LOOPBACK.test(new URL(url).hostname))
      read.report(
        new ConfigError(
          name,
          'must be an https:// URL when NODE_ENV=production (tokens and client secrets travel on it)',
          JSON.stringify(url),
        ),
      );
}
