import { createClientAsync, type Client } from 'soap';
import { request } from 'undici';
import type { Simulator } from '../../src/createSimulator.js';

/** The four simulated services. */
export const SERVICES = [
  'WFMLocatorService800',
  'WFMSessionService800',
  'WFMConfigService850',
  'WFMScheduleService852',
] as const;
export type ServiceName = (typeof SERVICES)[number];

/** `Authorization: Bearer <token>`, passed per call as node-soap extra headers. */
export const bearer = (token: string): Record<string, string> => ({
  Authorization: `Bearer ${token}`,
});

/**
 * A node-soap client (node-soap's own axios HTTP) built from the WSDL the simulator SERVES, posting
 * to `endpoint` (default: the WSDL's soap:address).
 */
export function servedClient(
  sim: Simulator,
  service: ServiceName,
  endpoint?: string,
): Promise<Client> {
  return createClientAsync(`${sim.url}/?Handler=${service}&wsdl`, {}, endpoint);
}

/** The WFM user id (DBID) of a demo user. */
export function userId(sim: Simulator, userName: string): number {
  const user = sim.world.users.find((u) => u.userName === userName);
  if (!user) throw new Error(`no user ${userName}`);
  return user.dbid;
}

/** A signed-in caller with an open WFM session, and clients bound to the session's URLs. */
export interface OpenedSession {
  token: string;
  userId: number;
  urls: Record<'SessionService800' | 'ConfigService850' | 'ScheduleService852', string>;
  session: Client;
  config: Client;
  schedule: Client;
}

/** Signs `userName` in, runs LocateServer → OpenSession with served-WSDL clients. */
export async function openSession(sim: Simulator, userName: string): Promise<OpenedSession> {
  const token = (await sim.passwordToken(userName)).access_token;
  const id = userId(sim, userName);
  const locator = await servedClient(sim, 'WFMLocatorService800');
  const [located] = await locator.LocateServerAsync(
    { serviceName: 'SessionService800', appName: 'test', userID: id },
    {},
    bearer(token),
  );
  const sessionClient = await servedClient(
    sim,
    'WFMSessionService800',
    located.LocateServerResult.sessionServiceURL,
  );
  const [opened] = await sessionClient.OpenSessionAsync(
    { appName: 'test', userID: id },
    {},
    bearer(token),
  );
  const urls = Object.fromEntries(
    (opened.OpenSessionResult.services as { serviceName: string; serviceURL: string }[]).map(
      (s) => [s.serviceName, s.serviceURL],
    ),
  ) as OpenedSession['urls'];
  return {
    token,
    userId: id,
    urls,
    session: await servedClient(sim, 'WFMSessionService800', urls.SessionService800),
    config: await servedClient(sim, 'WFMConfigService850', urls.ConfigService850),
    schedule: await servedClient(sim, 'WFMScheduleService852', urls.ScheduleService852),
  };
}

/** What a node-soap call rejected with, reduced to what the contract fixes. */
export interface FaultSeen {
  status: number | undefined;
  faultcode: string | undefined;
  code: string | undefined;
}

/** Awaits a node-soap call that must fail with a SOAP Fault. */
export async function fault(call: Promise<unknown>): Promise<FaultSeen> {
  try {
    await call;
  } catch (error) {
    const e = error as {
      response?: { status?: number };
      root?: {
        Envelope?: {
          Body?: { Fault?: { faultcode?: string; detail?: { WFMError?: { code?: string } } } };
        };
      };
    };
    const f = e.root?.Envelope?.Body?.Fault;
    return { status: e.response?.status, faultcode: f?.faultcode, code: f?.detail?.WFMError?.code };
  }
  throw new Error('expected a SOAP Fault');
}

/** A raw SOAP 1.1 POST (for requests node-soap would never send). */
export async function rawSoap(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
    body,
  });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

/** A SOAP 1.1 envelope around `inner` (the operation element). */
export function envelope(inner: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
}

/** The WFMError code of a raw Fault reply. */
export function faultCodeIn(text: string): string | undefined {
  return /<code>([A-Z_]+)<\/code>/.exec(text)?.[1];
}
