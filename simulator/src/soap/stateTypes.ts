import type { SimStateType } from '../data/model.js';

/**
 * The simulator's numbering of ESchStateType, as documented in the WSDL
 * (`src/upstream/engage/soap/wsdl/NOTES.md`). Kept apart from the gateway's copy on purpose: the WSDL is
 * the contract between them, and round-trip tests catch a drift.
 */
const NUMBERS: Record<SimStateType, number> = {
  ACTIVITY: 0,
  ACTIVITY_SET: 1,
  BREAK: 2,
  MEAL: 3,
  EXCEPTION: 4,
  TIME_OFF: 5,
  DAY_OFF: 6,
  MARKED_TIME: 7,
  SHIFT: 8,
};

/** The `wmStateType` number of a simulator state type. */
export function stateTypeNumber(type: SimStateType): number {
  return NUMBERS[type];
}
