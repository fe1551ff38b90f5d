import type {
  CloudManagementUnitRecord,
  CloudMe,
  CloudScheduleEntry,
  CloudTeamRecord,
  CloudUserRecord,
} from '../../types/CloudApi.js';

type Obj = Record<string, unknown>;

function obj(value: unknown, field: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError(field);
  return value as Obj;
}

function str(o: Obj, key: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') throw new TypeError(key);
  return v;
}

function optStr(o: Obj, key: string): string | null {
  const v = o[key];
  return typeof v === 'string' ? v : null;
}

/** `{entities: [...]}` read with `item`; a missing `entities` is an empty listing. */
export function readEntries<T>(body: unknown, item: (e: unknown) => T): T[] {
  const entities = obj(body, 'listing').entities;
  if (entities === undefined) return [];
  if (!Array.isArray(entities)) throw new TypeError('entities');
  return entities.map(item);
}

export function readMe(body: unknown): CloudMe {
  const o = obj(body, 'user');
  const auth = o.authorization === undefined ? {} : obj(o.authorization, 'authorization');
  const roles = Array.isArray(auth.roles) ? auth.roles.map((r) => obj(r, 'role')) : [];
  const permissions = Array.isArray(auth.permissions)
    ? auth.permissions.filter((p): p is string => typeof p === 'string')
    : [];
  return {
    client: null,
    id: str(o, 'id'),
    name: optStr(o, 'name'),
    email: optStr(o, 'email'),
    username: optStr(o, 'username'),
    roles: roles.map((r) => ({ id: str(r, 'id'), name: optStr(r, 'name') ?? '' })),
    permissions,
  };
}

/**
 * `TokenInfo` (`GET tokens/me`) of a client-credentials token as a `CloudMe`: the OAuth client
 * (`OAuthClient`, as the SDKs name it on the wire) with no roles and no permissions.
 */
export function readTokenClient(body: unknown): CloudMe {
  const o = obj(body, 'tokenInfo');
  const client = obj(o.OAuthClient ?? o.oAuthClient, 'OAuthClient');
  const org = client.organization === undefined ? null : obj(client.organization, 'organization');
  const id = str(client, 'id');
  const name = optStr(client, 'name');
  return {
    client: { id, name, organizationId: org ? optStr(org, 'id') : null },
    id,
    name,
    email: null,
    username: null,
    roles: [],
    permissions: [],
  };
}

export function readUnit(e: unknown): CloudManagementUnitRecord {
  const o = obj(e, 'managementUnit');
  const bu = o.businessUnit === undefined ? null : obj(o.businessUnit, 'businessUnit');
  return {
    id: str(o, 'id'),
    name: optStr(o, 'name') ?? '',
    businessUnitId: bu ? optStr(bu, 'id') : null,
    timeZone: str(o, 'timeZone'),
  };
}

export function readUser(e: unknown): CloudUserRecord {
  const o = obj(e, 'user');
  const team = o.team === undefined ? null : obj(o.team, 'team');
  return { id: str(o, 'id'), name: optStr(o, 'name'), teamId: team ? optStr(team, 'id') : null };
}

export function readTeam(e: unknown): CloudTeamRecord {
  const o = obj(e, 'team');
  return { id: str(o, 'id'), name: optStr(o, 'name') ?? '' };
}

function instant(o: Obj, key: string): number {
  const ms = Date.parse(str(o, key));
  if (!Number.isFinite(ms)) throw new TypeError(key);
  return ms;
}

function minutes(o: Obj): number {
  const v = o.lengthMinutes;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 60 * 24 * 31)
    throw new TypeError('lengthMinutes');
  return v * 60_000;
}

/**
 * `BuAgentSchedulesSearchResponse` flattened: each shift, each of its activities and each
 * full-day marker as an entry with UTC instants (`startDate` + `lengthMinutes`).
 */
export function readSearch(body: unknown): CloudScheduleEntry[] {
  const schedules = obj(body, 'result').agentSchedules;
  if (schedules === undefined) return [];
  if (!Array.isArray(schedules)) throw new TypeError('agentSchedules');
  const out: CloudScheduleEntry[] = [];
  for (const s of schedules) {
    const a = obj(s, 'agentSchedule');
    const userId = str(obj(a.user, 'user'), 'id');
    for (const sh of Array.isArray(a.shifts) ? a.shifts : []) {
      const shift = obj(sh, 'shift');
      const startMs = instant(shift, 'startDate');
      out.push({
        kind: 'shift',
        userId,
        startMs,
        endMs: startMs + minutes(shift),
        activityCodeId: null,
        description: null,
        paid: true,
        date: null,
      });
      for (const ac of Array.isArray(shift.activities) ? shift.activities : []) {
        const act = obj(ac, 'activity');
        const start = instant(act, 'startDate');
        out.push({
          kind: 'activity',
          userId,
          startMs: start,
          endMs: start + minutes(act),
          activityCodeId: optStr(act, 'activityCodeId'),
          description: optStr(act, 'description'),
          paid: act.paid !== false,
          date: null,
        });
      }
    }
    for (const m of Array.isArray(a.fullDayTimeOffMarkers) ? a.fullDayTimeOffMarkers : []) {
      const marker = obj(m, 'marker');
      const date = str(marker, 'businessUnitDate');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new TypeError('businessUnitDate');
      out.push({
        kind: 'fullDay',
        userId,
        // Resolved to the management unit's local midnight by the caller, which knows the zone.
        startMs: Date.parse(`${date}T00:00:00Z`),
        endMs: Date.parse(`${date}T00:00:00Z`) + DAY,
        activityCodeId: optStr(marker, 'activityCodeId'),
        description: optStr(marker, 'description'),
        paid: marker.paid === true,
        date,
      });
    }
  }
  return out;
}

const DAY = 86_400_000;
