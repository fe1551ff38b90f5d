import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';

const load = (env: Record<string, string>) =>
  loadConfig({ envFile: null, env, randomSecret: () => 'r'.repeat(64) });

describe('loader batching configuration', () => {
  it('defaults to 500 ids, 1,050 agent-days and 31-day windows per call', () => {
    expect(load({}).loaders).toEqual({
      maxBatchSize: 500,
      scheduleAgentDaysPerCall: 1_050,
      scheduleWindowDays: 31,
    });
  });

  it('reads LOADER_MAX_BATCH_SIZE, SCHEDULE_BATCH_AGENT_DAYS and SCHEDULE_WINDOW_DAYS', () => {
    expect(
      load({
        LOADER_MAX_BATCH_SIZE: '100',
        SCHEDULE_BATCH_AGENT_DAYS: '700',
        SCHEDULE_WINDOW_DAYS: '14',
      }).loaders,
    ).toEqual({ maxBatchSize: 100, scheduleAgentDaysPerCall: 700, scheduleWindowDays: 14 });
  });

  it.each([
    ['LOADER_MAX_BATCH_SIZE', '0'],
    ['SCHEDULE_BATCH_AGENT_DAYS', 'lots'],
    ['SCHEDULE_WINDOW_DAYS', '94'],
    ['MAX_SCHEDULE_RANGE_DAYS', '94'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => load({ [name]: value })).toThrow(new RegExp(name));
  });
});
