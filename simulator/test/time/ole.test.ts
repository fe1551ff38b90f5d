/**
 * The simulator's own OLE conversion (simulator/src/time/ole.ts), checked against dates worked
 * out by hand, not against the gateway's implementation.
 */
import { describe, expect, it } from 'vitest';
import { instantToOle, oleToInstant } from '../../src/time/ole.js';

describe('the simulator OLE dates', () => {
  it.each([
    ['1899-12-30T00:00:00Z', 'UTC', 0],
    ['1900-01-01T12:00:00Z', 'UTC', 2.5],
    // 2026-03-08 is day 46089; 08:00Z is 03:00 CDT (just after the spring-forward gap).
    ['2026-03-08T08:00:00Z', 'America/Chicago', 46089.125],
    // 2026-01-15 09:30 in Berlin (CET, +01:00).
    ['2026-01-15T08:30:00Z', 'Europe/Berlin', 46037 + 9.5 / 24],
  ])('%s in %s is %d', (iso, zone, ole) => {
    expect(instantToOle(Date.parse(iso), zone)).toBeCloseTo(ole, 9);
    expect(oleToInstant(ole, zone)).toBe(Date.parse(iso));
  });

  it('moves a wall time inside the spring-forward gap forward by the gap', () => {
    // 02:30 on 2026-03-08 does not exist in Chicago; it is read as 03:30 CDT.
    expect(new Date(oleToInstant(46089 + 2.5 / 24, 'America/Chicago')).toISOString()).toBe(
      '2026-03-08T08:30:00.000Z',
    );
  });

  it('reads a wall time shown twice (clocks falling back) as the earlier instant', () => {
    // 01:30 on 2026-11-01 happens at 06:30Z (CDT) and again at 07:30Z (CST).
    expect(new Date(oleToInstant(46327 + 1.5 / 24, 'America/Chicago')).toISOString()).toBe(
      '2026-11-01T06:30:00.000Z',
    );
  });

  it('refuses an unknown zone and non-finite input', () => {
    expect(() => instantToOle(0, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => oleToInstant(Number.NaN, 'UTC')).toThrow(RangeError);
  });
});
