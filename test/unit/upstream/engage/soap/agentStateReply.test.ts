import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../../../src/errors/UpstreamError.js';
import { readAgentStateReply } from '../../../../../src/upstream/engage/soap/agentStateReply.js';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const env = (inner: string, prefix = 'soap'): string =>
  `<?xml version="1.0" encoding="utf-8"?><${prefix}:Envelope xmlns:${prefix}="${SOAP11}"><${prefix}:Body>${inner}</${prefix}:Body></${prefix}:Envelope>`;
const holder = (inner: string): string =>
  env(
    `<GetAgentStateResponse xmlns="urn:WFMScheduleService852"><GetAgentStateResult>${inner}</GetAgentStateResult></GetAgentStateResponse>`,
  );
const info = (type: number, id: number, name: string) =>
  `<schStateInfo><wmStateType>${type}</wmStateType><wmStateId>${id}</wmStateId><wmName>${name}</wmName></schStateInfo>`;
const state = (agent: number, type: number, id: number, start: string, end: string, extra = '') =>
  `<schAgentState><gswAgentId>${agent}</gswAgentId><wmStateType>${type}</wmStateType><wmStateId>${id}</wmStateId>` +
  `<wmStartDateTime>${start}</wmStartDateTime><wmEndDateTime>${end}</wmEndDateTime><wmFullDay>false</wmFullDay><wmPaid>true</wmPaid>${extra}</schAgentState>`;

