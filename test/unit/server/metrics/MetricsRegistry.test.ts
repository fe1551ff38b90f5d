import { describe, expect, it } from 'vitest';
import { registerStateCollectors } from '../../../../src/server/metrics/gatewayMetrics.js';
import { MetricsRegistry } from '../../../../src/server/metrics/MetricsRegistry.js';
import { UpstreamCounters } from '../../../../src/counters/UpstreamCounters.js';

describe('MetricsRegistry', () => {
  it('renders counters, gauges and cumulative histograms in the Prometheus text format', () => {
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
    const text = registry.render();
    expect(text).toContain(
      '# TYPE t_requests_total counter\nt_requests_total{route="graphql",status="200"} 3\n',
    );
    expect(text).toContain('t_in_flight 1\n');
    expect(text).toContain(
      [
        '# TYPE t_seconds histogram',
        't_seconds_bucket{route="graphql",le="0.1"} 1',
        't_seconds_bucket{route="graphql",le="1"} 2',
        't_seconds_bucket{route="graphql",le="+Inf"} 3',
        't_seconds_sum{route="graphql"} 5.55',
        't_seconds_count{route="graphql"} 3',
      ].join('\n'),
    );
    expect(text.endsWith('\n')).toBe(true);
  });

  it('escapes label values, refuses bad or duplicate names, and bounds label sets', () => {
    const registry = new MetricsRegistry({ maxSeriesPerMetric: 2 });
    const c = registry.counter('t_total', 'x', ['v']);
    c.inc({ v: 'a"b\\c\nd' });
    c.inc({ v: 'two' });
    c.inc({ v: 'three' });
    const text = registry.render();
    expect(text).toContain('t_total{v="a\\"b\\\\c\\nd"} 1');
    expect(text).not.toContain('three');
    expect(text).toContain('gateway_metrics_dropped_samples_total 1');
    expect(() => registry.counter('t_total', 'again')).toThrow(/already registered/);
    expect(() => registry.counter('bad-name', 'x')).toThrow(/invalid metric name/);
    expect(() => registry.counter('ok_total', 'x', ['le'])).toThrow(/invalid label name/);
  });

  it('reads collectors at scrape time and survives one that throws', () => {
    const registry = new MetricsRegistry();
    let state = 1;
    registry.collect('t_state', 'State.', 'gauge', () => [
      { labels: { service: 'wfm-soap' }, value: state },
    ]);
    registry.collect('t_broken', 'Broken.', 'gauge', () => {
      throw new Error('nope');
    });
    state = 2;
    const text = registry.render();
    expect(text).toContain('t_state{service="wfm-soap"} 2');
    expect(text).toContain('gateway_metrics_collector_errors_total 1');
  });

  it('exposes only real series of the sources it is given', () => {
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
    const text = registry.render();
    expect(text).toContain(
      'gateway_upstream_calls_total{service="auth",operation="userInfo",outcome="ok",status="none"} 1',
    );
    expect(text).toContain(
      'gateway_upstream_calls_total{service="wfm",operation="userInfo",outcome="FORBIDDEN",status="403"} 1',
    );
    expect(text).toContain('gateway_cache_events_total{kind="sites",event="hit"} 1');
    expect(text).toContain('gateway_token_check_cache_entries 7');
    expect(text).not.toMatch(/breaker|circuit|response_cache/);
  });
});
