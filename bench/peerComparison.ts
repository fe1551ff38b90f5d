/**
 * The side-by-side peer comparison (issue 11, PERFORMANCE.md "against the peers"): the gateway,
 * Hive Gateway serving a Mesh composition (with and without its response cache) and a
 * hand-written Apollo Server + RESTDataSource + node-soap server, all over one simulator, measured
 * in one run. Before measuring, each peer's answer is checked against the gateway's (equal as
 * JSON; Mesh's after the client-side conversion from upstream shapes); a mismatch is printed and
 * the process exits non-zero at the end.
 */
import { isDeepStrictEqual } from 'node:util';
import { graphqlLoad, type LoadResult } from './lib/load.js';
import {
  meshMeAsOurs,
  meshSession,
  meshWeek,
  meshWeekAsOurs,
  MESH_ME,
  oleRange,
  post,
} from './lib/meshClient.js';
import { peakRssBytes, resetPeakRss } from './lib/peakRss.js';
import {
  composeMesh,
  ensurePeersInstalled,
  startApolloPeer,
  startHivePeer,
} from './lib/peerProcesses.js';
import { startGatewayChild, startSimulatorChild, type Child } from './lib/processes.js';
import { bytes, ms, n, type BenchContext, type Row } from './lib/report.js';
import {
  agentUsers,
  clearLog,
  passwordToken,
  passwordTokens,
  upstreamCalls,
} from './lib/simClient.js';

const FROM = '2026-03-09T00:00:00-05:00';
const TO = '2026-03-16T00:00:00-05:00';
/** P3's document: site 1 holds 101 agents on a simulator of 303. */
const WEEK = `{ site(id: "1") { agents { id schedule(from: "${FROM}", to: "${TO}") { items { type name start end } } } } }`;
/** The identity document of rows (d) and (e), and of P8. */
export const PEER_ME =
  '{ me { user { username loginName cmeUserName dbid contactCenterId environmentId authorities { name privileges } } } }';
/** Every cross-request cache of the gateway off (CONTRACT §3, src/cache/cacheConfig.ts). */
export const OURS_NO_CACHE = Object.fromEntries(
  [
    'TOKEN_CHECK_TTL_MS',
    ...['WFM_USER', 'SITES', 'TEAMS', 'AGENTS', 'SCHEDULES', 'OPEN_ID'].map(
      (k) => `CACHE_TTL_${k}_MS`,
    ),
  ].map((k) => [k, '0']),
);

/** One server under test: where it answers and how a caller asks it. */
interface Server {
  name: string;
  child: Child;
  /** The document for `kind`, in this server's shape. */
  doc: (kind: 'week' | 'me') => string;
  /** Per-token headers (Mesh: the WFM session). */
  headers?: Map<string, Record<string, string>>;
  /** Whether it keeps anything across requests (then every token is warmed before measuring). */
  caches: boolean;
}

