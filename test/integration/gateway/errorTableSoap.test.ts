import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  COMMON_ROWS,
  r12Figure,
  startTableGateway,
  upstreamOf,
  type Row,
} from './errorTableSupport.js';
import type { TestGateway } from '../../helpers/testGateway.js';

/**
 * CONTRACT §5 / RELIABILITY R12 for WFM SOAP, through the whole gateway with the production retry
 * policy: each fault on `GetSite` (after a healthy session handshake), as the client sees it on
 * `sites`. The 1.5 s request deadline is shorter than `Retry-After: 2`, so 429s come back at once.
 */
let gw: TestGateway;
let token: string;
r12Figure('SOAP (wfm-soap)');

beforeAll(async () => {
  gw = await startTableGateway('real');
  token = await gw.token('sam.supervisor');
  const warm = await gw.gql('{ sites { id } }', token);
  expect(warm.body.errors).toBeUndefined();
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.sim.faults.clear();
  gw.sim.log.clear();
});

const ROWS: Row[] = [
  ['HTTP 401', { kind: 'status', status: 401 }, 'UNAUTHENTICATED', 401],
  ['HTTP 403', { kind: 'status', status: 403 }, 'FORBIDDEN', 403, { reason: 'UPSTREAM_FORBIDDEN' }],
  [
    'a WFM privilege Fault (403 of SOAP)',
    { kind: 'soapFault', faultCode: 'soap:Client', detailCode: 'INSUFFICIENT_PRIVILEGES' },
    'FORBIDDEN',
    500,
    { reason: 'INSUFFICIENT_PRIVILEGES' },
  ],
  ...COMMON_ROWS.rateLimited,
  ['a plain HTTP 500', { kind: 'status', status: 500 }, 'UPSTREAM_ERROR', 500],
  ['a SERVER_ERROR Fault on HTTP 500', { kind: 'soapFault' }, 'UPSTREAM_ERROR', 500],
  ...COMMON_ROWS.unavailable,
  ...COMMON_ROWS.transport,
  COMMON_ROWS.htmlPage,
  ['a malformed XML body', { kind: 'malformed' }, 'UPSTREAM_ERROR', 200],
];

describe('WFM SOAP errors surface on sites (HTTP 200, one coded error)', () => {
  it.each(ROWS)('%s', async (_name, fault, code, status, extras = {}) => {
    gw.sim.faults.add({ ...fault, service: 'wfm-soap', operation: 'GetSite' });
    const res = await gw.gql('{ sites { id } }', token);
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0]).toMatchObject({
      path: ['sites'],
      extensions: { code, upstream: upstreamOf('wfm-soap', 'GetSite', status), ...extras },
    });
    expect(JSON.stringify(res.body)).not.toMatch(
      /Simulated|nginx|<html|Bad Gateway|127\.0\.0\.1|faultstring|HTTP \d{3}/,
    );
  });

  it('every HTTP 401 of the gateway carries WWW-Authenticate: Bearer, SOAP never reached', async () => {
    gw.sim.settings.invalidTokenStatus = 403;
    try {
      for (const bad of [null, 'not-a-known-token']) {
        const res = await gw.gql('{ sites { id } }', bad);
        expect(res.status).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Bearer');
      }
    } finally {
      gw.sim.settings.invalidTokenStatus = 401;
    }
    expect(gw.sim.log.count({ service: 'wfm-soap' })).toBe(0);
  });
});
