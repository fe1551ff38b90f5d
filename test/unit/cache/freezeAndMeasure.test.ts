import { describe, expect, it } from 'vitest';
import { freezeAndMeasure } from '../../../src/cache/freezeAndMeasure.js';

describe('freezeAndMeasure', () => {
  it('estimates close to the JSON length of upstream records', () => {
    const records = Array.from({ length: 200 }, (_, i) => ({
      agentId: i,
      type: 'ACTIVITY',
      name: `Phones ${i}`,
      startOle: 45000.25 + i,
      endOle: 45000.5 + i,
      fullDay: false,
      paid: true,
      teamId: null,
    }));
    const json = JSON.stringify(records).length;
    const estimate = freezeAndMeasure(records);
    expect(estimate).toBeGreaterThan(json * 0.7);
    expect(estimate).toBeLessThan(json * 1.5);
  });

  it('freezes arrays and plain objects deeply, and leaves other objects alone', () => {
    const when = new Date(0);
    const value = { list: [{ a: 1 }], when };
    freezeAndMeasure(value);
    expect(
      Object.isFrozen(value) && Object.isFrozen(value.list) && Object.isFrozen(value.list[0]),
    ).toBe(true);
    expect(Object.isFrozen(when)).toBe(false);
  });

  it('measures already frozen values too, and stops on cycles', () => {
    const frozen = Object.freeze({ text: 'x'.repeat(1000) });
    expect(freezeAndMeasure(frozen)).toBeGreaterThan(1000);
    const cyclic: { self?: unknown; text: string } = { text: 'y'.repeat(100) };
    cyclic.self = cyclic;
    expect(freezeAndMeasure(cyclic)).toBeGreaterThan(100);
  });

  it('walks very deep values without overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(freezeAndMeasure(deep)).toBeGreaterThan(100_000);
  });
});
