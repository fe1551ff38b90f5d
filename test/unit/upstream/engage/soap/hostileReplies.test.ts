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

const sites = (inner: string): string =>
  env(
    `<GetSiteResponse xmlns="urn:WFMConfigService850"><GetSiteResult>${inner}</GetSiteResult></GetSiteResponse>`,
  );

describe('WfmSoapApi against hostile WFM replies', () => {
  let h: HostileWfm;

  beforeAll(async () => {
    h = await startHostileWfm();
  });
  afterAll(async () => h?.close());

  const failure = (reply: ScriptedReply) => h.failure(reply, () => h.api.getSites(h.ctx));

  it('reads a well-formed reply (control case) and sends the per-call URL and token', async () => {
    wfm(h.server, {
      status: 200,
      headers: XML,
      body: sites(
        '<objectArray><wmSiteId>4</wmSiteId><wmBUId>1</wmBUId><wmName>A &amp; B</wmName><wmTimeZone>Europe/Berlin</wmTimeZone></objectArray><objectArrayNSizeIs>1</objectArrayNSizeIs><objectShortArrayNSizeIs>0</objectShortArrayNSizeIs>',
      ),
    });
    expect(await h.api.getSites(h.ctx)).toEqual([
      { id: 4, buId: 1, name: 'A & B', timeZone: 'Europe/Berlin' },
    ]);
    const last = h.server.seen.at(-1)!;
    expect(last.url).toBe('/?Handler=WFMConfigService850&SessionID=s1');
    expect(last.headers.authorization).toBe('Bearer tok_CANARY_hostile');
    expect(last.headers['content-type']).toMatch(/^text\/xml/);
    expect(last.headers.soapaction).toBe('"urn:WFMConfigService850/GetSite"');
  });

  it('a Fault with HTTP 200 is still a Fault', async () => {
    const body = env(
      '<soap:Fault><faultcode>soap:Client</faultcode><faultstring>CANARY</faultstring><detail><WFMError xmlns="urn:WFMError"><code>NOT_FOUND</code></WFMError></detail></soap:Fault>',
    );
    expect(await failure({ status: 200, headers: XML, body })).toMatchObject({
      kind: 'NOT_FOUND',
      status: 200,
    });
  });

  it('a SOAP 1.2 Fault is an ERROR', async () => {
    const body =
      '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><e:Fault><e:Code><e:Value>e:Receiver</e:Value></e:Code><e:Reason><e:Text xml:lang="en">CANARY</e:Text></e:Reason></e:Fault></e:Body></e:Envelope>';
    expect(
      await failure({ status: 500, headers: { 'content-type': 'application/soap+xml' }, body }),
    ).toMatchObject({ kind: 'ERROR', status: 500 });
  });

  it.each([
    ...hostileReplies(sites),
    [
      'an envelope without the result',
      {
        status: 200,
        headers: XML,
        body: env('<GetSiteResponse xmlns="urn:WFMConfigService850"/>'),
      },
    ],
    [
      'a wrong type in the result',
      {
        status: 200,
        headers: XML,
        body: sites(
          '<objectArray><wmSiteId>CANARY</wmSiteId><wmBUId>1</wmBUId><wmName>x</wmName><wmTimeZone>UTC</wmTimeZone></objectArray><objectArrayNSizeIs>1</objectArrayNSizeIs><objectShortArrayNSizeIs>0</objectShortArrayNSizeIs>',
        ),
      },
    ],
    [
      'an unknown time zone',
      {
        status: 200,
        headers: XML,
        body: sites(
          '<objectArray><wmSiteId>1</wmSiteId><wmBUId>1</wmBUId><wmName>x</wmName><wmTimeZone>Mars/CANARY</wmTimeZone></objectArray><objectArrayNSizeIs>1</objectArrayNSizeIs><objectShortArrayNSizeIs>0</objectShortArrayNSizeIs>',
        ),
      },
    ],
  ])('%s is an upstream ERROR', async (_name, reply) => {
    expect(await failure(reply)).toMatchObject({
      kind: 'ERROR',
      service: 'wfm-soap',
      operation: 'GetSite',
    });
  });

  it('survives 10,000 levels of nesting', async () => {
    const deep = `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`;
    wfm(h.server, {
      status: 200,
      headers: XML,
      body: sites(
        `${deep}<objectArrayNSizeIs>0</objectArrayNSizeIs><objectShortArrayNSizeIs>0</objectShortArrayNSizeIs>`,
      ),
    });
    const outcome = await h.api.getSites(h.ctx).then(
      (r) => r,
      (e: unknown) => e,
    );
    // Either read as an empty list or refused, but never a crash.
    expect(Array.isArray(outcome) || outcome instanceof UpstreamError).toBe(true);
  });

  it('element names like __proto__ and constructor reach nothing', async () => {
    wfm(h.server, {
      status: 200,
      headers: XML,
      body: sites(
        '<__proto__><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor><objectArrayNSizeIs>0</objectArrayNSizeIs><objectShortArrayNSizeIs>0</objectShortArrayNSizeIs>',
      ),
    });
    const outcome = await h.api.getSites(h.ctx).then(
      (r) => r,
      (e: unknown) => e,
    );
    // node-soap refuses some of these names while parsing; either way nothing is polluted.
    expect(Array.isArray(outcome) || outcome instanceof UpstreamError).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
