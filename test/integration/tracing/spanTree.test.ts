/**
 * Issue 16: with tracing on, one dashboard request is one trace under the caller's `traceparent`:
 * the request span, the front door, the token check, the GraphQL operation, one span per upstream
 * call (batched by the loaders) and one CLIENT span per HTTP attempt, whose id is the parent-id of
 * the `traceparent` Genesys received. The request id is the trace id. No span holds a token.
 */
import { SpanKind, type Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  childrenOf,
  spanText,
  startInMemoryTracing,
  TRACING_ENV,
  type InMemoryTracing,
} from '../../helpers/inMemoryTracing.js';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

const DASHBOARD = `query Dashboard {
  me { user { username } wfmUser { id name } }
  sites { id name timeZone }
  schedules(siteId: "1", teamIds: ["11"], from: "2026-03-09T00:00:00-05:00", to: "2026-03-16T00:00:00-05:00") {
    agent { id firstName lastName } items { type name start end }
  }
}`;

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`;

function one(spans: readonly ReadableSpan[], name: string): ReadableSpan {
  const found = spans.filter((s) => s.name === name);
  expect(found.map((s) => s.name)).toEqual([name]);
  return found[0]!;
}

function attrs(span: ReadableSpan): Attributes {
  return span.attributes;
}

describe('tracing: the span tree of a dashboard request', () => {
  let tracing: InMemoryTracing;
  let h: TestGateway;
  let token: string;

  beforeAll(async () => {
    tracing = await startInMemoryTracing();
    h = await startTestGateway({ env: { ...TRACING_ENV } });
    token = await h.token('sam.supervisor');
  });
  afterAll(async () => {
    await h?.close();
    await tracing?.close();
  });

  it('links the caller, the request, the operation, each upstream call and each attempt', async () => {
    tracing.reset();
    h.sim.log.clear();
    const answer = await h.gql(DASHBOARD, token, undefined, { traceparent: TRACEPARENT });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    // Request id = trace id: in the answer and on every upstream request.
    expect(answer.headers['x-request-id']).toBe(TRACE_ID);

    const spans = tracing.spans();
    expect(new Set(spans.map((s) => s.spanContext().traceId))).toEqual(new Set([TRACE_ID]));

    const request = one(spans, 'POST /graphql');
    expect(request.kind).toBe(SpanKind.SERVER);
    expect(request.parentSpanContext?.spanId).toBe(CALLER_SPAN_ID);
    expect(attrs(request)['http.response.status_code']).toBe(200);

    const door = one(spans, 'front door');
    expect(door.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(attrs(door)['graphql.operation.name']).toBe('Dashboard');

    const operation = one(spans, 'query Dashboard');
    expect(operation.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(attrs(operation)).toMatchObject({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'Dashboard',
    });

    // The token check, cold: its own upstream call to /userinfo underneath.
    const check = one(spans, 'token check');
    expect(childrenOf(spans, check).map((s) => s.name)).toEqual(['auth userInfo']);

    // Each upstream call is a child of the operation (or of another call: the SOAP handshake's
    // WFM user id), carries its service and operation, and says how the cache answered it.
    const calls = spans.filter(
      (s) => s.kind === SpanKind.INTERNAL && attrs(s)['gateway.upstream.service'],
    );
    const underOperation = childrenOf(spans, operation)
      .map((s) => s.name)
      .sort();
    expect(underOperation).toEqual(
      expect.arrayContaining(['wfm userInfo', 'wfm-soap getSites', 'wfm-soap getAgentStates']),
    );
    for (const call of calls) {
      expect(attrs(call)['gateway.upstream.outcome']).toBe('ok');
      expect(attrs(call)['gateway.upstream.operation']).toBe(call.name.split(' ')[1]);
    }
    const states = calls.filter((s) => s.name === 'wfm-soap getAgentStates');
    expect(states.length).toBeGreaterThan(0);
    for (const s of states) expect(attrs(s)['gateway.cache']).toBe('miss');

    // One CLIENT span per HTTP request Genesys received, and the simulator got each one's id as
    // the parent-id of its traceparent: the join the issue asks for.
    const attempts = spans.filter((s) => s.kind === SpanKind.CLIENT);
    const received = h.sim.log.entries().filter((e) => e.requestId === TRACE_ID);
    expect(received.length).toBeGreaterThan(3);
    expect(attempts).toHaveLength(received.length);
    expect(received.map((e) => e.traceparent?.split('-')[2]).sort()).toEqual(
      attempts.map((s) => s.spanContext().spanId).sort(),
    );
    for (const e of received) expect(e.traceparent?.split('-')[1]).toBe(TRACE_ID);
    // One span per batched SOAP call: as many GetAgentState attempts as the simulator answered.
    const getAgentState = received.filter((e) => e.operation === 'GetAgentState');
    expect(
      attempts.filter((s) => attrs(s)['gateway.upstream.operation'] === 'GetAgentState'),
    ).toHaveLength(getAgentState.length);
    for (const a of attempts) {
      expect(attrs(a)).toMatchObject({
        'gateway.upstream.attempt': 1,
        'http.response.status_code': 200,
        'server.address': '127.0.0.1',
      });
      expect(['POST', 'GET']).toContain(a.name);
      // Every attempt hangs under an upstream call's span.
      const parent = spans.find((s) => s.spanContext().spanId === a.parentSpanContext?.spanId);
      expect(parent?.attributes['gateway.upstream.service']).toBe(
        attrs(a)['gateway.upstream.service'],
      );
    }
    const soapAttempts = attempts.filter(
      (a) => attrs(a)['gateway.upstream.service'] === 'wfm-soap',
    );
    for (const a of soapAttempts)
      expect(typeof attrs(a)['gateway.bulkhead.wait_ms']).toBe('number');

    // No token, no Authorization value, no document text or variables, in any span.
    const text = spans.map(spanText).join('\n');
    expect(text).not.toContain(token);
    expect(text.toLowerCase()).not.toContain('bearer');
    expect(text).not.toContain('2026-03-09');
  });

  it('answers a repeated query from the whole-answer cache: one span says so, nothing executes', async () => {
    await h.gql(DASHBOARD, token);
    tracing.reset();
    const answer = await h.gql(DASHBOARD, token);
    expect(answer.status).toBe(200);
    const spans = tracing.spans();
    const names = spans.map((s) => s.name).sort();
    expect(names).toEqual(['POST /graphql', 'answer cache hit', 'front door', 'token check']);
    const request = one(spans, 'POST /graphql');
    // No incoming traceparent: a new trace, and still request id = trace id.
    expect(request.parentSpanContext).toBeUndefined();
    expect(answer.headers['x-request-id']).toBe(request.spanContext().traceId);
    expect(attrs(one(spans, 'answer cache hit'))['gateway.answer_cache.bytes']).toBe(
      Buffer.byteLength(answer.text),
    );
  });

  it('records each retry as its own attempt, with the wait before it', async () => {
    h.sim.faults.add({
      service: 'wfm-soap',
      operation: 'GetSite',
      kind: 'status',
      status: 503,
      times: 1,
    });
    const fresh = await h.token('sam.supervisor');
    tracing.reset();
    const answer = await h.gql('{ sites { id } }', fresh);
    expect(answer.body.errors).toBeUndefined();
    const getSite = tracing
      .spans()
      .filter(
        (s) => s.kind === SpanKind.CLIENT && attrs(s)['gateway.upstream.operation'] === 'GetSite',
      )
      .sort(
        (a, b) =>
          Number(attrs(a)['gateway.upstream.attempt']) -
          Number(attrs(b)['gateway.upstream.attempt']),
      );
    expect(getSite.map((s) => attrs(s)['http.response.status_code'])).toEqual([503, 200]);
    expect(attrs(getSite[0]!)['error.type']).toBe('503');
    // The breaker counted the 503 as a failure and the answer as a success.
    expect(getSite.map((s) => attrs(s)['gateway.breaker.result'])).toEqual(['failure', 'success']);
    expect(attrs(getSite[1]!)).toMatchObject({
      'gateway.upstream.attempt': 2,
      'http.request.resend_count': 1,
    });
    expect(typeof attrs(getSite[1]!)['gateway.retry.wait_ms']).toBe('number');
    // Both attempts belong to the one logical call.
    expect(getSite[0]!.parentSpanContext?.spanId).toBe(getSite[1]!.parentSpanContext?.spanId);
  });
});
