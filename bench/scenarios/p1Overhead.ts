/**
 * P1: what the gateway adds over calling Genesys directly. `me { user { username } authorities
 * { name } }` needs exactly the Authentication API `/userinfo` answer, so the direct baseline is
 * that call made with undici; both sides are driven by the same closed-loop undici client.
 *
 * Two gateways: one that checks the token upstream on every request (TOKEN_CHECK_TTL_MS=0: the
 * same upstream call per request as the baseline, so the latency difference is the gateway's own
 * cost), and the default one (token check remembered 30 s: a warm request makes no upstream call).
 */
import { closedLoop, type LoadResult, type PlainRequest } from '../lib/load.js';
import { startGatewayChild, type GatewayChild } from '../lib/processes.js';
import { ms, n, type BenchContext, type Row } from '../lib/report.js';

const QUERY = '{ me { user { username } authorities { name } } }';
const CONNECTIONS = [1, 50];

export async function p1Overhead(
  ctx: BenchContext,
  simUrl: string,
  warmGateway: GatewayChild,
  token: string,
): Promise<Row[]> {
  const rows: Row[] = [];
  const direct: PlainRequest = {
    method: 'GET',
    path: '/auth/v3/userinfo',
    headers: { authorization: `Bearer ${token}` },
  };
  const checked = await startGatewayChild(simUrl, { TOKEN_CHECK_TTL_MS: '0' });
  try {
    for (const c of CONNECTIONS) {
      ctx.log(`P1: ${c} connection(s): direct, gateway (check each request), gateway (warm)`);
      await closedLoop(simUrl, direct, c, 1);
      const base = await closedLoop(simUrl, direct, c, ctx.durationS);
      rows.push({
        id: 'P1',
        scenario: `direct undici → /userinfo, ${c} conn`,
        figure: 'p50 / p99 · RPS',
        value: `${ms(base.p50)} / ${ms(base.p99)} · ${n(base.rps)}`,
      });
      for (const [label, gateway] of [
        ['gateway, token checked upstream each request', checked],
        ['gateway, warm (token check cached)', warmGateway],
      ] as const) {
        const { result, cpu } = await throughGateway(ctx, gateway, token, c);
        rows.push({
          id: 'P1',
          scenario: `${label}, ${c} conn`,
          figure: 'added p50 / p99 vs direct',
          value: `${signed(result.p50 - base.p50)} / ${signed(result.p99 - base.p99)}`,
          goal: c === 1 && label.startsWith('gateway, token') ? '≤ +1 ms p50' : undefined,
        });
        rows.push({
          id: 'P1',
          scenario: `${label}, ${c} conn`,
          figure: 'CPU per request (user + system) · RPS ratio gw/direct',
          value: `${n(cpu.user + cpu.system)} µs (${n(cpu.user)} + ${n(cpu.system)}) · ${(result.rps / base.rps).toFixed(2)}`,
          goal: label.includes('warm') ? '≤ 200 µs CPU (warm)' : undefined,
        });
      }
    }
  } finally {
    await checked.stop();
  }
  return rows;
}

async function throughGateway(
  ctx: BenchContext,
  gateway: GatewayChild,
  token: string,
  connections: number,
): Promise<{ result: LoadResult; cpu: { user: number; system: number } }> {
  const url = new URL(gateway.url);
  const request: PlainRequest = {
    method: 'POST',
    path: url.pathname,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
  };
  await closedLoop(url.origin, request, connections, 1); // warm-up (JIT, pools, caches)
  const before = await gateway.usage();
  const result = await closedLoop(url.origin, request, connections, ctx.durationS);
  const after = await gateway.usage();
  const requests = Math.max(1, result.requests);
  return {
    result,
    cpu: {
      user: (after.cpu.user - before.cpu.user) / requests,
      system: (after.cpu.system - before.cpu.system) / requests,
    },
  };
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : '−'}${ms(Math.abs(value))}`;
}
