import type { CloudManagementUnit, CloudTeam, CloudUser, CloudWorld } from './CloudWorld.js';

export const API_BASE_PATH = '/api/v2';
const WFM = `${API_BASE_PATH}/workforcemanagement`;

/** `User` (genesys-facts §4; SDK `User`), with `authorization` when expanded. */
export function userJson(
  cloud: CloudWorld,
  u: CloudUser,
  expand: ReadonlySet<string>,
): Record<string, unknown> {
  const team = u.agent ? cloud.teams.find((t) => t.team.id === u.agent!.teamId) : undefined;
  return {
    id: u.id,
    name: `${u.user.firstName} ${u.user.lastName}`,
    division: {
      id: cloud.businessUnit.divisionId,
      name: 'Home',
      selfUri: `${API_BASE_PATH}/authorization/divisions/${cloud.businessUnit.divisionId}`,
    },
    email: u.user.email,
    username: u.user.email,
    state: 'active',
    version: 1,
    ...(team
      ? {
          team: { id: team.id, name: team.team.name, selfUri: `${API_BASE_PATH}/teams/${team.id}` },
        }
      : {}),
    ...(expand.has('authorization')
      ? {
          authorization: {
            roles: u.roles.map((r) => ({ id: r.id, name: r.name })),
            unusedRoles: [],
            permissions: u.permissions,
          },
        }
      : {}),
    selfUri: `${API_BASE_PATH}/users/${u.id}`,
  };
}

export function userRef(u: CloudUser): { id: string; selfUri: string } {
  return { id: u.id, selfUri: `${API_BASE_PATH}/users/${u.id}` };
}

export function teamJson(cloud: CloudWorld, t: CloudTeam): Record<string, unknown> {
  return {
    id: t.id,
    name: t.team.name,
    division: {
      id: cloud.businessUnit.divisionId,
      selfUri: `${API_BASE_PATH}/authorization/divisions/${cloud.businessUnit.divisionId}`,
    },
    description: `${t.mu.site.name} team`,
    memberCount: cloud.membersOf(t).length,
    selfUri: `${API_BASE_PATH}/teams/${t.id}`,
  };
}

export function managementUnitJson(
  cloud: CloudWorld,
  mu: CloudManagementUnit,
): Record<string, unknown> {
  return {
    id: mu.id,
    name: mu.site.name,
    businessUnit: {
      id: cloud.businessUnit.id,
      selfUri: `${WFM}/businessunits/${cloud.businessUnit.id}`,
    },
    startDayOfWeek: 'Monday',
    timeZone: mu.site.timeZone,
    division: {
      id: mu.divisionId,
      selfUri: `${API_BASE_PATH}/authorization/divisions/${mu.divisionId}`,
    },
    version: 1,
    selfUri: `${WFM}/managementunits/${mu.id}`,
  };
}

export function businessUnitJson(
  cloud: CloudWorld,
  withSettings: boolean,
): Record<string, unknown> {
  const bu = cloud.businessUnit;
  return {
    id: bu.id,
    name: bu.name,
    ...(withSettings
      ? { settings: { startDayOfWeek: 'Monday', timeZone: bu.timeZone, metadata: { version: 1 } } }
      : {}),
    division: {
      id: bu.divisionId,
      selfUri: `${API_BASE_PATH}/authorization/divisions/${bu.divisionId}`,
    },
    selfUri: `${WFM}/businessunits/${bu.id}`,
  };
}

/**
 * One page of a legacy listing (genesys-facts §4.4): `entities`, `pageSize`, `pageNumber`,
 * `total`, `pageCount` and the `*Uri` links. `pageSize` 1–100 (default 25), `pageNumber` ≥ 1.
 */
export function pageOf<T>(
  items: readonly T[],
  params: URLSearchParams,
  path: string,
): Record<string, unknown> | string {
  const pageSize = intParam(params.get('pageSize'), 25);
  const pageNumber = intParam(params.get('pageNumber'), 1);
  if (pageSize === null || pageSize < 1 || pageSize > 100) return 'pageSize must be 1–100';
  if (pageNumber === null || pageNumber < 1) return 'pageNumber must be 1 or more';
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  const link = (n: number) => {
    const q = new URLSearchParams(params);
    q.set('pageSize', String(pageSize));
    q.set('pageNumber', String(n));
    return `${path}?${q.toString()}`;
  };
  return {
    entities: items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
    pageSize,
    pageNumber,
    total: items.length,
    pageCount,
    firstUri: link(1),
    selfUri: link(pageNumber),
    lastUri: link(pageCount),
    ...(pageNumber < pageCount ? { nextUri: link(pageNumber + 1) } : {}),
    ...(pageNumber > 1 ? { previousUri: link(pageNumber - 1) } : {}),
  };
}

/**
 * A cursor page (`TeamEntityListing`, `TeamMemberEntityListing`): `entities`, `selfUri` and
 * `nextUri`/`previousUri` carrying `after`/`before` cursors (the index, base64url).
 */
export function cursorPageOf<T>(
  items: readonly T[],
  params: URLSearchParams,
  path: string,
): Record<string, unknown> | string {
  const pageSize = intParam(params.get('pageSize'), 25);
  if (pageSize === null || pageSize < 1 || pageSize > 100) return 'pageSize must be 1–100';
  const after = params.get('after');
  let start = 0;
  if (after !== null) {
    const n = Number(Buffer.from(after, 'base64url').toString('utf8'));
    if (!Number.isInteger(n) || n < 0) return 'after is not a cursor of this listing';
    start = n;
  }
  const end = Math.min(items.length, start + pageSize);
  const link = (cursor: 'after' | 'before', index: number) => {
    const q = new URLSearchParams(params);
    q.delete('after');
    q.delete('before');
    q.set('pageSize', String(pageSize));
    q.set(cursor, Buffer.from(String(index)).toString('base64url'));
    return `${path}?${q.toString()}`;
  };
  return {
    entities: items.slice(start, end),
    selfUri: `${path}?${params.toString()}`,
    ...(end < items.length ? { nextUri: link('after', end) } : {}),
    ...(start > 0 ? { previousUri: link('before', start) } : {}),
  };
}

function intParam(value: string | null, fallback: number): number | null {
  if (value === null) return fallback;
  return /^\d{1,6}$/.test(value) ? Number(value) : null;
}