/** Runs the comparison; the rows go into the bench table. Sets `process.exitCode` on a mismatch. */
export async function peerComparison(ctx: BenchContext): Promise<Row[]> {
  ensurePeersInstalled(ctx.log);
  ctx.log('peers: simulator (303 agents), Mesh composition, the gateway and both peers');
  const sim = await startSimulatorChild(303);
  const children: Child[] = [];
  const start = async <T extends Child>(child: Promise<T>): Promise<T> => {
    const c = await child;
    children.push(c);
    return c;
  };
  try {
    composeMesh(sim.url);
    const ours = await start(startGatewayChild(sim.url));
    const apollo = await start(startApolloPeer(sim.url));
    const hive = await start(startHivePeer(true));
    const sam = await passwordToken(sim.url, 'sam.supervisor');
    const sams = await passwordTokens(
      sim.url,
      Array.from({ length: 200 }, () => 'sam.supervisor'),
    );
    const agents = await passwordTokens(sim.url, agentUsers(200));
    const zone = (
      (await post(ours.url, sam, '{ site(id: "1") { timeZone } }')).body.data as {
        site: { timeZone: string };
      }
    ).site.timeZone;
    const [startOle, endOle] = oleRange(FROM, TO, zone);
    const meshDoc = (kind: 'week' | 'me') =>
      kind === 'week' ? meshWeek(1, startOle, endOle) : MESH_ME;
    const ourDoc = (kind: 'week' | 'me') => (kind === 'week' ? WEEK : PEER_ME);
    ctx.log('peers: WFM sessions for the Mesh client (one per token)');
    const sessions = new Map<string, Record<string, string>>();
    for (const token of [sam, ...sams]) sessions.set(token, await meshSession(hive.url, token));
    const servers: Server[] = [
      { name: 'ours', child: ours, doc: ourDoc, caches: true },
      { name: 'Hive + cache', child: hive, doc: meshDoc, headers: sessions, caches: true },
      { name: 'Apollo + RESTDataSource', child: apollo, doc: ourDoc, caches: false },
    ];

    const sizes = await checkAnswers(ctx, servers, sam);
    const rows: Row[] = [];
    for (const s of servers) resetPeakRss(s.child.process.pid);
    rows.push(
      ...(await measureRow(
        ctx,
        sim.url,
        servers,
        'a',
        'site week (101 agents), 1 token, warm, 1 conn',
        'week',
        [sam],
        1,
        sizes,
      )),
    );
    rows.push(
      ...(await measureRow(
        ctx,
        sim.url,
        servers,
        'b',
        'site week, 200 tokens, 50 conn (warm)',
        'week',
        sams,
        50,
        sizes,
      )),
    );
    const peaks = servers.map((s) => peakRssBytes(s.child.process.pid));
    servers.forEach((s, i) =>
      rows.push({
        id: 'c',
        scenario: 'peak RSS during (a) + (b)',
        figure: s.name,
        value: Number.isNaN(peaks[i]) ? 'n/a' : bytes(peaks[i] as number),
        goal:
          i === 0
            ? 'ours ≤ 0.5× Hive + cache'
            : `ours/peer ${ratio(peaks[0] as number, peaks[i] as number)}`,
      }),
    );
    rows.push(
      ...(await measureRow(
        ctx,
        sim.url,
        servers,
        'e',
        'identity `me { user }`, 200 tokens, 50 conn, caches on',
        'me',
        agents,
        50,
        sizes,
      )),
    );

    ctx.log('peers: restarting the gateway and Hive with every cross-request cache off');
    await hive.stop();
    await ours.stop();
    const oursCold = await start(startGatewayChild(sim.url, OURS_NO_CACHE));
    const hiveCold = await start(startHivePeer(false));
    const cold: Server[] = [
      { name: 'ours, caches off', child: oursCold, doc: ourDoc, caches: false },
      { name: 'Hive, no cache', child: hiveCold, doc: meshDoc, caches: false },
      { name: 'Apollo + RESTDataSource', child: apollo, doc: ourDoc, caches: false },
    ];
    rows.push(
      ...(await measureRow(
        ctx,
        sim.url,
        cold,
        'd',
        '`me { user }`, every cross-request cache off, 1 conn',
        'me',
        [sam],
        1,
        sizes,
      )),
    );
    const order = ['a', 'b', 'c', 'd', 'e'];
    return rows.sort((x, y) => order.indexOf(x.id) - order.indexOf(y.id));
  } finally {
    for (const c of children) await c.stop();
    await sim.stop();
  }
}

