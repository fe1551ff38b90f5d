import type { WfmStateType } from '../../../types/WfmSoapApi.js';

/**
 * `wmStateType` numbers of WFMScheduleService852 (ESchStateType), as the bundled WSDL documents
 * them (`wsdl/NOTES.md`). The simulator keeps its own copy on purpose: the WSDL is the contract.
 */
const BY_NUMBER: readonly WfmStateType[] = [
  'ACTIVITY', // 0 SCH_STATE_ACTIVITY
  'ACTIVITY_SET', // 1 SCH_STATE_ACTIVITY_SET
  'BREAK', // 2 SCH_STATE_BREAK
  'MEAL', // 3 SCH_STATE_MEAL
  'EXCEPTION', // 4 SCH_STATE_EXCEPTION
  'TIME_OFF', // 5 SCH_STATE_TIMEOFF
  'DAY_OFF', // 6 SCH_STATE_DAYOFF
  'MARKED_TIME', // 7 SCH_STATE_MARKED_TIME
  'SHIFT', // 8 SCH_STATE_SHIFT
];

/** The state type of a `wmStateType` number, or undefined for a number WFM added later. */
export function stateTypeOf(wmStateType: number): WfmStateType | undefined {
  return Number.isInteger(wmStateType) ? BY_NUMBER[wmStateType] : undefined;
}
