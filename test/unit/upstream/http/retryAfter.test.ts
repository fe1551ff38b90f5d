import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../../src/upstream/http/retryAfter.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('2', now)).toBe(2);
    expect(parseRetryAfter(' 600 ', now)).toBe(600);
    expect(parseRetryAfter(['5', '9'], now)).toBe(5);
  });

  it('reads an HTTP-date as whole seconds from now, never negative', () => {
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:00 GMT', now + 1500)).toBe(0);
  });

  it.each([undefined, '', '-1', '1.5', 'soon', '1e3'])('gives undefined for %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