async function failure(body: string): Promise<UpstreamError> {
  const outcome = await readAgentStateReply(body, { sliceChars: 64 }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(UpstreamError);
  const error = outcome as UpstreamError;
  expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('CANARY');
  return error;
}

describe('readAgentStateReply', () => {
  it('reads states joined with their names, in document order, across many small slices', async () => {
    const body = holder(
      info(8, 1, 'Day &amp; Night') +
        info(2, 3, 'Break') +
        '<schStateInfoNSizeIs>2</schStateInfoNSizeIs>' +
        state(1001, 8, 1, '46083.375', '46083.708333333336') +
        state(1001, 2, 3, ' 46083.5 ', '46083.510416666664') +
        state(1002, 99, 1, '46083', '46084') + // a type number from a newer WFM: left out
        state(1002, 2, 7, '46083', '46084') + // no state info: name ''
        '<schAgentStateNSizeIs>4</schAgentStateNSizeIs>',
    );
    expect(await readAgentStateReply(Buffer.from(body), { sliceChars: 16 })).toEqual([
      {
        agentId: 1001,
        type: 'SHIFT',
        name: 'Day & Night',
        startOle: 46083.375,
        endOle: 46083.708333333336,
        fullDay: false,
        paid: true,
      },
      {
        agentId: 1001,
        type: 'BREAK',
        name: 'Break',
        startOle: 46083.5,
        endOle: 46083.510416666664,
        fullDay: false,
        paid: true,
      },
      {
        agentId: 1002,
        type: 'BREAK',
        name: '',
        startOle: 46083,
        endOle: 46084,
        fullDay: false,
        paid: true,
      },
    ]);
  });

  it('resolves prefixes, skips headers and unknown elements, and accepts CDATA and comments', async () => {
    const body =
      `<e:Envelope xmlns:e="${SOAP11}"><e:Header><x:Trace xmlns:x="urn:x"><schAgentState/></x:Trace></e:Header>` +
      `<e:Body><s:GetAgentStateResponse xmlns:s="urn:WFMScheduleService852"><s:GetAgentStateResult>` +
      `<s:schStateInfo><s:wmStateType>0</s:wmStateType><s:wmStateId>4</s:wmStateId><s:wmName><![CDATA[A<B]]></s:wmName></s:schStateInfo>` +
      `<s:futureField><s:schAgentState>ignored</s:schAgentState></s:futureField>` +
      `<s:schAgentState><s:gswAgentId>7</s:gswAgentId><!-- c --><s:wmStateType>0</s:wmStateType><s:wmStateId>4</s:wmStateId>` +
      `<s:wmStartDateTime>1</s:wmStartDateTime><s:wmEndDateTime>2</s:wmEndDateTime><s:wmFullDay>1</s:wmFullDay><s:wmPaid>0</s:wmPaid><s:extra a="x>y"/></s:schAgentState>` +
      `<other:schAgentState xmlns:other="urn:other">not ours</other:schAgentState>` +
      `</s:GetAgentStateResult></s:GetAgentStateResponse></e:Body></e:Envelope>`;
    expect(await readAgentStateReply(body)).toEqual([
      {
        agentId: 7,
        type: 'ACTIVITY',
        name: 'A<B',
        startOle: 1,
        endOle: 2,
        fullDay: true,
        paid: false,
      },
    ]);
  });

  it('turns a SOAP 1.1 Fault (even with HTTP 200) into the mapped UpstreamError, never quoting it', async () => {
    const body = env(
      '<soap:Fault><faultcode>soap:Client</faultcode><faultstring>CANARY</faultstring><detail><WFMError xmlns="urn:WFMError"><code>INSUFFICIENT_PRIVILEGES</code></WFMError></detail></soap:Fault>',
    );
    const error = await readAgentStateReply(body, { status: 200 }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'FORBIDDEN',
      reason: 'INSUFFICIENT_PRIVILEGES',
      status: 200,
    });
    expect(JSON.stringify(error)).not.toContain('CANARY');
  });

  it('reads the WFMError detail code in any namespace, as node-soap does for every other operation', async () => {
    const body = env(
      '<soap:Fault><faultcode>soap:Client</faultcode><faultstring>CANARY</faultstring><detail><WFMError><code>NOT_FOUND</code></WFMError></detail></soap:Fault>',
    );
    expect(await failure(body)).toMatchObject({ kind: 'NOT_FOUND' });
  });

  it('reads a SOAP 1.2 Fault detail, and a Fault without a known code is an ERROR', async () => {
    const soap12 = (detail: string) =>
      `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><e:Fault><e:Code><e:Value>e:Receiver</e:Value></e:Code><e:Reason><e:Text>CANARY</e:Text></e:Reason>${detail}</e:Fault></e:Body></e:Envelope>`;
    expect(
      await failure(
        soap12(
          '<e:Detail><WFMError xmlns="urn:WFMError"><code>NOT_FOUND</code></WFMError></e:Detail>',
        ),
      ),
    ).toMatchObject({ kind: 'NOT_FOUND' });
    expect(await failure(soap12(''))).toMatchObject({ kind: 'ERROR' });
  });

  it.each([
    ['not XML at all', '{"CANARY":1}'],
    ['XML that is no envelope', '<CANARY/>'],
    [
      'an envelope without the result',
      env('<GetAgentStateResponse xmlns="urn:WFMScheduleService852"/>'),
    ],
    ['a truncated envelope', holder(state(1, 0, 1, '1', '2')).slice(0, 200)],
    [
      'a DOCTYPE with an external entity (XXE)',
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${holder('<schAgentStateNSizeIs>&e;</schAgentStateNSizeIs>')}`,
    ],
    [
      'an entity a DTD would declare',
      holder(
        `<schStateInfo><wmStateType>0</wmStateType><wmStateId>1</wmStateId><wmName>&CANARY;</wmName></schStateInfo>`,
      ),
    ],
    [
      'a bad character reference',
      holder(
        `<schStateInfo><wmStateType>0</wmStateType><wmStateId>1</wmStateId><wmName>&#0;</wmName></schStateInfo>`,
      ),
    ],
    ['a processing instruction', holder('<?CANARY x?>')],
    ['mismatched end tags', holder('<schAgentState><gswAgentId>1</wmStateType></schAgentState>')],
    ['an undeclared prefix', holder('<x:schAgentState/>')],
    ['two roots', `${holder('')}<again/>`],
    ['a wrong type in a field', holder(state(1, 0, 1, 'CANARY', '2'))],
    ['a missing field', holder('<schAgentState><gswAgentId>1</gswAgentId></schAgentState>')],
    ['a field given twice', holder(state(1, 0, 1, '1', '2', '<wmPaid>true</wmPaid>'))],
    [
      'a field holding elements',
      holder(state(1, 0, 1, '1', '2').replace('<gswAgentId>1', '<gswAgentId><b>1</b>')),
    ],
    ['a non-UTF-8 declaration', holder('').replace('utf-8', 'ISO-8859-1')],
    ['an unquoted attribute', holder('<x a=b/>')],
    ['10,000 levels of nesting', holder(`${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`)],
  ])('%s is an upstream ERROR', async (_name, body) => {
    expect(await failure(body)).toMatchObject({
      kind: 'ERROR',
      service: 'wfm-soap',
      operation: 'GetAgentState',
    });
  });

  it('element names like __proto__ reach nothing', async () => {
    const body = holder(
      '<__proto__><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor>',
    );
    expect(await readAgentStateReply(body)).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('stops with a coded error once the caller is gone', async () => {
    const controller = new AbortController();
    const states = Array.from({ length: 2_000 }, (_, i) => state(i, 0, 1, '1', '2')).join('');
    const reading = readAgentStateReply(holder(states), {
      sliceChars: 1_000,
      signal: controller.signal,
    });
    controller.abort();
    await expect(reading).rejects.toMatchObject({ kind: 'ERROR', operation: 'GetAgentState' });
  });

  it('yields to the event loop while reading a large reply', async () => {
    const states = Array.from({ length: 5_000 }, (_, i) =>
      state(i, 8, 1, '46083.375', '46083.708'),
    ).join('');
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    const records = await readAgentStateReply(holder(states), { sliceChars: 8 * 1024 });
    clearInterval(timer);
    expect(records).toHaveLength(5_000);
    expect(ticks).toBeGreaterThan(0);
  });
});
