import { describe, expect, it } from 'vitest';
import { planScheduleCalls } from '../../../src/loaders/scheduleCalls.js';
import { itemsByAgent } from '../../../src/loaders/scheduleItems.js';
import type { WfmAgentStateRecord } from '../../../src/types/WfmSoapApi.js';

const DAY_MS = 86_400_000;
const FROM = Date.parse('2026-03-02T00:00:00Z');
const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const limits = { maxAgentsPerCall: 500, agentDaysPerCall: 1_050, windowDays: 31 };

describe('planScheduleCalls', () => {
  it.each([
    // days, agents → windows, agents per call
    [1, 1_000, 1, 500],
    [7, 1_000, 1, 150],
    [31, 1_000, 1, 33],
    [62, 500, 2, 33],
    [93, 10, 3, 10],
  ])('%i days × %i agents: %i windows of ≤ %i agents', (days, agents, windows, perCall) => {
    const plan = planScheduleCalls(
      { fromMs: FROM, toMs: FROM + days * DAY_MS },
      'UTC',
      ids(agents),
      limits,
    );
    expect(plan.windows).toHaveLength(windows);
    expect(Math.max(...plan.chunks.map((c) => c.length))).toBe(perCall);
    expect(plan.chunks.flat()).toEqual(ids(agents));
    // 500 agents × 62 days used to be one 47 MB reply; now no call asks for more than the budget.
    for (const w of plan.windows)
      expect((w.endOle - w.startOle) * perCall).toBeLessThanOrEqual(1_050);
    expect(plan.windows[0]?.fromMs).toBe(FROM);
    expect(plan.windows.at(-1)?.toMs).toBe(FROM + days * DAY_MS);
  });

  it('always asks for at least one agent, even when one agent exceeds the budget', () => {
    const plan = planScheduleCalls({ fromMs: FROM, toMs: FROM + 31 * DAY_MS }, 'UTC', ids(3), {
      ...limits,
      agentDaysPerCall: 5,
    });
    expect(plan.chunks).toEqual([[1], [2], [3]]);
  });
});

describe('itemsByAgent', () => {
  const s = (startOle: number, endOle: number): WfmAgentStateRecord =>
    Object.freeze({
      agentId: 1,
      type: 'SHIFT',
      name: 'x',
      startOle,
      endOle,
      fullDay: false,
      paid: true,
    });
  const windows = [
    { fromMs: 0, toMs: 1, startOle: 46083, endOle: 46084 },
    { fromMs: 1, toMs: 2, startOle: 46084, endOle: 46085 },
  ];

  it('keeps a state crossing a boundary from its first window only, sorted by start', () => {
    const crossing = s(46083.9, 46084.2);
    const items = itemsByAgent(
      windows,
      [
        [crossing, s(46083, 46083.5)],
        [crossing, s(46084.5, 46084.6)],
      ],
      'UTC',
    );
    expect(items.get(1)?.map((i) => i.start)).toEqual([
      '2026-03-02T00:00:00+00:00',
      '2026-03-02T21:36:00+00:00',
      '2026-03-03T12:00:00+00:00',
    ]);
  });

  it('converts a cached (frozen) answer once and hands out the same items again', () => {
    const answer = Object.freeze([s(46083, 46083.5)]);
    const first = itemsByAgent(windows.slice(0, 1), [answer], 'UTC').get(1);
    const again = itemsByAgent(windows.slice(0, 1), [answer], 'UTC').get(1);
    expect(again?.[0]).toBe(first?.[0]);
    expect(Object.isFrozen(first?.[0])).toBe(true);
    const elsewhere = itemsByAgent(windows.slice(0, 1), [answer], 'Europe/Berlin').get(1);
    expect(elsewhere?.[0]?.start).toBe('2026-03-02T00:00:00+01:00');
  });
});
