import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultRule } from '@genesys-gateway/simulator';
import type { CallContext } from '../../../src/types/CallContext.js';
import { oleDay, startSoapApi, upstreamFailure, type SoapApiHarness } from './soapApiHarness.js';

/** Every way a SOAP call can fail, and the UpstreamError the gateway makes of it (CONTRACT §5). */
const TABLE: [string, Omit<FaultRule, 'service' | 'operation'>, Record<string, unknown>][] = [
  ['HTTP 503', { kind: 'status', status: 503 }, { kind: 'UNAVAILABLE', status: 503 }],
  ['HTTP 502', { kind: 'status', status: 502 }, { kind: 'UNAVAILABLE', status: 502 }],
  ['HTTP 504', { kind: 'status', status: 504 }, { kind: 'UNAVAILABLE', status: 504 }],
  ['HTTP 500 without a Fault', { kind: 'status', status: 500 }, { kind: 'ERROR', status: 500 }],
  ['HTTP 401', { kind: 'status', status: 401 }, { kind: 'UNAUTHENTICATED', status: 401 }],
  [
    'HTTP 403',
    { kind: 'status', status: 403 },
    { kind: 'FORBIDDEN', status: 403, reason: 'UPSTREAM_FORBIDDEN' },
  ],
  [
    'HTTP 429 with Retry-After',
    { kind: 'rateLimit', retryAfterSec: 7 },
    { kind: 'RATE_LIMITED', status: 429, retryAfterSec: 7 },
  ],
  [
    'HTTP 429 without Retry-After',
    { kind: 'rateLimit', retryAfterSec: null },
    { kind: 'RATE_LIMITED', status: 429, retryAfterSec: undefined },
  ],
  ['a connection reset', { kind: 'reset' }, { kind: 'UNAVAILABLE' }],
  ['an HTML 502 page', { kind: 'html' }, { kind: 'UNAVAILABLE', status: 502 }],
  ['a malformed body', { kind: 'malformed' }, { kind: 'ERROR', status: 200 }],
  ['a truncated body', { kind: 'truncated' }, { kind: 'ERROR', status: 200 }],
  ['a Fault SERVER_ERROR', { kind: 'soapFault' }, { kind: 'ERROR', status: 500 }],
  [
    'a Fault INSUFFICIENT_PRIVILEGES',
    { kind: 'soapFault', faultCode: 'soap:Client', detailCode: 'INSUFFICIENT_PRIVILEGES' },
    { kind: 'FORBIDDEN', reason: 'INSUFFICIENT_PRIVILEGES', status: 500 },
  ],
  [
    'a Fault NOT_FOUND',
    { kind: 'soapFault', faultCode: 'soap:Client', detailCode: 'NOT_FOUND' },
    { kind: 'NOT_FOUND', status: 500 },
  ],
  [
    'a Fault INVALID_ARGUMENT',
    { kind: 'soapFault', faultCode: 'soap:Client', detailCode: 'INVALID_ARGUMENT' },
    { kind: 'BAD_REQUEST', status: 500 },
  ],
  [
    'a Fault NOT_SUPPORTED',
    { kind: 'soapFault', faultCode: 'soap:Client', detailCode: 'NOT_SUPPORTED' },
    { kind: 'ERROR', status: 500 },
  ],
  [
    'a Fault with an unknown code',
    { kind: 'soapFault', detailCode: 'SOMETHING_NEW' },
    { kind: 'ERROR', status: 500 },
  ],
];

