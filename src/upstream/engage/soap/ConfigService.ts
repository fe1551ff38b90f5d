import { UpstreamError } from '../../../errors/UpstreamError.js';
import type { CallContext } from '../../../types/CallContext.js';
import { int, list, object, optionalInt, optionalStr, readReply, str } from './replyShape.js';
import { idList } from './idArgs.js';
import type { SoapPort } from './SoapPort.js';
import type { WfmSession } from './WfmSession.js';
import type { WfmAgentRecord, WfmSiteRecord, WfmTeamRecord } from '../../../types/WfmSoapApi.js';

/**
 * WFMConfigService850 for the gateway: sites, teams and agents the caller may see, each call on
 * the caller's session and with the caller's token. Rejects with UpstreamError.
 */
export class ConfigService {
  readonly #port: SoapPort;
  readonly #session: WfmSession;

  constructor(port: SoapPort, session: WfmSession) {
    this.#port = port;
    this.#session = session;
  }

  /** `GetSite`, sorted by name; `siteIds` (when given and not empty) restricts the answer. */
  async getSites(ctx: CallContext, siteIds?: readonly number[]): Promise<WfmSiteRecord[]> {
    const filter = idList('wmSiteId', siteIds);
    const args = {
      ...(Object.keys(filter).length > 0 ? { filter } : {}),
      sortMode: 'CFG_SITE_SORT_NAME',
      infoType: 'CFG_INFO_OBJECT',
    };
    const reply = await this.#call(ctx, 'GetSite', args);
    return readReply('GetSite', () =>
      list(object(reply, 'GetSiteResult'), 'objectArray').map((s) => ({
        id: int(s, 'wmSiteId'),
        buId: int(s, 'wmBUId'),
        name: str(s, 'wmName'),
        timeZone: str(s, 'wmTimeZone'),
      })),
    ).map(checkTimeZone);
  }

  /** `GetTeam` by sites and/or team ids (ANDed; empty lists do not restrict). */
  async getTeams(
    ctx: CallContext,
    filter: { siteIds?: readonly number[]; teamIds?: readonly number[] },
  ): Promise<WfmTeamRecord[]> {
    const args = {
      filter: { ...idList('wmSiteId', filter.siteIds), ...idList('wmTeamId', filter.teamIds) },
    };
    const reply = await this.#call(ctx, 'GetTeam', args);
    return readReply('GetTeam', () =>
      list(object(reply, 'GetTeamResult'), 'objectArray').map((t) => ({
        id: int(t, 'wmTeamId'),
        siteId: int(t, 'wmSiteId'),
        name: str(t, 'wmName'),
      })),
    );
  }

  /** `GetAgent` by sites, teams and/or agent ids (ANDed; empty lists do not restrict). */
  async getAgents(
    ctx: CallContext,
    filter: {
      siteIds?: readonly number[];
      teamIds?: readonly number[];
      agentIds?: readonly number[];
    },
  ): Promise<WfmAgentRecord[]> {
    const args = {
      filter: {
        ...idList('wmSiteId', filter.siteIds),
        ...idList('wmTeamId', filter.teamIds),
        ...idList('gswAgentId', filter.agentIds),
      },
    };
    const reply = await this.#call(ctx, 'GetAgent', args);
    return readReply('GetAgent', () =>
      list(object(reply, 'GetAgentResult'), 'objectArray').map((a) => ({
        id: int(a, 'gswAgentId'),
        firstName: optionalStr(a, 'gswFirstName'),
        lastName: optionalStr(a, 'gswLastName'),
        siteId: int(a, 'wmSiteId'),
        teamId: optionalInt(a, 'wmTeamId') ?? null,
      })),
    );
  }

  #call(ctx: CallContext, operation: string, args: Record<string, unknown>): Promise<unknown> {
    return this.#session.run(ctx, (endpoints) =>
      this.#port.call({ operation, url: endpoints.configUrl, args, ctx, idempotent: true }),
    );
  }
}

const knownZones = new Map<string, boolean>();

/** A site whose time zone Intl does not know cannot have its schedule converted: an upstream ERROR. */
function checkTimeZone(site: WfmSiteRecord): WfmSiteRecord {
  let known = knownZones.get(site.timeZone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: site.timeZone });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 1_000) knownZones.set(site.timeZone, known);
  }
  if (!known) {
    throw new UpstreamError('ERROR', 'wfm-soap GetSite: a site has an unknown time zone', {
      service: 'wfm-soap',
      operation: 'GetSite',
    });
  }
  return site;
}
