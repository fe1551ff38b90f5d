/**
 * R15 — the worst in-budget request under the README's recommended heap cap
 * (`--max-old-space-size=160`). A child process runs the simulator and the gateway in one capped
 * heap (scenarios/heapUnderCap.ts) and sends issue 10's attack (four aliases of
 * `sites { agents { schedule(62 days) { items { type } } } }`, 300 agents), the largest answer the
 * budgets let through, and a request refused only after its calls came back. Before the request
 * budget the attack built a 268k-item answer and two such ranges crashed the process.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { printFigures } from './support.js';

const SCENARIO = fileURLToPath(new URL('./scenarios/heapUnderCap.ts', import.meta.url));
const HEAP_CAP_MB = 160;

interface Run {
  status: number;
  items: number;
  errors: number;
  limits: string[];
  heapPeakMb: number;
  answerBytes: number;
  upstreamCalls: number;
}

function runCapped(): Promise<{
  attack: Run;
  inBudget: Run;
  refusedLate: Run;
  heapAfterMb: number;
}> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [`--max-old-space-size=${HEAP_CAP_MB}`, '--import', 'tsx', SCENARIO],
      { timeout: 90_000, maxBuffer: 1_048_576 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`capped gateway failed: ${error.message}\n${stderr.slice(-2_000)}`));
          return;
        }
        const line = stdout.trim().split('\n').pop() ?? '';
        resolve(JSON.parse(line) as Awaited<ReturnType<typeof runCapped>>);
      },
    );
  });
}

describe('R15 worst in-budget request under the recommended heap cap', () => {
  it('refuses the alias attack before fetching schedules and survives the largest answer that fits', async () => {
    const { attack, inBudget, refusedLate, heapAfterMb } = await runCapped();
    printFigures('R15', {
      heapCapMb: HEAP_CAP_MB,
      attackLimit: attack.limits.join('+'),
      attackUpstreamCalls: attack.upstreamCalls,
      attackHeapPeakMb: attack.heapPeakMb,
      inBudgetItems: inBudget.items,
      inBudgetAnswerBytes: inBudget.answerBytes,
      inBudgetUpstreamCalls: inBudget.upstreamCalls,
      inBudgetHeapPeakMb: inBudget.heapPeakMb,
      refusedLateUpstreamCalls: refusedLate.upstreamCalls,
      refusedLateHeapPeakMb: refusedLate.heapPeakMb,
      heapAfterMb,
    });
    // The attack: refused by the estimate, after the one GetAgent that told the real agent count.
    expect(attack.limits).toEqual(['ANSWER_ITEMS']);
    expect(attack.items).toBe(0);
    expect(attack.upstreamCalls).toBeLessThanOrEqual(1);
    // The largest answer that fits is answered whole, under the cap (the process did not crash).
    expect(inBudget.errors).toBe(0);
    expect(inBudget.items).toBeGreaterThan(10_000);
    expect(inBudget.items).toBeLessThanOrEqual(25_000);
    // A request whose estimate fit but whose items did not: refused with the code, nothing built.
    expect(refusedLate.limits).toEqual(['ANSWER_ITEMS']);
    expect(refusedLate.upstreamCalls).toBeGreaterThan(0);
    expect(refusedLate.answerBytes).toBeLessThan(1_000);
  }, 120_000);
});