describe('WfmSoapApi failure mapping', () => {
  let h: SoapApiHarness;
  let sam: CallContext;
  beforeAll(async () => {
    h = await startSoapApi({ api: { timeoutMs: 400 } });
    sam = await h.ctx('sam.supervisor');
    await h.api.getSites(sam); // handshake done: faults below hit the service calls
  });
  afterEach(() => h.sim.faults.clear());
  afterAll(() => h.close());

  it.each(TABLE)('%s → %o', async (_name, rule, expected) => {
    h.sim.faults.add({ service: 'wfm-soap', operation: 'GetSite', ...rule });
    const error = await upstreamFailure(h.api.getSites(sam));
    expect(error).toMatchObject({ service: 'wfm-soap', operation: 'GetSite', ...expected });
    expect('retryAfterSec' in expected ? error.retryAfterSec : undefined).toBe(
      expected['retryAfterSec'],
    );
  });

  it('no answer within the deadline → TIMEOUT', async () => {
    h.sim.faults.add({ service: 'wfm-soap', operation: 'GetSite', kind: 'latency', ms: 1_000 });
    expect(await upstreamFailure(h.api.getSites(sam))).toMatchObject({
      kind: 'TIMEOUT',
      operation: 'GetSite',
    });
  });

  it('a body that trickles past the deadline → TIMEOUT', async () => {
    h.sim.faults.add({
      service: 'wfm-soap',
      operation: 'GetAgentState',
      kind: 'trickle',
      ms: 2_000,
    });
    const error = await upstreamFailure(
      h.api.getAgentStates(sam, {
        siteId: 1,
        startOle: oleDay(2026, 3, 2),
        endOle: oleDay(2026, 3, 3),
      }),
    );
    expect(error).toMatchObject({ kind: 'TIMEOUT' });
  });

  it('the caller going away aborts the call', async () => {
    h.sim.faults.add({ service: 'wfm-soap', operation: 'GetSite', kind: 'hang' });
    const controller = new AbortController();
    const pending = h.api.getSites({ ...sam, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await upstreamFailure(pending)).toMatchObject({ kind: 'ERROR', operation: 'GetSite' });
  });

  it('the gateway deadline passing → TIMEOUT', async () => {
    h.sim.faults.add({ service: 'wfm-soap', operation: 'GetSite', kind: 'hang' });
    expect(
      await upstreamFailure(h.api.getSites({ ...sam, signal: AbortSignal.timeout(50) })),
    ).toMatchObject({ kind: 'TIMEOUT' });
  });

  it('never echoes the faultstring or the body', async () => {
    h.sim.faults.add({
      service: 'wfm-soap',
      operation: 'GetSite',
      kind: 'soapFault',
      faultString: 'SECRET-FAULT-TEXT token=abc',
    });
    const error = await upstreamFailure(h.api.getSites(sam));
    const seen = [
      error.message,
      String(error.cause),
      JSON.stringify(error),
      (error.cause as Error | undefined)?.message ?? '',
    ].join(' ');
    expect(seen).not.toContain('SECRET');
    expect(seen).not.toContain(sam.token);
  });

  it('maps failures of the handshake too, for the operation that failed', async () => {
    const pat = await h.ctx('pat.supervisor');
    h.sim.faults.add({
      service: 'wfm-soap',
      operation: 'LocateServer',
      kind: 'rateLimit',
      retryAfterSec: 3,
    });
    expect(await upstreamFailure(h.api.getSites(pat))).toMatchObject({
      kind: 'RATE_LIMITED',
      operation: 'LocateServer',
      retryAfterSec: 3,
    });
  });
});

describe('WfmSoapApi response size cap', () => {
  it('refuses a reply over maxResponseBytes before parsing it', async () => {
    const h = await startSoapApi({ api: { maxResponseBytes: 20_000 } });
    try {
      const sam = await h.ctx('sam.supervisor');
      const error = await upstreamFailure(
        h.api.getAgentStates(sam, {
          siteId: 1,
          startOle: oleDay(2026, 3, 2),
          endOle: oleDay(2026, 3, 9),
        }),
      );
      expect(error).toMatchObject({ kind: 'ERROR', operation: 'GetAgentState' });
      expect(error.message).toContain('larger than 20000 bytes');
      // The simulator did answer (about a few hundred KB); the gateway stopped reading.
      expect(h.soapCalls('GetAgentState')[0]).toMatchObject({ status: 200 });
      // Small replies still pass.
      expect(await h.api.getSites(sam)).toHaveLength(2);
    } finally {
      await h.close();
    }
  });
});
