import { Agent } from 'undici';
import { expect } from 'vitest';
import { UpstreamError } from '../../../../../src/errors/UpstreamError.js';
import {
  createWfmSoapApi,
  type WfmSoapApiClient,
} from '../../../../../src/upstream/engage/soap/createWfmSoapApi.js';
import { startScriptedServer } from '../../../../helpers/scriptedServer.js';

/** The scripted upstream of test/helpers/scriptedServer.ts. */
export type Scripted = Awaited<ReturnType<typeof startScriptedServer>>;

/** A reply the scripted WFM server sends. */
export interface ScriptedReply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export const XML = { 'content-type': 'text/xml; charset=utf-8' };

/** A SOAP 1.1 envelope around `inner`. */
export const env = (inner: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;

/**
 * A WFM server that does the handshake properly and answers every service call with `reply` (or
 * with what `reply` gives for the call's body).
 */
export function wfm(
  server: Scripted,
  reply: ScriptedReply | ((body: string) => ScriptedReply),
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
      const answer = typeof reply === 'function' ? reply(body) : reply;
      res.writeHead(answer.status, answer.headers).end(answer.body);
    }
  });
}

/**
 * Replies every operation must turn into an upstream ERROR (never a crash, never their text),
 * given `result`, which wraps an operation's result content in its envelope. The client under
 * test caps replies at 64 KiB.
 */
export function hostileReplies(result: (inner: string) => string): [string, ScriptedReply][] {
  return [
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
    ['a truncated envelope', { status: 200, headers: XML, body: result('<CANARY>1</CANA') }],
    [
      'a DOCTYPE with an external entity (XXE)',
      {
        status: 200,
        headers: XML,
        body: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${result('<CANARY>&e;</CANARY>')}`,
      },
    ],
    [
      'entity expansion (billion laughs)',
      {
        status: 200,
        headers: XML,
        body: `<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${result('<CANARY>&b;</CANARY>')}`,
      },
    ],
    [
      'a body over the size cap',
      { status: 200, headers: XML, body: result(`<!--${'x'.repeat(70 * 1024)}-->`) },
    ],
  ];
}

/** The gateway's SOAP client (replies capped at 64 KiB) against a scripted WFM server. */
export interface HostileWfm {
  server: Scripted;
  api: WfmSoapApiClient;
  /** A caller whose token is a canary: no error may carry it. */
  ctx: { token: string; tokenHash: string };
  /** Answers service calls with `reply`, runs `call` and returns its UpstreamError (checked canary-free). */
  failure(reply: ScriptedReply, call: () => Promise<unknown>): Promise<UpstreamError>;
  close(): Promise<void>;
}

export async function startHostileWfm(): Promise<HostileWfm> {
  const server = await startScriptedServer();
  const dispatcher = new Agent();
  const api = createWfmSoapApi({
    locatorUrl: `${server.url}/?Handler=WFMLocatorService800`,
    dispatcher,
    timeoutMs: 2_000,
    maxResponseBytes: 64 * 1024,
    resolveUserId: async () => 7,
  });
  await api.ready;
  return {
    server,
    api,
    ctx: { token: 'tok_CANARY_hostile', tokenHash: 'h' },
    async failure(reply, call) {
      wfm(server, reply);
      const outcome = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(outcome).toBeInstanceOf(UpstreamError);
      const e = outcome as UpstreamError;
      expect(`${e.message} ${JSON.stringify(e)}`).not.toContain('CANARY');
      return e;
    },
    async close() {
      await server.close();
      await dispatcher.close();
    },
  };
}
