/**
 * In-memory upstreams for unit and schema tests: a small WFM world (Chicago and Berlin sites),
 * every call recorded, failures injectable per operation. No network.
 */
import { UpstreamError } from '../../src/errors/UpstreamError.js';
import type { CallContext } from '../../src/types/CallContext.js';
import type {
  AuthApi,
  CloudUserDetails,
  OpenIdUserInfo,
  OAuthToken,
} from '../../src/types/AuthApi.js';
import type {
  AgentStateQuery,
  WfmAgentRecord,
  WfmAgentStateRecord,
  WfmSiteRecord,
  WfmSoapApi,
  WfmTeamRecord,
} from '../../src/types/WfmSoapApi.js';
import type { WfmApi, WfmUserInfo } from '../../src/types/WfmApi.js';
import type { Upstreams } from '../../src/types/Upstreams.js';

/** One recorded upstream call. */
export interface FakeCall {
  operation: string;
  token: string;
  args: unknown;
}

/** A failure rule: the first matching rule's error is thrown instead of answering. */
export interface FakeFailure {
  operation: string;
  when?: (args: unknown) => boolean;
  error: Error;
}

/** The fake WFM world. */
export interface FakeWorld {
  sites: WfmSiteRecord[];
  teams: WfmTeamRecord[];
  agents: WfmAgentRecord[];
  /** States of all agents (OLE in their site's local time). */
  states: WfmAgentStateRecord[];
}

/** Shared call log and failure rules of one fake set. */
export class FakeLog {
  readonly calls: FakeCall[] = [];
  readonly failures: FakeFailure[] = [];

  record(ctx: CallContext, operation: string, args: unknown): void {
    this.calls.push({ operation, token: ctx.token, args });
    const rule = this.failures.find((f) => f.operation === operation && (f.when?.(args) ?? true));
    if (rule) throw rule.error;
  }

  count(operation: string): number {
    return this.calls.filter((c) => c.operation === operation).length;
  }

  of(operation: string): FakeCall[] {
    return this.calls.filter((c) => c.operation === operation);
  }
}

/**
 * WFM SOAP over a {@link FakeWorld}, with the simulator's visibility rules: sites outside
 * `visibleSiteIds` (default: all) are left out of GetSite and refused (INSUFFICIENT_PRIVILEGES)
 * in GetTeam/GetAgent site filters, unknown ones are NOT_FOUND; with `ownAgentId` set (an agent
 * caller), GetAgentState naming anyone else is refused.
 */
export class FakeSoap implements WfmSoapApi {
  readonly dropped: string[] = [];
  visibleSiteIds: number[] | null = null;
  ownAgentId: number | null = null;

  constructor(
    readonly world: FakeWorld,
    readonly log: FakeLog,
  ) {}

  async getSites(ctx: CallContext, siteIds?: readonly number[]): Promise<WfmSiteRecord[]> {
    this.log.record(ctx, 'GetSite', { siteIds });
    return this.world.sites.filter(
      (s) => this.visible(s.id) && (!siteIds || siteIds.includes(s.id)),
    );
  }

  async getTeams(
    ctx: CallContext,
    filter: { siteIds?: readonly number[]; teamIds?: readonly number[] },
  ) {
    this.log.record(ctx, 'GetTeam', filter);
    this.checkSites('GetTeam', filter.siteIds);
    return this.world.teams.filter(
      (t) =>
        this.visible(t.siteId) &&
        (!filter.siteIds || filter.siteIds.includes(t.siteId)) &&
        (!filter.teamIds || filter.teamIds.includes(t.id)),
    );
  }

  async getAgents(
    ctx: CallContext,
    filter: {
      siteIds?: readonly number[];
      teamIds?: readonly number[];
      agentIds?: readonly number[];
    },
  ): Promise<WfmAgentRecord[]> {
    this.log.record(ctx, 'GetAgent', filter);
    this.checkSites('GetAgent', filter.siteIds);
    return this.world.agents.filter(
      (a) =>
        this.visible(a.siteId) &&
        (!filter.siteIds || filter.siteIds.includes(a.siteId)) &&
        (!filter.teamIds || (a.teamId !== null && filter.teamIds.includes(a.teamId))) &&
        (!filter.agentIds || filter.agentIds.includes(a.id)),
    );
  }

