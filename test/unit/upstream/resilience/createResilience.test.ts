import { describe, expect, it } from 'vitest';
import type { UpstreamService } from '../../../../src/errors/UpstreamError.js';
import type {
  HttpAttempt,
  PreparedRequest,
  RawResponse,
} from '../../../../src/upstream/http/types.js';
import { createResilience } from '../../../../src/upstream/resilience/createResilience.js';
import { DEFAULT_RESILIENCE } from '../../../../src/upstream/resilience/ResilienceConfig.js';

const request = (operation: string): PreparedRequest => ({
  origin: 'http://wfm.test',
  path: '/',
  method: 'POST',
  headers: {},
  operation,
  idempotent: true,
});
const answer = (status: number): RawResponse => ({ status, headers: {}, body: Buffer.alloc(0) });

/** Composes the chain like the clients do (first interceptor outermost). */
function client(
  resilience: ReturnType<typeof createResilience>,
  service: UpstreamService,
  send: HttpAttempt,
): HttpAttempt {
  return resilience
    .interceptorsFor(service)
    .reduceRight<HttpAttempt>((next, wrap) => wrap(next), send);
}

describe('createResilience', () => {
  it('refuses SOAP calls beyond the bulkhead at once, without counting them as upstream failures', async () => {
    const resilience = createResilience({
      config: {
        ...DEFAULT_RESILIENCE,
        soapBulkhead: {
          maxConcurrent: 1,
          maxConcurrentPerCaller: 1,
          maxQueue: 0,
          queueTimeoutMs: 100,
        },
      },
      requestTimeoutMs: 5_000,
    });
    let release: (r: RawResponse) => void = () => undefined;
    const soap = client(
      resilience,
      'wfm-soap',
      () => new Promise((resolve) => (release = resolve)),
    );
    const first = soap(request('GetSite'));
    await expect(soap(request('GetSite'))).rejects.toMatchObject({
      kind: 'UNAVAILABLE',
      message: 'wfm-soap GetSite: bulkhead full',
    });
    release(answer(200));
    expect((await first).status).toBe(200);
    const snapshot = resilience.snapshot();
    expect(snapshot.bulkheads).toEqual([
      expect.objectContaining({ service: 'wfm-soap', inFlight: 0, rejected: 1 }),
    ]);
    expect(snapshot.breakers.find((b) => b.service === 'wfm-soap')).toMatchObject({
      windowCalls: 1,
      windowFailures: 0,
    });
  });

  it('fails fast once the breaker is open, and never retries "circuit open"', async () => {
    const resilience = createResilience({
      config: {
        ...DEFAULT_RESILIENCE,
        retry: { ...DEFAULT_RESILIENCE.retry, baseDelayMs: 1, maxDelayMs: 1 },
        breaker: { windowMs: 10_000, minCalls: 3, failurePercent: 50, openMs: 60_000 },
      },
      requestTimeoutMs: 5_000,
    });
    let attempts = 0;
    const wfm = client(resilience, 'wfm', async () => {
      attempts += 1;
      return answer(503);
    });
    const get: PreparedRequest = { ...request('system/userinfo'), method: 'GET' };
    expect((await wfm(get)).status).toBe(503);
    expect(attempts).toBe(3);
    await expect(wfm(get)).rejects.toMatchObject({
      kind: 'UNAVAILABLE',
      message: 'wfm system/userinfo: circuit open',
    });
    expect(attempts).toBe(3);
    expect(resilience.breakers.snapshot().map((b) => [b.service, b.state, b.stateCode])).toEqual([
      ['auth', 'closed', 0],
      ['wfm', 'open', 2],
      ['wfm-soap', 'closed', 0],
      ['cloud', 'closed', 0],
    ]);
  });

  it('never retries writes (sign-out, change-password, token exchange)', async () => {
    const resilience = createResilience({ config: DEFAULT_RESILIENCE, requestTimeoutMs: 5_000 });
    let attempts = 0;
    const auth = client(resilience, 'auth', async () => {
      attempts += 1;
      return answer(503);
    });
    for (const operation of ['sign-out', 'change-password', 'oauth/token']) {
      await auth({ ...request(operation), method: 'POST', idempotent: false });
    }
    expect(attempts).toBe(3);
    expect(resilience.snapshot().retries.find((r) => r.service === 'auth')).toMatchObject({
      calls: 3,
      retries: 0,
    });
  });
});
