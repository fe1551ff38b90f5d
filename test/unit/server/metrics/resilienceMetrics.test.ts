import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config.js';
import { MetricsRegistry } from '../../../../src/server/metrics/MetricsRegistry.js';
import { registerStateCollectors } from '../../../../src/server/metrics/gatewayMetrics.js';
import { parseExposition } from '../../../helpers/prometheusText.js';
import { createResilience } from '../../../../src/upstream/resilience/createResilience.js';

describe('resilience metrics', () => {
  it('exposes breaker state, retries and the SOAP bulkhead of every back end', async () => {
    const config = loadConfig({ env: {}, envFile: null });
    const resilience = createResilience({ config: config.resilience, requestTimeoutMs: 30_000 });
    const registry = new MetricsRegistry();
    registerStateCollectors(registry, { resilience });
    const text = await registry.render();
    parseExposition(text);
    for (const service of ['auth', 'wfm', 'wfm-soap']) {
      expect(text).toContain(`gateway_upstream_circuit_state{service="${service}"} 0`);
      expect(text).toContain(`gateway_upstream_retries_total{service="${service}"} 0`);
      expect(text).toContain(
        `gateway_upstream_retries_denied_total{service="${service}",reason="budget"} 0`,
      );
    }
    expect(text).toContain('gateway_soap_bulkhead_in_flight{service="wfm-soap"} 0');
    expect(text).toContain('gateway_soap_bulkhead_rejected_total{service="wfm-soap"} 0');
  });
});
