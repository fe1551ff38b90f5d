import { Kind, parseValue } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateTimeScalar } from '../../../../src/resolvers/base/DateTime.js';
import { JSONObjectScalar } from '../../../../src/resolvers/base/JSONObject.js';

describe('DateTime scalar', () => {
  it.each([
    '2026-03-08T03:00:00-05:00',
    '2026-03-08T09:00:00Z',
    '2026-03-08T09:00Z',
    '2026-03-08T09:00:00.123+01:00',
  ])('accepts %s and keeps it as written', (value) => {
    expect(DateTimeScalar.parseValue(value)).toBe(value);
    expect(DateTimeScalar.parseLiteral({ kind: Kind.STRING, value }, undefined)).toBe(value);
  });

  it.each([
    '2026-03-08T03:00:00',
    '2026-03-08',
    '2026-02-30T00:00:00Z',
    '2026-03-08T24:00:00Z',
    'tomorrow',
    '',
  ])('rejects %j with a BAD_USER_INPUT that shows the expected form', (value) => {
    expect(() => DateTimeScalar.parseValue(value)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        message: expect.stringContaining('explicit offset'),
      }),
    );
  });

  it.each([
    '0000-01-01T00:00:00Z',
    '1899-12-31T23:59:59Z',
    '2101-01-01T00:00:00Z',
    '9999-12-31T23:59:59+14:00',
  ])('rejects %j: outside the years 1900 to 2100', (value) => {
    expect(() => DateTimeScalar.parseValue(value)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        message: expect.stringMatching(/1900 to 2100/),
      }),
    );
  });

  it('accepts the edges of the window', () => {
    for (const value of [
      '1900-01-01T00:00:00Z',
      '2100-12-31T23:59:59Z',
      '1900-01-01T01:00:00+01:00',
    ])
      expect(DateTimeScalar.parseValue(value)).toBe(value);
  });

  it('rejects non-string input and literals', () => {
    expect(() => DateTimeScalar.parseValue(1772960400000)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
    expect(() => DateTimeScalar.parseLiteral(parseValue('42'), undefined)).toThrow(
      /got a int literal/,
    );
  });

  it('serializes strings as they are', () => {
    expect(DateTimeScalar.serialize('2026-03-08T03:00:00-05:00')).toBe('2026-03-08T03:00:00-05:00');
    expect(() => DateTimeScalar.serialize(42)).toThrow(TypeError);
  });
});

describe('JSONObject scalar', () => {
  it('passes plain objects through and rejects other values', () => {
    const value = { locale: 'en-US', nested: { a: [1, 2] } };
    expect(JSONObjectScalar.serialize(value)).toBe(value);
    expect(JSONObjectScalar.parseValue(value)).toBe(value);
    for (const bad of [[1], 'x', 3, null]) {
      expect(() => JSONObjectScalar.parseValue(bad)).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      );
    }
    expect(() => JSONObjectScalar.serialize([1])).toThrow(TypeError);
  });

  it('parses object literals with nested values and variables', () => {
    const ast = parseValue('{ a: 1, b: "x", c: [true, null, 2.5], d: { e: $v }, f: ENUMISH }');
    expect({ ...JSONObjectScalar.parseLiteral(ast, { v: 'var' }) }).toEqual({
      a: 1,
      b: 'x',
      c: [true, null, 2.5],
      d: { e: 'var' },
      f: 'ENUMISH',
    });
  });

  it('keeps a literal __proto__ key as data', () => {
    const parsed = JSONObjectScalar.parseLiteral(
      parseValue('{ __proto__: { polluted: true } }'),
      undefined,
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(parsed)).toEqual(['__proto__']);
  });
});
