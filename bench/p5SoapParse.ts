/**
 * P5 (PERFORMANCE.md): parse cost of WFM GetAgentState replies of about 10 KB, 100 KB, 1 MB and
 * 8 MB, captured from a real simulator, read by the gateway's parser and the alternatives
 * (lib/xmlReaders.ts): `tokenizer` (the gateway's one path), `saxes`, `sax` (both driving the
 * same handler in the same slices), and `node-soap` (its former path for small replies).
 *
 * Method: for each size, the readers take turns in three rounds (so drift from other work on the
 * machine is shared), each round a batch of parses in a row. Figures per size and reader: µs per
 * KB (mean wall time of a parse ÷ KB); the longest event-loop block, the maximum of
 * `perf_hooks.monitorEventLoopDelay` (resolution 1 ms, a fresh one around each of that reader's
 * batches) minus 1 ms; and, with `--expose-gc`, the peak heap of one parse: heap used above a
 * collected baseline, sampled at every turn of the event loop while parsing and at the end with
 * the answer alive (a synchronous parse is seen at its end only).
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { captureAgentStateReplies } from './lib/agentStateReplies.js';
import { xmlReaders, type Reader, type ReaderName } from './lib/xmlReaders.js';

/** One row of the P5 table. */
export interface SoapParseRow {
  reader: ReaderName;
  sizeKb: number;
  states: number;
  usPerKb: number;
  maxBlockMs: number;
  /** Peak heap of one parse above a collected baseline, MB (null without --expose-gc). */
  peakHeapMb: number | null;
}

const ROUNDS = 3;

interface Stat {
  ms: number;
  runs: number;
  blockMs: number;
}

/** Captures the four replies and measures every reader on each. */
export async function runSoapParseBench(
  options: { quick?: boolean } = {},
): Promise<SoapParseRow[]> {
  const replies = await captureAgentStateReplies();
  const readers = Object.entries(await xmlReaders()) as [ReaderName, Reader][];
  const rows: SoapParseRow[] = [];
  for (const reply of replies) {
    const kb = Buffer.byteLength(reply) / 1024;
    const states = (reply.match(/<schAgentState>/g) ?? []).length;
    // About 8 MB (2 MB quick) of XML per reader and size, node-soap fewer (it is slow).
    const perRound = Math.max(1, Math.round((options.quick ? 2_048 : 8_192) / kb / ROUNDS));
    const stats = new Map(readers.map(([name]) => [name, { ms: 0, runs: 0, blockMs: 0 }]));
    for (const [, read] of readers) await read(reply); // warm-up (JIT, WSDL type lookups)
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, read] of readers) {
        const s = stats.get(name) as Stat;
        const runs = name === 'node-soap' ? Math.min(perRound, 10) : perRound;
        // A fresh histogram per batch, running a few ms before the batch starts: its first
        // timer turn only sets its reference time.
        const block = monitorEventLoopDelay({ resolution: 1 });
        block.enable();
        await new Promise((resolve) => setTimeout(resolve, 5));
        for (let i = 0; i < runs; i++) {
          await new Promise((resolve) => setImmediate(resolve));
          const t0 = performance.now();
          await read(reply);
          s.ms += performance.now() - t0;
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
        block.disable();
        // The histogram holds how late its 1 ms timer fired: the longest synchronous stretch.
        s.blockMs = Math.max(s.blockMs, block.max / 1e6 - 1);
        s.runs += runs;
      }
    }
    for (const [name, read] of readers) {
      const s = stats.get(name) as Stat;
      rows.push({
        reader: name,
        sizeKb: kb,
        states,
        usPerKb: ((s.ms / s.runs) * 1000) / kb,
        maxBlockMs: Math.max(0, s.blockMs),
        peakHeapMb: await peakHeapMb(() => read(reply)),
      });
    }
  }
  return rows;
}

async function peakHeapMb(parse: () => Promise<unknown>): Promise<number | null> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  gc();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  let parsing = true;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (parsing) setImmediate(sample);
  };
  setImmediate(sample);
  const answer = await parse();
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  parsing = false;
  // Keep the answer alive until after the last sample.
  return answer === undefined ? null : (peak - before) / 1e6;
}

/** The P5 rows as a text table. */
export function formatSoapParseRows(rows: readonly SoapParseRow[]): string {
  const lines = ['reader     size_kb  states  us_per_kb  max_block_ms  peak_heap_mb'];
  for (const r of rows) {
    lines.push(
      `${r.reader.padEnd(9)}  ${r.sizeKb.toFixed(0).padStart(7)}  ${String(r.states).padStart(6)}  ` +
        `${r.usPerKb.toFixed(1).padStart(9)}  ${r.maxBlockMs.toFixed(1).padStart(12)}  ` +
        `${r.peakHeapMb === null ? '—'.padStart(12) : r.peakHeapMb.toFixed(1).padStart(12)}`,
    );
  }
  return lines.join('\n');
}
