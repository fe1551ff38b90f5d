/**
 * Load generators: autocannon (throughput sweeps, soak) and a closed-loop undici client (P1: the
 * same client calls the simulator directly and the gateway, so the comparison is like for like).
 * Both report latency percentiles from one histogram of every response (autocannon's own summary
 * has no p95).
 */
import { createHistogram, performance, type RecordableHistogram } from 'node:perf_hooks';
import autocannon, { type AutocannonRequest } from 'autocannon';
import { Pool } from 'undici';

/** What one load run measured. Latencies in ms. */
export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Mean response body size, bytes (autocannon runs only). */
  meanBytes?: number;
}

/** One GraphQL POST, with the caller's token taken round-robin from `tokens`. */
export interface GraphqlLoad {
  url: string;
  query: string;
  tokens: readonly string[];
  connections: number;
  /** Seconds, or… */
  durationS?: number;
  /** …a number of requests. */
  amount?: number;
  headers?: Record<string, string>;
  /** GraphQL variables of `query`. */
  variables?: Record<string, unknown>;
  /** Extra headers per token, aligned with `tokens` (e.g. a peer's WFM session per caller). */
  tokenHeaders?: readonly Record<string, string>[];
}

/** Requests per autocannon connection, below the gateway's default per-socket cap of 1,000. */
const RECONNECT_EVERY = 900;

/** Runs autocannon against the gateway. */
export function graphqlLoad(load: GraphqlLoad): Promise<LoadResult> {
  const body = JSON.stringify({ query: load.query, variables: load.variables });
  let next = 0;
  const request: AutocannonRequest = {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...load.headers },
    body,
    setupRequest: (req) => {
      const i = next++ % load.tokens.length;
      return {
        ...req,
        headers: {
          ...req.headers,
          ...load.tokenHeaders?.[i],
          authorization: `Bearer ${load.tokens[i] ?? ''}`,
        },
      };
    },
  };
  const histogram = createHistogram();
  let bytes = 0;
  let responses = 0;
  return new Promise<LoadResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: load.url,
        connections: load.connections,
        ...(load.amount ? { amount: load.amount } : { duration: load.durationS ?? 10 }),
        requests: [request],
        timeout: 60,
        // autocannon ignores `Connection: close`: past the gateway's HTTP_MAX_REQUESTS_PER_SOCKET
        // (1,000) it would keep writing on the socket and count Node's 503s as the gateway's
        // errors. Reconnecting first is what a browser, undici or a load balancer does.
        reconnectRate: RECONNECT_EVERY,
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          requests: result.requests.total,
          errors: result.errors + result.timeouts + result.non2xx,
          rps: result.requests.total / Math.max(result.duration, 0.001),
          ...percentiles(histogram),
          meanBytes: responses === 0 ? 0 : bytes / responses,
        });
      },
    );
    instance.on('response', (_client, _status, resBytes, ms) => {
      histogram.record(Math.max(1, Math.round(ms * 1000)));
      bytes += resBytes;
      responses += 1;
    });
  });
}

/** One HTTP request shape for the closed-loop client. */
export interface PlainRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * `connections` loops, each sending `request` and awaiting the full answer before the next, for
 * `durationS` seconds over one undici Pool (one socket per loop).
 */
export async function closedLoop(
  origin: string,
  request: PlainRequest,
  connections: number,
  durationS: number,
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const histogram = createHistogram();
  let requests = 0;
  let errors = 0;
  const endAt = performance.now() + durationS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < endAt) {
        const t0 = performance.now();
        try {
          const response = await pool.request(request);
          await response.body.dump();
          if (response.statusCode !== 200) errors += 1;
        } catch {
          errors += 1;
        }
        histogram.record(Math.max(1, Math.round((performance.now() - t0) * 1000)));
        requests += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return { requests, errors, rps: requests / seconds, ...percentiles(histogram) };
}

function percentiles(histogram: RecordableHistogram): Pick<LoadResult, 'p50' | 'p95' | 'p99'> {
  if (histogram.count === 0) return { p50: 0, p95: 0, p99: 0 };
  return {
    p50: histogram.percentile(50) / 1000,
    p95: histogram.percentile(95) / 1000,
    p99: histogram.percentile(99) / 1000,
  };
}
