import { instantToOle } from '../time/ole.js';
import { chunk } from './align.js';

const DAY_MS = 86_400_000;

/** How GetAgentState calls are sized; every number carries its unit. */
export interface ScheduleCallLimits {
  /** Most agent ids in one call (the loaders' `maxBatchSize`). */
  readonly maxAgentsPerCall: number;
  /**
   * Most agent-days one call may ask for (agents × days of its window): bounds the reply size.
   * WFM answers ≈ 1.5 KB per agent-day, so the default 1,050 (150 agent-weeks) is ≈ 1.6 MB.
   */
  readonly agentDaysPerCall: number;
  /** Longest time window of one call, in days; longer ranges are split into windows. */
  readonly windowDays: number;
}

/** One time window of a schedule range: instants and the site-local OLE dates sent to WFM. */
export interface ScheduleWindow {
  readonly fromMs: number;
  readonly toMs: number;
  readonly startOle: number;
  readonly endOle: number;
}

/** The calls of one (site, range) group: every chunk of agents is asked for in every window. */
export interface SchedulePlan {
  readonly windows: readonly ScheduleWindow[];
  readonly chunks: readonly (readonly number[])[];
}

/**
 * Plans the GetAgentState calls of one site and range: the range is cut into windows of at most
 * `windowDays` (WFM refuses long ranges; the simulator past 93 days), and the agents into chunks
 * of at most `maxAgentsPerCall` and at most `agentDaysPerCall ÷ window days` (at least one), so
 * no reply outgrows the response size cap (500 agents × 62 days is ≈ 47 MB). The number of calls
 * is windows × chunks; windows and chunks are deterministic, so cache keys repeat.
 *
 * @throws RangeError for a zone the runtime does not know (from the OLE conversion).
 */
export function planScheduleCalls(
  range: { fromMs: number; toMs: number },
  timeZone: string,
  agentIds: readonly number[],
  limits: ScheduleCallLimits,
): SchedulePlan {
  const windowMs = limits.windowDays * DAY_MS;
  const windows: ScheduleWindow[] = [];
  for (let fromMs = range.fromMs; fromMs < range.toMs; fromMs += windowMs) {
    const toMs = Math.min(range.toMs, fromMs + windowMs);
    windows.push({
      fromMs,
      toMs,
      startOle: instantToOle(fromMs, timeZone),
      endOle: instantToOle(toMs, timeZone),
    });
  }
  const longestDays = Math.max(
    1,
    Math.ceil(Math.min(windowMs, range.toMs - range.fromMs) / DAY_MS),
  );
  const perCall = Math.max(
    1,
    Math.min(limits.maxAgentsPerCall, Math.floor(limits.agentDaysPerCall / longestDays)),
  );
  return { windows, chunks: chunk(agentIds, perCall) };
}
