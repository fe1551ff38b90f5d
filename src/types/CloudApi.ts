import type { CallContext } from './CallContext.js';
import type { TimeOffApi } from './TimeOffApi.js';

/**
 * `GET /api/v2/users/me?expand=authorization`, the fields the gateway uses; for a token of the
 * client-credentials grant (no user), what `GET /api/v2/tokens/me` says of its OAuth client:
 * `client` set, `id` the client id, `name` its name, no roles or permissions.
 */
export interface CloudMe {
  /** The OAuth client of a client-credentials token; null for a user. */
  client: { id: string; name: string | null; organizationId: string | null } | null;
  id: string;
  name: string | null;
  email: string | null;
  username: string | null;
  roles: { id: string; name: string }[];
  permissions: string[];
}

export interface CloudManagementUnitRecord {
  id: string;
  name: string;
  businessUnitId: string | null;
  /** IANA zone of the management unit. */
  timeZone: string;
}

export interface CloudUserRecord {
  id: string;
  name: string | null;
  teamId: string | null;
}

export interface CloudTeamRecord {
  id: string;
  name: string;
}

export interface CloudActivityCodeRecord {
  id: string;
  name: string;
  category: string;
}

/** One activity or full-day marker of a search answer, times as UTC instants (epoch ms). */
export interface CloudScheduleEntry {
  kind: 'shift' | 'activity' | 'fullDay';
  userId: string;
  startMs: number;
  endMs: number;
  /** Activity code id (absent for a shift). */
  activityCodeId: string | null;
  description: string | null;
  paid: boolean;
  /** Full-day markers: the management unit's local date, `yyyy-MM-dd`. */
  date: string | null;
}

/**
 * The Genesys Cloud Platform API as the gateway uses it (genesys-facts §4). Every call forwards
 * `ctx.token`; failures reject with `UpstreamError` (service `cloud`) carrying the correlation id.
 * Time off (`TimeOffApi`) is served by Cloud only.
 */
export interface CloudApi extends TimeOffApi {
  me(ctx: CallContext): Promise<CloudMe>;
  /** The caller's management unit (`agents/me/managementunit`); null when not an agent. */
  myManagementUnitId(ctx: CallContext): Promise<string | null>;
  managementUnits(ctx: CallContext): Promise<CloudManagementUnitRecord[]>;
  managementUnitUserIds(ctx: CallContext, muId: string): Promise<string[]>;
  users(ctx: CallContext, ids: readonly string[]): Promise<CloudUserRecord[]>;
  teams(ctx: CallContext): Promise<CloudTeamRecord[]>;
  activityCodes(ctx: CallContext, buId: string): Promise<CloudActivityCodeRecord[]>;
  /** Published schedules of a management unit over [fromMs, toMs), chunked by the API's limits. */
  searchSchedules(
    ctx: CallContext,
    query: { muId: string; fromMs: number; toMs: number; userIds?: readonly string[] },
  ): Promise<CloudScheduleEntry[]>;
  /** The caller's own published schedule over [fromMs, toMs) (`agentschedules/mine`), chunked likewise. */
  mySchedule(
    ctx: CallContext,
    range: { fromMs: number; toMs: number },
  ): Promise<CloudScheduleEntry[]>;
}
