import { describe, expect, it } from 'vitest';
import { extractBearerToken } from '../../../src/context/bearer.js';

describe('extractBearerToken', () => {
  it.each([
    ['Bearer abc.DEF-123_~+/=', 'abc.DEF-123_~+/='],
    ['bearer a4b5da75-a584-4053-9227-0f0ab23ff06e', 'a4b5da75-a584-4053-9227-0f0ab23ff06e'],
    ['BEARER   tok  ', 'tok'],
  ])('reads %j', (header, token) => {
    expect(extractBearerToken(header)).toEqual({ ok: true, token });
  });

  it.each([undefined, '', '   '])('calls %j missing', (header) => {
    expect(extractBearerToken(header)).toEqual({ ok: false, reason: 'missing' });
  });

  it.each([
    'Basic dXNlcjpwdw==',
    'Bearer',
    'Bearer ',
    'Bearer a b',
    'Bearer tok"en',
    'Bearertoken',
    `Bearer ${'a'.repeat(5000)}`,
    'Token abc',
  ])('calls %j malformed', (header) => {
    expect(extractBearerToken(header)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('calls a repeated header malformed', () => {
    expect(extractBearerToken(['Bearer a', 'Bearer b'])).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});