  async getAgentStates(ctx: CallContext, query: AgentStateQuery): Promise<WfmAgentStateRecord[]> {
    this.log.record(ctx, 'GetAgentState', query);
    this.checkSites('GetAgentState', [query.siteId]);
    if (
      this.ownAgentId !== null &&
      !(query.agentIds?.length && query.agentIds.every((id) => id === this.ownAgentId))
    ) {
      throw privilegeFault('GetAgentState');
    }
    const ids = query.agentIds ? new Set(query.agentIds) : null;
    const atSite = new Set(
      this.world.agents.filter((a) => a.siteId === query.siteId).map((a) => a.id),
    );
    return this.world.states.filter(
      (s) =>
        atSite.has(s.agentId) &&
        (ids === null || ids.has(s.agentId)) &&
        s.startOle < query.endOle &&
        s.endOle > query.startOle,
    );
  }

  dropSession(tokenHash: string): void {
    this.dropped.push(tokenHash);
  }

  private checkSites(operation: string, siteIds: readonly number[] | undefined): void {
    for (const id of siteIds ?? []) {
      if (!this.world.sites.some((s) => s.id === id)) {
        throw new UpstreamError('NOT_FOUND', 'fault', {
          service: 'wfm-soap',
          operation,
          status: 500,
        });
      }
      if (!this.visible(id)) throw privilegeFault(operation);
    }
  }

  private visible(siteId: number): boolean {
    return this.visibleSiteIds === null || this.visibleSiteIds.includes(siteId);
  }
}

/** The UpstreamError the SOAP client raises for a WFM INSUFFICIENT_PRIVILEGES fault. */
export function privilegeFault(operation: string): UpstreamError {
  return new UpstreamError('FORBIDDEN', 'fault', {
    service: 'wfm-soap',
    operation,
    status: 500,
    reason: 'INSUFFICIENT_PRIVILEGES',
  });
}

/** Authentication API answers for one fixed user. */
export class FakeAuth implements AuthApi {
  constructor(
    readonly user: CloudUserDetails,
    readonly openId: OpenIdUserInfo,
    readonly log: FakeLog,
  ) {}
  async userInfo(ctx: CallContext) {
    this.log.record(ctx, 'userinfo', null);
    return this.user;
  }
  async openIdUserInfo(ctx: CallContext) {
    this.log.record(ctx, 'openid/userinfo', null);
    return this.openId;
  }
  async ping(ctx: CallContext) {
    this.log.record(ctx, 'ping', null);
  }
  async signOut(ctx: CallContext, global: boolean) {
    this.log.record(ctx, 'sign-out', { global });
  }
  async changePassword(
    ctx: CallContext,
    input: { oldPassword: string; newPassword: string; userName?: string },
  ) {
    this.log.record(ctx, 'change-password', input);
  }
  async exchangeCode(): Promise<OAuthToken> {
    throw new Error('not used in tests');
  }
}

/** WFM REST answering one profile (or the failure rule set for `system/userinfo`). */
export class FakeWfm implements WfmApi {
  constructor(
    readonly info: WfmUserInfo,
    readonly log: FakeLog,
  ) {}
  async userInfo(ctx: CallContext) {
    this.log.record(ctx, 'system/userinfo', null);
    return this.info;
  }
}

/** A complete fake set. */
export interface Fakes {
  upstreams: Upstreams;
  soap: FakeSoap;
  auth: FakeAuth;
  wfm: FakeWfm;
  log: FakeLog;
}

/** Builds fakes over `world` for a caller described by `user`, `openId` and `wfmUser`. */
export function createFakes(options: {
  world: FakeWorld;
  user: CloudUserDetails;
  openId?: OpenIdUserInfo;
  wfmUser?: WfmUserInfo;
}): Fakes {
  const log = new FakeLog();
  const soap = new FakeSoap(options.world, log);
  const auth = new FakeAuth(
    options.user,
    options.openId ?? { authorities: options.user.authorities },
    log,
  );
  const wfm = new FakeWfm(
    options.wfmUser ?? { userId: options.user.dbid ?? 1, userType: 'SUPERVISOR' },
    log,
  );
  return { upstreams: { auth, wfm, soap }, soap, auth, wfm, log };
}

/** A CallContext for tests. */
export function testCall(token = 'token-1'): CallContext {
  return { token, tokenHash: `hash-of-${token}`, requestId: 'req-1' };
}
