import { describe, expect, it } from 'vitest';
import { parseId, parseIds } from '../../../../src/resolvers/input/parseId.js';
import { parseRange } from '../../../../src/resolvers/input/parseRange.js';

describe('parseId', () => {
  it('reads WFM numeric ids', () => {
    expect(parseId('101', 'id')).toBe(101);
    expect(parseId('2147483647', 'id')).toBe(2_147_483_647);
    expect(parseIds(['3', '1', '3'], 'agentIds', 3)).toEqual([3, 1]);
  });

  it('refuses a list longer than the list-argument limit before reading an id', () => {
    expect(() => parseIds(['1', '2', 'x'], 'agentIds', 2)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        extensions: { argument: 'agentIds', limit: 'LIST_ARGUMENT', maxLength: 2 },
      }),
    );
  });

  it.each(['', 'abc', '12a', '-1', '0', '007', '1.5', ' 1', '2147483648', '99999999999'])(
    'rejects %j as "unknown id format"',
    (value) => {
      expect(() => parseId(value, 'siteId')).toThrow(
        expect.objectContaining({
          code: 'BAD_USER_INPUT',
          message: expect.stringContaining('siteId: unknown id format'),
        }),
      );
    },
  );
});

describe('parseRange', () => {
  const from = '2026-03-02T00:00:00-06:00';

  it('returns the instants of a valid range', () => {
    expect(parseRange(from, '2026-03-09T00:00:00-05:00', 31)).toEqual({
      fromMs: Date.parse(from),
      toMs: Date.parse('2026-03-09T05:00:00Z'),
    });
  });

  it('rejects to <= from', () => {
    expect(() => parseRange(from, from, 31)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        message: expect.stringMatching(/after `from`/),
      }),
    );
    expect(() => parseRange(from, '2026-03-01T00:00:00Z', 31)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
  });

  it('accepts exactly maxDays and rejects one millisecond more', () => {
    const fromMs = Date.parse(from);
    expect(() =>
      parseRange(from, new Date(fromMs + 7 * 86_400_000).toISOString(), 7),
    ).not.toThrow();
    expect(() => parseRange(from, new Date(fromMs + 7 * 86_400_000 + 1).toISOString(), 7)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        message: expect.stringContaining('at most 7 days'),
      }),
    );
  });
});
