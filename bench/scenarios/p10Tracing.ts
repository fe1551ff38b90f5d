/**
 * P10: what OpenTelemetry tracing costs (issue 16). Gateways over one simulator, side by
 * side: tracing off (no OTEL_* set: the SDK is never loaded) and on (OTEL_EXPORTER_OTLP_ENDPOINT
 * pointing at a loopback sink in this process that answers every OTLP/HTTP export 200, so the
 * spans are really batched, encoded as protobuf and sent), and on with OTEL_TRACES_SAMPLER=always_off
 * (the SDK and its AsyncLocalStorage context manager loaded, nothing recorded). Each shape is run
 * on each in turn, one gateway at a time, 10 connections, closed loop, CPU per request read from
 * the gateway process alone:
 *
 * - `me`, token checked upstream every request: request, front door, token check, the
 *   Authentication API call and its HTTP attempt, the operation (6 spans);
 * - the dashboard executed each time over a warm response cache (`x-gateway-debug: 1` keeps
 *   the whole-answer cache out): request, front door, token check, operation, one span per
 *   upstream call, all cache hits;
 * - the dashboard from the whole-answer cache: request, front door, token check, answer cache hit.
 *
 * The BatchSpanProcessor gets a queue large enough that no span is dropped at these rates
 * (OTEL_BSP_MAX_QUEUE_SIZE, read by the SDK), so "on" pays for every span; bytes exported per
 * request are printed to show it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closedLoop, type LoadResult, type PlainRequest } from '../lib/load.js';
import { startGatewayChild, type GatewayChild } from '../lib/processes.js';
import { ms, n, type BenchContext, type Row } from '../lib/report.js';
import { DASHBOARD } from './p2Throughput.js';

const CONNECTIONS = 10;
const ME = '{ me { user { username } authorities { name } } }';

interface Shape {
  label: string;
  query: string;
  env: Record<string, string>;
  headers?: Record<string, string>;
}

const SHAPES: readonly Shape[] = [
  {
    label: '`me`, token checked upstream each request',
    query: ME,
    env: { TOKEN_CHECK_TTL_MS: '0' },
  },
  {
    label: 'dashboard executed, response cache warm',
    query: DASHBOARD,
    env: {},
    headers: { 'x-gateway-debug': '1' },
  },
  { label: 'dashboard from the whole-answer cache', query: DASHBOARD, env: {} },
];

export async function p10Tracing(ctx: BenchContext, simUrl: string, token: string): Promise<Row[]> {
  const sink = await startOtlpSink();
  const rows: Row[] = [];
  try {
    for (const shape of SHAPES) {
      const traced = {
        ...shape.env,
        OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
        OTEL_BSP_MAX_QUEUE_SIZE: '200000',
        OTEL_BSP_SCHEDULE_DELAY: '1000',
      };
      const variants = [
        { label: 'off', env: shape.env },
        { label: 'on', env: traced },
        // The SDK and its AsyncLocalStorage context loaded, every span sampled out: what tracing
        // costs before a single span is recorded.
        { label: 'on, sampler always_off', env: { ...traced, OTEL_TRACES_SAMPLER: 'always_off' } },
      ];
      ctx.log(`P10: ${shape.label}: tracing off, on, on with every span sampled out`);
      const runs: Array<{ result: LoadResult; cpuUs: number }> = [];
      for (const variant of variants) {
        const gateway = await startGatewayChild(simUrl, variant.env);
        try {
          const bytesBefore = sink.bytes;
          const run = await measure(ctx, gateway, shape, token);
          // The last batch leaves within OTEL_BSP_SCHEDULE_DELAY of the run's end.
          if (variant.label === 'on') await new Promise((resolve) => setTimeout(resolve, 1_500));
          const exported = (sink.bytes - bytesBefore) / Math.max(1, run.result.requests);
          runs.push(run);
          rows.push({
            id: 'P10',
            scenario: `${shape.label}, tracing ${variant.label}, ${CONNECTIONS} conn`,
            figure: 'RPS · p50 / p99 · CPU per request',
            value:
              `${n(run.result.rps)} · ${ms(run.result.p50)} / ${ms(run.result.p99)} · ` +
              `${n(run.cpuUs)} µs${variant.label === 'on' ? ` · ${n(exported)} B OTLP per request` : ''}`,
          });
        } finally {
          await gateway.stop();
        }
      }
      const [off, on] = runs as [(typeof runs)[0], (typeof runs)[0]];
      rows.push({
        id: 'P10',
        scenario: `${shape.label}, on vs off`,
        figure: 'RPS ratio · added CPU per request',
        value: `${(on.result.rps / off.result.rps).toFixed(2)} · +${n(on.cpuUs - off.cpuUs)} µs`,
      });
    }
  } finally {
    await sink.close();
  }
  return rows;
}

async function measure(
  ctx: BenchContext,
  gateway: GatewayChild,
  shape: Shape,
  token: string,
): Promise<{ result: LoadResult; cpuUs: number }> {
  const url = new URL(gateway.url);
  const request: PlainRequest = {
    method: 'POST',
    path: url.pathname,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...shape.headers,
    },
    body: JSON.stringify({ query: shape.query }),
  };
  await closedLoop(url.origin, request, CONNECTIONS, 1); // warm-up: JIT, pools, caches
  const before = await gateway.usage();
  const result = await closedLoop(url.origin, request, CONNECTIONS, ctx.durationS);
  const after = await gateway.usage();
  const cpu = after.cpu.user - before.cpu.user + (after.cpu.system - before.cpu.system);
  return { result, cpuUs: cpu / Math.max(1, result.requests) };
}

/** A loopback stand-in for an OpenTelemetry collector: counts what it is sent, answers 200. */
async function startOtlpSink(): Promise<{ url: string; bytes: number; close(): Promise<void> }> {
  const state = { bytes: 0 };
  const server: Server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (state.bytes += chunk.length));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get bytes() {
      return state.bytes;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
