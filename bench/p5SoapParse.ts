/**
 * P5 (PERFORMANCE.md): parse cost of WFM GetAgentState replies of about 10 KB, 100 KB, 1 MB and
 * 8 MB, captured from a real simulator, read two ways:
 *
 * - `node-soap`: the gateway's node-soap client over the bundled WSDL (one synchronous parse);
 * - `stream`: `readAgentStateReply`, the incremental reader the gateway uses from 32 KiB on
 *   (yields to the event loop every 128 Ki characters).
 *
 * Figures per size and reader: µs per KB (mean wall time of a parse ÷ KB), the longest event-loop
 * block seen by `perf_hooks.monitorEventLoopDelay` while parsing (each parse runs in its own
 * macrotask), and the heap still held by one parsed answer (only with `--expose-gc`).
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createClientAsync } from 'soap';
import { request } from 'undici';
import { startSimulator } from '../src/simulator/createSimulator.js';
import { readAgentStateReply } from '../src/upstream/engage/soap/agentStateReply.js';

/** One row of the P5 table. */
export interface SoapParseRow {
  reader: 'node-soap' | 'stream';
  sizeKb: number;
  states: number;
  usPerKb: number;
  maxBlockMs: number;
  /** Heap held by one parsed answer, MB (null without --expose-gc). */
  heapMb: number | null;
}

const TARGETS_KB = [10, 100, 1024, 8192];
const WSDL = fileURLToPath(
  new URL('../src/upstream/engage/soap/wsdl/WFMScheduleService852.wsdl', import.meta.url),
);

/** Captures the four replies and measures both readers on each. */
export async function runSoapParseBench(
  options: { quick?: boolean } = {},
): Promise<SoapParseRow[]> {
  const replies = await captureReplies();
  const nodeSoap = await nodeSoapReader();
  const rows: SoapParseRow[] = [];
  for (const reply of replies) {
    const kb = Buffer.byteLength(reply) / 1024;
    const states = (reply.match(/<schAgentState>/g) ?? []).length;
    const runs = Math.max(2, Math.round((options.quick ? 2_000 : 8_000) / kb));
    const body = Buffer.from(reply);
    rows.push({
      reader: 'node-soap',
      sizeKb: kb,
      states,
      ...(await measure(Math.min(runs, 30), kb, () => Promise.resolve(nodeSoap(reply)))),
    });
    rows.push({
      reader: 'stream',
      sizeKb: kb,
      states,
      ...(await measure(runs, kb, () => readAgentStateReply(body))),
    });
  }
  return rows;
}

async function measure(
  runs: number,
  kb: number,
  parse: () => Promise<unknown>,
): Promise<Pick<SoapParseRow, 'usPerKb' | 'maxBlockMs' | 'heapMb'>> {
  await parse(); // warm-up (JIT, WSDL type lookups)
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let totalMs = 0;
  for (let i = 0; i < runs; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    const t0 = performance.now();
    await parse();
    totalMs += performance.now() - t0;
  }
  histogram.disable();
  return {
    usPerKb: ((totalMs / runs) * 1000) / kb,
    // The histogram holds how late its 1 ms timer fired: the longest synchronous stretch.
    maxBlockMs: Math.max(0, histogram.max / 1e6 - 1),
    heapMb: await heldHeapMb(parse),
  };
}

async function heldHeapMb(parse: () => Promise<unknown>): Promise<number | null> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  gc();
  const before = process.memoryUsage().heapUsed;
  const held = await parse();
  gc();
  const after = process.memoryUsage().heapUsed;
  // Read after the collection, so the parsed answer was reachable during it.
  return held === undefined ? null : (after - before) / 1e6;
}

/** node-soap's parse of a reply through the gateway's bundled WSDL, synchronously. */
async function nodeSoapReader(): Promise<(reply: string) => unknown> {
  const body = { text: '' };
  const client = await createClientAsync(WSDL, {
    httpClient: {
      request: (_u: string, _d: string, cb: (e: unknown, r?: unknown, b?: string) => void) => {
        cb(null, { status: 200, headers: {} }, body.text);
        return Promise.resolve();
      },
    } as never,
  });
  return (reply) => {
    body.text = reply;
    let result: unknown;
    client.GetAgentState(
      { siteId: 1, startDateTime: 1, endDateTime: 2 },
      (error: unknown, value: unknown) => {
        if (error) throw error;
        result = value;
      },
    );
    return result;
  };
}

/** Real GetAgentState replies of the simulator near each target size. */
async function captureReplies(): Promise<string[]> {
  const sim = await startSimulator({
    agents: 2000,
    rateLimitPerMinute: 0,
    today: new Date('2026-03-04T12:00:00Z'),
  });
  try {
    const token = (await sim.passwordToken('sam.supervisor')).access_token;
    const post = async (url: string, body: string): Promise<string> => {
      const res = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml', authorization: `Bearer ${token}` },
        body,
      });
      return res.body.text();
    };
    const env = (inner: string) =>
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${inner}</s:Body></s:Envelope>`;
    const opened = await post(
      `${sim.url}/?Handler=WFMSessionService800`,
      env(
        '<OpenSession xmlns="urn:WFMSessionService800"><appName>bench</appName><userID>1001</userID></OpenSession>',
      ),
    );
    const scheduleUrl = (
      /<serviceURL>([^<]*WFMScheduleService852[^<]*)<\/serviceURL>/.exec(opened)?.[1] ?? ''
    ).replace(/&amp;/g, '&');
    const agents = sim.world.agents.filter((a) => a.siteId === 1).map((a) => a.id);
    const replies: string[] = [];
    for (const targetKb of TARGETS_KB) {
      // About 10.6 KB per agent-week: pick enough agents (and weeks) for the target size.
      const weeks = targetKb > 2048 ? 4 : 1;
      let count = Math.max(1, Math.round(targetKb / (10.6 * weeks)));
      for (;;) {
        const ids = agents.slice(0, Math.min(count, agents.length));
        const filter = ids.map((id) => `<agentId>${id}</agentId>`).join('');
        const reply = await post(
          scheduleUrl,
          env(
            `<GetAgentState xmlns="urn:WFMScheduleService852"><siteId>1</siteId><startDateTime>46083</startDateTime><endDateTime>${46083 + 7 * weeks}</endDateTime>${filter}</GetAgentState>`,
          ),
        );
        if (Buffer.byteLength(reply) >= targetKb * 1024 * 0.9 || count >= agents.length) {
          replies.push(reply);
          break;
        }
        count = Math.ceil(count * 1.2);
      }
    }
    return replies;
  } finally {
    await sim.close();
  }
}

/** The P5 rows as a text table. */
export function formatSoapParseRows(rows: readonly SoapParseRow[]): string {
  const lines = ['reader     size_kb  states  us_per_kb  max_block_ms  held_heap_mb'];
  for (const r of rows) {
    lines.push(
      `${r.reader.padEnd(9)}  ${r.sizeKb.toFixed(0).padStart(7)}  ${String(r.states).padStart(6)}  ` +
        `${r.usPerKb.toFixed(1).padStart(9)}  ${r.maxBlockMs.toFixed(1).padStart(12)}  ` +
        `${r.heapMb === null ? '—' : r.heapMb.toFixed(1).padStart(12)}`,
    );
  }
  return lines.join('\n');
}
