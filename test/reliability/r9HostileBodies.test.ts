/**
 * R9 — hostile upstream bodies through the whole gateway: SOAP 1.1/1.2 Faults (also on HTTP
 * 200), HTML 502, empty, truncated, DOCTYPE/XXE, entity expansion, `__proto__` element names,
 * 10,000-deep nesting, an oversize body, JSON where XML is expected, binary garbage — on GetSite
 * (node-soap) and GetAgentState (the streaming reader) — and the REST equivalents on WFM REST and
 * the Authentication API. Every answer must be coded, quote nothing of the upstream, and the
 * gateway must go on serving. Upstream caps: 256 KiB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/testGateway.js';
import { CANARY, restBodies, ruleFor, soapBodies, TARGETS } from './scenarios/hostileBodies.js';
import { printFigures } from './support.js';

const MAX_RESPONSE_BYTES = 256 * 1024;
/** What must never appear in an answer: upstream text, file contents, internals. */
const LEAKS = new RegExp(
  `${CANARY}|etc/passwd|root:|faultstring|Receiver|server\\.dll|Bad Gateway|127\\.0\\.0\\.1|stack`,
  'i',
);

let gw: TestGateway;
let token: string;

beforeAll(async () => {
  gw = await startTestGateway({
    env: {
      UPSTREAM_MAX_RESPONSE_BYTES: String(MAX_RESPONSE_BYTES),
      UPSTREAM_TIMEOUT_MS: '3000',
    },
    responseCache: false,
  });
  token = await gw.token('sam.supervisor');
  for (const target of TARGETS)
    expect((await gw.gql(target.query, token)).body.errors).toBeUndefined();
});
afterAll(() => gw.close());

describe('R9 hostile upstream bodies', () => {
  it('are all coded, never echoed, and never crash the gateway', async () => {
    const crashes: unknown[] = [];
    const onCrash = (error: unknown): void => void crashes.push(error);
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    const failures: string[] = [];
    let cases = 0;
    let coded = 0;
    let echoes = 0;
    try {
      for (const target of TARGETS) {
        const bodies =
          target.kind === 'SOAP' ? soapBodies(MAX_RESPONSE_BYTES) : restBodies(MAX_RESPONSE_BYTES);
        for (const body of bodies) {
          cases += 1;
          const rule = gw.sim.faults.add(ruleFor(target, body));
          const res = await gw.gql(target.query, token);
          gw.sim.faults.remove(rule);
          const codes = (res.body.errors ?? []).map((e) => String(e.extensions['code']));
          const ok =
            res.status === 200 &&
            (body.expect === 'handled'
              ? codes.every((c) => c === 'UPSTREAM_ERROR') &&
                (codes.length > 0 || res.body.data != null)
              : codes.length === 1 && codes[0] === body.expect);
          if (ok) coded += 1;
          else
            failures.push(
              `${target.name} / ${body.name}: HTTP ${res.status} ${codes.join(',') || 'no error'}`,
            );
          if (LEAKS.test(JSON.stringify(res.body))) {
            echoes += 1;
            failures.push(`${target.name} / ${body.name}: echoes upstream text`);
          }
        }
      }
      const after = await gw.gql(
        `{ ${TARGETS.map((t) => t.query.slice(1, -1)).join(' ')} }`,
        token,
      );
      expect(after.body.errors).toBeUndefined();
    } finally {
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    }
    const served = gw.sim.log.entries().filter((e) => e.fault === 'body').length;
    printFigures('R9 hostile bodies', {
      cases,
      bodiesServed: served,
      correctlyCoded: coded,
      codedPercent: Math.round((100 * coded) / cases),
      echoes,
      crashes: crashes.length,
      maxResponseBytes: MAX_RESPONSE_BYTES,
    });
    expect(served).toBeGreaterThanOrEqual(cases);
    expect(failures).toEqual([]);
    expect(crashes).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
