import {
  DEFAULT_MAX_BATCH_SIZE,
  DEFAULT_SCHEDULE_AGENT_DAYS_PER_CALL,
  DEFAULT_SCHEDULE_WINDOW_DAYS,
  MAX_SCHEDULE_WINDOW_DAYS,
} from '../loaders/createLoaders.js';
import type { EnvReader } from './read.js';

/** How the per-request loaders batch upstream calls (`LoaderOptions` of src/loaders). */
export interface LoaderConfig {
  /** LOADER_MAX_BATCH_SIZE: most ids in one upstream call (sites, teams, agents; agents per GetAgentState). Default 500. */
  readonly maxBatchSize: number;
  /**
   * SCHEDULE_BATCH_AGENT_DAYS: most agent-days (agents × window days) one GetAgentState call asks
   * for, which bounds each reply's size (≈ 1.5 KB per agent-day). Default 1050 (150 agent-weeks).
   */
  readonly scheduleAgentDaysPerCall: number;
  /** SCHEDULE_WINDOW_DAYS: longest range of one GetAgentState call, in days (1–93). Default 31. */
  readonly scheduleWindowDays: number;
}

/** Reads the variables of {@link LoaderConfig}; a bad value is recorded on `read`. */
export function readLoaderConfig(read: EnvReader): LoaderConfig {
  return {
    maxBatchSize: read.int('LOADER_MAX_BATCH_SIZE', DEFAULT_MAX_BATCH_SIZE, 1, 5_000),
    scheduleAgentDaysPerCall: read.int(
      'SCHEDULE_BATCH_AGENT_DAYS',
      DEFAULT_SCHEDULE_AGENT_DAYS_PER_CALL,
      1,
      100_000,
    ),
    scheduleWindowDays: read.int(
      'SCHEDULE_WINDOW_DAYS',
      DEFAULT_SCHEDULE_WINDOW_DAYS,
      1,
      MAX_SCHEDULE_WINDOW_DAYS,
    ),
  };
}
