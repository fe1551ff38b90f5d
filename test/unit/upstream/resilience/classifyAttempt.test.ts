import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../../src/errors/UpstreamError.js';
import type { PreparedRequest } from '../../../../src/upstream/http/types.js';
import { classifyAttempt } from '../../../../src/upstream/resilience/classifyAttempt.js';

const request: PreparedRequest = {
  origin: 'http://wfm.test',
  path: '/',
  method: 'POST',
  headers: {},
  operation: 'GetSite',
  idempotent: true,
};
const xml = { 'content-type': 'text/xml; charset=utf-8' };
const reply = (status: number, body: string, headers: Record<string, string> = xml) =>
  ({ ok: true, response: { status, headers, body: Buffer.from(body) } }) as const;
const thrown = (kind: 'TIMEOUT' | 'UNAVAILABLE' | 'ERROR') =>
  ({
    ok: false,
    error: new UpstreamError(kind, 'x', { service: 'wfm-soap', operation: 'GetSite' }),
  }) as const;

describe('classifyAttempt', () => {
  it.each([
    [
      'a SOAP 1.1 Fault on HTTP 500',
      reply(500, '<soap:Envelope><soap:Body><soap:Fault>'),
      'answered',
    ],
    ['a SOAP 1.2 Fault on HTTP 500', reply(500, '<env:Envelope><env:Body><env:Fault>'), 'answered'],
    ['a plain 500', reply(500, 'oops', { 'content-type': 'text/plain' }), 'failing'],
    ['XML 500 without a Fault', reply(500, '<html/>'), 'failing'],
    ['503', reply(503, ''), 'failing'],
    ['401', reply(401, ''), 'answered'],
    ['404', reply(404, ''), 'answered'],
    ['429', reply(429, ''), 'throttled'],
    ['an attempt timeout', thrown('TIMEOUT'), 'failing'],
    ['a reset', thrown('UNAVAILABLE'), 'failing'],
    ['an unreadable answer', thrown('ERROR'), 'neutral'],
  ])('%s is %s', (_name, outcome, health) => {
    expect(classifyAttempt(outcome, request, 0).health).toBe(health);
  });

  it('a timeout after the caller left says nothing about the upstream', () => {
    const gone = new AbortController();
    gone.abort();
    expect(classifyAttempt(thrown('TIMEOUT'), { ...request, signal: gone.signal }, 0)).toEqual({
      health: 'neutral',
      retryable: false,
    });
  });
});
