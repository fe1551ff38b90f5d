/**
 * WFM 8.5 SOAP through node-soap: the four WSDLs are read once at start-up (from the URLs the
 * server serves them at); per request, LocateServer → OpenSession opens a session and the config
 * and schedule calls go to the session's URLs, all with the caller's Bearer token. A first
 * version: one session per request, no session cache.
 */
import soap from 'soap';
import type { AgentState } from '../scheduleItems.js';

type Wsdl = ConstructorParameters<typeof soap.Client>[0];
type Reply = Record<string, unknown>;

const SERVICES = [
  'WFMLocatorService800',
  'WFMSessionService800',
  'WFMConfigService850',
  'WFMScheduleService852',
] as const;
type Service = (typeof SERVICES)[number];

/** The WFM SOAP API for one request. */
export interface WfmSoap {
  getSite(siteId: number): Promise<{ id: number; name: string; timeZone: string } | null>;
  getAgents(
    siteId: number,
  ): Promise<{ id: number; firstName?: string; lastName?: string; siteId: number }[]>;
  getAgentStates(query: {
    siteId: number;
    startOle: number;
    endOle: number;
    agentIds: readonly number[];
  }): Promise<AgentState[]>;
}

/** Loads the WSDLs; the returned factory makes a request's `WfmSoap`. */
export async function loadWfmSoap(upstream: string) {
  const wsdls = new Map<Service, Wsdl>();
  for (const service of SERVICES) {
    const client = await soap.createClientAsync(`${upstream}/?Handler=${service}&wsdl`);
    wsdls.set(service, client.wsdl);
  }
  const clientAt = (service: Service, url: string, authorization: string) => {
    const client = new soap.Client(wsdls.get(service) as Wsdl, url);
    client.addHttpHeader('Authorization', authorization);
    return client;
  };
  const call = async (client: soap.Client, operation: string, args: object): Promise<Reply> => {
    const method = client[`${operation}Async`] as (a: object) => Promise<[Reply]>;
    const [reply] = await method.call(client, args);
    return reply;
  };

  return (authorization: string, userId: () => Promise<number>): WfmSoap => {
    let session: Promise<Map<string, string>> | undefined;
    const endpoints = () =>
      (session ??= (async () => {
        const id = await userId();
        const locator = clientAt(
          'WFMLocatorService800',
          `${upstream}/?Handler=WFMLocatorService800`,
          authorization,
        );
        const located = await call(locator, 'LocateServer', {
          serviceName: 'SessionService800',
          appName: 'bench-apollo-peer',
          userID: id,
        });
        const sessionUrl = (located.LocateServerResult as Reply).sessionServiceURL as string;
        const opened = await call(
          clientAt('WFMSessionService800', sessionUrl, authorization),
          'OpenSession',
          { appName: 'bench-apollo-peer', userID: id },
        );
        const services = list((opened.OpenSessionResult as Reply).services);
        return new Map(services.map((s) => [s.serviceName as string, s.serviceURL as string]));
      })());
    const config = async () =>
      clientAt(
        'WFMConfigService850',
        (await endpoints()).get('ConfigService850') as string,
        authorization,
      );
    const schedule = async () =>
      clientAt(
        'WFMScheduleService852',
        (await endpoints()).get('ScheduleService852') as string,
        authorization,
      );

    return {
      async getSite(siteId) {
        const reply = await call(await config(), 'GetSite', {
          filter: { wmSiteId: [siteId] },
          sortMode: 'CFG_SITE_SORT_NAME',
          infoType: 'CFG_INFO_OBJECT',
        });
        const site = list((reply.GetSiteResult as Reply | undefined)?.objectArray)[0];
        return site
          ? {
              id: site.wmSiteId as number,
              name: site.wmName as string,
              timeZone: site.wmTimeZone as string,
            }
          : null;
      },
      async getAgents(siteId) {
        const reply = await call(await config(), 'GetAgent', { filter: { wmSiteId: [siteId] } });
        return list((reply.GetAgentResult as Reply | undefined)?.objectArray).map((a) => ({
          id: a.gswAgentId as number,
          firstName: a.gswFirstName as string | undefined,
          lastName: a.gswLastName as string | undefined,
          siteId: a.wmSiteId as number,
        }));
      },
      async getAgentStates({ siteId, startOle, endOle, agentIds }) {
        const reply = await call(await schedule(), 'GetAgentState', {
          source: 'SCH_SOURCE_COMMITTED',
          scenarioId: 0,
          siteId,
          startDateTime: startOle,
          endDateTime: endOle,
          agentId: [...agentIds],
        });
        const holder = (reply.GetAgentStateResult as Reply | undefined) ?? {};
        const names = new Map(
          list(holder.schStateInfo).map((i) => [`${i.wmStateType}:${i.wmStateId}`, i.wmName]),
        );
        return list(holder.schAgentState).map((s) => ({
          agentId: s.gswAgentId as number,
          type: s.wmStateType as number,
          name: (names.get(`${s.wmStateType}:${s.wmStateId}`) as string | undefined) ?? '',
          startOle: s.wmStartDateTime as number,
          endOle: s.wmEndDateTime as number,
          fullDay: s.wmFullDay as boolean,
          paid: s.wmPaid as boolean,
        }));
      },
    };
  };
}

function list(value: unknown): Reply[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as Reply[];
}
