import { expect } from 'vitest';
import type { UpstreamService } from '../../../src/errors/UpstreamError.js';
import type { FaultRule } from '@genesys-gateway/simulator';
import type { BreakerStateChange } from '../../../src/upstream/resilience/BreakerRegistry.js';
import type { TestGateway } from '../../helpers/testGateway.js';
import { agentNames, sleep } from '../support.js';

/** What R7 prints about one SOAP outage. */
export interface OutageFigures {
  queries: number;
  /** From the first 503 to the circuit opening, ms. */
  timeToOpenMs: number;
  timesOpened: number;
  /** Upstream requests the simulator saw while the circuit was open (must be 0). */
  callsWhileOpen: number;
  /** Half-open probes, and the most upstream requests seen in one half-open period (must be ≤ 1). */
  probes: number;
  maxCallsPerHalfOpen: number;
  /** Queries answered UPSTREAM_UNAVAILABLE at once ("circuit open") while it was open. */
  failedFast: number;
  /** From the upstream's recovery to the circuit closing, ms. */
  timeToCloseMs: number;
}

/**
 * WFM SOAP answers 503 for `outageMs` (warm sessions, so only GetSite is affected) while one
 * caller loop queries `sites` back to back (sequential, so no attempt is in flight when the circuit
 * opens); then SOAP recovers and the loop goes on until the circuit has closed. Upstream requests
 * are read from the simulator's log and set against the breaker's state changes.
 */
export async function runSoapOutage(gw: TestGateway, outageMs: number): Promise<OutageFigures> {
  const tokens = await Promise.all(agentNames(6, 50).map((u) => gw.token(u)));
  for (const token of tokens)
    expect((await gw.gql('{ sites { id } }', token)).body.errors).toBeUndefined();
  const changes: BreakerStateChange[] = [];
  const unsubscribe = gw.resilience!.breakers.onStateChange((c) => {
    if (c.service === 'wfm-soap') changes.push(c);
  });
  const startMs = Date.now();
  const rule = gw.sim.faults.add({ kind: 'status', status: 503, service: 'wfm-soap' });
  let recoveredAtMs = 0;
  let queries = 0;
  let failedFast = 0;
  const deadlineMs = startMs + outageMs + 30_000;
  while (Date.now() < deadlineMs) {
    if (recoveredAtMs === 0 && Date.now() - startMs >= outageMs) {
      gw.sim.faults.remove(rule);
      recoveredAtMs = Date.now();
    }
    if (recoveredAtMs > 0 && changes.at(-1)?.to === 'closed') break;
    const res = await gw.gql('{ sites { id } }', tokens[queries % tokens.length]);
    queries += 1;
    const error = res.body.errors?.[0];
    if (state(gw) !== 'closed' && error?.extensions['code'] === 'UPSTREAM_UNAVAILABLE')
      failedFast += 1;
    await sleep(5);
  }
  unsubscribe();
  const soap = gw.sim.log.entries({ service: 'wfm-soap' }).filter((e) => e.atMs >= startMs);
  let callsWhileOpen = 0;
  let maxCallsPerHalfOpen = 0;
  for (const [i, change] of changes.entries()) {
    const untilMs = changes[i + 1]?.atMs ?? Infinity;
    // Millisecond clocks: a request seen in the very millisecond the circuit opened was sent
    // before; one seen in the millisecond a probe period ended was that probe.
    if (change.to === 'open') {
      callsWhileOpen += soap.filter((e) => e.atMs > change.atMs && e.atMs < untilMs).length;
    }
    if (change.to === 'half-open') {
      const seen = soap.filter((e) => e.atMs >= change.atMs && e.atMs <= untilMs).length;
      maxCallsPerHalfOpen = Math.max(maxCallsPerHalfOpen, seen);
    }
  }
  const opened = changes.find((c) => c.to === 'open');
  const closed = changes.findLast((c) => c.to === 'closed');
  return {
    queries,
    timeToOpenMs: opened ? opened.atMs - startMs : -1,
    timesOpened: changes.filter((c) => c.to === 'open').length,
    callsWhileOpen,
    probes: changes.filter((c) => c.to === 'half-open').length,
    maxCallsPerHalfOpen,
    failedFast,
    timeToCloseMs: closed ? closed.atMs - recoveredAtMs : -1,
  };
}

/** REST answers that are the caller's problem, and SOAP business Faults: never a breaker failure. */
export const CLIENT_FAULTS: ReadonlyArray<{ label: string; rule: FaultRule; query: string }> = [
  ...[401, 403, 404].flatMap((status) => [
    {
      label: `wfm ${status}`,
      rule: {
        kind: 'status' as const,
        status,
        service: 'wfm' as const,
        operation: 'system/userinfo',
      },
      query: '{ me { wfmUser { id } } }',
    },
    {
      label: `auth openid ${status}`,
      rule: {
        kind: 'status' as const,
        status,
        service: 'auth' as const,
        operation: 'openid/userinfo',
      },
      query: '{ me { openId { email } } }',
    },
  ]),
  {
    label: 'SOAP INSUFFICIENT_PRIVILEGES Fault (HTTP 500)',
    rule: {
      kind: 'soapFault',
      faultCode: 'soap:Client',
      detailCode: 'INSUFFICIENT_PRIVILEGES',
      service: 'wfm-soap',
      operation: 'GetSite',
    },
    query: '{ sites { id } }',
  },
  {
    label: 'SOAP NOT_FOUND Fault (HTTP 500)',
    rule: {
      kind: 'soapFault',
      faultCode: 'soap:Client',
      detailCode: 'NOT_FOUND',
      service: 'wfm-soap',
      operation: 'GetSite',
    },
    query: '{ sites { id } }',
  },
];

/** Sends `count` queries per client fault; returns each back end's openings. */
export async function runClientFaults(gw: TestGateway, count: number) {
  const token = await gw.token('pat.supervisor');
  expect((await gw.gql('{ sites { id } }', token)).body.errors).toBeUndefined();
  for (const fault of CLIENT_FAULTS) {
    const id = gw.sim.faults.add(fault.rule);
    for (let i = 0; i < count; i++) {
      const res = await gw.gql(fault.query, token);
      expect(res.body.errors?.[0]?.extensions['code']).not.toBe('UPSTREAM_UNAVAILABLE');
    }
    gw.sim.faults.remove(id);
  }
  // Unknown tokens: the token check itself is refused with 401 every time.
  for (let i = 0; i < count; i++)
    expect((await gw.gql('{ me { user { username } } }', `bogus-${i}`)).status).toBe(401);
  return gw.resilience!.breakers.snapshot().map((b) => ({
    service: b.service,
    state: b.state,
    opened: b.opened,
    windowCalls: b.windowCalls,
  }));
}

function state(gw: TestGateway, service: UpstreamService = 'wfm-soap') {
  return gw.resilience!.breakers.get(service).state;
}
