import type { SharedTier } from '../../cache/shared/SharedTier.js';
import type { KnownSecrets } from '../../logging/KnownSecrets.js';
import { Health, promiseCheck, type ReadinessCheck } from './health.js';
import type { Logger } from '../../logging/Logger.js';
import type { CloudEndpoints } from '../../types/CloudEndpoints.js';
import type { GenesysEndpoints } from '../../types/GenesysEndpoints.js';
import { registerStateCollectors, type GatewayStateSources } from '../metrics/gatewayMetrics.js';
import { MetricsRegistry } from '../metrics/MetricsRegistry.js';
import { Monitor } from './Monitor.js';
import { reachabilityCheck } from './reachability.js';

/** Inputs of {@link createMonitoring}. */
export interface MonitoringInput {
  config: {
    /** READINESS_PROBE_TIMEOUT_MS and READINESS_CACHE_MS (`GatewayConfig.readiness`). */
    readonly readiness: { readonly probeTimeoutMs: number; readonly cacheMs: number };
    /** METRICS_ENABLED: serve `GET /metrics`. */
    readonly metricsEnabled: boolean;
  };
  /** The three Engage upstream URLs; each origin is probed for readiness (on Engage). */
  endpoints: GenesysEndpoints;
  /**
   * GENESYS_PLATFORM=cloud: the Platform API and login service, probed instead of the Engage
   * back ends and the WSDLs (`cloud-api`, `cloud-login`). Null or absent: Engage.
   */
  cloud?: CloudEndpoints | null;
  /** Settles when the SOAP client's bundled WSDLs are parsed (`WfmSoapApiClient.ready`). */
  wsdlReady: Promise<unknown>;
  logger: Logger;
  secrets?: KnownSecrets;
  /**
   * The shared Redis tier, when REDIS_URL is set: a `redis` check that is `ok`, or `degraded`
   * while its breaker is open. Never fails readiness: the gateway still answers without it.
   */
  sharedTier?: Pick<SharedTier, 'up'>;
}

/** Health, request observation and (when enabled) the metrics registry, wired together. */
export interface Monitoring {
  readonly health: Health;
  readonly monitor: Monitor;
  /** Null when METRICS_ENABLED=false (then `/metrics` answers 404). */
  readonly registry: MetricsRegistry | null;
  /** Registers the `/metrics` collectors over state built after the server (caches, counters). */
  observe(sources: Omit<GatewayStateSources, 'shuttingDown'>): void;
}

/**
 * Composes the monitoring side for `createGateway`: readiness = WSDLs loaded (`wsdl`) and a TCP probe
 * of each upstream origin (`auth`, `wfm`, `wfm-soap`; on Genesys Cloud `cloud-api` and
 * `cloud-login` instead; cached READINESS_CACHE_MS) and no shutdown begun; the metrics registry; the request observer with the access log and credential tracking.
 */
export function createMonitoring(input: MonitoringInput): Monitoring {
  const { probeTimeoutMs, cacheMs } = input.config.readiness;
  const probe = { timeoutMs: probeTimeoutMs, cacheMs };
  const { cloud } = input;
  const checks: ReadinessCheck[] = cloud
    ? [
        reachabilityCheck('cloud-api', cloud.apiUrl, probe),
        reachabilityCheck('cloud-login', cloud.loginUrl, probe),
      ]
    : [
        promiseCheck('wsdl', input.wsdlReady),
        reachabilityCheck('auth', input.endpoints.authUrl, probe),
        reachabilityCheck('wfm', input.endpoints.wfmUrl, probe),
        reachabilityCheck('wfm-soap', input.endpoints.locatorUrl, probe),
      ];
  const { sharedTier } = input;
  if (sharedTier)
    checks.push({
      name: 'redis',
      run: () => Promise.resolve({ ok: true, state: sharedTier.up ? 'ok' : 'degraded' }),
    });
  const health = new Health(checks);
  const registry = input.config.metricsEnabled ? new MetricsRegistry() : null;
  const monitor = new Monitor({
    health,
    registry: registry ?? undefined,
    logger: input.logger,
    secrets: input.secrets,
  });
  return {
    health,
    monitor,
    registry,
    observe(sources) {
      if (registry)
        registerStateCollectors(registry, { ...sources, shuttingDown: () => health.shuttingDown });
    },
  };
}
