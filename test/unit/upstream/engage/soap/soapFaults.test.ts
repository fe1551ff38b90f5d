import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../../../src/errors/UpstreamError.js';
import {
  isInvalidSession,
  toUpstreamError,
  WfmFault,
} from '../../../../../src/upstream/engage/soap/soapFaults.js';

/** What node-soap rejects with for a SOAP 1.1 Fault (its Error with the parsed envelope as `root`). */
function nodeSoapFault(code: string | undefined, status = 500): Error {
  const detail = code === undefined ? undefined : { WFMError: { code } };
  const error = new Error(`soap:Client: SECRET faultstring: ${JSON.stringify(detail)}`);
  Object.assign(error, {
    root: {
      Envelope: {
        Body: { Fault: { faultcode: 'soap:Client', faultstring: 'SECRET faultstring', detail } },
      },
    },
    response: { status, headers: {} },
  });
  return error;
}

describe('toUpstreamError', () => {
  it.each([
    ['INSUFFICIENT_PRIVILEGES', { kind: 'FORBIDDEN', reason: 'INSUFFICIENT_PRIVILEGES' }],
    ['NOT_FOUND', { kind: 'NOT_FOUND', reason: undefined }],
    ['INVALID_ARGUMENT', { kind: 'BAD_REQUEST', reason: undefined }],
    ['INVALID_SESSION', { kind: 'ERROR' }],
    ['NOT_SUPPORTED', { kind: 'ERROR' }],
    ['SERVER_ERROR', { kind: 'ERROR' }],
    ['SOMETHING_ELSE', { kind: 'ERROR' }],
    [undefined, { kind: 'ERROR' }],
  ])('maps a Fault with detail code %s', (code, expected) => {
    const error = toUpstreamError(nodeSoapFault(code), 'GetAgentState');
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      service: 'wfm-soap',
      operation: 'GetAgentState',
      status: 500,
      ...expected,
    });
    expect(error.message).not.toContain('SECRET');
    expect(error.cause).toBeInstanceOf(WfmFault);
    expect(String(error.cause)).not.toContain('SECRET');
  });

  it('keeps UpstreamErrors from the HTTP client as they are', () => {
    const original = new UpstreamError('RATE_LIMITED', 'x', {
      service: 'wfm-soap',
      operation: 'GetSite',
      status: 429,
      retryAfterSec: 3,
    });
    expect(toUpstreamError(original, 'GetSite')).toBe(original);
  });

  it.each([
    [
      "node-soap's plain-object parse error",
      { Fault: { faultcode: 500, faultstring: 'Invalid XML', detail: 'SECRET', statusCode: 500 } },
    ],
    ['an Error without a Fault', new Error('Cannot parse response SECRET')],
    ['a string', 'SECRET'],
    ['null', null],
    [
      'a root reached only through a prototype',
      Object.create({ root: { Envelope: { Body: { Fault: {} } } } }) as object,
    ],
  ])('maps %s to ERROR without echoing it', (_name, rejection) => {
    const error = toUpstreamError(rejection, 'GetSite');
    expect(error).toMatchObject({ kind: 'ERROR', service: 'wfm-soap', operation: 'GetSite' });
    expect(`${error.message} ${String(error.cause)}`).not.toContain('SECRET');
  });
});

describe('isInvalidSession', () => {
  it('recognises the fault raw and mapped, and nothing else', () => {
    expect(isInvalidSession(nodeSoapFault('INVALID_SESSION'))).toBe(true);
    expect(isInvalidSession(toUpstreamError(nodeSoapFault('INVALID_SESSION'), 'GetSite'))).toBe(
      true,
    );
    expect(isInvalidSession(toUpstreamError(nodeSoapFault('NOT_FOUND'), 'GetSite'))).toBe(false);
    expect(isInvalidSession(new Error('INVALID_SESSION'))).toBe(false);
  });
});
