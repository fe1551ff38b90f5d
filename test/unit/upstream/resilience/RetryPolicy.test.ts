import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../../src/errors/UpstreamError.js';
import type { PreparedRequest, RawResponse } from '../../../../src/upstream/http/types.js';
import { rejectedCall } from '../../../../src/upstream/resilience/ResilienceRejection.js';
import { RetryBudget } from '../../../../src/upstream/resilience/RetryBudget.js';
import { RetryPolicy } from '../../../../src/upstream/resilience/RetryPolicy.js';

type Step = RawResponse | UpstreamError;

const answer = (status: number, headers: Record<string, string> = {}, body = ''): RawResponse => ({
  status,
  headers,
  body: Buffer.from(body),
});
const GET: PreparedRequest = {
  origin: 'http://upstream.test',
  path: '/userinfo',
  method: 'GET',
  headers: {},
  operation: 'userinfo',
  idempotent: true,
};

/** A policy over a scripted attempt function, a fake clock and a sleep that only advances it. */
function harness(steps: Step[], options: { deadlineMs?: number; budgetTokens?: number } = {}) {
  const clock = { nowMs: 0 };
  const waits: number[] = [];
  let attempts = 0;
  const policy = new RetryPolicy({
    maxRetries: 2,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    budget: new RetryBudget({ percent: 10, maxTokens: options.budgetTokens ?? 10 }),
    fallbackDeadlineMs: options.deadlineMs ?? 30_000,
    now: () => clock.nowMs,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
      clock.nowMs += ms;
      return true;
    },
  });
  const send = policy.interceptor(async () => {
    const step = steps[Math.min(attempts, steps.length - 1)]!;
    attempts += 1;
    if (step instanceof UpstreamError) throw step;
    return step;
  });
  return { send, waits, policy, attempts: () => attempts };
}

const unavailable = new UpstreamError('UNAVAILABLE', 'reset', {
  service: 'auth',
  operation: 'userinfo',
});

describe('RetryPolicy', () => {
  it('retries 502/503/504 and resets at most twice, with jittered backoff', async () => {
    const h = harness([answer(503), unavailable, answer(200, {}, '{}')]);
    expect((await h.send(GET)).status).toBe(200);
    expect(h.attempts()).toBe(3);
    expect(h.waits).toEqual([50, 100]);
    const again = harness([answer(502)]);
    expect((await again.send(GET)).status).toBe(502);
    expect(again.attempts()).toBe(3);
  });

  it('retries a 429 only with Retry-After, and never earlier than it', async () => {
    const withHeader = harness([answer(429, { 'retry-after': '2' }), answer(200)]);
    expect((await withHeader.send(GET)).status).toBe(200);
    expect(withHeader.waits).toEqual([2_000]);
    const without = harness([answer(429)]);
    expect((await without.send(GET)).status).toBe(429);
    expect(without.attempts()).toBe(1);
  });

  it('gives up at once when Retry-After does not fit the deadline (600 s ⇒ no retry)', async () => {
    const h = harness([answer(429, { 'retry-after': '600' })]);
    expect((await h.send(GET)).headers['retry-after']).toBe('600');
    expect(h.attempts()).toBe(1);
    expect(h.policy.snapshot()).toMatchObject({ deniedByDeadline: 1, retries: 0 });
    const tight = harness([answer(429, { 'retry-after': '2' })], { deadlineMs: 2_050 });
    await tight.send(GET);
    expect(tight.attempts()).toBe(1);
  });

  it('uses the request deadline carried by the request', async () => {
    const h = harness([answer(503, { 'retry-after': '3' })]);
    await h.send({ ...GET, deadlineAtMs: 2_000 });
    expect(h.attempts()).toBe(1);
  });

  it('never retries writes, other statuses, local rejections, or a caller that left', async () => {
    const post = harness([answer(503)]);
    await post.send({ ...GET, method: 'POST', idempotent: false });
    expect(post.attempts()).toBe(1);
    for (const status of [400, 401, 403, 404, 500]) {
      const h = harness([answer(status)]);
      await h.send(GET);
      expect(h.attempts()).toBe(1);
    }
    const open = harness([rejectedCall('auth', 'userinfo', 'circuit-open')]);
    await expect(open.send(GET)).rejects.toThrow('circuit open');
    expect(open.attempts()).toBe(1);
    const gone = new AbortController();
    gone.abort();
    const left = harness([unavailable]);
    await expect(left.send({ ...GET, signal: gone.signal })).rejects.toBe(unavailable);
    expect(left.attempts()).toBe(1);
  });

  it('stops retrying when the budget is spent', async () => {
    const h = harness([answer(503)], { budgetTokens: 4 });
    await h.send(GET);
    expect(h.attempts()).toBe(2);
    expect(h.policy.snapshot()).toMatchObject({ calls: 1, retries: 1, deniedByBudget: 1 });
  });
});
