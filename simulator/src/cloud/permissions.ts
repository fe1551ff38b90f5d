import type { SimUser } from '../data/model.js';

/** Permissions of a WFM supervisor (the names are the Platform API's, genesys-facts §4.5). */
export const SUPERVISOR_PERMISSIONS: readonly string[] = [
  'wfm:businessUnit:view',
  'wfm:managementUnit:view',
  'wfm:agent:view',
  'wfm:schedule:view',
  'wfm:publishedSchedule:view',
  'wfm:activityCode:view',
  'wfm:agentSchedule:view',
  'wfm:timeOffRequest:view',
  'wfm:timeOffRequest:edit',
  'wfm:timeOffRequest:add',
  'groups:team:view',
  'directory:user:view',
];
/** Permissions of a WFM agent: their own schedule only. */
export const AGENT_PERMISSIONS: readonly string[] = [
  'wfm:agentSchedule:view',
  'wfm:agentTimeOffRequest:submit',
];
/** What a user without a WFM role may do. */
export const BASIC_PERMISSIONS: readonly string[] = ['directory:user:view'];

/** Roles (as `UserAuthorization.roles`) and the permissions they grant. */
export interface CloudRole {
  id: string;
  name: string;
  permissions: readonly string[];
}

/** The Cloud roles of a seeded user, from their WFM role. */
export function rolesOf(user: SimUser, roleIds: (name: string) => string): CloudRole[] {
  const employee: CloudRole = {
    id: roleIds('employee'),
    name: 'employee',
    permissions: BASIC_PERMISSIONS,
  };
  if (!user.wfm) return [employee];
  if (user.wfm.type === 'SUPERVISOR')
    return [
      employee,
      {
        id: roleIds('WFM Supervisor'),
        name: 'WFM Supervisor',
        permissions: SUPERVISOR_PERMISSIONS,
      },
    ];
  return [
    employee,
    { id: roleIds('WFM Agent'), name: 'WFM Agent', permissions: AGENT_PERMISSIONS },
  ];
}

/** The union of the roles' permissions, sorted. */
export function permissionsOf(roles: readonly CloudRole[]): string[] {
  return [...new Set(roles.flatMap((r) => r.permissions))].sort();
}
