import type { GatewayConfig, GenesysEndpoints } from '../config.js';
import type { KnownSecrets } from '../logging/KnownSecrets.js';
import { Health, promiseCheck, type ReadinessCheck } from './health.js';
import type { Logger } from '../logging/Logger.js';
import { registerStateCollectors, type GatewayStateSources } from './metrics/gatewayMetrics.js';
import { MetricsRegistry } from './metrics/MetricsRegistry.js';
import { Operations } from './operations.js';
import { reachabilityCheck } from './reachability.js';

/** Inputs of {@link createOperationsKit}. */
export interface OperationsKitInput {
  config: Pick<GatewayConfig, 'readiness' | 'metricsEnabled'>;
  /** The three upstream URLs; each origin is probed for readiness. */
  endpoints: GenesysEndpoints;
  /** Settles when the SOAP client's bundled WSDLs are parsed (`WfmSoapApiClient.ready`). */
  wsdlReady: Promise<unknown>;
  logger: Logger;
  secrets?: KnownSecrets;
}

/** Health, request observation and (when enabled) the metrics registry, wired together. */
export interface OperationsKit {
  readonly health: Health;
  readonly operations: Operations;
  /** Null when METRICS_ENABLED=false (then `/metrics` answers 404). */
  readonly registry: MetricsRegistry | null;
  /** Registers the `/metrics` collectors over state built after the server (caches, counters). */
  observe(sources: Omit<GatewayStateSources, 'shuttingDown'>): void;
}

/**
 * Composes the operations side for `createGateway`: readiness = WSDLs loaded (`wsdl`) and a TCP probe
 * of each upstream origin (`auth`, `wfm`, `wfm-soap`, cached READINESS_CACHE_MS) and no shutdown
 * begun; the metrics registry; the request observer with the access log and credential tracking.
 */
export function createOperationsKit(input: OperationsKitInput): OperationsKit {
  const { probeTimeoutMs, cacheMs } = input.config.readiness;
  const probe = { timeoutMs: probeTimeoutMs, cacheMs };
  const checks: ReadinessCheck[] = [
    promiseCheck('wsdl', input.wsdlReady),
    reachabilityCheck('auth', input.endpoints.authUrl, probe),
    reachabilityCheck('wfm', input.endpoints.wfmUrl, probe),
    reachabilityCheck('wfm-soap', input.endpoints.locatorUrl, probe),
  ];
  const health = new Health(checks);
  const registry = input.config.metricsEnabled ? new MetricsRegistry() : null;
  const operations = new Operations({
    health,
    registry: registry ?? undefined,
    logger: input.logger,
    secrets: input.secrets,
  });
  return {
    health,
    operations,
    registry,
    observe(sources) {
      if (registry)
        registerStateCollectors(registry, { ...sources, shuttingDown: () => health.shuttingDown });
    },
  };
}
