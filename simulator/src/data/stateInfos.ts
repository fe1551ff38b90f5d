import type { SimStateInfo, SimStateType } from './model.js';

/** The state-info lookup (SchStateInfo): display names by type and `wmStateId`. */
export const STATE_INFOS: readonly SimStateInfo[] = [
  { type: 'SHIFT', stateId: 1, name: 'Early shift' },
  { type: 'SHIFT', stateId: 2, name: 'Day shift' },
  { type: 'SHIFT', stateId: 3, name: 'Late shift' },
  { type: 'SHIFT', stateId: 4, name: 'Night shift' },
  { type: 'ACTIVITY', stateId: 1, name: 'Phone' },
  { type: 'ACTIVITY', stateId: 2, name: 'Email' },
  { type: 'ACTIVITY', stateId: 3, name: 'Chat' },
  { type: 'ACTIVITY', stateId: 4, name: 'Back office' },
  { type: 'ACTIVITY_SET', stateId: 1, name: 'Phone + Email' },
  { type: 'ACTIVITY_SET', stateId: 2, name: 'Chat + Email' },
  { type: 'BREAK', stateId: 1, name: 'Coffee break' },
  { type: 'BREAK', stateId: 2, name: 'Short break' },
  { type: 'MEAL', stateId: 1, name: 'Lunch' },
  { type: 'MEAL', stateId: 2, name: 'Dinner' },
  { type: 'EXCEPTION', stateId: 1, name: 'Training' },
  { type: 'EXCEPTION', stateId: 2, name: 'Team meeting' },
  { type: 'EXCEPTION', stateId: 3, name: 'Coaching' },
  { type: 'TIME_OFF', stateId: 1, name: 'Vacation' },
  { type: 'TIME_OFF', stateId: 2, name: 'Sick leave' },
  { type: 'DAY_OFF', stateId: 1, name: 'Day off' },
  { type: 'MARKED_TIME', stateId: 1, name: 'Overtime' },
  { type: 'MARKED_TIME', stateId: 2, name: 'Project work' },
];

/** The display name of a state, or `undefined` for an unknown (type, stateId). */
export function stateName(type: SimStateType, stateId: number): string | undefined {
  return STATE_INFOS.find((s) => s.type === type && s.stateId === stateId)?.name;
}
