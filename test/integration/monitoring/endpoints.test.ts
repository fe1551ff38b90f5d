import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histogramOf, parseExposition, sampleValue } from '../../helpers/prometheusText.js';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway.js';
import { reliabilityOptions } from '../../reliability/support.js';

describe('operations endpoints', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(reliabilityOptions('production'));
  });
  afterAll(async () => gateway?.close());

  it('answers /healthz and /readyz (WSDLs loaded, every upstream origin reachable)', async () => {
    const live = await gateway.send({ method: 'GET', path: '/healthz' });
    expect([live.status, JSON.parse(live.text)]).toEqual([200, { status: 'ok' }]);
    const ready = await gateway.send({ method: 'GET', path: '/readyz' });
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({
      status: 'ready',
      ready: true,
      shuttingDown: false,
      checks: { wsdl: 'ok', auth: 'ok', wfm: 'ok', 'wfm-soap': 'ok' },
    });
    expect(ready.headers['cache-control']).toBe('no-store');
    expect((await gateway.send({ method: 'POST', path: '/readyz' })).status).toBe(405);
  });

  it('counts requests by status and operation type, and upstream calls, in /metrics', async () => {
    const token = await gateway.token();
    await gateway.gql('query Dashboard { me { user { username } } sites { id } }', token);
    await gateway.gql('{ sitez { id } }', token);
    const text = await gateway.metrics();
    // The whole exposition parses (the Prometheus text format, each family typed once).
    const samples = parseExposition(text);
    const query = { route: 'graphql', operation_type: 'query' };
    expect(
      sampleValue(samples, 'gateway_http_requests_total', { ...query, status: '200' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      histogramOf(samples, 'gateway_http_request_duration_seconds', query)?.buckets['+Inf'],
    ).toBeGreaterThanOrEqual(1);
    expect(
      sampleValue(samples, 'gateway_upstream_calls_total', {
        service: 'wfm-soap',
        operation: 'getSites',
        outcome: 'ok',
        status: 'none',
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'gateway_cache_events_total', { kind: 'sites', event: 'miss' }),
    ).toBe(1);
    expect(sampleValue(samples, 'gateway_response_cache_entries')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'gateway_shutting_down')).toBe(0);
    // Every series the README lists is there.
    for (const name of [
      'gateway_http_requests_in_flight',
      'gateway_response_cache_bytes',
      'gateway_response_cache_loads_in_flight',
      'gateway_token_check_cache_entries',
      'process_resident_memory_bytes',
      'nodejs_heap_used_bytes',
      'nodejs_heap_total_bytes',
      'gateway_upstream_circuit_state',
      'gateway_upstream_circuit_opened_total',
      'gateway_upstream_circuit_rejected_total',
      'gateway_upstream_retries_total',
      'gateway_upstream_retries_denied_total',
      'gateway_soap_bulkhead_in_flight',
      'gateway_soap_bulkhead_queued',
      'gateway_soap_bulkhead_rejected_total',
      'gateway_metrics_dropped_samples_total',
      'gateway_metrics_collector_errors_total',
    ])
      expect(
        samples.some((s) => s.name === name),
        name,
      ).toBe(true);
    expect(text).not.toContain(token);
  });

  it('writes one access log line per request with its request id, never the query or headers', async () => {
    const token = await gateway.token();
    const res = await gateway.send({
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-request-id': 'req-42',
      },
      body: JSON.stringify({
        query: 'query Mine { me { user { username } } }',
        operationName: 'Mine',
      }),
    });
    expect(res.headers['x-request-id']).toBe('req-42');
    const line = gateway.logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l['requestId'] === 'req-42');
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'POST',
      route: 'graphql',
      status: '200',
      operationType: 'query',
      operationName: 'Mine',
    });
    expect(typeof line?.['durationMs']).toBe('number');
    expect(JSON.stringify(line)).not.toMatch(/username|authorization|Bearer/);
  });

  it('serves no /metrics when METRICS_ENABLED=false', async () => {
    const off = await startTestGateway(
      reliabilityOptions('production', { env: { METRICS_ENABLED: 'false' } }),
    );
    try {
      expect((await off.send({ method: 'GET', path: '/metrics' })).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
