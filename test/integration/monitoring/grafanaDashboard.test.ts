/**
 * docs/grafana-dashboard.json (issue 16 item 3) reads only series the gateway really exposes: every
 * metric a panel's PromQL names is in a real `/metrics` scrape after some traffic (upstream calls,
 * cache hits, a SOAP call through the bulkhead, a refused batch), and every label it groups or filters by is one
 * that metric's samples carry. A renamed metric or label fails here instead of showing an empty
 * panel. The file is a Grafana dashboard model with a Prometheus data-source variable.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExposition, type MetricSample } from '../../helpers/prometheusText.js';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

interface Panel {
  title: string;
  type: string;
  datasource: { type: string; uid: string };
  targets: Array<{ expr: string; refId: string }>;
}

const dashboard = JSON.parse(
  readFileSync(new URL('../../../docs/grafana-dashboard.json', import.meta.url), 'utf8'),
) as {
  title: string;
  uid: string;
  panels: Panel[];
  templating: { list: Array<{ name: string; type: string }> };
};

/** PromQL words that are not metric names: functions, keywords and the label names used. */
const METRIC = /\b((?:gateway|nodejs|process)_[a-z0-9_]+)(\{[^}]*\})?/g;

function labelsUsed(expr: string, selector: string | undefined): string[] {
  const names = new Set<string>();
  for (const m of (selector ?? '').matchAll(/([a-z_]+)\s*=~?/g)) names.add(m[1]!);
  for (const m of expr.matchAll(/\bby\s*\(([^)]*)\)/g))
    for (const label of m[1]!.split(',')) names.add(label.trim());
  names.delete('le');
  // Added by Prometheus at scrape time, not by the gateway.
  names.delete('job');
  names.delete('instance');
  return [...names];
}

describe('docs/grafana-dashboard.json', () => {
  let h: TestGateway;
  let samples: MetricSample[];
  beforeAll(async () => {
    h = await startTestGateway();
    const token = await h.token('sam.supervisor');
    const query = '{ me { user { username } wfmUser { id } } sites { id teams { id } } }';
    await h.gql(query, token, undefined, { 'x-gateway-debug': '1' });
    await h.gql(query, token, undefined, { 'x-gateway-debug': '1' });
    await h.gql('{ nope }', token);
    // A batch, refused at the front door (gateway_requests_rejected_total{reason}).
    await h.send({ headers: { 'content-type': 'application/json' }, body: '[]' });
    samples = parseExposition(await h.metrics());
  });
  afterAll(async () => h?.close());

  it('is a Grafana dashboard over a Prometheus data source chosen on import', () => {
    expect(dashboard.title).toBe('Genesys GraphQL gateway');
    expect(dashboard.templating.list.find((v) => v.name === 'datasource')?.type).toBe('datasource');
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(8);
    for (const panel of dashboard.panels) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
    }
  });

  it('covers what issue 16 asks: RPS, p95 by operation type, upstream calls, cache hit ratio, breakers, bulkhead, heap', () => {
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n');
    for (const needle of [
      'rate(gateway_http_requests_total',
      'histogram_quantile(0.95, sum by (le, operation_type) (rate(gateway_http_request_duration_seconds_bucket',
      'sum by (service, outcome) (rate(gateway_upstream_calls_total',
      'gateway_cache_events_total',
      'gateway_upstream_circuit_state',
      'gateway_soap_bulkhead_queued',
      'nodejs_heap_used_bytes',
    ])
      expect(exprs).toContain(needle);
  });

  it('names only series and labels that a real scrape exposes', () => {
    const byName = new Map<string, MetricSample[]>();
    for (const s of samples) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
    const checked: string[] = [];
    for (const panel of dashboard.panels) {
      for (const { expr } of panel.targets) {
        for (const m of expr.matchAll(METRIC)) {
          const name = m[1]!;
          const found = byName.get(name);
          expect(found, `${panel.title}: ${name}`).toBeDefined();
          for (const label of labelsUsed(expr, m[2]))
            expect(
              found!.some((s) => label in s.labels),
              `${panel.title}: ${name} has no label ${label}`,
            ).toBe(true);
          checked.push(name);
        }
      }
    }
    // The check above ran on every panel's metrics, histogram buckets included.
    expect(checked).toContain('gateway_http_request_duration_seconds_bucket');
    expect(new Set(checked).size).toBeGreaterThanOrEqual(12);
  });
});
