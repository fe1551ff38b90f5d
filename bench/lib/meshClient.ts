/**
 * What a client of the Mesh peer does that the gateway does for its callers: the WFM session
 * handshake (WFM REST userinfo → LocateServer → OpenSession, through Mesh), the site-week
 * document in the upstream shapes Mesh exposes (OLE dates, state numbers, a state-info table),
 * and the conversion of that answer into the gateway's shape for the equality check.
 */
import { request } from 'undici';
import { toItems, type AgentState } from '../peers/scheduleItems.js';
import { msToOle } from '../peers/time.js';

const P = {
  site: 'WFMConfigService850_WFMConfigService850_WFMConfigService850Soap_GetSite',
  agents: 'WFMConfigService850_WFMConfigService850_WFMConfigService850Soap_GetAgent',
  states: 'WFMScheduleService852_WFMScheduleService852_WFMScheduleService852Soap_GetAgentState',
  locate: 'WFMLocatorService800_WFMLocatorService800_WFMLocatorService800Soap_LocateServer',
  open: 'WFMSessionService800_WFMSessionService800_WFMSessionService800Soap_OpenSession',
};

/** `me { user { … } }` in Mesh's shape: the REST answer as it is. */
export const MESH_ME =
  '{ userinfo { username loginName cmeUserName dbid contactCenterId environmentId authorities { name privileges } } }';

/** The site-week document through Mesh: site (for its zone), its agents, their states. */
export function meshWeek(siteId: number, startOle: number, endOle: number): string {
  return `{
  site: ${P.site}(GetSite: { filter: { wmSiteId: [${siteId}] }, sortMode: "CFG_SITE_SORT_NAME", infoType: "CFG_INFO_OBJECT" }) { GetSiteResult { objectArray { wmSiteId wmTimeZone } } }
  agents: ${P.agents}(GetAgent: { filter: { wmSiteId: [${siteId}] } }) { GetAgentResult { objectArray { gswAgentId } } }
  states: ${P.states}(GetAgentState: { source: "SCH_SOURCE_COMMITTED", scenarioId: 0, siteId: ${siteId}, startDateTime: ${startOle}, endDateTime: ${endOle} }) {
    GetAgentStateResult {
      schStateInfo { wmStateType wmStateId wmName }
      schAgentState { gswAgentId wmStateType wmStateId wmStartDateTime wmEndDateTime wmFullDay wmPaid }
    }
  }
}`;
}

/** The OLE range of [from, to) in `timeZone` (what the client sends Mesh). */
export function oleRange(from: string, to: string, timeZone: string): [number, number] {
  return [msToOle(Date.parse(from), timeZone), msToOle(Date.parse(to), timeZone)];
}

/** POSTs a document to `url` as `token`; rejects on HTTP errors or GraphQL errors. */
export async function post(
  url: string,
  token: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<{ text: string; body: Record<string, unknown> }> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query }),
    bodyTimeout: 120_000,
    headersTimeout: 120_000,
  });
  const text = await response.body.text();
  const body = JSON.parse(text) as Record<string, unknown>;
  if (response.statusCode !== 200 || body.errors)
    throw new Error(`${url} answered ${response.statusCode}: ${text.slice(0, 400)}`);
  return { text, body };
}

/** The WFM session handshake for `token` through Mesh; the header the Mesh peer reads. */
export async function meshSession(url: string, token: string): Promise<Record<string, string>> {
  const who = await post(url, token, '{ wfmUserinfo { userId } }');
  const userId = (who.body.data as { wfmUserinfo: { userId: number } }).wfmUserinfo.userId;
  const args = `appName: "bench-mesh-client", userID: ${userId}`;
  const opened = await post(
    url,
    token,
    `mutation { ${P.locate}(LocateServer: { serviceName: "SessionService800", ${args} }) { LocateServerResult { sessionServiceURL } }
      ${P.open}(OpenSession: { ${args} }) { OpenSessionResult { services { serviceName serviceURL } } } }`,
  );
  const data = opened.body.data as Record<
    string,
    { OpenSessionResult: { services: { serviceURL: string }[] } }
  >;
  const serviceUrl = data[P.open]?.OpenSessionResult.services[0]?.serviceURL ?? '';
  const session = new URL(serviceUrl).searchParams.get('SessionID');
  if (!session) throw new Error('Mesh OpenSession gave no SessionID');
  return { 'x-wfm-session': session };
}

type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] => (v == null ? [] : Array.isArray(v) ? v : [v]) as Obj[];

/** Mesh's site-week answer in the gateway's shape (`site { agents { id schedule { items {type name start end} } } }`). */
export function meshWeekAsOurs(body: Obj): Obj {
  const data = body.data as Obj;
  const site = list(((data.site as Obj).GetSiteResult as Obj).objectArray)[0] as Obj;
  const zone = site.wmTimeZone as string;
  const holder = (data.states as Obj).GetAgentStateResult as Obj;
  const names = new Map(
    list(holder.schStateInfo).map((i) => [`${i.wmStateType}:${i.wmStateId}`, i.wmName as string]),
  );
  const byAgent = new Map<number, AgentState[]>();
  for (const s of list(holder.schAgentState)) {
    const state: AgentState = {
      agentId: s.gswAgentId as number,
      type: s.wmStateType as number,
      name: names.get(`${s.wmStateType}:${s.wmStateId}`) ?? '',
      startOle: s.wmStartDateTime as number,
      endOle: s.wmEndDateTime as number,
      fullDay: s.wmFullDay as boolean,
      paid: s.wmPaid as boolean,
    };
    byAgent.set(state.agentId, [...(byAgent.get(state.agentId) ?? []), state]);
  }
  const agents = list(((data.agents as Obj).GetAgentResult as Obj).objectArray).map((a) => ({
    id: String(a.gswAgentId),
    schedule: {
      items: toItems(byAgent.get(a.gswAgentId as number) ?? [], zone).map(
        ({ type, name, start, end }) => ({ type, name, start, end }),
      ),
    },
  }));
  return { data: { site: { agents } } };
}

/** Mesh's `userinfo` answer in the gateway's shape (`me { user }`). */
export function meshMeAsOurs(body: Obj): Obj {
  return { data: { me: { user: (body.data as Obj).userinfo } } };
}
