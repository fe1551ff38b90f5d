import { describe, expect, it } from 'vitest';
import { formatInZone, instantToOle, oleToInstant, parseDateTime } from '../../../src/time/ole.js';

const CHICAGO = 'America/Chicago';
const BERLIN = 'Europe/Berlin';
const SYDNEY = 'Australia/Sydney';
const HOUR = 3_600_000;

/** OLE date of a wall-clock time (y, m, d, h, min) — independent of the code under test. */
function ole(y: number, m: number, d: number, h = 0, min = 0): number {
  return (Date.UTC(y, m - 1, d, h, min) - Date.UTC(1899, 11, 30)) / 86_400_000;
}
const at = (iso: string): number => Date.parse(iso);

describe('OLE epoch and plain conversions', () => {
  it('counts days from 1899-12-30 in the wall clock of the zone', () => {
    expect(instantToOle(at('2026-03-02T00:00:00Z'), 'UTC')).toBe(46083);
    expect(instantToOle(at('2026-03-02T06:00:00Z'), CHICAGO)).toBe(46083);
    expect(instantToOle(at('1899-12-30T18:00:00Z'), 'UTC')).toBe(0.75);
  });

  it('reads negative OLE dates as days backwards with a positive time of day', () => {
    expect(oleToInstant(-1.25, 'UTC')).toBe(at('1899-12-29T06:00:00Z'));
    expect(instantToOle(at('1899-12-29T06:00:00Z'), 'UTC')).toBe(-1.25);
  });

  it('rejects unknown zones and non-finite numbers', () => {
    expect(() => instantToOle(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => oleToInstant(Number.NaN, CHICAGO)).toThrow(RangeError);
    expect(() => formatInZone(Number.POSITIVE_INFINITY, CHICAGO)).toThrow(RangeError);
  });
});

describe.each([
  // zone, spring-forward day, last local minute before, first instant after (UTC), gap local hour
  {
    zone: CHICAGO,
    day: [2026, 3, 8],
    change: '2026-03-08T08:00:00Z',
    gapHour: 2,
    before: '-06:00',
    after: '-05:00',
  },
  {
    zone: BERLIN,
    day: [2026, 3, 29],
    change: '2026-03-29T01:00:00Z',
    gapHour: 2,
    before: '+01:00',
    after: '+02:00',
  },
  {
    zone: SYDNEY,
    day: [2026, 10, 4],
    change: '2026-10-03T16:00:00Z',
    gapHour: 2,
    before: '+10:00',
    after: '+11:00',
  },
])('spring forward in $zone', ({ zone, day, change, gapHour, before, after }) => {
  const [y, m, d] = day as [number, number, number];

  it('maps the instants either side of the change to the wall clock', () => {
    expect(instantToOle(at(change) - 60_000, zone)).toBeCloseTo(ole(y, m, d, gapHour - 1, 59), 9);
    expect(instantToOle(at(change), zone)).toBe(ole(y, m, d, gapHour + 1, 0));
    expect(formatInZone(at(change) - 60_000, zone)).toMatch(
      new RegExp(`T0${gapHour - 1}:59:00\\${before}$`),
    );
    expect(formatInZone(at(change), zone)).toMatch(new RegExp(`T0${gapHour + 1}:00:00\\${after}$`));
  });

  it('moves a local time inside the gap forward by the gap', () => {
    expect(oleToInstant(ole(y, m, d, gapHour, 30), zone)).toBe(at(change) + 30 * 60_000);
    expect(oleToInstant(ole(y, m, d, gapHour, 0), zone)).toBe(at(change));
  });

  it('gives a shift across the change its real length', () => {
    const start = oleToInstant(ole(y, m, d, 0, 0), zone);
    const end = oleToInstant(ole(y, m, d, 6, 0), zone);
    expect(end - start).toBe(5 * HOUR);
  });
});

describe.each([
  // zone, fall-back day, UTC instant of the first 01:30/02:30 occurrence, local hour of the overlap
  { zone: CHICAGO, day: [2026, 11, 1], first: '2026-11-01T06:30:00Z', hour: 1 },
  { zone: BERLIN, day: [2026, 10, 25], first: '2026-10-25T00:30:00Z', hour: 2 },
  { zone: SYDNEY, day: [2026, 4, 5], first: '2026-04-04T15:30:00Z', hour: 2 },
])('fall back in $zone', ({ zone, day, first, hour }) => {
  const [y, m, d] = day as [number, number, number];
  const repeated = ole(y, m, d, hour, 30);

  it('maps the repeated local time to the earlier instant by default', () => {
    expect(oleToInstant(repeated, zone)).toBe(at(first));
    expect(oleToInstant(repeated, zone, 'earlier')).toBe(at(first));
  });

  it('maps it to the later instant when asked', () => {
    expect(oleToInstant(repeated, zone, 'later')).toBe(at(first) + HOUR);
  });

  it('shows both occurrences with different offsets', () => {
    const a = formatInZone(at(first), zone);
    const b = formatInZone(at(first) + HOUR, zone);
    expect(a.slice(0, 19)).toBe(b.slice(0, 19));
    expect(a.slice(19)).not.toBe(b.slice(19));
  });

  it('gives a shift across the change its real length', () => {
    const start = oleToInstant(ole(y, m, d, 0, 0), zone);
    const end = oleToInstant(ole(y, m, d, 6, 0), zone);
    expect(end - start).toBe(7 * HOUR);
  });
});

describe('Sydney on 2026-04-05 (the seeded DST week)', () => {
  it('switches from +11:00 to +10:00 at 03:00 local', () => {
    expect(formatInZone(at('2026-04-04T15:59:59Z'), SYDNEY)).toBe('2026-04-05T02:59:59+11:00');
    expect(formatInZone(at('2026-04-04T16:00:00Z'), SYDNEY)).toBe('2026-04-05T02:00:00+10:00');
  });
});

describe('round trips', () => {
  it.each([CHICAGO, BERLIN, SYDNEY])(
    'instant → OLE → instant every 7 minutes through March–April 2026 in %s',
    (zone) => {
      const from = at('2026-03-01T00:00:00Z');
      const to = at('2026-04-15T00:00:00Z');
      let checked = 0;
      for (let t = from; t < to; t += 7 * 60_000 + 13) {
        const o = instantToOle(t, zone);
        const back = oleToInstant(o, zone);
        // In the repeated hour the default is the earlier instant; the hint recovers the later one.
        if (back !== t) expect(oleToInstant(o, zone, 'later')).toBe(t);
        else expect(back).toBe(t);
        checked++;
      }
      expect(checked).toBeGreaterThan(9000);
    },
  );

  it.each([CHICAGO, BERLIN, SYDNEY])(
    'OLE → instant → OLE is the identity outside gaps in %s',
    (zone) => {
      for (let minute = 0; minute < 24 * 60 * 50; minute += 11) {
        const o = ole(2026, 3, 1) + minute / 1440;
        const t = oleToInstant(o, zone);
        const local = instantToOle(t, zone);
        // Inside a gap the time moves forward by exactly one hour.
        const diffHours = Math.round((local - o) * 24 * 1e6) / 1e6;
        expect([0, 1]).toContain(diffHours);
      }
    },
  );

  it('keeps millisecond precision', () => {
    const t = at('2026-03-29T00:59:59.999Z');
    expect(oleToInstant(instantToOle(t, BERLIN), BERLIN)).toBe(t);
    expect(formatInZone(t, BERLIN)).toBe('2026-03-29T01:59:59.999+01:00');
  });
});

describe('formatInZone', () => {
  it('writes +00:00 for UTC and the zone offset otherwise', () => {
    expect(formatInZone(at('2026-03-08T08:00:00Z'), 'UTC')).toBe('2026-03-08T08:00:00+00:00');
    expect(formatInZone(at('2026-03-08T08:00:00Z'), CHICAGO)).toBe('2026-03-08T03:00:00-05:00');
    expect(formatInZone(at('2026-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe(
      '2026-01-15T17:30:00+05:30',
    );
  });
});

describe('parseDateTime', () => {
  it.each([
    ['2026-03-08T03:00:00-05:00', '2026-03-08T08:00:00.000Z'],
    ['2026-03-08T08:00:00Z', '2026-03-08T08:00:00.000Z'],
    ['2026-03-08T08:00Z', '2026-03-08T08:00:00.000Z'],
    ['2026-03-08T08:00:00.1234+00:00', '2026-03-08T08:00:00.123Z'],
    ['2024-02-29T23:59:59+14:00', '2024-02-29T09:59:59.000Z'],
  ])('accepts %s', (input, expected) => {
    expect(new Date(parseDateTime(input)).toISOString()).toBe(expected);
  });

  it.each([
    '2026-03-08T08:00:00',
    '2026-03-08',
    '2026-03-08 08:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '2026-03-08T24:00:00Z',
    '2026-03-08T08:60:00Z',
    '2026-03-08T08:00:60Z',
    '2026-03-08T08:00:00+24:00',
    '2026-03-08T08:00:00+0500',
    '2026-03-08t08:00:00z',
    ' 2026-03-08T08:00:00Z',
    '1772956800000',
  ])('rejects %s', (input) => {
    expect(() => parseDateTime(input)).toThrow(RangeError);
  });
});
