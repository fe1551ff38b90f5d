import { describe, expect, it } from 'vitest';
import { conversionBytes } from '../../../src/loaders/scheduleItems.js';

const state = {
  agentId: 1001,
  type: 'SHIFT',
  name: 'Day',
  startOle: 46090.25,
  endOle: 46090.6,
  fullDay: false,
  paid: true,
};

describe('conversionBytes', () => {
  it('reserves memory per GetAgentState record, which the conversion memo may hold', () => {
    const one = conversionBytes([state]);
    expect(one).toBeGreaterThan(0);
    expect(conversionBytes([state, state, state])).toBe(3 * one);
  });

  it('reserves nothing for answers the memo never holds', () => {
    expect(conversionBytes([])).toBe(0);
    expect(conversionBytes(null)).toBe(0);
    expect(conversionBytes({ startOle: 1 })).toBe(0);
    // A Genesys Cloud schedule search entry: converted without a memo.
    expect(conversionBytes([{ userId: 'u-1', shifts: [] }])).toBe(0);
  });
});
