import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway.js';
import {
  COMMON_ROWS,
  r12Figure,
  TABLE_RESILIENCE,
  type Row,
} from '../gateway/errorTableSupport.js';

/**
 * The error table on GENESYS_PLATFORM=cloud (docs/cloud.md, "Errors"): every fault the simulator
 * injects on the Platform API's schedule search, as the client sees it through the gateway with
 * the production retry policy (the final answer after any retry the policy allowed). Same
 * deadlines as the Engage tables: a 1.5 s request deadline is shorter than `Retry-After: 2`.
 */
let gw: TestGateway;
let siteId: string;
r12Figure('Genesys Cloud');

const SEARCH = 'POST managementunits/{id}/agentschedules/search';
const WEEK = { from: '2026-03-02T00:00:00-06:00', to: '2026-03-09T00:00:00-05:00' };
const SCHEDULES = /* GraphQL */ `
  query ($site: ID!, $from: DateTime!, $to: DateTime!) {
    schedules(siteId: $site, from: $from, to: $to) {
      agent {
        id
      }
    }
  }
`;

beforeAll(async () => {
  gw = await startTestGateway({
    env: { GENESYS_PLATFORM: 'cloud', UPSTREAM_TIMEOUT_MS: '400', REQUEST_TIMEOUT_MS: '1500' },
    resilience: TABLE_RESILIENCE,
    responseCache: false,
  });
  const sites = await gw.gql('{ sites { id timeZone } }', gw.cloudToken());
  siteId = (sites.body.data?.['sites'] as { id: string; timeZone: string }[]).find(
    (s) => s.timeZone === 'America/Chicago',
  )!.id;
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.sim.faults.clear();
  gw.sim.log.clear();
  gw.sim.settings.rateLimitPerMinute = 0;
});

const ROWS: Row[] = [
  ['401', { kind: 'status', status: 401 }, 'UNAUTHENTICATED', 401],
  [
    '403 without named permissions',
    { kind: 'status', status: 403 },
    'FORBIDDEN',
    403,
    { reason: 'UPSTREAM_FORBIDDEN' },
  ],
  ['404', { kind: 'status', status: 404 }, 'NOT_FOUND', 404],
  ['409 (a stale version)', { kind: 'status', status: 409 }, 'CONFLICT', 409],
  ...COMMON_ROWS.rateLimited,
  ['500', { kind: 'status', status: 500 }, 'UPSTREAM_ERROR', 500],
  ...COMMON_ROWS.unavailable,
  ...COMMON_ROWS.transport,
  ['a malformed JSON body', { kind: 'malformed' }, 'UPSTREAM_ERROR', 200],
  COMMON_ROWS.htmlPage,
  [
    'a search still processing (asynchronous)',
    {
      kind: 'body',
      status: 200,
      contentType: 'application/json',
      body: '{"status":"Processing","operationId":"op-1"}',
    },
    'UPSTREAM_TIMEOUT',
    200,
  ],
];

function expectNoLeak(text: string): void {
  expect(text).not.toMatch(
    /Simulated|nginx|<html|Bad Gateway|127\.0\.0\.1|stacktrace|Unable to perform|Bearer/,
  );
}

describe('Platform API errors on the schedule search surface coded, with the correlation id', () => {
  it.each(ROWS)('%s', async (_name, fault, code, status, extras = {}) => {
    gw.sim.faults.add({ ...fault, service: 'cloud', operation: SEARCH });
    const res = await gw.gql(SCHEDULES, gw.cloudToken(), { site: siteId, ...WEEK });
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    const upstream: Record<string, unknown> = {
      service: 'cloud',
      operation: 'agentschedules/search',
    };
    if (status !== undefined) upstream['status'] = status;
    expect(res.body.errors?.[0]).toMatchObject({
      path: ['schedules'],
      extensions: { code, upstream, ...extras },
    });
    // Every answer the Platform API gave carries the id a support ticket can name.
    if (status !== undefined && fault.kind !== 'body' && fault.kind !== 'malformed')
      expect(
        (res.body.errors?.[0]?.extensions['upstream'] as Record<string, unknown>)['correlationId'],
      ).toMatch(/^[A-Za-z0-9._-]+$/);
    expectNoLeak(res.text);
  });

  it('403 missing.permissions names the permissions, read from the ErrorBody', async () => {
    gw.sim.faults.add({
      service: 'cloud',
      operation: SEARCH,
      kind: 'body',
      status: 403,
      contentType: 'application/json',
      body: JSON.stringify({
        message:
          'Unable to perform the requested action. You are missing the following permission(s): wfm:schedule:view',
        code: 'missing.permissions',
        status: 403,
        messageParams: { permissions: 'wfm:schedule:view' },
        contextId: 'ctx-123',
      }),
    });
    const res = await gw.gql(SCHEDULES, gw.cloudToken(), { site: siteId, ...WEEK });
    expect(res.body.errors?.[0]?.extensions).toEqual({
      code: 'FORBIDDEN',
      reason: 'MISSING_PERMISSIONS',
      missingPermissions: ['wfm:schedule:view'],
      upstream: {
        service: 'cloud',
        operation: 'agentschedules/search',
        status: 403,
        correlationId: expect.any(String),
      },
    });
    expectNoLeak(res.text);
  });

  it('429 without Retry-After takes inin-ratelimit-reset', async () => {
    gw.sim.faults.add({
      service: 'cloud',
      operation: SEARCH,
      kind: 'body',
      status: 429,
      contentType: 'application/json',
      body: '{"code":"too.many.requests","status":429}',
    });
    // With a per-token limit on, every Platform API answer carries the inin-ratelimit-* headers.
    gw.sim.settings.rateLimitPerMinute = 1000;
    const res = await gw.gql(SCHEDULES, gw.cloudToken(), { site: siteId, ...WEEK });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: expect.any(Number),
    });
    // A fresh token's window opened with its token check a moment ago: about 60 s remain, far
    // from the 1 s the gateway would assume with neither header.
    const retryAfter = res.body.errors?.[0]?.extensions['retryAfter'] as number;
    expect(retryAfter).toBeGreaterThan(30);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('a token the Platform API refuses is HTTP 401 before any other call', async () => {
    const res = await gw.gql(SCHEDULES, 'not-a-cloud-token', { site: siteId, ...WEEK });
    expect(res.status).toBe(401);
    expect(res.body.errors?.map((e) => e.extensions['code'])).toEqual(['UNAUTHENTICATED']);
    expect(gw.sim.log.entries({ service: 'cloud' }).map((e) => e.operation)).toEqual([
      'GET users/me',
    ]);
  });
});