/** Checks every server's answers against ours; returns response bytes per server and kind. */
async function checkAnswers(
  ctx: BenchContext,
  servers: Server[],
  token: string,
): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const kind of ['week', 'me'] as const) {
    let expected: unknown;
    for (const s of servers) {
      const { text, body } = await post(s.child.url, token, s.doc(kind), s.headers?.get(token));
      sizes.set(`${s.name}|${kind}`, Buffer.byteLength(text));
      const asOurs =
        s.doc === servers[0]?.doc
          ? body
          : kind === 'week'
            ? meshWeekAsOurs(body)
            : meshMeAsOurs(body);
      if (expected === undefined) expected = asOurs;
      else if (!isDeepStrictEqual(asOurs, expected)) {
        process.exitCode = 1;
        ctx.log(
          `MISMATCH: ${s.name}'s ${kind} answer differs from ours (as JSON, after conversion)`,
        );
      } else ctx.log(`peers: ${s.name}'s ${kind} answer equals ours as JSON`);
    }
  }
  return sizes;
}

async function measureRow(
  ctx: BenchContext,
  simUrl: string,
  servers: Server[],
  id: string,
  scenario: string,
  kind: 'week' | 'me',
  tokens: readonly string[],
  connections: number,
  sizes: Map<string, number>,
): Promise<Row[]> {
  const results: { result: LoadResult; calls: number }[] = [];
  for (const s of servers) {
    ctx.log(`peers (${id}): ${s.name}`);
    const load = {
      url: s.child.url,
      query: s.doc(kind),
      tokens,
      connections,
      tokenHeaders: s.headers ? tokens.map((t) => s.headers?.get(t) ?? {}) : undefined,
    };
    // Warm: every token once where the server keeps per-caller caches; JIT and pools for all.
    await graphqlLoad({ ...load, amount: Math.max(connections, s.caches ? tokens.length : 10) });
    await clearLog(simUrl);
    let result = await graphqlLoad({ ...load, durationS: ctx.durationS });
    if (result.requests < 10 * connections) {
      // Few answers per connection (slow answers, as the Apollo peer's weeks): the requests left
      // in flight at the end would skew the upstream calls per request, so measure the same number
      // of requests again as a fixed amount, which autocannon waits for.
      await waitIdle(simUrl);
      await clearLog(simUrl);
      result = await graphqlLoad({ ...load, amount: Math.max(connections, result.requests) });
    }
    const calls = (await upstreamCalls(simUrl)).length;
    results.push({ result, calls });
    // A timed run leaves up to `connections` requests in the server; let it finish them first.
    await waitIdle(simUrl);
  }
  const base = results[0] as { result: LoadResult };
  return servers.map((s, i) => {
    const { result, calls } = results[i] as { result: LoadResult; calls: number };
    const size = sizes.get(
      `${s.name.startsWith('ours') ? 'ours' : s.name.startsWith('Hive') ? 'Hive + cache' : s.name}|${kind}`,
    );
    return {
      id,
      scenario,
      figure: s.name,
      value:
        `${rps(result.rps)} RPS · p50 ${ms(result.p50)} · ${(calls / Math.max(result.requests, 1)).toFixed(2)} upstream/req` +
        `${size === undefined ? '' : ` · ${bytes(size)}`}${result.errors ? ` · ${n(result.errors)} errors` : ''}`,
      goal: i === 0 ? undefined : `ours/peer ${ratio(base.result.rps, result.rps)}`,
    };
  });
}

/**
 * Waits until the simulator has logged no new upstream call for 3 s in a row (at most 3 min): a
 * server still working off requests of the last run (the Apollo peer parses a week for ≈ 2 s
 * between its calls) would otherwise slow the next one.
 */
async function waitIdle(simUrl: string): Promise<void> {
  let last = -1;
  let quietS = 0;
  for (let i = 0; i < 180 && quietS < 3; i++) {
    const count = (await upstreamCalls(simUrl)).length;
    quietS = count === last ? quietS + 1 : 0;
    last = count;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** Requests per second with a precision that shows slow servers too. */
function rps(value: number): string {
  return value >= 100 ? n(value) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function ratio(ours: number, peer: number): string {
  return Number.isFinite(ours) && Number.isFinite(peer) && peer > 0
    ? `${(ours / peer).toFixed(2)}×`
    : 'n/a';
}
