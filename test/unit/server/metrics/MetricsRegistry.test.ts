import { describe, expect, it } from 'vitest';
import { registerStateCollectors } from '../../../../src/server/metrics/gatewayMetrics.js';
import { MetricsRegistry } from '../../../../src/server/metrics/MetricsRegistry.js';
import { UpstreamCounters } from '../../../../src/counters/UpstreamCounters.js';
import {
  histogramOf,
  parseExposition,
  sampleValue,
  seriesCount,
} from '../../../helpers/prometheusText.js';

describe('MetricsRegistry (prom-client)', () => {
  it('renders counters, gauges and cumulative histograms in the Prometheus text format', async () => {
    const registry = new MetricsRegistry();
    const requests = registry.counter('t_requests_total', 'Requests.', ['route', 'status']);
    requests.inc({ route: 'graphql', status: '200' });
    requests.inc({ route: 'graphql', status: '200' }, 2);
    requests.inc({ route: 'graphql', status: '200' }, -5); // counters never go down
    const inFlight = registry.gauge('t_in_flight', 'In flight.');
    inFlight.inc();
    inFlight.inc();
    inFlight.dec();
    const duration = registry.histogram('t_seconds', 'Duration.', ['route'], [0.1, 1]);
    duration.observe({ route: 'graphql' }, 0.05);
    duration.observe({ route: 'graphql' }, 0.5);
    duration.observe({ route: 'graphql' }, 5);
    const text = await registry.render();
    const families = parseExposition(text);
    expect(text).toContain('# TYPE t_requests_total counter\n');
    expect(sampleValue(families, 't_requests_total', { route: 'graphql', status: '200' })).toBe(3);
    expect(sampleValue(families, 't_in_flight')).toBe(1);
    expect(text).toContain('# TYPE t_seconds histogram\n');
    expect(histogramOf(families, 't_seconds', { route: 'graphql' })).toEqual({
      buckets: { '0.1': 1, '1': 2, '+Inf': 3 },
      count: 3,
      sum: 5.55,
    });
  });

  it('escapes label values, refuses bad or duplicate names, and bounds label sets', async () => {
    const registry = new MetricsRegistry({ maxSeriesPerMetric: 2 });
    const c = registry.counter('t_total', 'x', ['v']);
    c.inc({ v: 'a"b\\c\nd' });
    c.inc({ v: 'two' });
    c.inc({ v: 'three' });
    c.inc({ v: 'two' }); // a known label set is still recorded at the bound
    const text = await registry.render();
    const families = parseExposition(text);
    expect(text).toContain('t_total{v="a\\"b\\\\c\\nd"} 1');
    expect(sampleValue(families, 't_total', { v: 'a"b\\c\nd' })).toBe(1);
    expect(sampleValue(families, 't_total', { v: 'two' })).toBe(2);
    expect(text).not.toContain('three');
    expect(sampleValue(families, 'gateway_metrics_dropped_samples_total')).toBe(1);
    expect(() => registry.counter('t_total', 'again')).toThrow(/already registered/);
    expect(() => registry.counter('bad-name', 'x')).toThrow(/invalid metric name/);
    expect(() => registry.counter('ok_total', 'x', ['le'])).toThrow(/invalid label name/);
  });

  it('keeps at most 500 label sets per metric by default, for instruments and collectors', async () => {
    const registry = new MetricsRegistry();
    const c = registry.counter('t_many_total', 'x', ['id']);
    const h = registry.histogram('t_many_seconds', 'x', ['id'], [1]);
    for (let i = 0; i < 600; i++) {
      c.inc({ id: String(i) });
      h.observe({ id: String(i) }, 0.5);
    }
    registry.collect('t_collected', 'x', 'gauge', ['id'], () =>
      Array.from({ length: 600 }, (_, i) => ({ labels: { id: String(i) }, value: i })),
    );
    const families = parseExposition(await registry.render());
    const count = (name: string) => seriesCount(families, name);
    expect([count('t_many_total'), count('t_many_seconds'), count('t_collected')]).toEqual([
      500, 500, 500,
    ]);
    expect(sampleValue(families, 'gateway_metrics_dropped_samples_total')).toBe(200);
  });

  it('reads collectors at scrape time and survives one that throws', async () => {
    const registry = new MetricsRegistry();
    let state = 1;
    registry.collect('t_state', 'State.', 'gauge', ['service'], () => [
      { labels: { service: 'wfm-soap' }, value: state },
    ]);
    registry.collect('t_broken', 'Broken.', 'gauge', [], () => {
      throw new Error('nope');
    });
    state = 2;
    const families = parseExposition(await registry.render());
    expect(sampleValue(families, 't_state', { service: 'wfm-soap' })).toBe(2);
    expect(sampleValue(families, 'gateway_metrics_collector_errors_total')).toBe(1);
    state = 3;
    expect(
      sampleValue(parseExposition(await registry.render()), 't_state', { service: 'wfm-soap' }),
    ).toBe(3);
  });

  it('negative control: the exposition check refuses malformed text', () => {
    expect(() => parseExposition('t_x 1\n')).toThrow(/before its # TYPE/);
    expect(() => parseExposition('# TYPE t_x gauge\nt_x{a="1"} one\n')).toThrow();
    expect(() => parseExposition('# TYPE t_x gauge\nt_x 1\nt_x 2\n')).toThrow(/twice/);
    expect(() => parseExposition('# TYPE t_x gauge\nt_x{a=1} 1\n')).toThrow();
  });

  it('exposes only real series of the sources it is given', async () => {
    const registry = new MetricsRegistry();
    const counters = new UpstreamCounters();
    counters.recordUpstreamCall({ service: 'auth', operation: 'userInfo', outcome: 'ok' });
    counters.recordUpstreamCall({
      service: 'wfm',
      operation: 'userInfo',
      outcome: 'FORBIDDEN',
      status: 403,
    });
    counters.recordCache('sites', 'hit');
    registerStateCollectors(registry, { counters, tokenChecks: { size: 7 } });
    const text = await registry.render();
    const families = parseExposition(text);
    expect(
      sampleValue(families, 'gateway_upstream_calls_total', {
        service: 'auth',
        operation: 'userInfo',
        outcome: 'ok',
        status: 'none',
      }),
    ).toBe(1);
    expect(
      sampleValue(families, 'gateway_upstream_calls_total', {
        service: 'wfm',
        operation: 'userInfo',
        outcome: 'FORBIDDEN',
        status: '403',
      }),
    ).toBe(1);
    expect(
      sampleValue(families, 'gateway_cache_events_total', { kind: 'sites', event: 'hit' }),
    ).toBe(1);
    expect(sampleValue(families, 'gateway_token_check_cache_entries')).toBe(7);
    expect(text).not.toMatch(/breaker|circuit|response_cache/);
  });
});
