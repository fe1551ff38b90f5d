import { describe, expect, it } from 'vitest';
import { barsForDay, wallClock } from '../../../examples/schedule-board/src/layout.js';
import { problemOf } from '../../../examples/schedule-board/src/problems.js';
import {
  addDays,
  mondayOf,
  offsetMinutes,
  todayIn,
  zonedMidnight,
} from '../../../examples/schedule-board/src/week.js';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';

describe('schedule board: weeks in the site zone', () => {
  it('starts weeks on Monday and writes local midnight with the offset in force', () => {
    expect(mondayOf('2026-03-08')).toBe('2026-03-02');
    expect(mondayOf('2026-03-09')).toBe('2026-03-09');
    expect(addDays('2026-03-02', 7)).toBe('2026-03-09');
    expect(zonedMidnight('2026-03-02', 'America/Chicago')).toBe('2026-03-02T00:00:00-06:00');
    expect(zonedMidnight('2026-03-09', 'America/Chicago')).toBe('2026-03-09T00:00:00-05:00');
    expect(zonedMidnight('2026-03-30', 'Europe/Berlin')).toBe('2026-03-30T00:00:00+02:00');
    expect(zonedMidnight('2026-04-06', 'Australia/Sydney')).toBe('2026-04-06T00:00:00+10:00');
    expect(offsetMinutes('UTC', Date.UTC(2026, 0, 1))).toBe(0);
    expect(todayIn('Australia/Sydney', new Date('2026-03-01T20:00:00Z'))).toBe('2026-03-02');
  });
});

describe('schedule board: bars of a local day', () => {
  const night = {
    type: 'SHIFT' as const,
    name: 'Night',
    start: '2026-03-07T22:00:00-06:00',
    end: '2026-03-08T06:30:00-05:00',
    fullDay: false,
    paid: true,
  };

  it('reads the wall clock the gateway wrote', () => {
    expect(wallClock('2026-03-08T06:30:00-05:00')).toEqual({
      date: '2026-03-08',
      minutes: 390,
      hhmm: '06:30',
    });
  });

  it('splits a night shift across midnight into both days, labelled with its local times', () => {
    expect(barsForDay([night], '2026-03-07')).toMatchObject([
      { fromMin: 22 * 60, toMin: 24 * 60, label: '22:00–06:30' },
    ]);
    expect(barsForDay([night], '2026-03-08')).toMatchObject([{ fromMin: 0, toMin: 390 }]);
    expect(barsForDay([night], '2026-03-09')).toEqual([]);
  });

  it('draws breaks above the shift', () => {
    const brk = {
      ...night,
      type: 'BREAK' as const,
      start: '2026-03-07T23:00:00-06:00',
      end: '2026-03-07T23:15:00-06:00',
    };
    expect(barsForDay([brk, night], '2026-03-07').map((b) => b.type)).toEqual(['SHIFT', 'BREAK']);
  });
});

describe('schedule board: problems from error codes', () => {
  const withCode = (extensions: Record<string, unknown>) =>
    new CombinedError({ graphQLErrors: [new GraphQLError('x', { extensions })] });

  it('turns RATE_LIMITED into a countdown from extensions.retryAfter', () => {
    expect(problemOf(withCode({ code: 'RATE_LIMITED', retryAfter: 12 }))).toEqual({
      kind: 'RATE_LIMITED',
      retryAfterSec: 12,
    });
  });

  it('explains FORBIDDEN by its reason', () => {
    expect(
      problemOf(withCode({ code: 'FORBIDDEN', reason: 'INSUFFICIENT_PRIVILEGES' })),
    ).toMatchObject({
      kind: 'FORBIDDEN',
      reason: 'INSUFFICIENT_PRIVILEGES',
    });
    expect(problemOf(undefined)).toBeNull();
  });
});
