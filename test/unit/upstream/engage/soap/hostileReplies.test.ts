import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../../../src/errors/UpstreamError.js';
import {
  createWfmSoapApi,
  type WfmSoapApiClient,
} from '../../../../../src/upstream/engage/soap/createWfmSoapApi.js';
import { startScriptedServer } from '../../../../helpers/scriptedServer.js';

type Scripted = Awaited<ReturnType<typeof startScriptedServer>>;

const env = (inner: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
const XML = { 'content-type': 'text/xml; charset=utf-8' };
const sites = (inner: string): string =>
  env(
    `<GetSiteResponse xmlns="urn:WFMConfigService850"><GetSiteResult>${inner}</GetSiteResult></GetSiteResponse>`,
  );

/** A WFM server that does the handshake properly and answers GetSite with `reply`. */
function wfm(
  server: Scripted,
  reply: { status: number; headers: Record<string, string>; body: string | Buffer },
): void {
  server.answer((_req, res, body) => {
    if (body.includes('<LocateServer')) {
      res
        .writeHead(200, XML)
        .end(
          env(
            `<LocateServerResponse xmlns="urn:WFMLocatorService800"><LocateServerResult><sessionServiceURL>${server.url}/?Handler=WFMSessionService800</sessionServiceURL><userID>7</userID></LocateServerResult></LocateServerResponse>`,
          ),
        );
    } else if (body.includes('<OpenSession')) {
      const svc = (name: string, handler: string) =>
        `<services><serviceName>${name}</serviceName><serviceURL>${server.url}/?Handler=${handler}&amp;SessionID=s1</serviceURL></services>`;
      res
        .writeHead(200, XML)
        .end(
          env(
            `<OpenSessionResponse xmlns="urn:WFMSessionService800"><OpenSessionResult>${svc('SessionService800', 'WFMSessionService800')}${svc('ConfigService850', 'WFMConfigService850')}${svc('ScheduleService852', 'WFMScheduleService852')}<servicesNSizeIs>3</servicesNSizeIs></OpenSessionResult></OpenSessionResponse>`,
          ),
        );
    } else {
      res.writeHead(reply.status, reply.headers).end(reply.body);
    }
  });
}

describe('WfmSoapApi against hostile WFM replies', () => {
  let server: Scripted;
  let dispatcher: Agent;
  let api: WfmSoapApiClient;
  const ctx = { token: 'tok_CANARY_hostile', tokenHash: 'h' };

  beforeAll(async () => {
    server = await startScriptedServer();
    dispatcher = new Agent();
    api = createWfmSoapApi({
      locatorUrl: `${server.url}/?Handler=WFMLocatorService800`,
      dispatcher,
      timeoutMs: 2_000,
      maxResponseBytes: 64 * 1024,
      resolveUserId: async () => 7,
    });
    await api.ready;
  });
  afterAll(async () => {
    await server.close();
    await dispatcher.close();
  });

  async function failure(reply: Parameters<typeof wfm>[1]): Promise<UpstreamError> {
    wfm(server, reply);
    try {
      await api.getSites(ctx);
    } catch (error) {
      expect(error).toBeInstanceOf(UpstreamError);
      const e = error as UpstreamError;
      expect(`${e.message} ${JSON.stringify(e)}`).not.toContain('CANARY');
      return e;
    }
    throw new Error('expected a failure');
  }

  it('reads a well-formed reply (control case) and sends the per-call URL and token', async () => {
    wfm(server, {
      status: 200,
      headers: XML,
      body: sites(
        '<objectArray><wmSiteId>4</wmSiteId><wmBUId>1</wmBUId><wmName>A &amp; B</wmName><wmTimeZone>Europe/Berlin</wmTimeZone></objectArray><objectArrayNSizeIs>1</objectArrayNSizeIs><objectShortArrayNSizeIs>0</objectShortArrayNSizeIs>',
      ),
    });
    expect(await api.getSites(ctx)).toEqual([
      { id: 4, buId: 1, name: 'A & B', timeZone: 'Europe/Berlin' },
    ]);
    const last = server.seen.at(-1)!;
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
    [
      'an HTML page with HTTP 200',
      {
        status: 200,
        headers: { 'content-type': 'text/html' },
        body: '<html><body>CANARY</body></html>',
      },
    ],
    [
      'JSON where XML is expected',
      { status: 200, headers: { 'content-type': 'application/json' }, body: '{"CANARY":1}' },
    ],
    ['an empty body', { status: 200, headers: XML, body: '' }],
    ['XML that is no envelope', { status: 200, headers: XML, body: '<CANARY/>' }],
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
    [
      'a truncated envelope',
      { status: 200, headers: XML, body: sites('<objectArray><wmSiteId>1</wmSite') },
    ],
    [
      'a DOCTYPE with an external entity (XXE)',
      {
        status: 200,
        headers: XML,
        body: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${sites('<objectArrayNSizeIs>&e;</objectArrayNSizeIs>')}`,
      },
    ],
    [
      'entity expansion (billion laughs)',
      {
        status: 200,
        headers: XML,
        body: `<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${sites('<objectArrayNSizeIs>&b;</objectArrayNSizeIs>')}`,
      },
    ],
    [
      'a body over the size cap',
      { status: 200, headers: XML, body: sites(`<!--${'x'.repeat(70 * 1024)}-->`) },
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
    wfm(server, {
      status: 200,
      headers: XML,
      body: sites(
        `${deep}<objectArrayNSizeIs>0</objectArrayNSizeIs><objectShortArrayNSizeIs>0</objectShortArrayNSizeIs>`,
      ),
    });
    const outcome = await api.getSites(ctx).then(
      (r) => r,
      (e: unknown) => e,
    );
    // Either read as an empty list or refused, but never a crash.
    expect(Array.isArray(outcome) || outcome instanceof UpstreamError).toBe(true);
  });

  it('element names like __proto__ and constructor reach nothing', async () => {
    wfm(server, {
      status: 200,
      headers: XML,
      body: sites(
        '<__proto__><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor><objectArrayNSizeIs>0</objectArrayNSizeIs><objectShortArrayNSizeIs>0</objectShortArrayNSizeIs>',
      ),
    });
    const outcome = await api.getSites(ctx).then(
      (r) => r,
      (e: unknown) => e,
    );
    // node-soap refuses some of these names while parsing; either way nothing is polluted.
    expect(Array.isArray(outcome) || outcome instanceof UpstreamError).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
