/**
 * GetAgentState has one parse path (the incremental reader) for every reply, small or large,
 * result or Fault: the same hostile replies as every other operation, end to end through the
 * gateway's SOAP client, and the Fault classification node-soap gives the other operations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../../../src/errors/UpstreamError.js';
import {
  XML,
  env,
  hostileReplies,
  startHostileWfm,
  wfm,
  type HostileWfm,
  type ScriptedReply,
} from './hostileWfm.js';

const holder = (inner: string): string =>
  env(
    `<GetAgentStateResponse xmlns="urn:WFMScheduleService852"><GetAgentStateResult>${inner}</GetAgentStateResult></GetAgentStateResponse>`,
  );
const STATE =
  '<schAgentState><gswAgentId>5</gswAgentId><wmStateType>0</wmStateType><wmStateId>1</wmStateId><wmStartDateTime>46083.375</wmStartDateTime><wmEndDateTime>46083.75</wmEndDateTime><wmFullDay>false</wmFullDay><wmPaid>true</wmPaid></schAgentState>';
const INFO =
  '<schStateInfo><wmStateType>0</wmStateType><wmStateId>1</wmStateId><wmName>Phones</wmName></schStateInfo>';
const fault11 = (code: string) =>
  env(
    `<soap:Fault><faultcode>soap:Client</faultcode><faultstring>CANARY</faultstring><detail><WFMError xmlns="urn:WFMError"><code>${code}</code></WFMError></detail></soap:Fault>`,
  );
const fault12 = (detail: string) =>
  `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><e:Fault><e:Code><e:Value>e:Receiver</e:Value></e:Code><e:Reason><e:Text xml:lang="en">CANARY</e:Text></e:Reason>${detail}</e:Fault></e:Body></e:Envelope>`;
const SOAP12 = { 'content-type': 'application/soap+xml; charset=utf-8' };

describe('GetAgentState against hostile WFM replies', () => {
  const query = { siteId: 1, startOle: 46083, endOle: 46084 };
  let h: HostileWfm;

  beforeAll(async () => {
    h = await startHostileWfm();
  });
  afterAll(async () => h?.close());

  async function outcome(reply: ScriptedReply): Promise<unknown> {
    wfm(h.server, reply);
    return h.api.getAgentStates(h.ctx, query).then(
      (r) => r,
      (e: unknown) => e,
    );
  }

  const failure = (reply: ScriptedReply) =>
    h.failure(reply, () => h.api.getAgentStates(h.ctx, query));

  it('reads a small well-formed reply (control case)', async () => {
    expect(await outcome({ status: 200, headers: XML, body: holder(INFO + STATE) })).toEqual([
      {
        agentId: 5,
        type: 'ACTIVITY',
        name: 'Phones',
        startOle: 46083.375,
        endOle: 46083.75,
        fullDay: false,
        paid: true,
      },
    ]);
  });

  it.each([
    ['INSUFFICIENT_PRIVILEGES', 500, { kind: 'FORBIDDEN', reason: 'INSUFFICIENT_PRIVILEGES' }],
    ['INSUFFICIENT_PRIVILEGES', 200, { kind: 'FORBIDDEN', reason: 'INSUFFICIENT_PRIVILEGES' }],
    ['NOT_FOUND', 500, { kind: 'NOT_FOUND' }],
    ['NOT_FOUND', 200, { kind: 'NOT_FOUND' }],
    ['INVALID_ARGUMENT', 500, { kind: 'BAD_REQUEST' }],
    ['SERVER_ERROR', 500, { kind: 'ERROR' }],
    ['SOMETHING_ELSE', 500, { kind: 'ERROR' }],
  ])(
    'a SOAP 1.1 Fault %s with HTTP %i is classified as node-soap classifies it',
    async (code, status, expected) => {
      expect(await failure({ status, headers: XML, body: fault11(code) })).toMatchObject({
        ...expected,
        status,
        service: 'wfm-soap',
        operation: 'GetAgentState',
      });
    },
  );

  it.each([200, 500])(
    'a SOAP 1.2 Fault with HTTP %i: its detail code decides, none is an ERROR',
    async (status) => {
      const detail =
        '<e:Detail><WFMError xmlns="urn:WFMError"><code>NOT_FOUND</code></WFMError></e:Detail>';
      expect(await failure({ status, headers: SOAP12, body: fault12(detail) })).toMatchObject({
        kind: 'NOT_FOUND',
        status,
      });
      expect(await failure({ status, headers: SOAP12, body: fault12('') })).toMatchObject({
        kind: 'ERROR',
        status,
      });
    },
  );

  it('renews the session once on an INVALID_SESSION Fault (HTTP 500), then reads the reply', async () => {
    let calls = 0;
    wfm(h.server, () =>
      ++calls === 1
        ? { status: 500, headers: XML, body: fault11('INVALID_SESSION') }
        : { status: 200, headers: XML, body: holder(INFO + STATE) },
    );
    const opened = () => h.server.seen.filter((r) => r.body.includes('<OpenSession')).length;
    await h.api.getSites(h.ctx).catch(() => undefined); // a session exists before the Fault
    const before = opened();
    calls = 0;
    const states = await h.api.getAgentStates(h.ctx, query);
    expect(states).toHaveLength(1);
    expect(calls).toBe(2);
    expect(opened()).toBe(before + 1);
  });

  it.each([
    ...hostileReplies(holder),
    [
      'an envelope without the result',
      {
        status: 200,
        headers: XML,
        body: env('<GetAgentStateResponse xmlns="urn:WFMScheduleService852"/>'),
      },
    ],
    [
      'a wrong type in a field',
      { status: 200, headers: XML, body: holder(STATE.replace('>5<', '>CANARY<')) },
    ],
    [
      '10,000 levels of nesting',
      {
        status: 200,
        headers: XML,
        body: holder(`${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`),
      },
    ],
    ['a 500 that is XML but no envelope', { status: 500, headers: XML, body: '<CANARY/>' }],
  ])('%s is an upstream ERROR', async (_name, reply) => {
    expect(await failure(reply)).toMatchObject({
      kind: 'ERROR',
      service: 'wfm-soap',
      operation: 'GetAgentState',
    });
  });

  it('element names like __proto__ and constructor reach nothing', async () => {
    const result = await outcome({
      status: 200,
      headers: XML,
      body: holder(
        `<__proto__><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor>${STATE}`,
      ),
    });
    expect(Array.isArray(result) || result instanceof UpstreamError).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
