/**
 * Issue 16 item 2: with tracing on, the request id is the trace id, and every error names it in
 * `extensions.requestId`, beside `extensions.upstream.correlationId` (the Genesys Cloud id of the
 * failing call): the header, the error, the access log and the trace all say the same id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startInMemoryTracing,
  TRACING_ENV,
  type InMemoryTracing,
} from '../../helpers/inMemoryTracing.js';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const TRACEPARENT = `00-${TRACE_ID}-b7ad6b7169203331-01`;

describe('tracing on: request id = trace id, in the header and in every error', () => {
  let tracing: InMemoryTracing;
  let engage: TestGateway;
  let cloud: TestGateway;

  beforeAll(async () => {
    tracing = await startInMemoryTracing();
    engage = await startTestGateway({ env: { ...TRACING_ENV }, logs: 'keep' });
    cloud = await startTestGateway({ env: { ...TRACING_ENV, GENESYS_PLATFORM: 'cloud' } });
  });
  afterAll(async () => {
    await engage?.close();
    await cloud?.close();
    await tracing?.close();
  });

  it('names the trace in a field error caused by WFM, in the access log and upstream', async () => {
    const token = await engage.token('sam.supervisor');
    engage.sim.faults.add({
      service: 'wfm-soap',
      operation: 'GetSite',
      kind: 'soapFault',
      times: 1,
    });
    engage.sim.log.clear();
    const res = await engage.gql('{ sites { id } }', token, undefined, {
      traceparent: TRACEPARENT,
    });
    expect(res.headers['x-request-id']).toBe(TRACE_ID);
    const error = res.body.errors?.[0];
    expect(error?.extensions).toMatchObject({
      code: 'UPSTREAM_ERROR',
      requestId: TRACE_ID,
      upstream: { service: 'wfm-soap' },
    });
    expect(engage.sim.log.entries({ operation: 'GetSite' }).map((e) => e.requestId)).toContain(
      TRACE_ID,
    );
    const access = engage.logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(access.some((l) => l['msg'] === 'request' && l['requestId'] === TRACE_ID)).toBe(true);
    expect(tracing.spans().some((s) => s.spanContext().traceId === TRACE_ID)).toBe(true);
  });

  it('names it in the 401 of a refused token (context creation, where no plugin runs)', async () => {
    const res = await engage.gql('{ me { user { username } } }', 'not-a-token', undefined, {
      traceparent: TRACEPARENT,
    });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions).toEqual({
      code: 'UNAUTHENTICATED',
      requestId: TRACE_ID,
    });
  });

  it('puts it beside the Genesys Cloud correlation id of the failing call', async () => {
    cloud.sim.faults.add({ service: 'cloud', kind: 'status', status: 500, times: 1 });
    const res = await cloud.gql('{ me { user { username } } }', cloud.cloudToken('sam.supervisor'));
    const extensions = res.body.errors?.[0]?.extensions;
    const requestId = res.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(extensions?.['requestId']).toBe(requestId);
    expect(extensions?.['upstream']).toMatchObject({
      service: 'cloud',
      correlationId: expect.stringMatching(/^[\w-]+$/),
    });
  });
});
