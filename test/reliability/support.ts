/**
 * Small helpers shared by the reliability checks (RELIABILITY.md R5–R9): figures, percentiles,
 * pacing and tokens. The gateway under test comes from `test/helpers/testGateway.ts`.
 */
import type { SimLogEntry } from '@genesys-gateway/simulator';
import {
  DEFAULT_RESILIENCE,
  type ResilienceConfig,
} from '../../src/upstream/resilience/ResilienceConfig.js';
import type { TestGateway, TestGatewayOptions } from '../helpers/testGateway.js';

/** True under `npm run soak`: the long variants. */
export const SOAK = process.env['RELIABILITY_SOAK'] === '1';

/**
 * The harness options the whole-gateway checks (R1, R2, R10, R11, R13, R14, monitoring
 * endpoints) share: a profile, 20 seeded agents, a 3 s upstream attempt deadline and every log
 * line kept (they read the log for leaks). `more` is added on top; its `env` and `simulator`
 * are merged into these.
 */
export function reliabilityOptions(
  profile: 'test' | 'production',
  more: TestGatewayOptions = {},
): TestGatewayOptions {
  return {
    logs: 'keep',
    ...more,
    profile,
    simulator: { agents: 20, ...more.simulator },
    env: { UPSTREAM_TIMEOUT_MS: '3000', ...more.env },
  };
}

/** Prints one check's figures on one line, e.g. `R5 amplification=1.03 earliestRetryGapMs=2004`. */
export function printFigures(check: string, figures: Record<string, string | number | boolean>) {
  const parts = Object.entries(figures).map(([name, value]) => `${name}=${String(value)}`);
  console.log(`${check} ${parts.join(' ')}`);
}

/** The p-th percentile (0–100, nearest rank) of `values`; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Waits `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rounds to `digits` decimals, for printing. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** `agent001`…: the seeded agent user names (the simulator seeds 60 by default). */
export function agentNames(count: number, first = 1): string[] {
  return Array.from({ length: count }, (_, i) => `agent${String(first + i).padStart(3, '0')}`);
}

/** `count` fresh tokens, cycling through `users` (several tokens per user are distinct callers). */
export async function freshTokens(
  gw: TestGateway,
  users: readonly string[],
  count: number,
): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => gw.token(users[i % users.length]!)));
}

/** Upstream requests of the simulator log grouped by caller token and operation, in arrival order. */
export function attemptsByCall(entries: readonly SimLogEntry[]): Map<string, SimLogEntry[]> {
  const groups = new Map<string, SimLogEntry[]>();
  for (const entry of entries) {
    if (entry.tokenHash === null) continue;
    const key = `${entry.tokenHash} ${entry.service} ${entry.operation}`;
    const group = groups.get(key) ?? [];
    group.push(entry);
    groups.set(key, group);
  }
  for (const group of groups.values()) group.sort((a, b) => a.atMs - b.atMs);
  return groups;
}

/** Production resilience with some settings replaced (deep for one level). */
export function resilienceWith(overrides: {
  retry?: Partial<ResilienceConfig['retry']>;
  breaker?: Partial<ResilienceConfig['breaker']>;
  soapBulkhead?: Partial<ResilienceConfig['soapBulkhead']>;
}): ResilienceConfig {
  const d = DEFAULT_RESILIENCE;
  return {
    retry: { ...d.retry, ...overrides.retry },
    breaker: { ...d.breaker, ...overrides.breaker },
    soapBulkhead: { ...d.soapBulkhead, ...overrides.soapBulkhead },
  };
}

/** In-flight and connected upstream sockets of one dispatcher, summed over its origins. */
export function socketCounts(dispatcher: unknown): {
  connected: number;
  running: number;
  pending: number;
} {
  const stats =
    (
      dispatcher as {
        stats?: Record<string, { connected?: number; running?: number; pending?: number }>;
      }
    ).stats ?? {};
  let connected = 0;
  let running = 0;
  let pending = 0;
  for (const s of Object.values(stats)) {
    connected += s.connected ?? 0;
    running += s.running ?? 0;
    pending += s.pending ?? 0;
  }
  return { connected, running, pending };
}

/** Runs `tasks` with at most `concurrency` at once; resolves with their results in order. */
export async function pooled<T>(tasks: Array<() => Promise<T>>, concurrency: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return results;
}

/** `{ 200: 12, 400: 3 }` as `200×12 400×3`. */
export function histogram(statuses: Iterable<number | string>): string {
  const counts = new Map<string, number>();
  for (const s of statuses) counts.set(String(s), (counts.get(String(s)) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
}
